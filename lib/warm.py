"""Warm the server before its first reader: visit every page in every language, as a browser would.

Right after a start, the first run of a page imports pandas, Altair and pydantic, validates the
data and builds every chart: about 2 s of server time here, which the first reader used to wait
for on top of the browser's own start. A page in a language nobody has asked for yet costs about
1 s (its charts are built and planned for that language). ``serve.py`` starts this in the
background when the server starts (st.App's lifespan): it opens a session on the server's own
WebSocket, the one the browser uses, and asks for one run of each page in each language, so the
caches hold exactly what readers will ask for, built by the same code. Nothing leaves the machine
(it connects to 127.0.0.1), it is one session at a time, and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.logger import get_logger

from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES
from lib.navigation import PAGES, PageInfo

LOG = get_logger("bde.warm")  # Streamlit's log format and level, in the server's log

STARTUP_TIMEOUT_S = 60.0  # how long to wait for the server to answer its health check
RUN_TIMEOUT_S = 60.0  # one page run; a page that takes longer is reported, not waited for


@dataclass
class WarmReport:
    views: list[str] = field(default_factory=list)  # "overview?lang=de", in the order visited
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        text = f"warmed {len(self.views) - len(self.failures)} of {len(self.views)} views in {self.seconds:.1f} s"
        return text + (f"; failed: {'; '.join(self.failures)}" if self.failures else "")


def visit_order(pages: tuple[PageInfo, ...] = PAGES, languages: tuple[str, ...] = LANGUAGES) -> list[tuple[PageInfo, str]]:
    """The views to warm, most likely first: a shared link mostly opens the Overview, in any
    language; then every other page in the default language, then in the others."""
    ordered = [DEFAULT_LANGUAGE, *[lang for lang in languages if lang != DEFAULT_LANGUAGE]]
    return [(pages[0], lang) for lang in ordered] + [(page, lang) for lang in ordered for page in pages[1:]]


def rerun_message(query_string: str, page_name: str) -> bytes:
    """The BackMsg a browser sends to run a page (Streamlit's own protocol); the load generator
    (benchmark/load.py) sends the same."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_script_hash = ""
    state.page_name = page_name
    state.context_info.locale = "en-US"
    state.context_info.timezone = "UTC"
    return message.SerializeToString()


async def run_view(ws_url: str, page: PageInfo, lang: str, timeout_s: float = RUN_TIMEOUT_S) -> str | None:
    """One run of one page in one language; None when it finished, else what went wrong."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout_s) as socket:
        await socket.send(rerun_message(f"lang={lang}", page.url_path))
        deadline = time.monotonic() + timeout_s
        while True:
            data = await asyncio.wait_for(socket.recv(), timeout=max(0.01, deadline - time.monotonic()))
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "page_not_found":
                return "page not found"
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                if message.delta.new_element.WhichOneof("type") == "exception":
                    return f"exception: {message.delta.new_element.exception.message[:200]}"
            if kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return None
                return f"finished with status {message.script_finished}"


class Warmer:
    """Warms a server and says when it is ready: its health check answers 503 until the first
    views (the Overview in every language, where shared links land) are warm, and at most
    READY_AFTER_S after the start, so a warm-up that fails never keeps the server down. Load
    balancers, the hosting platform and the browser itself (it polls the health check before it
    opens the page's WebSocket) then send readers only to a server that answers them at once."""

    READY_AFTER_S = 30.0
    PACE = 2.0  # after readers are let in, wait this many times as long as each view took

    def __init__(self, views: list[tuple[PageInfo, str]] | None = None, first: int | None = None) -> None:
        self.views = views if views is not None else visit_order()
        self.first = first if first is not None else len(LANGUAGES)  # visit_order puts the Overviews first
        self.ready = asyncio.Event()
        self.report = WarmReport()

    async def run(self, base_url: str | None = None) -> WarmReport:
        base_url = base_url or server_base_url()
        began = time.monotonic()
        deadline = asyncio.get_running_loop().call_later(self.READY_AFTER_S, self.ready.set)
        try:
            ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
            if not await wait_until_listening(ws_url):
                self.report.failures.append(f"no WebSocket at {ws_url} after {STARTUP_TIMEOUT_S:.0f} s")
                return self.report
            for index, (page, lang) in enumerate(self.views):
                if index == self.first:
                    self.ready.set()
                name = f"{page.key}?lang={lang}"
                self.report.views.append(name)
                view_began = time.monotonic()
                try:
                    problem = await run_view(ws_url, page, lang)
                except Exception as error:  # a warm-up must never take the server down
                    problem = f"{type(error).__name__}: {error}"
                if problem:
                    self.report.failures.append(f"{name}: {problem}")
                if index >= self.first:
                    # Readers are let in now: the rest of the warm-up takes at most a third of the
                    # interpreter, so that the first of them is not slowed down by it.
                    await asyncio.sleep(self.PACE * (time.monotonic() - view_began))
        finally:
            self.ready.set()
            deadline.cancel()
            self.report.seconds = time.monotonic() - began
            (LOG.warning if self.report.failures else LOG.info)(self.report.summary())
        return self.report

    def health_gate(self, app):
        """ASGI middleware: the health check says 503 until ready; every other request passes."""

        async def gate(scope, receive, send):
            if scope["type"] == "http" and not self.ready.is_set() and scope["path"].endswith("/_stcore/health"):
                body = f"warming up: {len(self.report.views)} of {self.first} first views".encode()
                await send({"type": "http.response.start", "status": 503, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-cache"),
                    (b"content-length", str(len(body)).encode()),
                ]})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

        return gate


async def wait_until_listening(ws_url: str, timeout_s: float = STARTUP_TIMEOUT_S) -> bool:
    """Wait for the server's socket: the lifespan starts before the server accepts connections
    (and the health check cannot tell: it is held at 503 until the warm-up is done)."""
    import websockets

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            async with websockets.connect(ws_url, subprotocols=["streamlit"], open_timeout=2):
                return True
        except (OSError, asyncio.TimeoutError, websockets.InvalidHandshake):
            await asyncio.sleep(0.05)
    return False


def server_base_url() -> str:
    """The server's own address on this machine, from Streamlit's config (port, base path)."""
    from streamlit import config

    port = config.get_option("server.port")
    base_path = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
