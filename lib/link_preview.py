"""What the served HTML carries: the page's language, a link preview, and where the server is.

A link-preview crawler runs no JavaScript, so the tags must be in the HTML the server sends.
Streamlit 1.67 serves the same index.html for every page, with ``<html lang="en">`` and no
description; this ASGI middleware (used by ``serve.py`` through ``st.App``) writes the page's
language and Open Graph tags into it, in the language the link asks for (``?lang=de``).

It also tells the browser where the server is (see ``BASE_URL_HINT``).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import re
from pathlib import Path
from urllib.parse import parse_qs

from lib.asgi import ASGIApp, Message, Receive, Scope, Send
from lib.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, t
from lib.navigation import PAGES
from lib.preload import preload_tags

PREVIEW_IMAGE_PATH = "/link-preview.png"
PREVIEW_IMAGE_FILE = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "overview.png"
# A host name as browsers send it; anything else is not echoed into the page.
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$")



def requested_language(query_string: bytes) -> str:
    values = parse_qs(query_string.decode("latin-1")).get("lang", [])
    lang = values[0].strip().lower() if values else DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def preview_tags(lang: str, image_url: str | None) -> str:
    """The Open Graph and description tags for a page in ``lang``, escaped for HTML."""
    name, description = html.escape(t("app.name", lang)), html.escape(t("app.description", lang))
    tags = [
        f'<meta name="description" content="{description}">',
        f'<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{name}">',
        f'<meta property="og:title" content="{name}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:locale" content="{html.escape(HTML_LANG[lang].replace("-", "_"))}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    if image_url:
        tags.append(f'<meta property="og:image" content="{html.escape(image_url)}">')
    return "".join(tags)


# A link to a section page (/Smart_manufacturing) makes Streamlit's frontend look for the server
# under that path first: it asks /Smart_manufacturing/_stcore/health, gets a 404, waits 100 ms and
# only then asks /_stcore/health. That cost every shared link to a section page ~0.1 s, a third of
# a whole one-chart page load. Streamlit reads the server's address from ``window.__streamlit``
# (its setting for pages that embed it); set to the folder above the page's own path, the first
# question goes to the right place. Computed in the browser, not here, so a path prefix added by
# a proxy (deploy/) is kept. Any other path is left to Streamlit's own search.
_PAGE_PATHS = "|".join(page.url_path for page in PAGES if page.url_path)
assert re.fullmatch(r"[A-Za-z0-9_|]+", _PAGE_PATHS), "page paths go into a regular expression unescaped"
BASE_URL_HINT = (
    "<script>(function () {"
    f"var m = location.pathname.match(/^(.*\\/)(?:{_PAGE_PATHS})\\/?$/);"
    "if (m) window.__streamlit = Object.assign({}, window.__streamlit, {BACKEND_BASE_URL: location.origin + m[1]});"
    "})();</script>"
)


def page_key(path: str) -> str:
    """The page a request's path names (its last segment, as a proxy may add a prefix); the
    Overview, which Streamlit also shows for a path it does not know, for any other."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return next((page.key for page in PAGES if page.url_path and page.url_path == last), PAGES[0].key)


def rewrite_index(body: bytes, lang: str, image_url: str | None, path: str = "/") -> bytes:
    """Streamlit's index.html with the page's language, its title, the preview tags, the
    server's address (before Streamlit's own scripts, which read it when they load) and the
    frontend files the page will need (lib/preload.py), after Streamlit's own."""
    text = body.decode("utf-8")
    text = text.replace("</head>", preload_tags(page_key(path), text) + "</head>", 1)
    text = re.sub(r'<html lang="[^"]*"', f'<html lang="{HTML_LANG[lang]}"', text, count=1)
    text = re.sub(r"<title>[^<]*</title>", f"<title>{html.escape(t('app.name', lang))}</title>", text, count=1)
    text = text.replace("<head>", "<head>" + BASE_URL_HINT + preview_tags(lang, image_url), 1)
    return text.encode("utf-8")


def _image_url(scope: Scope) -> str | None:
    headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    if not _HOST.match(host):
        return None
    scheme = headers.get("x-forwarded-proto", scope.get("scheme", "http"))
    scheme = scheme if scheme in ("http", "https") else "http"
    return f"{scheme}://{host}{PREVIEW_IMAGE_PATH}"


class LinkPreviewMiddleware:
    """Rewrites HTML pages on the way out; every other response passes untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)  # not a page: pass it on unchanged
                    start["passthrough"] = True
                    return
                start.update(message)
                return
            if start.get("passthrough") or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = start.get("headers", [])
            # Streamlit gzips its pages for browsers (and crawlers) that accept it: open, rewrite, close.
            zipped = dict(headers).get(b"content-encoding", b"").lower() == b"gzip"
            page = gzip.decompress(body) if zipped and body else body
            if b"<head>" in page:
                page = rewrite_index(page, requested_language(scope.get("query_string", b"")), _image_url(scope), scope.get("path", "/"))
                body = gzip.compress(page, mtime=0) if zipped else page
                # The tag must name what is sent, or a browser revalidating would keep an older rewrite.
                headers = [(k, v) for k, v in headers if k.lower() != b"etag"]
                headers.append((b"etag", b'"' + hashlib.sha1(page).hexdigest().encode() + b'"'))
            headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": start.get("status", 200), "headers": headers})
            await send({"type": "http.response.body", "body": body if scope.get("method") == "GET" else b""})

        await self.app(scope, receive, capture)
