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
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmark import harness, load  # noqa: E402
from benchmark.generate import read_rows, write_generated  # noqa: E402
from lib import vocab  # noqa: E402
from lib.data import data_dir  # noqa: E402
from lib.navigation import PAGES, PAGES_BY_KEY  # noqa: E402
from lib.data import read_table  # noqa: E402
from lib.schema import INDICATOR_COLUMNS  # noqa: E402
from lib.validate import validate_file  # noqa: E402

RESULTS_FILE = REPO_ROOT / "benchmark" / "results" / "latest.json"
DATA_DIR = data_dir()  # data/, or BDE_DATA_DIR as the app itself reads it
HOST = harness.HOST

# Bounds: how many times, and for how long at most.
# Nine, not five: on a shared machine a page's ratio to the floor moved by 0.3x between two full
# runs of the same code; the table also shows the middle half of the per-visit ratios.
WARM_VISITS = 9
COLD_AGAIN = 3
COLD_ON_PHONE_LINK = 3  # first visits over an emulated phone link, each of the app and the floor
# Chrome DevTools' "Fast 4G" preset (its NetworkManager: 9 Mb/s down and 1.5 Mb/s up at 90%, 60 ms
# latency times 2.75 for packet-level effects), applied to the page by the DevTools protocol.
FAST_4G = {"offline": False, "latency": 165, "downloadThroughput": 1_012_500, "uploadThroughput": 168_750}
COLD_SERVER_STARTS = 3  # the first page right after a server start, on this many fresh servers
# Views no earlier step of the run has asked for: each is visited once, its per-view cache cold.
DISTINCT_VIEWS = {
    "overview": ("lang=de", "lang=zh", "lang=en&district=haidian", "lang=de&sector=artificial_intelligence",
                 "lang=zh&district=chaoyang&sector=data_economy"),
    "ai": ("lang=de", "lang=zh&district=haidian", "lang=en&sector=data_economy"),
    "map": ("lang=de", "lang=zh&sector=artificial_intelligence", "lang=en&district=tongzhou"),
}
LOAD_SESSIONS = load.SESSION_COUNTS
SESSIONS = 10
SESSION_PAGES = ("overview", "ai", "map", "manufacturing", "sources")
VALIDATION_REPEATS = 5
GENERATED_SIZES = (100_000, 1_000_000)
GENERATED_REPEATS = 3
BAD_FILE_ROWS = 100_000
READY_TIMEOUT_S = 30.0
SESSION_ROUND_TIMEOUT_S = 240.0
SETTLE_MS = 500  # the page must not change for this long before a measurement is read
POLL_S = 0.05

# Targets (PASS/MISS beside the measurements).
SECTION_PAGES = ("overview", "ai", "manufacturing", "public_services", "infrastructure", "data_factor")
SECTION_FLOOR_RATIO = 2.0
MAP_FLOOR_RATIO = 3.0
COLD_FIRST_PAGE_S = 2.0
DISTINCT_OVER_REPEAT = 1.5
LOAD_FLOOR_RATIO_AT_50 = 0.6
LOAD_P95_AT_10_S = 1.0
VALIDATION_ROWS_PER_S = 200_000
RSS_LIMIT_MB = 400

VIEWPORT = {"width": 1366, "height": 900}


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
    context.add_init_script(harness.MONITOR_JS)
    traffic.watch(context)
    return context


def wait_settled(page, timeout_s: float = READY_TIMEOUT_S, probe: bool = False) -> dict:
    """Wait until the page is drawn (and the probe held) and nothing changed for SETTLE_MS."""
    return harness.wait_settled(page, SETTLE_MS, timeout_s, probe=probe)


drawn_s = harness.drawn_s


def visit(page, url: str) -> float:
    page.goto(url, wait_until="commit")
    return drawn_s(wait_settled(page))


def page_url(base_url: str, key: str) -> str:
    return f"{base_url}/{PAGES_BY_KEY[key].url_path}?lang=en"


