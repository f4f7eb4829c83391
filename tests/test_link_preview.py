"""A shared link previews with the app's name, a line and an image: the tags are in the served HTML."""

from __future__ import annotations

import gzip
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from lib.link_preview import preview_tags, requested_language, rewrite_index
from lib.preload import STATIC_JS

from support import ROOT

INDEX = b'<!doctype html><html lang="en"><head><title>Streamlit</title></head><body></body></html>'


def test_the_link_language_picks_the_tags_language_and_anything_else_falls_back_to_english():
    assert requested_language(b"lang=de&district=haidian") == "de"
    assert requested_language(b"lang=%3Cscript%3E") == "en"
    assert requested_language(b"") == "en"


def test_the_index_gets_language_title_and_preview_tags():
    page = rewrite_index(INDEX, "zh", "https://example.org/link-preview.png").decode()
    assert page.startswith('<!doctype html><html lang="zh-CN"><head>')
    assert "<title>北京数字经济数据看板</title>" in page
    assert '<meta property="og:title" content="北京数字经济数据看板">' in page
    assert '<meta property="og:image" content="https://example.org/link-preview.png">' in page


def test_preview_text_is_escaped():
    assert '"><script' not in preview_tags("en", 'https://x/"><script>alert(1)</script>')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, accept_gzip: bool = False) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read()
        if response.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, response.headers.get("content-type", ""), body


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """``streamlit run serve.py``, as a self-hoster starts it."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/_stcore/health")[2].strip() == b"ok":
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "serve.py did not start"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("accept_gzip", [False, True], ids=["plain", "gzip"])  # browsers and most crawlers take gzip
@pytest.mark.parametrize(
    "path, lang_tag, name",
    [("?lang=de", "de", "Beijings digitale Wirtschaft in Zahlen"), ("ai?lang=zh", "zh-CN", "北京数字经济数据看板"), ("", "en", "Beijing Digital Economy Explorer")],
)
def test_a_crawler_without_javascript_finds_name_description_and_image(served, path, lang_tag, name, accept_gzip):
    status, content_type, body = _get(f"{served}/{path}", accept_gzip)
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert f'<html lang="{lang_tag}"' in page
    assert f'<meta property="og:title" content="{name}">' in page
    assert re.search(r'<meta property="og:description" content="[^"]{40,}">', page)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert image == f"{served}/link-preview.png"
    status, content_type, png = _get(image)
    assert status == 200 and content_type == "image/png" and png.startswith(b"\x89PNG")


def test_a_page_tells_the_browser_where_the_server_is_before_streamlits_scripts():
    page = rewrite_index(b'<html lang="en"><head><script type="module" src="./static/js/index.js"></script></head></html>', "en", None).decode()
    hint = page.index("window.__streamlit")
    assert hint < page.index("./static/js/index.js")
    assert "Smart_manufacturing|" in page and "BACKEND_BASE_URL: location.origin + m[1]" in page


def test_a_changed_page_gets_a_new_tag_so_no_browser_keeps_an_old_rewrite(served):
    with urllib.request.urlopen(f"{served}/?lang=de", timeout=5) as german, urllib.request.urlopen(f"{served}/?lang=zh", timeout=5) as chinese:
        assert german.headers["etag"] != chinese.headers["etag"]


def test_the_app_still_runs_behind_the_preview_middleware(served):
    status, content_type, body = _get(f"{served}/_stcore/health")
    assert status == 200 and body.strip() == b"ok"


def test_the_served_page_names_the_files_its_elements_need_and_each_arrives_compressed(served):
    """What a first visit of the AI page fetches early: the chart's code, named in its HTML,
    served compressed and byte for byte the file Streamlit installed."""
    _, _, body = _get(f"{served}/Artificial_intelligence?lang=de", accept_gzip=True)
    named = re.findall(r'<link rel="modulepreload" crossorigin href="\./static/js/([^"]+)">', body.decode())
    chart = [name for name in named if name.startswith("ArrowVegaLiteChart.")]
    assert len(chart) == 1
    request = urllib.request.Request(f"{served}/static/js/{chart[0]}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["cache-control"] == "public, immutable, max-age=31536000"
        assert gzip.decompress(response.read()) == (STATIC_JS / chart[0]).read_bytes()
