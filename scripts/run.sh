#!/usr/bin/env bash
# Start the app on this machine: make the project venv (.venv, which scripts/test.sh shares) on
# first use, install the pinned packages into it, and serve on http://127.0.0.1:8501.
# A venv rather than the system Python: Debian's and Ubuntu's python3 refuse `pip install`
# outside one (PEP 668, "externally-managed-environment").
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv || {
      echo "Could not create .venv. On Debian or Ubuntu: sudo apt install python3-venv" >&2
      exit 1
    }
  fi
  PYTHON=.venv/bin/python
fi
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements.txt

# Headless: no attempt to open a browser and no first-run e-mail prompt. Loopback address and no
# usage statistics: nothing is exposed to the network and nothing is sent out.
exec "$PYTHON" -m streamlit run serve.py \
  --server.headless true --server.address 127.0.0.1 --browser.gatherUsageStats false "$@"