def measure_page_loads(browser, traffic: Traffic, base_url: str, floor_url: str, keys: list[str]) -> dict[str, dict]:
    """Cold: first visit in a fresh context. Warm: WARM_VISITS more visits in it, each followed by a
    visit of the floor (served with the same settings, in its own warm context): the ratio of the
    medians compares like with like in the same minute, whatever else the machine is doing."""
    results = {}
    floor_context = new_context(browser, traffic)
    try:
        floor_page = floor_context.new_page()
        visit(floor_page, f"{floor_url}/")
        for key in keys:
            context = new_context(browser, traffic)
            try:
                page = context.new_page()
                cold = visit(page, page_url(base_url, key))
                warm, floor = [], []
                for _ in range(WARM_VISITS):
                    warm.append(visit(page, page_url(base_url, key)))
                    floor.append(visit(floor_page, f"{floor_url}/"))
                results[key] = {
                    "cold_s": cold, "warm_s": statistics.median(warm), "warm_all_s": warm,
                    "floor_warm_s": statistics.median(floor), "floor_all_s": floor,
                    **pair_ratios(warm, floor),
                    "load_average": os.getloadavg(),
                }
            finally:
                context.close()
    finally:
        floor_context.close()
    return results


def pair_ratios(app_s: list[float], floor_s: list[float]) -> dict:
    """The app's warm visits against the floor's, visit by visit: the median over the median, the
    median of the ratios of single visit pairs (each pair a minute apart at most), the stricter of
    the two (the verdict's), and the middle half (25th to 75th percentile) of the pair ratios."""
    pairs = [app / floor for app, floor in zip(app_s, floor_s, strict=True)]
    of_medians, of_pairs = statistics.median(app_s) / statistics.median(floor_s), statistics.median(pairs)
    low, _, high = statistics.quantiles(pairs, n=4, method="inclusive")
    return {"warm_over_floor": max(of_medians, of_pairs), "median_over_median": of_medians,
            "median_pair_ratio": of_pairs, "pair_ratios_middle_half": (low, high)}


def measure_floor(browser, traffic: Traffic, base_url: str) -> dict:
    """The floor alone: cold, then the median of WARM_VISITS warm visits."""
    context = new_context(browser, traffic)
    try:
        page = context.new_page()
        cold = visit(page, f"{base_url}/")
        warm = [visit(page, f"{base_url}/") for _ in range(WARM_VISITS)]
        return {"cold_s": cold, "warm_s": statistics.median(warm), "warm_all_s": warm, "load_average": os.getloadavg()}
    finally:
        context.close()


def measure_distinct_views(browser, traffic: Traffic, base_url: str) -> dict[str, dict]:
    """Warm browser, cold view: each of DISTINCT_VIEWS once (no step before asked for it), beside
    repeats of the page's plain view in the same context."""
    results = {}
    for key, queries in DISTINCT_VIEWS.items():
        context = new_context(browser, traffic)
        try:
            page = context.new_page()
            plain = f"{base_url}/{PAGES_BY_KEY[key].url_path}?lang=en"
            visit(page, plain)
            repeats, distinct = [], []
            for query in queries:
                distinct.append(visit(page, f"{base_url}/{PAGES_BY_KEY[key].url_path}?{query}"))
                repeats.append(visit(page, plain))
            results[key] = {
                "views": list(queries), "distinct_all_s": distinct, "repeat_all_s": repeats,
                "distinct_s": statistics.median(distinct), "repeat_s": statistics.median(repeats),
                "ratio": statistics.median(distinct) / statistics.median(repeats),
                "load_average": os.getloadavg(),
            }
        finally:
            context.close()
    return results


def measure_cold_starts(browser, traffic: Traffic, tmp: Path) -> dict:
    """The first page right after a server start, on COLD_SERVER_STARTS fresh servers (median)."""
    times, starts = [], []
    for index in range(COLD_SERVER_STARTS):
        server = start_server(REPO_ROOT, harness.APP_SCRIPT, tmp / f"cold-{index}.log")
        try:
            starts.append(server.start_to_healthy_s)
            context = new_context(browser, traffic)
            try:
                times.append(visit(context.new_page(), page_url(server.base_url, PAGES[0].key)))
            finally:
                context.close()
        finally:
            server.stop()
    return {"median_s": statistics.median(times), "all_s": times, "start_to_healthy_s": starts, "load_average": os.getloadavg()}


