"""The frame every page shares: page config, sidebar, notices, title, and the validated data."""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from lib import layout, vocab
from lib.bounded_cache import BoundedCache
from lib.data import DataProblems, data_version, load_glossary, load_indicators, load_initiatives, load_references, references_by_id
from lib.filters import PARAM_DISTRICT, PARAM_LANG, PARAM_SECTOR, FILTER_SECTORS, Ignored, View, filter_indicators, filter_initiatives, section_groups
from lib.i18n import HTML_LANG, t
from lib.navigation import PAGES_BY_KEY
from lib.sidebar import current_view, render_sidebar, set_view


LINK_PARAMS = (PARAM_LANG, PARAM_DISTRICT, PARAM_SECTOR)

# Session keys remembering the last chart selection a page saw (see blocks._apply_map_selection).
SEEN_PREFIX = "_seen_selection:"


@dataclass(frozen=True)
class PageContext:
    page_key: str
    view: View
    indicators_df: pd.DataFrame  # under the reader's filters
    initiatives_df: pd.DataFrame  # under the reader's filters
    all_indicators_df: pd.DataFrame
    all_initiatives_df: pd.DataFrame
    glossary_df: pd.DataFrame
    references: dict[str, dict]  # the sources the glossary and initiatives cite, by id
    data_version: tuple  # lib.data.data_version() when the frames were read

    @property
    def lang(self) -> str:
        return self.view.lang


@contextmanager
def page_frame(page_key: str) -> Iterator[PageContext]:
    """Frame the page and hand it the data (``with page_frame(key) as ctx:``); on invalid data,
    show the problems and stop.

    The sidebar opens first, with the page's scripts alone (they take no room): opened after the
    page was drawn, it narrowed the main column under the reader, so every paragraph was laid out
    twice and every chart drawn at full width was drawn again (about 8% of a warm visit of the AI
    and manufacturing pages, interleaved A/B). Its widgets are drawn when the page is done, even
    if it stopped or failed: sent first, their code and drawing held back the page's own content
    and charts (about 0.1 s of a warm page load), and a reader must keep the language and filters
    whatever happens.
    """
    view, ignored = current_view()
    page = PAGES_BY_KEY[page_key]
    st.set_page_config(
        # Without the zero-width spaces that mark where a Chinese title may break on the page.
        page_title=f"{t(f'page.{page_key}.title', view.lang).replace(chr(0x200B), '')} · {t('app.name', view.lang)}",
        page_icon=page.icon,
        layout="wide",
    )
    layout.apply_layout()
    _forget_other_pages_selections(page_key)
    page_scripts(view.lang)
    sidebar_drawn = False
    groups = FILTER_SECTORS
    try:
        if ignored:
            _show_ignored(ignored, view)
        # No link icon: the title is the top of the page, and the icon, hidden until hovered,
        # still took a line of its own under a title whose last line it did not fit beside.
        st.title(t(f"page.{page_key}.title", view.lang), anchor=False)
        st.write(t(f"page.{page_key}.intro", view.lang))
        context = _page_context(page_key, view)
        if context is None:  # the data's problems are shown; nothing after st.stop() is drawn
            render_sidebar(view, page_key)
            sidebar_drawn = True
            st.stop()
        groups = _shared(
            ("groups", page_section(page_key), context.data_version),
            lambda: section_groups(context.all_indicators_df, context.all_initiatives_df, page_section(page_key)),
        )
        yield context
    finally:
        if not sidebar_drawn:
            render_sidebar(view, page_key, groups)


def html_lang_script(lang: str) -> str:
    """A script setting ``<html lang>`` to the page's language (``de``, ``zh-CN``)."""
    # json.dumps quotes the tag for JavaScript; the tag comes from our own table, never the link.
    return f"<script>document.documentElement.lang = {json.dumps(HTML_LANG[lang])};</script>"


def page_scripts(lang: str) -> None:
    """The page's scripts, in one hidden element at the top of the sidebar, which opens the sidebar
    before the page is drawn (see ``page_frame``); hidden, it adds no gap above the page links:

    - ``<html lang>``: Streamlit 1.67 serves every page as ``lang="en"`` (streamlit/streamlit#15726),
      so screen readers read German with English rules and Chromium may draw Chinese with
      Japanese glyph forms;
    - on a phone, the sidebar closes once a page is chosen in it (lib.layout).
    """
    with st.sidebar.container(key=layout.SIDEBAR_SCRIPTS_KEY):
        st.html(html_lang_script(lang) + layout.close_sidebar_script(), unsafe_allow_javascript=True)


def page_section(page_key: str) -> str | None:
    """The report section a page shows, or None for the pages that show the whole report."""
    return page_key if page_key in vocab.SECTIONS else None


