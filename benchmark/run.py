"""Benchmark the app on this machine: real server on loopback, real Chromium, real data.

Run from the repository root:

    python benchmark/run.py

Prints one fixed-width table (measurement, value, target, PASS/MISS) and writes the same numbers to
benchmark/results/latest.json. See benchmark/README.md for what each row means. Everything talks to
127.0.0.1 only; every loop has a bound and every wait a timeout.
"""

from __future__ import annotations

import argparse
import base64
import csv
import gc
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from lib import vocab  # noqa: E402
from lib.data import data_dir  # noqa: E402
from lib.navigation import PAGES, PAGES_BY_KEY  # noqa: E402
from lib.validate import validate_file  # noqa: E402

RESULTS_FILE = REPO_ROOT / "benchmark" / "results" / "latest.json"
DATA_DIR = data_dir()  # data/, or BDE_DATA_DIR as the app itself reads it
HOST = "127.0.0.1"

# Bounds: how many times, and for how long at most.
WARM_VISITS = 5
COLD_AGAIN = 3
SESSIONS = 10
SESSION_PAGES = ("overview", "ai", "map", "manufacturing", "sources")
# A deep link logs two 404s for /PAGE/_stcore/... before the app finds its base path (ENV-NOTES).
DEEP_LINK_404 = "Failed to load resource: the server responded with a status of 404"
VALIDATION_REPEATS = 5
GENERATED_SIZES = (100_000, 1_000_000)
BAD_FILE_ROWS = 100_000
SERVER_START_TIMEOUT_S = 30.0
READY_TIMEOUT_S = 30.0
SESSION_ROUND_TIMEOUT_S = 240.0
SETTLE_MS = 500  # the page must not change for this long before a measurement is read
POLL_S = 0.05

# Targets (PASS/MISS beside the measurements).
SECTION_PAGES = ("overview", "ai", "manufacturing", "public_services", "infrastructure", "data_factor")
SECTION_FLOOR_RATIO = 2.0
MAP_FLOOR_RATIO = 3.0
COLD_FIRST_PAGE_S = 2.5
VALIDATION_ROWS_PER_S = 200_000
RSS_LIMIT_MB = 400

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 900}

# Installed in every page before the app's own scripts. It keeps, in page time (performance.now(),
# which starts at navigation start): when the page last became "drawn" (the run finished, the h1 is
# there, nothing is stale and every chart has marks), when a chart last changed, when the page last
# changed at all, and when a probe (a condition set from Python) first held.
MONITOR_JS = """
(() => {
  const M = window.__bde = {ready: false, readyAt: null, lastChartMutation: 0, lastMutation: 0,
                            probe: null, probeAt: null, clickAt: null};
  function drawn() {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    if (!app || !main || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (!main.querySelector('h1') || main.querySelector('[data-stale="true"]')) return false;
    let charts = 0;
    for (const box of main.querySelectorAll('.stPrintGraphic')) {
      if (box.querySelector('[data-testid="stVegaLiteChart"]')) charts++;
      else if (!box.querySelector('img, canvas, iframe')) return false;  // a chart still loading
    }
    const embeds = main.querySelectorAll('.vega-embed');
    if (embeds.length < charts) return false;
    for (const embed of embeds) {
      const svg = embed.querySelector('svg.marks, svg .marks');
      if (!svg || !svg.querySelector('.role-mark > *')) return false;
    }
    return true;
  }
  function check() {
    const now = performance.now();
    const ok = drawn();
    if (ok && !M.ready) M.readyAt = now;
    M.ready = ok;
    if (M.probe && M.probeAt === null) {
      try { if (M.probe()) M.probeAt = now; } catch (error) { /* not there yet */ }
    }
  }
  new MutationObserver(records => {
    const now = performance.now();
    M.lastMutation = now;
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (node && node.closest && node.closest('.vega-embed')) { M.lastChartMutation = now; break; }
    }
    check();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  setInterval(check, 20);
  addEventListener('click', event => { M.clickAt = event.timeStamp; }, true);
})();
"""