def start_server(app_dir: Path, script: str, log_path: Path, options: dict | None = None) -> harness.Server:
    try:
        return harness.start_server(app_dir, script, log_path, options)
    except harness.HarnessError as error:
        sys.exit(str(error))


def measure_load(tmp: Path, app_url: str, app_pid: int) -> list[dict]:
    """Protocol-level sessions (benchmark/load.py) against the app and the floor with the same settings."""
    floor_script = harness.write_floor_app(tmp / "floor-load", same_settings=True)
    floor = start_server(floor_script.parent, floor_script.name, tmp / "floor-load.log")
    try:
        return load.compare(app_url, app_pid, floor.base_url, floor.process.pid, LOAD_SESSIONS)
    finally:
        floor.stop()


def measure_cold_on_phone_link(browser, traffic: Traffic, app_url: str, floor_url: str) -> dict:
    """A new reader on a phone's link (FAST_4G): the first page of the app and of the floor, each
    in fresh browser contexts, alternating, both servers warm. On loopback the bytes cost almost
    nothing; here they are what a reader waits for."""
    times: dict[str, list[float]] = {"app": [], "floor": []}
    transfer: dict[str, int] = {}
    for _ in range(COLD_ON_PHONE_LINK):
        for name, url in (("app", app_url), ("floor", floor_url)):
            context = new_context(browser, traffic)
            try:
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", FAST_4G)
                times[name].append(visit(page, url))
                transfer[name] = page.evaluate("performance.getEntriesByType('resource').reduce((sum, entry) => sum + entry.transferSize, 0)")
            finally:
                context.close()
    return {"median_s": {name: statistics.median(values) for name, values in times.items()}, "all_s": times,
            "transfer_bytes": transfer, "load_average": os.getloadavg()}


def measure_cold_again(browser, traffic: Traffic, url: str) -> dict:
    """A new reader on a running server: the first page in COLD_AGAIN fresh browser contexts."""
    times = []
    for _ in range(COLD_AGAIN):
        context = new_context(browser, traffic)
        try:
            times.append(visit(context.new_page(), url))
        finally:
            context.close()
    return {"median_s": statistics.median(times), "all_s": times, "load_average": os.getloadavg()}


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

    sector = "economy" if "economy" in FILTER_SECTORS else FILTER_SECTORS[0]  # a group the sidebar offers
    label = t(f"sector_group.{sector}", "en")
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


def measure_sessions(browser, traffic: Traffic, server: harness.Server) -> dict:
    """SESSIONS readers at once, each switching pages, languages and filters: times, errors, RSS."""
    gc_idle = server.rss_mb()
    contexts = [new_context(browser, traffic) for _ in range(SESSIONS)]
    rounds = {}
    errors: list[str] = []
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.on("console", lambda message, page=page: errors.append(f"{page.url}: {message.text}")
                    if message.type == "error" else None)
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
            rows, ok = result.row_count, result.ok
        results[path.name] = {"first_ms": times[0] * 1000, "median_ms": statistics.median(times) * 1000, "rows": rows, "ok": ok}
    return results