def _page_context(page_key: str, view: View) -> PageContext | None:
    """The page's data under the reader's view, or None after showing why the data is invalid."""
    version = data_version()
    try:
        indicators_df, initiatives_df, glossary_df, references = _shared(("files", version), _validated_frames)
    except DataProblems as error:
        show_data_problems(error.problems, view.lang)
        return None
    shown_indicators, shown_initiatives = _shared(
        ("view", astuple(view), version),
        lambda: (filter_indicators(indicators_df, view), filter_initiatives(initiatives_df, view)),
    )
    # Shallow copies: pandas copies on write, so a block that changes its frame changes only its own.
    return PageContext(
        page_key=page_key,
        view=view,
        indicators_df=shown_indicators.copy(deep=False),
        initiatives_df=shown_initiatives.copy(deep=False),
        all_indicators_df=indicators_df.copy(deep=False),
        all_initiatives_df=initiatives_df.copy(deep=False),
        glossary_df=glossary_df.copy(deep=False),
        references=references,  # read only, like the frames: shared by every reader of this version
        data_version=version,
    )


def _validated_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, dict]]:
    # Every page validates every file, so a broken file is reported wherever the reader is.
    problems = []
    frames = []
    for loader in (load_indicators, load_initiatives, load_glossary, load_references):
        try:
            frames.append(loader())
        except DataProblems as error:
            problems.extend(error.problems)
    if problems:
        raise DataProblems(problems)
    return frames[0], frames[1], frames[2], references_by_id(frames[3])


# What every run of every reader starts from, kept per data version (and view): the validated
# frames, the filtered frames and the sidebar's groups. Asking the loaders and filtering again cost
# about a quarter of a warm run (py-spy, 20 runs of the Overview): Streamlit's cache hashes its key
# and unpickles a copy on every call. Failures are not kept, so a fixed file is read again on the
# next run. Readers get copy-on-write copies of the frames (see _page_context).
def _shared(key: tuple, compute: Callable[[], Any]) -> Any:
    return _frames.get(key, compute)


Result = TypeVar("Result")


def per_view(function: Callable[..., Result]) -> Callable[..., Result]:
    """Cache what a block computes from the page's data by the reader's view and the data's version.

    Every click reruns the whole page, and picking, formatting and charting a page's figures
    takes pandas and Altair a few hundred milliseconds here. What a block computes depends only
    on the view (language, districts, sectors), the data files and the block's own arguments, so
    those are the key: the frames are never hashed. The arguments must therefore be names
    (series, section, a function), never rows. Each call gets its own copy, so a caller cannot
    spoil a result for the next reader.
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(ctx: PageContext, *args: Any, **kwargs: Any) -> Result:
        key = (name, astuple(ctx.view), ctx.data_version, _token(args), _token(sorted(kwargs.items())))
        return _fresh(_call.get(key, lambda: function(ctx, *args, **kwargs)))

    return cached


# Bounded so that a crawl through every district and sector combination cannot grow the server:
# the largest per_view entry, a map with its geometry, is ~80 KB as a pickle, so 1,000 entries stay
# under ~100 MB; an entry is one block of one view, about ten per page. The frames are a few per
# view and shared between blocks.
_call = BoundedCache(1000)
_frames = BoundedCache(256)


def _fresh(value: Any) -> Any:
    """A copy of a kept result that a caller may change without changing what is kept.

    Frames as pandas' copy-on-write copies; lists, tuples and dataclasses copied item by item; a
    dict copied one level deep. What lies deeper in a dict (a chart spec's layers, a map's
    geometry) is shared and read-only: Streamlit and lib.export copy a spec before changing it,
    and copying a spec all the way down cost more than the chart's whole run (a map: 17 ms).
    """
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    if isinstance(value, tuple):
        items = [_fresh(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Field by field on a shallow copy: dataclasses.replace would run __post_init__ again.
        copied = copy.copy(value)
        for item in dataclasses.fields(value):
            object.__setattr__(copied, item.name, _fresh(getattr(value, item.name)))
        return copied
    return value


def _token(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_token(item) for item in value)
    if callable(value):
        return f"{value.__module__}.{value.__qualname__}"
    raise TypeError(f"per_view takes names, not {type(value).__name__}: pass what picks the rows, not the rows")


def seen_selection_key(ctx: PageContext, chart_key: str) -> str:
    return f"{SEEN_PREFIX}{ctx.page_key}:{chart_key}"


def _forget_other_pages_selections(page_key: str) -> None:
    # A chart's selection is reset when its page is left; what we remembered of it must go too.
    for key in [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(SEEN_PREFIX)]:
        if not key.startswith(f"{SEEN_PREFIX}{page_key}:"):
            del st.session_state[key]


def _show_ignored(ignored: list[Ignored], view: View) -> None:
    # Name the parameters, never their values: the values come from a link anyone can craft,
    # and echoing them would let a stranger put words on this page. The names are ours
    # (lib.filters only reports its own parameters), so they are safe to show.
    names = list(dict.fromkeys(item.param for item in ignored if item.param in LINK_PARAMS))
    st.warning(t("notice.ignored_link_params", view.lang, count=len(names), params=", ".join(f"`{name}`" for name in names)))
    # Drop what was ignored from the link, so the link that is shared next is clean.
    set_view(view)


def show_data_problems(problems, lang: str) -> None:
    st.error(t("error.data_invalid", lang))
    st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
    st.caption(t("error.data_invalid_help", lang))
