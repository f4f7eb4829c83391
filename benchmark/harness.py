"""The one harness the browser tests and the benchmark share: a server on loopback, Chromium, "settled".

Both must agree on what "the page is drawn" means and on how the server is started, or the benchmark
measures something the tests never check (issue 11). Everything here talks to 127.0.0.1 only; every
wait has a timeout and every loop a bound. Errors are raised as ``HarnessError`` with the server's
log or the browsers tried, so pytest and the benchmark can each report them in their own way.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# What readers are served: serve.py wraps streamlit_app.py in st.App, which warms the server before
# its health check says ready (lib/warm.py). The tests and the benchmark start exactly this.
APP_SCRIPT = "serve.py"
HOST = "127.0.0.1"
SERVER_START_TIMEOUT_S = 30.0
READY_TIMEOUT_S = 30.0
POLL_MS = 50

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class HarnessError(RuntimeError):
    """The server or the browser could not be brought up; the message says why and what to do."""


# --------------------------------------------------------------------------------------------
# Server


def app_config() -> dict:
    with open(REPO_ROOT / ".streamlit" / "config.toml", "rb") as handle:
        return tomllib.load(handle)


def app_server_settings() -> dict[str, object]:
    """The [server] and [runner] settings of the app's config, as ``section.name`` options."""
    config = app_config()
    return {f"{section}.{name}": value for section in ("server", "runner") for name, value in config.get(section, {}).items()}


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    port: int
    start_to_healthy_s: float
    log_path: Path

    def rss_mb(self) -> float:
        return rss_mb(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc status")


def cpu_s(pid: int) -> float:
    """CPU time the process has used so far (user and system, all its threads), in seconds."""
    # /proc/PID/stat: the command name (field 2) may hold spaces, so fields are counted after it.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


WARMED_LOG_LINE = "warmed "  # lib/warm.py logs "warmed N of M views in S s" when it is done
WARM_TIMEOUT_S = 180.0


def wait_warm(server: "Server", timeout_s: float = WARM_TIMEOUT_S) -> float:
    """Wait until the server's own warm-up (lib/warm.py) has visited every view; the seconds waited.

    Measurements of warm pages and of many readers start after it, so that they never share the
    CPU with it; the cold rows measure what a reader meets while it still runs."""
    began = time.perf_counter()
    deadline = began + timeout_s
    while WARMED_LOG_LINE not in server.log_path.read_text(encoding="utf-8", errors="replace"):
        if server.process.poll() is not None or time.perf_counter() > deadline:
            raise HarnessError(f"the server did not log that it was warm within {timeout_s:.0f} s; its log: {server.log_path}")
        time.sleep(0.1)
    return time.perf_counter() - began


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


def server_command(script: str, port: int, options: dict[str, object] | None = None) -> list[str]:
    """``streamlit run`` as a maintainer starts it, on loopback and without usage statistics."""
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", HOST,
        "--browser.gatherUsageStats", "false",
    ]
    for option, value in (options or {}).items():
        command += [f"--{option}", str(value).lower() if isinstance(value, bool) else str(value)]
    return command


def start_server(
    app_dir: Path,
    script: str,
    log_path: Path,
    options: dict[str, object] | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout_s: float = SERVER_START_TIMEOUT_S,
) -> Server:
    """Start ``streamlit run script`` in ``app_dir`` and wait until /_stcore/health says ok."""
    port = port or free_port()
    base_url = f"http://{HOST}:{port}"
    command = server_command(script, port, options)
    started = time.perf_counter()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = started + timeout_s
    while not healthy(base_url):
        if process.poll() is not None or time.perf_counter() > deadline:
            reason = f"exited with code {process.returncode}" if process.poll() is not None else f"was not healthy after {timeout_s:.0f} s"
            stop_process(process)
            raise HarnessError(
                f"The Streamlit server ({' '.join(command)}) {reason}. Its log:\n" + log_path.read_text(encoding="utf-8", errors="replace")
            )
        time.sleep(0.02)
    return Server(process, base_url, port, time.perf_counter() - started, log_path)


def write_floor_app(folder: Path, same_settings: bool) -> Path:
    """The floor: a title and one Altair bar chart, what any Streamlit page with a chart costs.

    With ``same_settings`` it gets the app's own .streamlit/config.toml (no source watcher, no forced
    garbage collection after each run, the same client settings), so a ratio to it counts only
    what the app itself does, not what its settings save.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
    if same_settings:
        (folder / ".streamlit").mkdir(exist_ok=True)
        shutil.copy(REPO_ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    return folder / "floor_app.py"


FLOOR_APP = """\
import altair as alt
import pandas as pd
import streamlit as st