def measure_generated_validation(tmp: Path) -> dict:
    """Files of GENERATED_SIZES rows with text as unique as real rows have (benchmark/generate.py):
    the validator alone, and the loader the app uses (lib.data.read_table: validate, then the frame
    the pages get). The target applies to the loader: it is what a maintainer waits for."""
    columns, base_rows = read_rows(DATA_DIR / "indicators.csv")
    results = {}
    for size in GENERATED_SIZES:
        path = tmp / f"indicators_{size}.csv"
        write_generated(path, size, base_rows, columns)
        entry: dict = {"file_mb": path.stat().st_size / 1e6}
        for name, call in (("validator", lambda: validate_file(path)), ("loader", lambda: read_table(path, INDICATOR_COLUMNS))):
            # The median of a few: one timing of half a second swung from 145,000 to 330,000 rows/s
            # between runs of the same code on this shared machine.
            times = []
            for _ in range(GENERATED_REPEATS):
                gc.collect()
                started = time.perf_counter()
                result = call()
                times.append(time.perf_counter() - started)
                rows = result.row_count if name == "validator" else (0 if result.frame is None else len(result.frame))
                ok = (result.ok if name == "validator" else not result.problems) and rows == size
                problems = [str(problem) for problem in result.problems[:5]]
                del result
            seconds = statistics.median(times)
            entry[name] = {
                "rows": rows,
                "ok": ok,
                "problems": problems,
                "seconds": seconds,
                "each_s": times,
                "rows_per_s": size / seconds,
                "load_average": os.getloadavg(),
            }
        results[str(size)] = entry
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

    # Blocks spread over the file, counted from its size: fixed block numbers (up to 1400) fell
    # beyond the file's end once the real data grew past 71 rows, and the check crashed.
    blocks = BAD_FILE_ROWS // n
    early, middle, late, last = 3, blocks * 57 // 100, blocks * 84 // 100, blocks - 1
    bad = {
        at(early, leaf_index): lambda row: {**row, "value": "twelve"},
        at(middle, share_index): lambda row: {**row, "value": "150"},
        at(late, leaf_index): lambda row: {**row, "id": first_id},
        at(last, leaf_index): lambda row: {**row, "parent_id": "no_such_figure"},
    }
    expected_columns = {at(early, leaf_index): "value", at(middle, share_index): "value", at(late, leaf_index): "id", at(last, leaf_index): "parent_id"}
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


def _load(entry: dict) -> str:
    return f"{entry['load_average'][0]:.1f}" if entry.get("load_average") else ""


