"""Which parts of Streamlit's frontend a page's HTML asks the browser to fetch at once.

Streamlit's frontend loads the code of each kind of element (a chart, a multiselect, a page
link) only when the first one arrives from the server. On a first visit that is a chain of
waits: the page's code, then the server's answer, then the chart's code (~50 files for a chart
and the sidebar's widgets), each fetch queued behind the last. Named in the HTML as
``<link rel="modulepreload">``, those files are fetched and compiled while the page's own code
still loads, and are ready when the first element arrives.

Streamlit names its files by content (``ArrowVegaLiteChart.C1pLU68S.js``), so the names are
found in the installed build, not written here: an element's file and every file it imports.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lib.static_cache import STATIC_DIR

STATIC_JS = STATIC_DIR / "js"

# The frontend parts of elements every page draws: the language pills (ButtonGroup), the sidebar's
# page links and filters, and the text blocks written as HTML (the lead, the notes).
EVERY_PAGE = ("Html", "PageLink", "ButtonGroup", "Multiselect")
# The parts a page draws besides, by page key (lib/navigation.PAGES). Pages not named draw charts.
CHARTS = ("ArrowVegaLiteChart",)
# Pages with KPI cards draw a Source button on each.
KPI_PAGES = ("overview", "ai", "manufacturing", "public_services", "infrastructure")
BY_PAGE = {
    "sources": ("DataFrame", "DownloadButton", "TextInput"),
    "glossary": ("TextInput",),
    **dict.fromkeys(KPI_PAGES, CHARTS + ("Button",)),
}

# `import{a as b}from"./x.js"` and `import"./x.js"`: the static imports of a built module.
_STATIC_IMPORT = re.compile(r'(?:from|import)\s*"\./([\w.-]+\.js)"')


def _file_of(part: str, js_dir: Path) -> str | None:
    """The built file of a frontend part: its name, a dot, the content hash, .js."""
    matches = sorted(path.name for path in js_dir.glob(f"{part}.*.js") if re.fullmatch(rf"{re.escape(part)}\.[\w-]+\.js", path.name))
    return matches[0] if len(matches) == 1 else None


def _with_imports(names: list[str], js_dir: Path) -> list[str]:
    """The files and all they import, in the order found (the parts first, as the browser needs them)."""
    seen: list[str] = []
    queue = list(names)
    while queue:
        name = queue.pop(0)
        if name in seen or not (js_dir / name).is_file():
            continue
        seen.append(name)
        queue.extend(_STATIC_IMPORT.findall((js_dir / name).read_text(encoding="utf-8")))
    return seen


@functools.lru_cache(maxsize=16)
def preload_files(page_key: str, js_dir: Path = STATIC_JS) -> tuple[str, ...]:
    """The built files the page will ask for once its elements arrive. A part missing from the
    build (a Streamlit upgrade that renamed it) is skipped: the page then loads it as before."""
    parts = EVERY_PAGE + BY_PAGE.get(page_key, CHARTS)
    files = [name for part in parts if (name := _file_of(part, js_dir))]
    return tuple(_with_imports(files, js_dir))


def preload_tags(page_key: str, already: str, js_dir: Path = STATIC_JS) -> str:
    """``<link rel="modulepreload">`` for each of the page's files the HTML (``already``) does not name."""
    return "".join(
        f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'
        for name in preload_files(page_key, js_dir)
        if f"/{name}\"" not in already
    )


def first_visit_files(page_keys: list[str], js_dir: Path = STATIC_JS) -> list[Path]:
    """Every build file a first visit of one of the pages fetches: those Streamlit's index.html
    names (its code, styles and font) and each page's preloads. serve.py has them read and
    compressed before the first reader (lib/static_cache.py)."""
    build = js_dir.parent.parent
    named = re.findall(r'(?:href|src)="\./(static/[\w./@-]+)"', (build / "index.html").read_text(encoding="utf-8"))
    files = [build / name for name in named]
    files += [js_dir / name for key in page_keys for name in preload_files(key, js_dir)]
    return list(dict.fromkeys(files))
