"""Real-browser test set-up: the app on a free loopback port, a headless Chromium, and page helpers.

The server is started once per session as a maintainer starts it (``streamlit run``), on 127.0.0.1
and without usage statistics, so nothing leaves the machine; its file watcher is off, so code edited
during a run does not change the app under test. The browser is Debian's
Chromium when there is one (``BDE_CHROMIUM`` overrides the path), else Playwright's own. Without
any browser the tests fail and say how to install one: a skipped browser test proves nothing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}

SERVER_START_TIMEOUT_S = 30.0
READY_TIMEOUT_S = 25.0
MAX_SCREENSHOT_HEIGHT = 16_000  # Chromium cannot capture much taller surfaces

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Loading a deep link such as /District_map logs 404s for /District_map/_stcore/health and
# /_stcore/host-config before the app finds its real base path; the page works all the same.
DEEP_LINK_404 = "Failed to load resource: the server responded with a status of 404"

# Everything "is the page ready" means, in one place: the script has finished its run, the page
# has its title, nothing on it is stale from the previous run, and every chart has drawn marks.
# `.stPrintGraphic` marks the element container of a chart as soon as the run sends it, before the
# chart's code has loaded, so a chart still loading counts as pending rather than as absent.
PAGE_STATUS_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const state = app ? app.getAttribute('data-test-script-state') : null;
  if (!main) return {state, ready: false, h1: null};
  const h1 = main.querySelector('h1');
  const stale = main.querySelectorAll('[data-stale="true"]').length;
  let charts = 0, drawn = 0, pending = 0;
  for (const box of main.querySelectorAll('.stPrintGraphic')) {
    const chart = box.querySelector('[data-testid="stVegaLiteChart"]');
    if (!chart) {
      if (box.querySelector('img, canvas, iframe')) continue;  // a graphic that is not a chart
      pending++;
      continue;
    }
    charts++;
  }
  const embeds = [...main.querySelectorAll('.vega-embed')];
  for (const embed of embeds) {
    const svg = embed.querySelector('svg.marks, svg .marks');
    if (svg && svg.querySelectorAll('.role-mark > *').length > 0) drawn++;
  }
  // The last messages of a run can land just after the run is reported finished: ask for a
  // moment without any change to the page as well.
  const quietMs = Math.round(performance.now() - (window.__bdeLastMutation || 0));
  const ready = state === 'notRunning' && !!h1 && stale === 0 && pending === 0
    && embeds.length >= charts && drawn === embeds.length && quietMs >= QUIET_MS;
  return {state, h1: h1 ? h1.textContent.trim() : null, stale, charts, embeds: embeds.length, drawn, pending, quietMs, ready};
}
"""


QUIET_MS = 250
PAGE_STATUS_JS = PAGE_STATUS_JS.replace("QUIET_MS", str(QUIET_MS))

# Installed in every page before its own scripts: remembers when the page last changed.
WATCH_MUTATIONS_JS = """
window.__bdeLastMutation = performance.now();
new MutationObserver(() => { window.__bdeLastMutation = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=1) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _serve(tmp_path_factory: pytest.TempPathFactory, data_dir: Path | None = None) -> Iterator[str]:
    """Start the app (on ``data_dir`` when given, through BDE_DATA_DIR), yield its base URL, stop it."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        # The code may change under a running test session; the server must keep the code it started with.
        "--server.fileWatcherType", "none",
    ]
    env = {**os.environ, "BDE_DATA_DIR": str(data_dir)} if data_dir else None
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                reason = (
                    f"exited with code {process.returncode}"
                    if process.poll() is not None
                    else f"was not healthy after {SERVER_START_TIMEOUT_S:.0f} s"
                )
                pytest.fail(
                    f"The Streamlit server ({' '.join(command)}) {reason}. Its log:\n"
                    + log_path.read_text(encoding="utf-8", errors="replace"),
                    pytrace=False,
                )
            time.sleep(0.1)
        yield base_url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the app, started for this session and stopped after it."""
    yield from _serve(tmp_path_factory)


@pytest.fixture(scope="session")
def payload_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second app whose data has a hostile payload in every text column (tests/payloads.py)."""
    from payloads import seed

    data_dir = tmp_path_factory.mktemp("payload") / "data"
    shutil.copytree(REPO_ROOT / "data", data_dir)
    seed(data_dir)
    yield from _serve(tmp_path_factory, data_dir)


def _browser_candidates() -> list[tuple[str, str | None]]:
    candidates: list[tuple[str, str | None]] = []
    override = os.environ.get("BDE_CHROMIUM")
    if override:
        candidates.append((f"BDE_CHROMIUM={override}", override))
    if Path("/usr/bin/chromium").exists():
        candidates.append(("/usr/bin/chromium", "/usr/bin/chromium"))
    found = shutil.which("chromium")
    if found and found not in {path for _, path in candidates}:
        candidates.append((found, found))
    candidates.append(("Playwright's bundled Chromium", None))
    return candidates


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "The browser tests need Playwright's Python package: python -m pip install -r requirements-test.txt",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        tried = []
        launched = None
        for name, executable in _browser_candidates():
            try:
                launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
                break
            except Exception as error:  # any launch failure: try the next candidate, report them all
                tried.append(f"- {name}: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}")
        if launched is None:
            pytest.fail(
                "No Chromium could be launched for the browser tests. Tried:\n"
                + "\n".join(tried)
                + "\nInstall one: on Debian, as root, `apt-get install chromium` (then it is found at "
                "/usr/bin/chromium); elsewhere `python -m playwright install chromium`. "
                "Or point BDE_CHROMIUM at a Chromium executable.",
                pytrace=False,
            )
        try:
            yield launched
        finally:
            launched.close()


