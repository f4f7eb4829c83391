"""Streamlit's frontend files from memory (lib/static_cache.py) and the files a page names early (lib/preload.py).

The builds here are written by hand in a temporary folder, so every expected byte and name is known."""

from __future__ import annotations

import asyncio
import gzip
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lib import preload, static_cache
from lib.link_preview import page_key, rewrite_index

SCRIPT = b"export const answer = 42; // " + b"text that compresses well " * 40


def _build(root: Path) -> Path:
    """A build laid out as Streamlit's: static/js, static/css, static/media."""
    (root / "js").mkdir(parents=True)
    (root / "media").mkdir()
    (root / "js" / "Html.Ab12.js").write_bytes(SCRIPT)
    (root / "media" / "Font.Cd34.woff2").write_bytes(b"wOF2" + bytes(range(256)) * 4)
    (root.parent / "secret.txt").write_text("not part of the build")
    return root


class _Inner:
    """Stands for Streamlit: answers 418, so a request passed on is seen."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 418, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})


def _request(app, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def served(tmp_path):
    build = _build(tmp_path / "static")
    inner = _Inner()
    yield static_cache.StaticAssetCache(inner, build), inner, build
    static_cache._ASSETS.clear()


def test_a_script_arrives_compressed_for_a_browser_that_takes_gzip_and_whole(served):
    app, inner, _ = served
    status, headers, body = _request(app, "/static/js/Html.Ab12.js", accept_encoding="gzip, deflate, br")
    assert status == 200
    assert headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == SCRIPT
    assert len(body) < len(SCRIPT) / 4
    assert headers[b"content-type"] == b"text/javascript"
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert headers[b"vary"] == b"Accept-Encoding"
    assert headers[b"content-length"] == str(len(body)).encode()
    assert inner.paths == []


def test_a_client_without_gzip_gets_the_plain_file(served):
    app, _, _ = served
    status, headers, body = _request(app, "/static/js/Html.Ab12.js")
    assert (status, body) == (200, SCRIPT)
    assert b"content-encoding" not in headers


def test_a_font_is_sent_as_it_is_compressed_already(served):
    app, _, build = served
    status, headers, body = _request(app, "/static/media/Font.Cd34.woff2", accept_encoding="gzip")
    assert status == 200 and body == (build / "media" / "Font.Cd34.woff2").read_bytes()
    assert b"content-encoding" not in headers


def test_a_browser_holding_the_file_gets_not_modified(served):
    app, _, _ = served
    _, headers, _ = _request(app, "/static/js/Html.Ab12.js")
    status, _, body = _request(app, "/static/js/Html.Ab12.js", if_none_match=headers[b"etag"].decode())
    assert (status, body) == (304, b"")


def test_a_head_request_gets_the_headers_only(served):
    app, _, _ = served
    status, headers, body = _request(app, "/static/js/Html.Ab12.js", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers[b"content-length"] == str(len(SCRIPT)).encode()


@pytest.mark.parametrize(
    "path, why",
    [
        ("/static/js/Missing.Zz99.js", "not in the build"),
        ("/static/js/../../secret.txt", "outside the build"),
        ("/static/secret.txt", "not a build folder"),
        ("/_stcore/health", "not a file"),
        ("/", "the page itself"),
    ],
)
def test_anything_but_a_build_file_goes_on_to_streamlit(served, path, why):
    app, inner, _ = served
    assert _request(app, path)[0] == 418, why
    assert inner.paths == [path]


def test_a_request_for_part_of_a_file_goes_on_to_streamlit(served):
    app, inner, _ = served
    assert _request(app, "/static/js/Html.Ab12.js", range="bytes=0-9")[0] == 418
    assert inner.paths == ["/static/js/Html.Ab12.js"]


def _modules(js: Path, files: dict[str, str]) -> Path:
    js.mkdir(parents=True)
    for name, text in files.items():
        (js / name).write_text(text)
    return js


def test_a_page_preloads_its_elements_files_and_all_they_import(tmp_path):
    js = _modules(tmp_path / "static" / "js", {
        "Html.A1.js": 'import{a as b}from"./shared.S1.js";import"./styles.T1.js";',
        "PageLink.B1.js": 'import{a as b}from"./shared.S1.js";',
        "ButtonGroup.C1.js": "",
        "Multiselect.D1.js": 'import{x}from"./deep.E1.js";',
        "deep.E1.js": 'import{y}from"./deeper.F1.js";',
        "deeper.F1.js": "",
        "shared.S1.js": "",
        "styles.T1.js": "",
        "ArrowVegaLiteChart.G1.js": "",
        "TextInput.H1.js": "",
        "Html.A1.js.map": "",
    })
    assert preload.preload_files("glossary", js) == (
        "Html.A1.js", "PageLink.B1.js", "ButtonGroup.C1.js", "Multiselect.D1.js", "TextInput.H1.js",
        "shared.S1.js", "styles.T1.js", "deep.E1.js", "deeper.F1.js",
    )
    # A chart page names the chart's file; the Data and sources page's parts are missing from this
    # build, so it names only what every page draws (and loads the rest as before).
    assert "ArrowVegaLiteChart.G1.js" in preload.preload_files("ai", js)
    assert "TextInput.H1.js" not in preload.preload_files("ai", js)
    assert "ArrowVegaLiteChart.G1.js" not in preload.preload_files("sources", js)
    tags = preload.preload_tags("glossary", '<script type="module" src="./static/js/shared.S1.js"></script>', js)
    assert '<link rel="modulepreload" crossorigin href="./static/js/deeper.F1.js">' in tags
    assert "shared.S1.js" not in tags


@pytest.mark.parametrize(
    "path, key",
    [("/", "overview"), ("/Smart_manufacturing", "manufacturing"), ("/Glossary/", "glossary"),
     ("/beijing/Data_and_sources", "sources"), ("/No_such_page", "overview")],
)
def test_the_page_a_link_opens_is_found_from_its_path_behind_any_prefix(path, key):
    assert page_key(path) == key


def test_the_served_page_names_its_elements_files_after_streamlits_own():
    index = b'<html lang="en"><head><script type="module" src="./static/js/index.X.js"></script></head><body></body></html>'
    chart_page = rewrite_index(index, "en", None, "/Artificial_intelligence").decode()
    glossary = rewrite_index(index, "en", None, "/Glossary").decode()
    assert chart_page.index('rel="modulepreload"') > chart_page.index("./static/js/index.X.js")
    assert re.search(r'href="\./static/js/ArrowVegaLiteChart\.[\w-]+\.js"', chart_page)
    assert not re.search(r"ArrowVegaLiteChart", glossary)
    assert re.search(r'href="\./static/js/TextInput\.[\w-]+\.js"', glossary)
