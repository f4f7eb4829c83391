"""Streamlit's frontend files served from memory, compressed once.

A first visit of the Overview fetches ~110 of Streamlit's frontend files, 3.8 MB as Streamlit
sends them: uncompressed, because compressing at the server on every request would cost CPU again
and again (its own comment in starlette_gzip_middleware.py). On a reader's phone link those bytes
are the wait. Compressed once and kept, the cost does not recur: this middleware answers the
requests for those files from memory, gzipped for browsers that accept it (1.5 MB for the
Overview), with the headers Streamlit gives them (content-hashed names, cached for a year).
Over DevTools' Fast 4G link, this and the preloads (lib/preload.py) took the Overview's first
visit from 6.6 to 5.2 s; on loopback the compression changes nothing measurable. Anything
else, and a request for part of a file, goes on to Streamlit.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import mimetypes
import re
from pathlib import Path
from typing import NamedTuple

import streamlit

from lib.asgi import ASGIApp, Receive, Scope, Send

STATIC_DIR = Path(streamlit.__file__).resolve().parent / "static" / "static"
# Streamlit's own header for its content-hashed files (starlette_static_routes.py).
CACHE_CONTROL = b"public, immutable, max-age=31536000"
# Types worth compressing; fonts and images are compressed already.
_TEXT = (".js", ".css", ".json", ".map", ".svg")
_PATH = re.compile(r"(?:^|/)static/(js|css|media)/([\w.@-]+)$")



class Asset(NamedTuple):
    body: bytes
    gzipped: bytes | None  # None where compression does not pay
    content_type: bytes
    etag: bytes


def asset_file(path: str, static_dir: Path = STATIC_DIR) -> Path | None:
    """The file of Streamlit's build a request path names, or None."""
    match = _PATH.search(path)
    if not match:
        return None
    file = static_dir / match.group(1) / match.group(2)
    return file if file.is_file() else None


# By file. Only files of the build get here (``asset_file``), so it holds at most the whole build
# (~360 files, 25 MB and its compressed copy); first visits of all pages need ~140 of them (5 MB).
_ASSETS: dict[Path, Asset] = {}


def load(file: Path) -> Asset:
    """The file's response, read and compressed on its first request (or by ``warm``)."""
    if (asset := _ASSETS.get(file)) is None:
        asset = _ASSETS[file] = _read(file)
    return asset


def warm(files: list[Path]) -> int:
    """Read and compress ``files`` before any reader asks (serve.py runs this in a thread at start:
    zlib lets the server go on meanwhile). Returns how many were new."""
    new = [file for file in files if file not in _ASSETS and file.is_file()]
    for file in new:
        load(file)
    return len(new)


def _read(file: Path) -> Asset:
    body = file.read_bytes()
    gzipped = gzip.compress(body, compresslevel=6, mtime=0) if file.suffix in _TEXT else None
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if file.suffix == ".js":
        content_type = "text/javascript"
    etag = b'"' + hashlib.sha1(body).hexdigest()[:32].encode() + b'"'
    return Asset(body, gzipped if gzipped and len(gzipped) < len(body) else None, content_type.encode(), etag)


def _accepts_gzip(headers: dict[bytes, bytes]) -> bool:
    return any(part.split(b";")[0].strip() == b"gzip" for part in headers.get(b"accept-encoding", b"").split(b","))


class StaticAssetCache:
    """Answers GET and HEAD requests for Streamlit's build files from memory."""

    def __init__(self, app: ASGIApp, static_dir: Path = STATIC_DIR) -> None:
        self.app = app
        self.static_dir = static_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        file = None
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            file = asset_file(scope.get("path", ""), self.static_dir)
        headers = dict(scope.get("headers", [])) if file else {}
        if file is None or b"range" in headers:
            await self.app(scope, receive, send)
            return
        # A file's first request is read and compressed off the event loop (the largest, 0.8 MB,
        # takes ~50 ms), so the server goes on answering meanwhile.
        asset = _ASSETS.get(file) or await asyncio.to_thread(load, file)
        response = [(b"content-type", asset.content_type), (b"cache-control", CACHE_CONTROL), (b"etag", asset.etag)]
        if asset.gzipped is not None:
            response.append((b"vary", b"Accept-Encoding"))
        if asset.etag in [tag.strip() for tag in headers.get(b"if-none-match", b"").split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": response})
            await send({"type": "http.response.body", "body": b""})
            return
        body = asset.body
        if asset.gzipped is not None and _accepts_gzip(headers):
            body = asset.gzipped
            response.append((b"content-encoding", b"gzip"))
        response.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": response})
        await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})