st.title("Floor: one chart")
frame = pd.DataFrame({"item": list("ABCDE"), "value": [3, 1, 4, 1, 5]})
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="item:N", y="value:Q"))
"""


# --------------------------------------------------------------------------------------------
# Browser


def browser_candidates() -> list[tuple[str, str | None]]:
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


def launch_chromium(playwright):
    """Debian's Chromium when there is one (``BDE_CHROMIUM`` overrides), else Playwright's own."""
    tried = []
    for name, executable in browser_candidates():
        try:
            return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS), name
        except Exception as error:  # any launch failure: try the next candidate, report them all
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            tried.append(f"- {name}: {first}")
    raise HarnessError(
        "No Chromium could be launched. Tried:\n" + "\n".join(tried)
        + "\nInstall one: on Debian, as root, `apt-get install chromium` (then it is found at /usr/bin/chromium); "
        "elsewhere `python -m playwright install chromium`. Or point BDE_CHROMIUM at a Chromium executable."
    )


# Installed in every page before the app's own scripts. It keeps, in page time (performance.now(),
# which starts at navigation start): when the page last became "drawn", when a chart last changed,
# when the page last changed at all, and when a probe (a condition set from Python) first held.
# "Drawn": the script run has finished, the page has its h1, nothing on it is stale from an earlier
# run, and every chart has marks. `.stPrintGraphic` marks a chart's box as soon as the run sends it,
# before the chart's code has loaded, so a chart still loading counts as pending, not as absent.
MONITOR_JS = """
(() => {
  const M = window.__bde = {ready: false, readyAt: null, lastChartMutation: 0, lastMutation: 0,
                            probe: null, probeAt: null, clickAt: null};
  function counts() {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    if (!main) return {state, h1: null, ready: false};
    const h1 = main.querySelector('h1');
    const stale = main.querySelectorAll('[data-stale="true"]').length;
    let charts = 0, pending = 0, drawn = 0;
    for (const box of main.querySelectorAll('.stPrintGraphic')) {
      if (box.querySelector('[data-testid="stVegaLiteChart"]')) charts++;
      else if (!box.querySelector('img, canvas, iframe')) pending++;  // a chart still loading
    }
    const embeds = main.querySelectorAll('.vega-embed');
    for (const embed of embeds) {
      const svg = embed.querySelector('svg.marks, svg .marks');
      if (svg && svg.querySelector('.role-mark > *')) drawn++;
    }
    const ready = state === 'notRunning' && !!h1 && stale === 0 && pending === 0
      && embeds.length >= charts && drawn === embeds.length;
    return {state, h1: h1 ? h1.textContent.trim() : null, stale, charts, pending, embeds: embeds.length, drawn, ready};
  }
  function check() {
    const now = performance.now();
    const ok = counts().ready;
    if (ok && !M.ready) M.readyAt = now;
    M.ready = ok;
    if (M.probe && M.probeAt === null) {
      try { if (M.probe()) M.probeAt = now; } catch (error) { /* not there yet */ }
    }
  }
  M.counts = counts;
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

STATE_JS = """() => { const M = window.__bde; if (!M) return null; const c = M.counts();
  return {...c, ready: M.ready && c.ready, readyAt: M.readyAt, lastChartMutation: M.lastChartMutation,
  lastMutation: M.lastMutation, probeAt: M.probeAt, clickAt: M.clickAt, now: performance.now(),
  quietMs: performance.now() - Math.max(M.lastMutation, M.readyAt || 0), url: location.href}; }"""


def page_state(page) -> dict | None:
    return page.evaluate(STATE_JS)


def wait_settled(page, settle_ms: float, timeout_s: float = READY_TIMEOUT_S, probe: bool = False, title: str | None = None) -> dict:
    """Wait until the page is drawn (with ``title`` as its h1, the probe held) and quiet for ``settle_ms``.

    The last messages of a run can land just after the run is reported finished, hence the quiet time.
    Raises TimeoutError with the last state seen.
    """
    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page_state(page)
        if (
            state
            and state["ready"]
            and (title is None or state["h1"] == title)
            and (not probe or state["probeAt"] is not None)
            and state["quietMs"] >= settle_ms
        ):
            return state
        # Not time.sleep: Playwright handles its events (URL changes, console) only while it waits.
        page.wait_for_timeout(POLL_MS)
    raise TimeoutError(f"{page.url} did not settle in {timeout_s:.0f} s" + (f" (waiting for the title {title!r})" if title else "") + f": {state}")


def drawn_s(state: dict) -> float:
    """Page time at which the page was drawn and its charts stopped changing, in seconds."""
    return max(state["readyAt"], state["lastChartMutation"]) / 1000