STATE_JS = """() => { const M = window.__bde; return M ? {ready: M.ready, readyAt: M.readyAt,
  lastChartMutation: M.lastChartMutation, lastMutation: M.lastMutation, probeAt: M.probeAt,
  clickAt: M.clickAt, now: performance.now(), url: location.href} : null; }"""

def app_server_settings() -> dict[str, object]:
    """The [server] and [runner] settings of the app's .streamlit/config.toml, as command-line options.

    The floor is measured twice: as Streamlit runs it by default (the targets' reference), and
    with these settings, so that what the settings alone win is not counted as the app's merit.
    """
    with open(REPO_ROOT / ".streamlit" / "config.toml", "rb") as handle:
        config = tomllib.load(handle)
    return {f"{section}.{name}": value for section in ("server", "runner") for name, value in config.get(section, {}).items()}


FLOOR_APP = textwrap.dedent(
    """
    import altair as alt
    import pandas as pd
    import streamlit as st

    st.title("Floor: one chart")
    frame = pd.DataFrame({"item": list("ABCDE"), "value": [3, 1, 4, 1, 5]})
    st.altair_chart(alt.Chart(frame).mark_bar().encode(x="item:N", y="value:Q"))
    """
)


# --------------------------------------------------------------------------------------------
# Server


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    start_to_healthy_s: float
    log_path: Path

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=1) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def start_server(app_dir: Path, script: str, log_dir: Path, name: str, options: dict[str, object] | None = None) -> Server:
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    log_path = log_dir / f"{name}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", HOST,
        "--browser.gatherUsageStats", "false",
    ]
    for option, value in (options or {}).items():
        command += [f"--{option}", str(value).lower() if isinstance(value, bool) else str(value)]
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT)
    deadline = started + SERVER_START_TIMEOUT_S
    while not healthy(base_url):
        if process.poll() is not None or time.perf_counter() > deadline:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            sys.exit(f"{name}: the server did not become healthy. Its log:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.02)
    return Server(process, base_url, time.perf_counter() - started, log_path)


# --------------------------------------------------------------------------------------------
# Browser


def launch_browser(playwright):
    candidates = []
    if os.environ.get("BDE_CHROMIUM"):
        candidates.append(os.environ["BDE_CHROMIUM"])
    if Path("/usr/bin/chromium").exists():
        candidates.append("/usr/bin/chromium")
    if shutil.which("chromium"):
        candidates.append(shutil.which("chromium"))
    candidates.append(None)  # Playwright's own
    errors = []
    for executable in dict.fromkeys(candidates):
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            return browser, executable or "playwright bundled chromium"
        except Exception as error:  # try the next one; report all if none works
            errors.append(f"{executable or 'bundled'}: {str(error).strip().splitlines()[0] if str(error).strip() else error}")
    sys.exit(
        "No Chromium could be launched:\n  " + "\n  ".join(errors)
        + "\nInstall one: on Debian, as root, `apt-get install chromium`; elsewhere `python -m playwright install chromium`."
    )


@dataclass
class Traffic:
    """Requests that left loopback (there must be none), for the whole run."""

    foreign: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        def on_request(request):
            host = urlsplit(request.url).hostname
            if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in (HOST, "localhost"):
                self.foreign.append(request.url)

        context.on("request", on_request)


def new_context(browser, traffic: Traffic):
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.set_default_timeout(int(READY_TIMEOUT_S * 1000))
    context.add_init_script(MONITOR_JS)
    traffic.watch(context)
    return context


def wait_settled(page, timeout_s: float = READY_TIMEOUT_S, probe: bool = False) -> dict:
    """Wait until the page is drawn (and the probe held) and nothing changed for SETTLE_MS."""
    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(STATE_JS)
        if (
            state
            and state["ready"]
            and (not probe or state["probeAt"] is not None)
            and state["now"] - max(state["lastMutation"], state["readyAt"] or 0) >= SETTLE_MS
        ):
            return state
        time.sleep(POLL_S)
    raise TimeoutError(f"{page.url} did not settle in {timeout_s:.0f} s: {state}")


def drawn_s(state: dict) -> float:
    """Page time at which the page was drawn and its charts stopped changing, in seconds."""
    return max(state["readyAt"], state["lastChartMutation"]) / 1000


def visit(page, url: str) -> float:
    page.goto(url, wait_until="commit")
    return drawn_s(wait_settled(page))


def page_url(base_url: str, key: str) -> str:
    return f"{base_url}/{PAGES_BY_KEY[key].url_path}?lang=en"


def measure_page_loads(browser, traffic: Traffic, base_url: str, keys: list[str], url_for) -> dict[str, dict]:
    """Cold: first visit in a fresh context. Warm: median of WARM_VISITS more visits in it."""
    results = {}
    for key in keys:
        context = new_context(browser, traffic)
        try:
            page = context.new_page()
            cold = visit(page, url_for(base_url, key))
            warm = [visit(page, url_for(base_url, key)) for _ in range(WARM_VISITS)]
            results[key] = {"cold_s": cold, "warm_s": statistics.median(warm), "warm_all_s": warm}
        finally:
            context.close()
    return results


def measure_cold_again(browser, traffic: Traffic, url: str) -> dict:
    """A new reader on a running server: the first page in COLD_AGAIN fresh browser contexts."""
    times = []
    for _ in range(COLD_AGAIN):
        context = new_context(browser, traffic)
        try:
            times.append(visit(context.new_page(), url))
        finally:
            context.close()
    return {"median_s": statistics.median(times), "all_s": times}


def pick_option(page, widget_key: str, option: str) -> None:
    box = page.locator(f'[data-testid="stSidebar"] .st-key-{widget_key} [role="combobox"]')
    box.click()
    box.fill(option)
    page.evaluate("() => { window.__bde.clickAt = null; }")
    page.get_by_role("option", name=option, exact=True).click()


def measure_filter_change(browser, traffic: Traffic, base_url: str) -> dict:
    """On the overview: choose a sector in the sidebar; time from the click to charts redrawn."""
    from lib.i18n import t
    from lib.filters import FILTER_SECTORS

    sector = "digital_economy" if "digital_economy" in FILTER_SECTORS else FILTER_SECTORS[0]
    label = t(f"sector.{sector}", "en")
    context = new_context(browser, traffic)
    try:
        page = context.new_page()
        visit(page, page_url(base_url, "overview"))
        visit(page, page_url(base_url, "overview"))  # warm, as a reader who is already there
        pick_option(page, "sector_filter", label)
        # The link changes while the rerun runs; from then on "drawn" has to hold again and settle.
        deadline = time.monotonic() + READY_TIMEOUT_S
        while f"sector={sector}" not in page.url:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the sector filter never reached the link: {page.url}")
            # Not time.sleep: Playwright learns of URL changes only while it handles events.
            page.wait_for_timeout(POLL_S * 1000)
        page.keyboard.press("Escape")
        state = wait_settled(page)
        charts = page.locator('[data-testid="stMain"] .vega-embed').count()
        return {"sector": sector, "seconds": (drawn_s(state) * 1000 - state["clickAt"]) / 1000, "charts_after": charts}
    finally:
        context.close()


POINT_ON_DISTRICT_JS = """
(name) => {
  const paths = [...document.querySelectorAll('.vega-embed svg path[role="graphics-symbol"]')]
    .filter(p => (p.getAttribute('aria-label') || '').includes('District: ' + name + ';')
              && !(p.getAttribute('aria-label') || '').includes('Initiative:'));
  if (paths.length !== 1) return null;
  const path = paths[0];
  path.scrollIntoView({block: 'center'});
  const box = path.getBoundingClientRect();
  for (let i = 0; i <= 12; i++) for (let j = 0; j <= 12; j++) {
    const x = box.left + box.width * (0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) / 12);
    const y = box.top + box.height * (0.5 + (j % 2 ? 1 : -1) * Math.ceil(j / 2) / 12);
    if (document.elementFromPoint(x, y) === path) return {x, y};
  }
  return null;
}
"""


def measure_map_click(browser, traffic: Traffic, base_url: str) -> dict:
    """On the map page: click Miyun; time from the click to the list showing only Miyun's initiatives."""
    from lib.i18n import t

    slug = "miyun"
    code = vocab.SLUG_DISTRICTS[slug]
    with open(DATA_DIR / "initiatives.csv", encoding="utf-8", newline="") as handle:
        expected = sorted(row["id"] for row in csv.DictReader(handle) if row["district_code"] == code)
    context = new_context(browser, traffic)
    try:
        page = context.new_page()
        visit(page, page_url(base_url, "map"))
        visit(page, page_url(base_url, "map"))
        point = page.evaluate(POINT_ON_DISTRICT_JS, t(f"district.{code}", "en"))
        if point is None:
            return {"error": "no clickable point found on Miyun"}
        page.evaluate(
            """(expected) => { window.__bde.clickAt = null; window.__bde.probe = () => {
                 const ids = [...document.querySelectorAll('[data-testid="stMain"] [class*="st-key-map_initiatives_"]')]
                   .flatMap(e => [...e.classList]).filter(c => c.startsWith('st-key-map_initiatives_'))
                   .map(c => c.slice('st-key-map_initiatives_'.length)).sort();
                 return JSON.stringify(ids) === JSON.stringify(expected); }; }""",
            expected,
        )
        page.mouse.click(point["x"], point["y"])
        state = wait_settled(page, probe=True)
        return {
            "district": slug,
            "expected_initiatives": expected,
            "seconds": (state["probeAt"] - state["clickAt"]) / 1000,
            "link_has_district": f"district={slug}" in state["url"],
        }
    finally:
        context.close()


def measure_bytes(browser, traffic: Traffic, base_url: str) -> dict[str, dict]:
    """Bytes over the wire per page: HTTP (transfer size) and WebSocket frames, cold then warm."""
    results = {}
    for info in PAGES:
        context = new_context(browser, traffic)
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            counts = {"http": 0, "ws_in": 0, "ws_out": 0, "responses": 0}

            def frame_size(params) -> int:
                response = params["response"]
                data = response.get("payloadData", "")
                if response.get("opcode") == 2:  # binary frames arrive base64-encoded
                    return len(base64.b64decode(data))
                return len(data.encode("utf-8"))

            def on_finished(params):
                counts["http"] += int(params.get("encodedDataLength", 0))
                counts["responses"] += 1

            cdp.on("Network.loadingFinished", on_finished)
            cdp.on("Network.webSocketFrameReceived", lambda params: counts.__setitem__("ws_in", counts["ws_in"] + frame_size(params)))
            cdp.on("Network.webSocketFrameSent", lambda params: counts.__setitem__("ws_out", counts["ws_out"] + frame_size(params)))
            cdp.send("Network.enable")
            entry = {}
            for visit_name in ("cold", "warm"):
                for name in counts:
                    counts[name] = 0
                visit(page, page_url(base_url, info.key))
                entry[visit_name] = dict(counts)
            results[info.key] = entry
        finally:
            context.close()
    return results


def session_url(base_url: str, key: str, session: int, round_index: int) -> str:
    """Each session reads in its own language with its own filters, changing them every round."""
    lang = ("en", "de", "zh")[(session + round_index) % 3]
    slugs = list(vocab.DISTRICT_SLUGS.values())
    query = f"lang={lang}"
    if (session + round_index) % 2:
        query += f"&district={slugs[(session * 3 + round_index) % len(slugs)]}"
    if (session + round_index) % 3 == 1:
        query += "&sector=" + ("data_economy", "artificial_intelligence", "connectivity")[session % 3]
    return f"{base_url}/{PAGES_BY_KEY[key].url_path}?{query}"


def measure_sessions(browser, traffic: Traffic, server: Server) -> dict:
    """SESSIONS readers at once, each switching pages, languages and filters: times, errors, RSS."""
    gc_idle = server.rss_mb()
    contexts = [new_context(browser, traffic) for _ in range(SESSIONS)]
    rounds = {}
    errors: list[str] = []
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.on("console", lambda message, page=page: errors.append(f"{page.url}: {message.text}")
                    if message.type == "error" and not (DEEP_LINK_404 in message.text and "/_stcore/" in (message.location or {}).get("url", "")) else None)
        for round_index, key in enumerate(SESSION_PAGES):
            round_started = time.perf_counter()
            for session, page in enumerate(pages):  # start all, then wait for all: the sessions overlap as real readers do
                page.goto(session_url(server.base_url, key, session, round_index), wait_until="commit")
            # One server runs the sessions' scripts one at a time (Python's GIL): allow for all of them.
            deadline = time.monotonic() + SESSION_ROUND_TIMEOUT_S
            for page in pages:
                wait_settled(page, timeout_s=max(1.0, deadline - time.monotonic()))
                exceptions = page.locator('[data-testid="stException"]').count()
                if exceptions:
                    errors.append(f"{page.url}: {exceptions} exception(s) shown")
            rounds[key] = time.perf_counter() - round_started - SETTLE_MS / 1000
        with_sessions = server.rss_mb()
    finally:
        for context in contexts:
            context.close()
    time.sleep(2)
    return {"idle_mb": gc_idle, "with_sessions_mb": with_sessions, "after_close_mb": server.rss_mb(), "sessions": SESSIONS,
            "pages_each": list(SESSION_PAGES), "round_s": rounds, "errors": errors}


# --------------------------------------------------------------------------------------------
# Validation


def measure_shipped_validation() -> dict:
    results = {}
    for path in sorted(DATA_DIR.glob("*.csv")):
        times = []
        rows = 0
        ok = True
        for _ in range(VALIDATION_REPEATS):
            started = time.perf_counter()
            result = validate_file(path)
            times.append(time.perf_counter() - started)
            rows, ok = len(result.rows), result.ok
        results[path.name] = {"first_ms": times[0] * 1000, "median_ms": statistics.median(times) * 1000, "rows": rows, "ok": ok}
    return results


def _perturbed(row: dict[str, str], block: int) -> dict[str, str]:
    """A valid copy of a real row: unique id, its parent renamed alike, the value nudged within its rules."""
    new = dict(row)
    new["id"] = f"{row['id']}_{block}"
    if row["parent_id"]:
        new["parent_id"] = f"{row['parent_id']}_{block}"
    value = float(row["value"])
    step = block % 10
    measure = row["measure"]
    if measure == "count":
        value = int(value) + step
    elif measure in ("share", "rate"):
        value = min(100.0, value + step / 10)
    elif measure == "growth_yoy":
        value = value + step / 10
    else:
        value = value * (1 + step / 100)
    new["value"] = repr(value) if isinstance(value, float) else str(value)
    return new


def write_generated(path: Path, total_rows: int, base_rows: list[dict[str, str]], columns: list[str], bad: dict[int, Callable[[dict], dict]] | None = None) -> dict[int, int]:
    """Write ``total_rows`` valid rows (bad ones where ``bad`` says); return each bad row's line number."""
    bad = bad or {}
    lines_of_bad: dict[int, int] = {}
    blocks = -(-total_rows // len(base_rows))
    written = 0
    line = 1  # the header is line 1
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for block in range(blocks):
            rows = [_perturbed(row, block) for row in base_rows]
            if written + len(rows) > total_rows:
                rows = rows[: total_rows - written]
                ids = {row["id"] for row in rows}
                for row in rows:  # a cut block must not point at parents it left out
                    if row["parent_id"] and row["parent_id"] not in ids:
                        row["parent_id"] = ""
            for row in rows:
                if written in bad:
                    row = bad[written](row)
                    lines_of_bad[written] = line + 1
                values = [row[column] for column in columns]
                writer.writerow(values)
                line += 1 + sum(value.count("\n") for value in values)
                written += 1
    return lines_of_bad


def measure_generated_validation(tmp: Path) -> dict:
    with open(DATA_DIR / "indicators.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        base_rows = list(reader)
    results = {}
    for size in GENERATED_SIZES:
        path = tmp / f"indicators_{size}.csv"
        write_generated(path, size, base_rows, columns)
        gc.collect()
        started = time.perf_counter()
        result = validate_file(path)
        seconds = time.perf_counter() - started
        results[str(size)] = {
            "rows": len(result.rows),
            "ok": result.ok,
            "problems": [str(p) for p in result.problems[:5]],
            "seconds": seconds,
            "rows_per_s": size / seconds,
            "file_mb": path.stat().st_size / 1e6,
        }
        del result
        path.unlink()
        gc.collect()
    results["bad_rows_check"] = check_bad_rows(tmp, base_rows, columns)
    return results


def check_bad_rows(tmp: Path, base_rows: list[dict[str, str]], columns: list[str]) -> dict:
    """A generated file with a few broken rows: each problem must name the broken row's line and column."""
    parents = {row["parent_id"] for row in base_rows if row["parent_id"]}
    share_index = next(i for i, row in enumerate(base_rows) if row["measure"] == "share")
    leaf_index = next(i for i, row in enumerate(base_rows) if row["id"] not in parents and not row["parent_id"])
    n = len(base_rows)
    first_id = f"{base_rows[leaf_index]['id']}_0"

    def at(block: int, index: int) -> int:
        return block * n + index

    bad = {
        at(3, leaf_index): lambda row: {**row, "value": "twelve"},
        at(811, share_index): lambda row: {**row, "value": "150"},
        at(1200, leaf_index): lambda row: {**row, "id": first_id},
        at(1400, leaf_index): lambda row: {**row, "parent_id": "no_such_figure"},
    }
    expected_columns = {at(3, leaf_index): "value", at(811, share_index): "value", at(1200, leaf_index): "id", at(1400, leaf_index): "parent_id"}
    path = tmp / "indicators_bad.csv"
    lines = write_generated(path, BAD_FILE_ROWS, base_rows, columns, bad)
    result = validate_file(path)
    path.unlink()
    expected = sorted((lines[index], expected_columns[index]) for index in bad)
    found = sorted((problem.line, problem.column) for problem in result.problems)
    return {
        "rows": BAD_FILE_ROWS,
        "expected": [f"line {line}: {column}" for line, column in expected],
        "found": [f"line {problem.line}: {problem.column}: {problem.message}" for problem in result.problems[:10]],
        "ok": found == expected,
    }


# --------------------------------------------------------------------------------------------
# Report


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def build_rows(results: dict) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    app, floor = results["app"], results["floor"]
    rows.append(("server start to healthy", f"{app['start_to_healthy_s']:.2f} s", "", ""))
    rows.append(("floor app: server start to healthy", f"{floor['start_to_healthy_s']:.2f} s", "", ""))
    floor_warm = floor["pages"]["floor"]["warm_s"]
    rows.append(("floor app (1 chart): cold / warm", f"{floor['pages']['floor']['cold_s']:.2f} / {floor_warm:.2f} s", "", ""))
    same = results["floor_app_settings"]
    same_warm = same["pages"]["floor"]["warm_s"]
    rows.append(("floor app, the app's server settings: cold / warm", f"{same['pages']['floor']['cold_s']:.2f} / {same_warm:.2f} s", "", ""))
    first = PAGES[0].key
    cold_first = app["pages"][first]["cold_s"]
    rows.append((f"cold first page ({first}, fresh server)", f"{cold_first:.2f} s", f"< {COLD_FIRST_PAGE_S} s", verdict(cold_first < COLD_FIRST_PAGE_S)))
    again = app["cold_again"]["median_s"]
    rows.append((
        f"cold first page ({first}, a new reader, server running)",
        f"{again:.2f} s (median of {COLD_AGAIN})",
        f"< {COLD_FIRST_PAGE_S} s",
        verdict(again < COLD_FIRST_PAGE_S),
    ))
    for info in PAGES:
        page = app["pages"][info.key]
        ratio = page["warm_s"] / floor_warm
        page["warm_over_floor"] = ratio
        page["warm_over_floor_app_settings"] = page["warm_s"] / same_warm
        if info.key in SECTION_PAGES:
            target, ok = f"warm <= {SECTION_FLOOR_RATIO:g}x floor", ratio <= SECTION_FLOOR_RATIO
        elif info.key == "map":
            target, ok = f"warm <= {MAP_FLOOR_RATIO:g}x floor", ratio <= MAP_FLOOR_RATIO
        else:
            target, ok = "", None
        rows.append((
            f"page {info.key}: cold / warm (x floor; x floor with app settings)",
            f"{page['cold_s']:.2f} / {page['warm_s']:.2f} s ({ratio:.1f}x; {page['warm_over_floor_app_settings']:.1f}x)",
            target,
            verdict(ok),
        ))
    change = app["filter_change"]
    rows.append((f"filter change (sector={change['sector']}) to charts redrawn", f"{change['seconds']:.2f} s", "", ""))
    click = app["map_click"]
    if "error" in click:
        rows.append(("map click to list updated", click["error"], "", "MISS"))
    else:
        rows.append(("map click (Miyun) to list updated", f"{click['seconds']:.2f} s", "link gets district=miyun", verdict(click["link_has_district"])))
    for info in PAGES:
        wire = app["bytes"][info.key]
        cold, warm = wire["cold"], wire["warm"]
        rows.append((
            f"bytes {info.key}: cold http+ws / warm http+ws",
            f"{(cold['http'] + cold['ws_in']) / 1024:.0f} / {(warm['http'] + warm['ws_in']) / 1024:.0f} KiB (ws {cold['ws_in'] / 1024:.0f})",
            "", "",
        ))
    memory = app["memory"]
    rows.append(("server RSS just after start", f"{app['rss_after_start_mb']:.0f} MB", "", ""))
    rows.append(("server RSS before the sessions (after the runs above)", f"{memory['idle_mb']:.0f} MB", "", ""))
    for key, seconds in memory["round_s"].items():
        rows.append((f"{memory['sessions']} sessions open {key} at once: all drawn", f"{seconds:.2f} s", "", ""))
    rows.append((f"{memory['sessions']} sessions switching pages, languages, filters: errors", f"{len(memory.get('errors', []))}", "0", verdict(not memory.get("errors"))))
    rows.append((f"server RSS with {memory['sessions']} sessions", f"{memory['with_sessions_mb']:.0f} MB", f"< {RSS_LIMIT_MB} MB", verdict(memory["with_sessions_mb"] < RSS_LIMIT_MB)))
    rows.append(("server RSS after sessions closed", f"{memory['after_close_mb']:.0f} MB", "", ""))
    validation = results["validation"]
    shipped = validation["shipped"]
    total_first = sum(entry["first_ms"] for entry in shipped.values())
    total_median = sum(entry["median_ms"] for entry in shipped.values())
    for name, entry in shipped.items():
        rows.append((f"validate {name} ({entry['rows']} rows)", f"{entry['first_ms']:.1f} / {entry['median_ms']:.1f} ms", "valid", verdict(entry["ok"])))
    rows.append(("validate shipped data, total first / median", f"{total_first:.1f} / {total_median:.1f} ms", "", ""))
    for size in GENERATED_SIZES:
        entry = validation["generated"][str(size)]
        rows.append((
            f"validate {size:,} generated rows",
            f"{entry['rows_per_s']:,.0f} rows/s ({entry['seconds']:.2f} s, {entry['file_mb']:.0f} MB)",
            f">= {VALIDATION_ROWS_PER_S:,} rows/s",
            verdict(entry["ok"] and entry["rows_per_s"] >= VALIDATION_ROWS_PER_S),
        ))
    bad = validation["generated"]["bad_rows_check"]
    rows.append((f"bad rows in {bad['rows']:,}: right lines named", "; ".join(bad["expected"]), "exact match", verdict(bad["ok"])))
    rows.append(("requests to hosts other than 127.0.0.1", str(len(results["foreign_requests"])), "0", verdict(not results["foreign_requests"])))
    return rows


def print_table(rows: list[tuple[str, str, str, str]], header: str) -> None:
    widths = [max(len(row[i]) for row in rows + [("measurement", "value", "target", "result")]) for i in range(4)]
    line = "  ".join("-" * width for width in widths)
    print(header)
    print("  ".join(title.ljust(width) for title, width in zip(("measurement", "value", "target", "result"), widths)))
    print(line)
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print(line)


def environment() -> dict:
    import altair
    import streamlit

    return {
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "altair": altair.__version__,
        "cpus": os.cpu_count(),
        "load_average_start": os.getloadavg(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-generated", action="store_true", help="leave out the 100k / 1M row validation runs")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "environment": environment()}
    traffic = Traffic()
    with tempfile.TemporaryDirectory(prefix="bde-bench-") as tmp_name:
        tmp = Path(tmp_name)
        with sync_playwright() as playwright:
            browser, browser_name = launch_browser(playwright)
            results["environment"]["browser"] = f"{browser_name} {browser.version}"
            try:
                print("measuring the app ...", flush=True)
                server = start_server(REPO_ROOT, "streamlit_app.py", tmp, "app")
                try:
                    keys = [info.key for info in PAGES]
                    app = {"start_to_healthy_s": server.start_to_healthy_s, "rss_after_start_mb": server.rss_mb()}
                    app["pages"] = measure_page_loads(browser, traffic, server.base_url, keys, page_url)
                    app["cold_again"] = measure_cold_again(browser, traffic, page_url(server.base_url, keys[0]))
                    app["filter_change"] = measure_filter_change(browser, traffic, server.base_url)
                    app["map_click"] = measure_map_click(browser, traffic, server.base_url)
                    app["bytes"] = measure_bytes(browser, traffic, server.base_url)
                    app["memory"] = measure_sessions(browser, traffic, server)
                finally:
                    server.stop()
                results["app"] = app

                print("measuring the floor app ...", flush=True)
                floor_dir = tmp / "floor"
                floor_dir.mkdir()
                (floor_dir / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
                for name, options in (("floor", None), ("floor_app_settings", app_server_settings())):
                    floor_server = start_server(floor_dir, "floor_app.py", tmp, name, options)
                    try:
                        results[name] = {
                            "options": options or {},
                            "start_to_healthy_s": floor_server.start_to_healthy_s,
                            "pages": measure_page_loads(browser, traffic, floor_server.base_url, ["floor"], lambda base, _key: f"{base}/"),
                        }
                    finally:
                        floor_server.stop()
            finally:
                browser.close()

        print("measuring validation ...", flush=True)
        validation = {"shipped": measure_shipped_validation()}
        if args.skip_generated:
            validation["generated"] = None
        else:
            validation["generated"] = measure_generated_validation(tmp)
        results["validation"] = validation
    results["foreign_requests"] = traffic.foreign[:20]
    results["environment"]["load_average_end"] = os.getloadavg()

    if validation["generated"] is None:  # keep the table complete in shape
        validation["generated"] = {str(size): {"rows": 0, "ok": False, "seconds": 0, "rows_per_s": 0, "file_mb": 0} for size in GENERATED_SIZES}
        validation["generated"]["bad_rows_check"] = {"rows": 0, "expected": ["skipped"], "found": [], "ok": False}
    rows = build_rows(results)
    results["table"] = [dict(zip(("measurement", "value", "target", "result"), row)) for row in rows]
    env = results["environment"]
    print()
    print_table(
        rows,
        f"Beijing Digital Economy Explorer benchmark, {results['started']} — {env['cpus']} CPUs, load average "
        f"{env['load_average_start'][0]:.1f} at start / {env['load_average_end'][0]:.1f} at end, {env['browser']}, "
        f"streamlit {env['streamlit']}",
    )
    bad = validation["generated"]["bad_rows_check"]
    print(f"bad-rows check: {'PASS' if bad['ok'] else 'FAIL'}: expected {bad['expected']}; the validator said {bad['found']}")
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {RESULTS_FILE.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