class AppPage:
    """One browser tab on the app, collecting console errors as it goes."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.ignored_404s: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught exception: {error}"))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith(DEEP_LINK_404) and "/_stcore/" in url:
            self.ignored_404s.append(url)
            return
        where = f" ({url})" if url else ""
        self.console_errors.append(f"{message.text}{where}")

    # --- navigation -------------------------------------------------------------------------

    def open(self, path: str = "", **params: str) -> None:
        """Load ``/path?params`` as a reader following a link would, and wait until it is ready."""
        query = "&".join(f"{name}={value}" for name, value in params.items())
        url = f"{self.base_url}/{path}" + (f"?{query}" if query else "")
        self.page.goto(url, wait_until="domcontentloaded")
        self.wait_ready()

    def status(self) -> dict:
        return self.page.evaluate(PAGE_STATUS_JS)

    def wait_ready(self, title: str | None = None, timeout_s: float = READY_TIMEOUT_S) -> dict:
        """Wait until the run has finished and every chart has marks (and the h1 is ``title``)."""
        deadline = time.monotonic() + timeout_s
        status: dict = {}
        while time.monotonic() < deadline:
            status = self.status()
            if status.get("ready") and (title is None or status.get("h1") == title):
                return status
            self.page.wait_for_timeout(100)
        pytest.fail(
            f"{self.page.url} was not ready after {timeout_s:.0f} s"
            + (f" (waiting for the title {title!r})" if title else "")
            + f": {status}",
            pytrace=False,
        )

    def wait_for_param(self, name: str, value: str, timeout_s: float = 10) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if value in self.query().get(name, []):
                return
            self.page.wait_for_timeout(50)
        pytest.fail(f"The link never got {name}={value}: it is {self.page.url}", pytrace=False)

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def path(self) -> str:
        return urlsplit(self.page.url).path.strip("/")

    # --- checks -----------------------------------------------------------------------------

    def assert_healthy(self) -> None:
        """No exception box, no error box, no unexpected console error, every chart with marks."""
        page = self.page
        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, f"{page.url} shows an exception:\n" + "\n".join(exceptions.all_inner_texts())
        errors = page.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]')
        assert errors.count() == 0, f"{page.url} shows an error box:\n" + "\n---\n".join(
            page.locator('[data-testid="stMain"]').all_inner_texts()
        )[:3000]
        status = self.status()
        assert status["drawn"] == status["embeds"], f"{page.url}: a chart has no marks: {status}"
        assert not self.console_errors, f"{page.url}: console errors:\n" + "\n".join(self.console_errors)

    def keyed_ids(self, prefix: str) -> set[str]:
        """The ids behind elements keyed ``<prefix><id>`` (Streamlit gives them class st-key-<key>)."""
        classes = self.page.evaluate(
            """(prefix) => [...document.querySelectorAll('[data-testid="stMain"] [class*="st-key-' + prefix + '"]')]
                 .flatMap(e => [...e.classList]).filter(c => c.startsWith('st-key-' + prefix))""",
            prefix,
        )
        return {name[len("st-key-") + len(prefix) :] for name in classes}

    # --- screenshots ------------------------------------------------------------------------

    def screenshot_full(self, path: Path) -> None:
        """The whole page: Streamlit scrolls an inner container, so grow the viewport to fit it."""
        page = self.page
        original = page.viewport_size
        width = original["width"]
        path.parent.mkdir(parents=True, exist_ok=True)
        height = original["height"]
        for _ in range(3):  # a taller viewport can reflow the page; settle in a few steps at most
            wanted = page.evaluate(
                """() => Math.ceil(Math.max(...['[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]']
                     .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight),
                     document.documentElement.scrollHeight))"""
            )
            wanted = min(max(wanted, original["height"]), MAX_SCREENSHOT_HEIGHT)
            if wanted <= height:
                break
            height = wanted
            page.set_viewport_size({"width": width, "height": height})
            self.wait_ready()
        page.screenshot(path=str(path), full_page=True)
        page.set_viewport_size(original)


@pytest.fixture(scope="session")
def _contexts(browser):
    """One browser context per screen size for the session: its cache keeps the app's scripts warm.

    Each test still gets its own tab, and each tab is its own Streamlit session.
    """
    contexts: dict[tuple[int, int, str], object] = {}

    def get(viewport: dict, locale: str):
        key = (viewport["width"], viewport["height"], locale)
        if key not in contexts:
            context = browser.new_context(viewport=viewport, locale=locale)
            context.set_default_timeout(15_000)
            context.add_init_script(WATCH_MUTATIONS_JS)
            contexts[key] = context
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def make_tab(_contexts, app_url):
    """Open a new tab on the app (its own Streamlit session); the caller closes ``tab.page``."""

    def make(viewport: dict | None = None, locale: str = "en-US") -> AppPage:
        return AppPage(_contexts(viewport or DESKTOP, locale).new_page(), app_url)

    return make


@pytest.fixture
def new_app_page(make_tab):
    """A factory of fresh tabs on the app, closed after the test."""
    tabs: list[AppPage] = []

    def make(viewport: dict | None = None, locale: str = "en-US") -> AppPage:
        tabs.append(make_tab(viewport, locale))
        return tabs[-1]

    yield make
    for tab in tabs:
        tab.page.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """artifacts/screenshots/ in the repository (not committed)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture
def app_page(new_app_page) -> AppPage:
    return new_app_page()


@pytest.fixture
def payload_page(_contexts, payload_app_url) -> Iterator[AppPage]:
    """A tab on the app that reads the payload data."""
    tab = AppPage(_contexts(DESKTOP, "en-US").new_page(), payload_app_url)
    yield tab
    tab.page.close()


