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
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmark import harness  # noqa: E402  (the server, browser and "settled" the benchmark uses too)

SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}

READY_TIMEOUT_S = 25.0
QUIET_MS = 250  # the page must not have changed for this long to count as ready
MAX_SCREENSHOT_HEIGHT = 16_000  # Chromium cannot capture much taller surfaces


def _serve(tmp_path_factory: pytest.TempPathFactory, data_dir: Path | None = None) -> Iterator[str]:
    """Start the app (on ``data_dir`` when given, through BDE_DATA_DIR), yield its base URL, stop it."""
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {**os.environ, "BDE_DATA_DIR": str(data_dir)} if data_dir else None
    try:
        # The code may change under a running test session; the server must keep the code it started with.
        server = harness.start_server(harness.REPO_ROOT, harness.APP_SCRIPT, log_path, {"server.fileWatcherType": "none"}, env=env)
    except harness.HarnessError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield server.base_url
    finally:
        server.stop()


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
        try:
            launched, _name = harness.launch_chromium(playwright)
        except harness.HarnessError as error:
            pytest.fail(str(error), pytrace=False)
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
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught exception: {error}"))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
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
        return harness.page_state(self.page) or {}

    def wait_ready(self, title: str | None = None, timeout_s: float = READY_TIMEOUT_S) -> dict:
        """Wait until the run has finished and every chart has marks (and the h1 is ``title``)."""
        try:
            return harness.wait_settled(self.page, QUIET_MS, timeout_s, title=title)
        except TimeoutError as error:
            pytest.fail(str(error), pytrace=False)

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
            context.add_init_script(harness.MONITOR_JS)
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
def fresh_tab(browser, app_url):
    """A factory of tabs each in a browser context of its own: nothing stored by an earlier test
    (Streamlit keeps the sidebar's open or closed state in localStorage) is there."""
    contexts = []

    def make(viewport: dict | None = None, locale: str = "en-US") -> AppPage:
        context = browser.new_context(viewport=viewport or DESKTOP, locale=locale)
        context.set_default_timeout(15_000)
        context.add_init_script(harness.MONITOR_JS)
        contexts.append(context)
        return AppPage(context.new_page(), app_url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def payload_page(_contexts, payload_app_url) -> Iterator[AppPage]:
    """A tab on the app that reads the payload data."""
    tab = AppPage(_contexts(DESKTOP, "en-US").new_page(), payload_app_url)
    yield tab
    tab.page.close()
