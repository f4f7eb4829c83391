"""The frame every page shares: page config, sidebar, notices, title, and the validated data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib.data import DataProblems, load_glossary, load_indicators, load_initiatives
from lib.filters import Ignored, View, filter_indicators, filter_initiatives
from lib.i18n import t
from lib.navigation import PAGES_BY_KEY
from lib.sidebar import current_view, render_sidebar, set_view


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

    @property
    def lang(self) -> str:
        return self.view.lang


def start_page(page_key: str) -> PageContext:
    """Frame the page and hand it the data; on invalid data, show the problems and stop."""
    view, ignored = current_view()
    page = PAGES_BY_KEY[page_key]
    st.set_page_config(
        page_title=f"{t(f'page.{page_key}.title', view.lang)} · {t('app.name', view.lang)}",
        page_icon=page.icon,
        layout="wide",
    )
    _forget_other_pages_selections(page_key)
    render_sidebar(view, page_key)
    if ignored:
        _show_ignored(ignored, view)
    st.title(t(f"page.{page_key}.title", view.lang))
    st.write(t(f"page.{page_key}.intro", view.lang))
    # Every page validates every file, so a broken file is reported wherever the reader is.
    problems = []
    frames = {}
    for name, loader in (("indicators", load_indicators), ("initiatives", load_initiatives), ("glossary", load_glossary)):
        try:
            frames[name] = loader()
        except DataProblems as error:
            problems.extend(error.problems)
    if problems:
        show_data_problems(problems, view.lang)
        st.stop()
    indicators_df, initiatives_df = frames["indicators"], frames["initiatives"]
    return PageContext(
        page_key=page_key,
        view=view,
        indicators_df=filter_indicators(indicators_df, view),
        initiatives_df=filter_initiatives(initiatives_df, view),
        all_indicators_df=indicators_df,
        all_initiatives_df=initiatives_df,
        glossary_df=frames["glossary"],
    )


def seen_selection_key(ctx: PageContext, chart_key: str) -> str:
    return f"{SEEN_PREFIX}{ctx.page_key}:{chart_key}"


def _forget_other_pages_selections(page_key: str) -> None:
    # A chart's selection is reset when its page is left; what we remembered of it must go too.
    for key in [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(SEEN_PREFIX)]:
        if not key.startswith(f"{SEEN_PREFIX}{page_key}:"):
            del st.session_state[key]


def _show_ignored(ignored: list[Ignored], view: View) -> None:
    values = ", ".join(f"{item.param}={item.value}" for item in ignored)
    # st.warning renders Markdown: the values come from a link anyone can craft, so code-format
    # them through st.text instead of interpolating them into Markdown.
    st.warning(t("notice.ignored_link_values", view.lang))
    st.text(values)
    # Drop what was ignored from the link, so the link that is shared next is clean.
    set_view(view)


def show_data_problems(problems, lang: str) -> None:
    st.error(t("error.data_invalid", lang))
    st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)
    st.caption(t("error.data_invalid_help", lang))