def build_rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    """(measurement, value, target, result, 1-minute load average when it was measured)."""
    rows: list[tuple[str, str, str, str, str]] = []
    app, floor, same = results["app"], results["floor"], results["floor_app_settings"]
    # serve.py holds the health check until the Overview is warm (lib/warm.py): this is the time a
    # server takes to be ready for readers, and the cold rows below start after it.
    cold_starts = app["cold_starts"]["start_to_healthy_s"]
    rows.append((
        "server start to ready (health check ok, Overview warm)",
        f"{app['start_to_healthy_s']:.2f} s (cold-start servers: {', '.join(f'{t:.2f}' for t in cold_starts)}); every view warm {app['ready_to_warm_s']:.1f} s later", "", "", "",
    ))
    rows.append(("floor app, the app's settings: start to healthy", f"{same['start_to_healthy_s']:.2f} s", "", "", ""))
    rows.append(("floor app, Streamlit's default settings: cold / warm", f"{floor['cold_s']:.2f} / {floor['warm_s']:.2f} s", "", "", _load(floor)))
    rows.append(("floor app, the app's settings (the reference): cold / warm", f"{same['cold_s']:.2f} / {same['warm_s']:.2f} s", "", "", _load(same)))
    first = PAGES[0].key
    cold = app["cold_starts"]
    rows.append((
        f"cold first page ({first}) right after a server start",
        f"{cold['median_s']:.2f} s (median of {len(cold['all_s'])}: {', '.join(f'{t:.2f}' for t in cold['all_s'])})",
        f"<= {COLD_FIRST_PAGE_S} s", verdict(cold["median_s"] <= COLD_FIRST_PAGE_S), _load(cold),
    ))
    again = app["cold_again"]
    rows.append((f"cold first page ({first}), a new reader, server running", f"{again['median_s']:.2f} s (median of {COLD_AGAIN})",
                 f"<= {COLD_FIRST_PAGE_S} s", verdict(again["median_s"] <= COLD_FIRST_PAGE_S), _load(again)))
    if "phone_link" in app:
        link = app["phone_link"]
        app_s, floor_s = link["median_s"]["app"], link["median_s"]["floor"]
        rows.append((
            f"cold first page ({first}) over Fast 4G (DevTools preset): app / floor",
            f"{app_s:.2f} / {floor_s:.2f} s ({app_s / floor_s:.2f}x; median of {COLD_ON_PHONE_LINK}; "
            f"{link['transfer_bytes']['app'] / 1024:.0f} / {link['transfer_bytes']['floor'] / 1024:.0f} KiB over the wire)",
            "", "", _load(link),
        ))
    for info in PAGES:
        page = app["pages"][info.key]
        ratio = page["warm_over_floor"]
        if info.key in SECTION_PAGES:
            target, ok = f"warm <= {SECTION_FLOOR_RATIO:g}x floor", ratio <= SECTION_FLOOR_RATIO
        elif info.key == "map":
            target, ok = f"warm <= {MAP_FLOOR_RATIO:g}x floor", ratio <= MAP_FLOOR_RATIO
        else:
            target, ok = "", None
        low, high = page["pair_ratios_middle_half"]
        rows.append((
            f"page {info.key}: cold / warm repeat (x floor, same settings)",
            f"{page['cold_s']:.2f} / {page['warm_s']:.2f} s ({ratio:.2f}x of {page['floor_warm_s']:.2f} s; "
            f"medians {page['median_over_median']:.2f}x, pairs {page['median_pair_ratio']:.2f}x [{low:.2f}-{high:.2f}])",
            target, verdict(ok), _load(page),
        ))
    for key, entry in app["distinct"].items():
        rows.append((
            f"page {key}: distinct views / repeated view",
            f"{entry['distinct_s']:.2f} / {entry['repeat_s']:.2f} s ({entry['ratio']:.2f}x, {len(entry['views'])} views)",
            f"<= {DISTINCT_OVER_REPEAT:g}x", verdict(entry["ratio"] <= DISTINCT_OVER_REPEAT), _load(entry),
        ))
    change = app["filter_change"]
    rows.append((f"filter change (sector={change['sector']}) to charts redrawn", f"{change['seconds']:.2f} s", "", "", ""))
    click = app["map_click"]
    if "error" in click:
        rows.append(("map click to list updated", click["error"], "", "MISS", ""))
    else:
        rows.append(("map click (Miyun) to list updated", f"{click['seconds']:.2f} s", "link gets district=miyun", verdict(click["link_has_district"]), ""))
    for info in PAGES:
        wire = app["bytes"][info.key]
        cold_b, warm_b = wire["cold"], wire["warm"]
        rows.append((
            f"bytes {info.key}: cold http+ws / warm http+ws",
            f"{(cold_b['http'] + cold_b['ws_in']) / 1024:.0f} / {(warm_b['http'] + warm_b['ws_in']) / 1024:.0f} KiB (ws {cold_b['ws_in'] / 1024:.0f})",
            "", "", "",
        ))
    memory = app["memory"]
    rows.append(("server RSS just after start", f"{app['rss_after_start_mb']:.0f} MB", "", "", ""))
    rows.append(("server RSS before the sessions (after the runs above)", f"{memory['idle_mb']:.0f} MB", "", "", ""))
    for key, seconds in memory["round_s"].items():
        rows.append((f"{memory['sessions']} browsers open {key} at once: all drawn", f"{seconds:.2f} s", "", "", ""))
    rows.append((f"{memory['sessions']} browsers switching pages, languages, filters: errors", f"{len(memory.get('errors', []))}", "0", verdict(not memory.get("errors")), ""))
    rows.append((f"server RSS with {memory['sessions']} browser sessions", f"{memory['with_sessions_mb']:.0f} MB", f"< {RSS_LIMIT_MB} MB", verdict(memory["with_sessions_mb"] < RSS_LIMIT_MB), ""))
    rows.append(("server RSS after sessions closed", f"{memory['after_close_mb']:.0f} MB", "", "", ""))
    rows.extend(load_rows(app.get("load") or []))
    rows.extend(validation_rows(results))
    rows.append(("requests to hosts other than 127.0.0.1", str(len(results["foreign_requests"])), "0", verdict(not results["foreign_requests"]), ""))
    return rows


