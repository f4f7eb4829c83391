"""Many readers at once, without browsers: sessions speaking Streamlit's own protocol to a server.

Each session opens the WebSocket at ``/_stcore/stream`` as the browser does, asks for a script run
with a ``BackMsg.rerun_script`` (the page and the link's query string), and reads ``ForwardMsg``
protobufs until ``script_finished``; the time from asking to that message is the time to a finished
run (what the server costs a reader; the browser's drawing comes on top). Ten Chromium instances on
two cores measure Chromium; this measures the server.

    python benchmark/load.py                       # app and floor, same settings, 1/10/50/200 sessions
    python benchmark/load.py --url http://127.0.0.1:8080 --sessions 10 --runs 3

Loopback only (the URL must point at 127.0.0.1), every session with a bounded number of runs and
every round with a time limit; a run that does not finish in time is counted as lost, not waited for.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmark import harness  # noqa: E402
from lib.warm import rerun_message  # noqa: E402

SESSION_COUNTS = (1, 10, 50, 200)
RUNS_PER_SESSION = 3
COMPARE_REPEATS = 3  # rounds per server and session count, in turns (compare)
ROUND_TIMEOUT_S = 180.0
CONNECT_TIMEOUT_S = 30.0
MAX_SESSIONS = 500  # a bound on what one call may open
MAX_RUNS = 20


@dataclass
class SessionResult:
    run_s: list[float] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    upstream: str | None = None  # which replica served it (a cookie or header set by the balancer)


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"load.py talks to 127.0.0.1 only, not to {host}")


def _balancer_cookie(ws_url: str) -> tuple[str, str | None]:
    url = ws_url.replace("ws://", "http://").replace("/_stcore/stream", "/_stcore/health")
    with urllib.request.urlopen(url, timeout=CONNECT_TIMEOUT_S) as response:
        cookies = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
        return "; ".join(cookies), response.headers.get("X-Upstream")


async def _one_session(ws_url: str, page_name: str, queries: list[str], deadline: float, started: asyncio.Event, headers: dict, sticky: bool) -> SessionResult:
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    result = SessionResult()
    try:
        first_upstream = None
        if sticky:
            # As a browser does: load the page first (the balancer sets its cookie), then open the
            # WebSocket with that cookie; both must reach the same replica.
            cookie, first_upstream = await asyncio.to_thread(_balancer_cookie, ws_url)
            headers = {**headers, "Cookie": cookie}
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=CONNECT_TIMEOUT_S,
            additional_headers=headers,
        ) as socket:
            response = getattr(socket, "response", None)
            if response is not None:
                result.upstream = response.headers.get("X-Upstream")
            if sticky and result.upstream != first_upstream:
                result.errors.append(f"the page came from {first_upstream}, its WebSocket went to {result.upstream}")
            await started.wait()  # every session connected: the runs start together
            for query in queries:
                asked = time.perf_counter()
                await socket.send(rerun_message(query, page_name))
                while True:
                    remaining = deadline - time.perf_counter()
                    if remaining <= 0:
                        result.errors.append("round time limit reached before the run finished")
                        return result
                    data = await asyncio.wait_for(socket.recv(), timeout=remaining)
                    result.messages += 1
                    result.bytes += len(data)
                    message = ForwardMsg()
                    message.ParseFromString(data)
                    kind = message.WhichOneof("type")
                    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        if message.delta.new_element.WhichOneof("type") == "exception":
                            result.errors.append(f"exception: {message.delta.new_element.exception.message[:200]}")
                    elif kind == "page_not_found":
                        result.errors.append("page not found")
                    elif kind == "script_finished":
                        if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                            result.run_s.append(time.perf_counter() - asked)
                            break
                        if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            result.errors.append(f"script finished with status {message.script_finished}")
                            break
    except (OSError, asyncio.TimeoutError, Exception) as error:  # a lost session is a result, not a crash
        result.errors.append(f"{type(error).__name__}: {error}"[:300])
    return result


async def _round(base_url: str, sessions: int, queries: list[str], page_name: str, timeout_s: float, headers: dict, sticky: bool) -> tuple[list[SessionResult], float]:
    ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    started = asyncio.Event()
    deadline = time.perf_counter() + CONNECT_TIMEOUT_S + timeout_s
    tasks = [asyncio.create_task(_one_session(ws_url, page_name, queries, deadline, started, headers, sticky)) for _ in range(sessions)]
    await asyncio.sleep(0)  # let every session start connecting before the clock starts
    # Give the connections a moment (bounded) so the runs start together, as a crowd from one link.
    connect_deadline = time.perf_counter() + min(CONNECT_TIMEOUT_S, 2 + sessions * 0.02)
    while time.perf_counter() < connect_deadline:
        await asyncio.sleep(0.05)
    began = time.perf_counter()
    started.set()
    results = await asyncio.gather(*tasks)
    return list(results), time.perf_counter() - began


def run_load(
    base_url: str,
    sessions: int,
    runs: int = RUNS_PER_SESSION,
    query: str = "lang=en",
    page_name: str = "",
    timeout_s: float = ROUND_TIMEOUT_S,
    server_pid: int | None = None,
    distinct: list[str] | None = None,
    headers: dict | None = None,
    sticky: bool = False,
) -> dict:
    """``sessions`` sessions at once, each asking for ``runs`` runs; throughput, p95, errors, memory.

    ``distinct``: query strings handed out round-robin instead of ``query`` (views the cache has
    not seen). ``sticky``: through a balancer, each session loads a page first for its cookie.
    Memory is the server's peak RSS during the round, minus before, per session.
    """
    _check_loopback(base_url)
    if not 0 < sessions <= MAX_SESSIONS or not 0 < runs <= MAX_RUNS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS} and runs 1..{MAX_RUNS}")
    rss_before = harness.rss_mb(server_pid) if server_pid else None
    cpu_before = harness.cpu_s(server_pid) if server_pid else None
    rss_peak: list[float] = []

    async def main() -> tuple[list[SessionResult], float]:
        sampler = asyncio.create_task(_sample_rss(server_pid, rss_peak)) if server_pid else None
        try:
            return await _round(
                base_url, sessions,
                [distinct[i % len(distinct)] for i in range(runs)] if distinct else [query] * runs,
                page_name, timeout_s, headers or {}, sticky,
            )
        finally:
            if sampler:
                sampler.cancel()

    # A thread of its own: the caller may be inside a running event loop (Playwright's sync API
    # keeps one in pytest's main thread), where asyncio.run refuses to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        results, wall_s = pool.submit(asyncio.run, main()).result()
    cpu_used = harness.cpu_s(server_pid) - cpu_before if server_pid else None
    times = sorted(t for r in results for t in r.run_s)
    finished = len(times)
    return {
        "sessions": sessions,
        "runs_asked": sessions * runs,
        "runs_finished": finished,
        "lost": sessions * runs - finished,
        "wall_s": wall_s,
        "runs_per_s": finished / wall_s if wall_s > 0 else 0.0,
        "p50_s": statistics.median(times) if times else None,
        "p95_s": times[min(len(times) - 1, int(0.95 * len(times)))] if times else None,
        "messages_per_run": sum(r.messages for r in results) / max(1, finished),
        "kib_per_run": sum(r.bytes for r in results) / 1024 / max(1, finished),
        "errors": sorted({e for r in results for e in r.errors})[:10],
        "sessions_with_errors": sum(1 for r in results if r.errors),
        "upstreams": [r.upstream for r in results],
        # The server's own CPU time per finished run: what a run costs the server, apart from the
        # load generator, which shares this machine's cores and reads every message it is sent.
        "server_cpu_ms_per_run": cpu_used * 1000 / finished if cpu_used is not None and finished else None,
        "rss_before_mb": rss_before,
        "rss_peak_mb": max(rss_peak) if rss_peak else None,
        "rss_per_session_mb": (max(rss_peak) - rss_before) / sessions if rss_peak and rss_before is not None else None,
        "load_average": os.getloadavg(),
    }


async def _sample_rss(pid: int, samples: list[float]) -> None:
    # Bounded by the round: cancelled when the round ends.
    while True:
        try:
            samples.append(harness.rss_mb(pid))
        except (OSError, RuntimeError):
            return
        await asyncio.sleep(0.2)


def warm_up(base_url: str, page_name: str = "", query: str = "lang=en") -> None:
    """One run per view first: the figures are of warm caches, as on a server that has had readers."""
    run_load(base_url, 1, 2, query=query, page_name=page_name, timeout_s=60)


def compare(app_url: str, app_pid: int, floor_url: str, floor_pid: int, counts=SESSION_COUNTS, runs: int = RUNS_PER_SESSION, repeats: int = COMPARE_REPEATS) -> list[dict]:
    """Each session count against the app and the floor in turns (app, floor, then floor, app, ...:
    like with like, same minute), ``repeats`` rounds each. Each server's row is its median round;
    the app's row also carries the ratio of its runs/s to the floor's both ways, the median over
    the median and the median of the rounds' pair ratios, and the stricter of the two. One round
    each was not enough: the floor alone gave 106 to 139 runs/s at 50 sessions in runs minutes apart."""
    warm_up(app_url)
    warm_up(floor_url)
    servers = {"app": (app_url, app_pid), "floor": (floor_url, floor_pid)}
    rows = []
    for sessions in counts:
        measured: dict[str, list[dict]] = {"app": [], "floor": []}
        for repeat in range(repeats):
            for name in ("app", "floor") if repeat % 2 == 0 else ("floor", "app"):
                url, pid = servers[name]
                measured[name].append(run_load(url, sessions, runs, server_pid=pid))
        speeds = {name: [m["runs_per_s"] for m in rounds] for name, rounds in measured.items()}
        pairs = [app / floor for app, floor in zip(speeds["app"], speeds["floor"]) if floor]
        of_medians = statistics.median(speeds["app"]) / statistics.median(speeds["floor"]) if statistics.median(speeds["floor"]) else 0.0
        of_pairs = statistics.median(pairs) if pairs else 0.0
        for name, rounds in measured.items():
            median_round = sorted(rounds, key=lambda m: m["runs_per_s"])[len(rounds) // 2]
            row = {"server": name, **median_round, "repeats": [round(speed, 2) for speed in speeds[name]]}
            if name == "app":
                # A floor to reach (runs/s >= k x floor): the lower ratio is the stricter.
                row.update(ratio_of_medians=of_medians, median_pair_ratio=of_pairs, ratio_to_floor=min(of_medians, of_pairs))
            rows.append(row)
            print(_line(name, median_round), flush=True)
    return rows


def _line(name: str, m: dict) -> str:
    p95 = f"{m['p95_s']:.2f}" if m["p95_s"] is not None else "-"
    per = f"{m['rss_per_session_mb']:.2f}" if m.get("rss_per_session_mb") is not None else "-"
    cpu = f", server CPU {m['server_cpu_ms_per_run']:.1f} ms/run" if m.get("server_cpu_ms_per_run") is not None else ""
    return (
        f"{name:6} {m['sessions']:4} sessions: {m['runs_per_s']:6.1f} runs/s, p95 {p95} s, "
        f"{m['runs_finished']}/{m['runs_asked']} runs, {m['messages_per_run']:.0f} msgs/run, "
        f"{per} MB/session{cpu}, errors {m['sessions_with_errors']}, load {m['load_average'][0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server or balancer (loopback); default: start the app and the floor")
    parser.add_argument("--sessions", type=int, nargs="*", default=list(SESSION_COUNTS))
    parser.add_argument("--runs", type=int, default=RUNS_PER_SESSION)
    parser.add_argument("--repeats", type=int, default=COMPARE_REPEATS)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if args.url:
        warm_up(args.url)
        rows = []
        for sessions in args.sessions:
            measured = run_load(args.url, sessions, args.runs)
            print(_line("target", measured), flush=True)
            rows.append(measured)
    else:
        with tempfile.TemporaryDirectory(prefix="bde-load-") as tmp_name:
            tmp = Path(tmp_name)
            app = harness.start_server(REPO_ROOT, harness.APP_SCRIPT, tmp / "app.log")
            harness.wait_warm(app)
            floor_script = harness.write_floor_app(tmp / "floor", same_settings=True)
            floor = harness.start_server(floor_script.parent, floor_script.name, tmp / "floor.log")
            try:
                rows = compare(app.base_url, app.process.pid, floor.base_url, floor.process.pid, args.sessions, args.runs, args.repeats)
            finally:
                app.stop()
                floor.stop()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
