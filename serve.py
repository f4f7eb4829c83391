"""How the app is served: ``streamlit run serve.py`` (scripts/run.sh, deploy/, the tests).

The app is streamlit_app.py as ever; this file wraps it in Streamlit's ASGI app (st.App) so that
- the server warms itself when it starts: every page in every language is run once before (or
  while) the first reader arrives (lib/warm.py), so no reader waits for imports and chart builds;
- Streamlit's frontend files are served from memory, compressed once, and each page's HTML names
  the files its elements will need, so a first visit fetches them at once (lib/static_cache.py,
  lib/preload.py);
- the served HTML carries the page's language and the name, one-line description and image a
  chat app shows for a shared link (lib/link_preview.py). On Streamlit Community Cloud the
  platform serves its own page around the app and writes the preview tags itself (see README).
"""

import asyncio
import contextlib

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import FileResponse
from starlette.routing import Route

from lib import preload, static_cache
from lib.link_preview import PREVIEW_IMAGE_FILE, PREVIEW_IMAGE_PATH, LinkPreviewMiddleware
from lib.navigation import PAGES
from lib.warm import Warmer


async def preview_image(request):
    return FileResponse(PREVIEW_IMAGE_FILE, media_type="image/png")


warmer = Warmer()


@contextlib.asynccontextmanager
async def lifespan(app):
    # A task, not awaited here: the server must be listening for the warm-up to visit it. The
    # task is kept (an unreferenced task may be collected) and stopped with the server.
    warming = asyncio.create_task(warmer.run())
    # The frontend files a first visit fetches, compressed in a thread (~0.25 s; zlib lets the
    # server go on) while the first views warm, so the first reader does not wait for it.
    compressing = asyncio.create_task(asyncio.to_thread(static_cache.warm, preload.first_visit_files([page.key for page in PAGES])))
    try:
        yield
    finally:
        warming.cancel()
        compressing.cancel()


app = st.App(
    "streamlit_app.py",
    lifespan=lifespan,
    routes=[Route(PREVIEW_IMAGE_PATH, preview_image)],
    middleware=[Middleware(static_cache.StaticAssetCache), Middleware(warmer.health_gate), Middleware(LinkPreviewMiddleware)],
)