def load_rows(measured: list[dict]) -> list[tuple[str, str, str, str, str]]:
    """The protocol-level load figures: app beside the floor with the same settings, per session count."""
    rows = []
    by = {(m["server"], m["sessions"]): m for m in measured}
    for sessions in sorted({m["sessions"] for m in measured}):
        app, floor = by.get(("app", sessions)), by.get(("floor", sessions))
        if not app or not floor:
            continue
        ratio = app["ratio_to_floor"]
        target, ok = "", None
        if sessions == 50:
            target, ok = f"runs/s >= {LOAD_FLOOR_RATIO_AT_50:g}x floor", ratio >= LOAD_FLOOR_RATIO_AT_50
        rows.append((
            f"{sessions} protocol sessions x {app['runs_asked'] // sessions} runs: runs/s app / floor",
            f"{app['runs_per_s']:.1f} / {floor['runs_per_s']:.1f} ({ratio:.2f}x: medians {app['ratio_of_medians']:.2f}x, rounds {app['median_pair_ratio']:.2f}x"
            f" of {len(app['repeats'])}; lost {app['lost']} / {floor['lost']})",
            target, verdict(ok), f"{app['load_average'][0]:.1f}",
        ))
        p95_ok = None if sessions != 10 else (app["p95_s"] is not None and app["p95_s"] <= LOAD_P95_AT_10_S)
        rows.append((
            f"{sessions} protocol sessions: p95 to a finished run app / floor",
            f"{_seconds(app['p95_s'])} / {_seconds(floor['p95_s'])} s ({app['messages_per_run']:.0f} / {floor['messages_per_run']:.0f} msgs a run)",
            f"<= {LOAD_P95_AT_10_S:g} s" if sessions == 10 else "", verdict(p95_ok), f"{app['load_average'][0]:.1f}",
        ))
        if app.get("server_cpu_ms_per_run") is not None and floor.get("server_cpu_ms_per_run") is not None:
            rows.append((
                f"{sessions} protocol sessions: server CPU per run app / floor",
                f"{app['server_cpu_ms_per_run']:.1f} / {floor['server_cpu_ms_per_run']:.1f} ms",
                "", "", f"{app['load_average'][0]:.1f}",
            ))
        if app.get("rss_per_session_mb") is not None and sessions >= 10:
            rows.append((
                f"{sessions} protocol sessions: server memory per session app / floor",
                f"{app['rss_per_session_mb']:.2f} / {floor['rss_per_session_mb']:.2f} MB (peak {app['rss_peak_mb']:.0f} MB)",
                "", "", f"{app['load_average'][0]:.1f}",
            ))
    return rows


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(rows: list[tuple[str, ...]], header: str) -> None:
    titles = ("measurement", "value", "target", "result", "load")
    widths = [max(len(row[i]) for row in rows + [titles]) for i in range(len(titles))]
    line = "  ".join("-" * width for width in widths)
    print(header)
    print("  ".join(title.ljust(width) for title, width in zip(titles, widths)))
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
    parser.add_argument("--skip-load", action="store_true", help="leave out the protocol-level load runs")
    parser.add_argument("--only-validation", action="store_true", help="only the validation and loading rows")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "environment": environment()}
    traffic = Traffic()
    with tempfile.TemporaryDirectory(prefix="bde-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.only_validation:
            with sync_playwright() as playwright:
                try:
                    browser, browser_name = harness.launch_chromium(playwright)
                except harness.HarnessError as error:
                    sys.exit(str(error))
                results["environment"]["browser"] = f"{browser_name} {browser.version}"
                try:
                    print("measuring the first page after a server start ...", flush=True)
                    cold_starts = measure_cold_starts(browser, traffic, tmp)
                    print("measuring the floor apps ...", flush=True)
                    for name, same_settings in (("floor", False), ("floor_app_settings", True)):
                        script = harness.write_floor_app(tmp / name, same_settings)
                        floor_server = start_server(script.parent, script.name, tmp / f"{name}.log")
                        try:
                            results[name] = {"start_to_healthy_s": floor_server.start_to_healthy_s, **measure_floor(browser, traffic, floor_server.base_url)}
                        finally:
                            if same_settings:
                                floor_same = floor_server  # kept running: the app's warm visits alternate with it
                            else:
                                floor_server.stop()
                    print("measuring the app ...", flush=True)
                    server = start_server(REPO_ROOT, harness.APP_SCRIPT, tmp / "app.log")
                    warm_s = harness.wait_warm(server)
                    try:
                        keys = [info.key for info in PAGES]
                        app = {"start_to_healthy_s": server.start_to_healthy_s, "ready_to_warm_s": warm_s, "rss_after_start_mb": server.rss_mb(), "cold_starts": cold_starts}
                        app["pages"] = measure_page_loads(browser, traffic, server.base_url, floor_same.base_url, keys)
                        app["phone_link"] = measure_cold_on_phone_link(browser, traffic, page_url(server.base_url, keys[0]), f"{floor_same.base_url}/")
                        floor_same.stop()
                        app["distinct"] = measure_distinct_views(browser, traffic, server.base_url)
                        app["cold_again"] = measure_cold_again(browser, traffic, page_url(server.base_url, keys[0]))
                        app["filter_change"] = measure_filter_change(browser, traffic, server.base_url)
                        app["map_click"] = measure_map_click(browser, traffic, server.base_url)
                        app["bytes"] = measure_bytes(browser, traffic, server.base_url)
                        app["memory"] = measure_sessions(browser, traffic, server)
                    finally:
                        server.stop()
                        floor_same.stop()
                    results["app"] = app
                finally:
                    browser.close()
            if not args.skip_load:
                print("measuring many sessions at the protocol level ...", flush=True)
                server = start_server(REPO_ROOT, harness.APP_SCRIPT, tmp / "app-load.log")
                harness.wait_warm(server)
                try:
                    results["app"]["load"] = measure_load(tmp, server.base_url, server.process.pid)
                finally:
                    server.stop()

        print("measuring validation ...", flush=True)
        validation = {"shipped": measure_shipped_validation()}
        validation["generated"] = {} if args.skip_generated else measure_generated_validation(tmp)
        results["validation"] = validation
    results["foreign_requests"] = traffic.foreign[:20]
    results["environment"]["load_average_end"] = os.getloadavg()

    rows = validation_rows(results) if args.only_validation else build_rows(results)
    results["table"] = [dict(zip(("measurement", "value", "target", "result", "load"), row)) for row in rows]
    env = results["environment"]
    print()
    print_table(
        rows,
        f"Beijing Digital Economy Explorer benchmark, {results['started']} — {env['cpus']} CPUs, load average "
        f"{env['load_average_start'][0]:.1f} at start / {env['load_average_end'][0]:.1f} at end, {env.get('browser', 'no browser')}, "
        f"streamlit {env['streamlit']}",
    )
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {RESULTS_FILE.relative_to(REPO_ROOT)}")
    return 0


def validation_rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    rows = []
    validation = results["validation"]
    shipped = validation["shipped"]
    for name, entry in shipped.items():
        rows.append((f"validate {name} ({entry['rows']} rows)", f"{entry['first_ms']:.1f} / {entry['median_ms']:.1f} ms", "valid", verdict(entry["ok"]), ""))
    total_first = sum(entry["first_ms"] for entry in shipped.values())
    total_median = sum(entry["median_ms"] for entry in shipped.values())
    rows.append(("validate shipped data, total first / median", f"{total_first:.1f} / {total_median:.1f} ms", "", "", ""))
    for size in GENERATED_SIZES:
        entry = validation["generated"].get(str(size))
        if entry is None:
            continue
        for name, label, target in (("validator", "validator alone (validate_file)", ""), ("loader", "the app's loader (read_table)", f">= {VALIDATION_ROWS_PER_S:,} rows/s")):
            part = entry[name]
            rows.append((
                f"{size:,} generated rows, unique text: {label}",
                f"{part['rows_per_s']:,.0f} rows/s (median {part['seconds']:.2f} s of {len(part['each_s'])}, {entry['file_mb']:.0f} MB)",
                target or "valid",
                verdict(part["ok"] and (not target or part["rows_per_s"] >= VALIDATION_ROWS_PER_S)),
                _load(part),
            ))
    bad = validation["generated"].get("bad_rows_check")
    if bad:
        rows.append((f"bad rows in {bad['rows']:,}: right lines named", "; ".join(bad["expected"]), "exact match", verdict(bad["ok"]), ""))
    return rows


if __name__ == "__main__":
    sys.exit(main())
