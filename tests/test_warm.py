"""The server warms itself before its first reader (lib/warm.py, through serve.py's st.App lifespan)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import time
import urllib.error
import urllib.request

from benchmark import harness
from lib.warm import Warmer, visit_order

WARM_TIMEOUT_S = 180.0  # every page in three languages on two busy cores; normally ~15 s


def test_visit_order_puts_every_languages_overview_first_then_every_page():
    views = [(page.key, lang) for page, lang in visit_order()]
    # Written out by hand: shared links land on the Overview, in any of the three languages.
    assert views[:4] == [("overview", "en"), ("overview", "de"), ("overview", "zh"), ("ai", "en")]
    assert len(views) == 27 == len(set(views))
    assert views[-1] == ("glossary", "zh")


def _health(base_url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def test_server_says_ready_only_when_warm_and_warms_every_view(tmp_path):
    port = harness.free_port()
    base_url = f"http://{harness.HOST}:{port}"
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            harness.server_command(harness.APP_SCRIPT, port), cwd=harness.REPO_ROOT, stdout=log, stderr=subprocess.STDOUT
        )
    answers: list[tuple[int, str]] = []
    try:
        deadline = time.monotonic() + WARM_TIMEOUT_S
        while time.monotonic() < deadline and "warmed" not in log_path.read_text(errors="replace"):
            assert process.poll() is None, log_path.read_text(errors="replace")
            status, body = _health(base_url)
            if status:
                answers.append((status, body))
            time.sleep(0.05)
        log = log_path.read_text(errors="replace")
        # A reader's browser polls this before it opens the page: it must wait while the server warms ...
        assert (503, "warming up") in [(status, body[:10]) for status, body in answers], answers[:5]
        # ... and be let in before every view is warm (the Overviews first), not after.
        first_ok = next(index for index, (status, _) in enumerate(answers) if status == 200)
        assert all(status == 503 for status, _ in answers[:first_ok])
        assert "warmed 27 of 27 views" in log, log[-3000:]
        assert "failed" not in log and "Traceback" not in log, log[-3000:]
    finally:
        harness.stop_process(process)


def test_health_check_never_stays_shut_when_the_warm_up_cannot_run(monkeypatch):
    """A warm-up that cannot reach its server must not keep the server out of service."""
    after_s = 0.05
    monkeypatch.setattr(Warmer, "READY_AFTER_S", after_s)
    warmer = Warmer()

    async def scenario() -> tuple[bool, bool]:
        task = asyncio.create_task(warmer.run("http://127.0.0.1:9"))  # nothing listens on port 9
        await asyncio.sleep(after_s * 4)
        ready = warmer.ready.is_set()
        task.cancel()
        return ready, task.done()

    # In a thread of its own: after the browser tests, Playwright's sync API keeps an event loop
    # running in pytest's main thread, where asyncio.run refuses to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        ready, _ = pool.submit(asyncio.run, scenario()).result(timeout=30)
    assert ready
