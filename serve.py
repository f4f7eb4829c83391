"""Entry point for hosting the app yourself with link previews: ``streamlit run serve.py``.

The app is streamlit_app.py as ever; this file wraps it in Streamlit's ASGI app (st.App) so that
the served HTML carries the page's language and the name, one-line description and image a
chat app shows for a shared link (lib/link_preview.py). On Streamlit Community Cloud keep
streamlit_app.py as the main file: the platform serves its own page around the app and writes
the preview tags itself (see README).
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import FileResponse
from starlette.routing import Route

from lib.link_preview import PREVIEW_IMAGE_FILE, PREVIEW_IMAGE_PATH, LinkPreviewMiddleware


async def preview_image(request):
    return FileResponse(PREVIEW_IMAGE_FILE, media_type="image/png")


app = st.App(
    "streamlit_app.py",
    routes=[Route(PREVIEW_IMAGE_PATH, preview_image)],
    middleware=[Middleware(LinkPreviewMiddleware)],
)
