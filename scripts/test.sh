#!/usr/bin/env bash
# Install everything the tests need on a fresh machine (Python packages and a browser), then run them.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ -z "${VIRTUAL_ENV:-}" ]; then
  # A project venv keeps the pinned versions away from whatever the machine has installed.
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  PYTHON=.venv/bin/python
fi
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# The browser tests drive a real Chromium. Debian's package needs no download from a browser
# vendor (which is blocked on CI); elsewhere Playwright's own installer is the usual way.
if [ -z "${BDE_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium from Debian's packages..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    "$PYTHON" -m playwright install chromium
  fi
fi

# Chinese pages are checked in the browser (labels that must not overlap, text that must not be
# cut): without a CJK font Chromium draws boxes of other widths, so the checks would measure boxes.
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; }; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Noto CJK fonts from Debian's packages..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  else
    echo "Chinese pages need a CJK font for the browser tests (Debian: apt-get install fonts-noto-cjk)." >&2
  fi
fi

# tests/test_deploy.py runs the deployment's nginx configuration in front of two local replicas.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing nginx from Debian's packages (only the binary is used; no service is started)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    echo "tests/test_deploy.py needs nginx: install it with your package manager (Debian: apt-get install nginx)." >&2
  fi
fi

exec "$PYTHON" -m pytest "$@"
