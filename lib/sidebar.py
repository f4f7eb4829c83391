"""The shared sidebar: page links, language and filters, all kept in the link."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

import streamlit as st

from lib import vocab
from lib.components import expander_on_demand
from lib.filters import FILTER_SECTORS, Ignored, View, all_means_none, parse_view, view_to_params
from lib.i18n import LANGUAGES, language_from_locale, t
from lib.navigation import PAGES

LANG_KEY = "lang_select"
DISTRICT_KEY = "district_filter"
SECTOR_KEY = "sector_filter"
SHARE_KEY = "share_open"
PAGE_GROUPS_KEY = "_page_sector_groups"  # the sector groups this page offers, for "select all"
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "zh": "中文"}


def current_view() -> tuple[View, list[Ignored]]:
    """The view the link describes; the browser's language is the default for a bare link."""
    params = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    return parse_view(params, default_lang=language_from_locale(st.context.locale))


def set_view(view: View) -> None:
    """Make ``view`` the page's state by writing it into the link (only when it changed)."""
    wanted = view_to_params(view)
    present = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
    if present != wanted:
        st.query_params.from_dict(wanted)


def _from_widgets() -> None:
    # Widget callbacks run before the page script, so the page reads the new link at once.
    set_view(
        View(
            lang=st.session_state[LANG_KEY],
            districts=all_means_none(st.session_state[DISTRICT_KEY]),
            sectors=_all_groups_mean_none(tuple(st.session_state[SECTOR_KEY]), st.session_state.get(PAGE_GROUPS_KEY, FILTER_SECTORS)),
        )
    )


def _all_groups_mean_none(chosen: tuple[str, ...], offered: tuple[str, ...]) -> tuple[str, ...]:
    # Every group the page offers chosen ("Select all") hides nothing here: it is no filter, and
    # must not narrow the next page to this page's groups.
    return () if offered and set(offered) <= set(chosen) else tuple(group for group in FILTER_SECTORS if group in chosen)


@functools.cache
def page_objects() -> dict[str, st.Page]:
    """The app's pages as ``st.Page`` objects for ``st.page_link``, made once per server: given a
    file path instead, ``st.page_link`` resolves it on disk (``os.path.realpath``, a system call per
    folder) for each link on every run, a tenth of the server's time per run when many readers come
    at once (py-spy, 50 protocol sessions). Made on the first run, which knows where the app lies.
    Only for links: ``st.navigation`` marks the page it runs on the object, which readers must not share."""
    # The first page is the main script, served at the root of the site.
    return {page.key: st.Page(page.path, default=page is PAGES[0]) for page in PAGES}


def _clear_filters() -> None:
    view, _ = current_view()
    set_view(View(lang=view.lang))


def share_link(view: View) -> str:
    """The link that opens this page with this exact view."""
    query = urlencode(view_to_params(view), doseq=True)
    return f"{st.context.url or ''}?{query}"


# Mutation testing (setup.cfg) covers the link handling above; the drawing below is checked by the AppTests.
def render_sidebar(view: View, page_key: str, sector_groups: tuple[str, ...] = FILTER_SECTORS) -> None:  # pragma: no mutate block
    """The sidebar; the sector filter offers ``sector_groups``, the groups this page has something for."""
    lang = view.lang
    st.session_state[PAGE_GROUPS_KEY] = sector_groups
    # A group chosen on another page stays choosable here, so the reader can see and clear it.
    sector_options = [group for group in FILTER_SECTORS if group in sector_groups or group in view.sectors]
    # Widgets on different pages are different widgets: seed each from the link every run.
    st.session_state[LANG_KEY] = lang
    st.session_state[DISTRICT_KEY] = list(view.districts)
    st.session_state[SECTOR_KEY] = list(view.sectors)
    params = view_to_params(view)
    with st.sidebar:
        pages = page_objects()
        for page in PAGES:
            st.page_link(pages[page.key], label=t(f"page.{page.key}.nav", lang), icon=page.icon, query_params=params)
        st.divider()
        # Three buttons rather than a drop-down: one click to switch, every language in sight,
        # and lighter to draw than the select box.
        st.segmented_control(
            t("sidebar.language", lang),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.__getitem__,
            key=LANG_KEY,
            on_change=_from_widgets,
            required=True,
        )
        st.multiselect(
            t("sidebar.district", lang),
            list(vocab.DISTRICT_SLUGS),
            format_func=lambda code: t(f"district.{code}", lang),
            key=DISTRICT_KEY,
            on_change=_from_widgets,
            placeholder=t("sidebar.all_districts", lang),
        )
        st.multiselect(
            t("sidebar.sector", lang),
            sector_options,
            format_func=lambda group: t(f"sector_group.{group}", lang),
            key=SECTOR_KEY,
            on_change=_from_widgets,
            placeholder=t("sidebar.all_sectors", lang),
        )
        if view.is_filtered:
            st.button(t("sidebar.clear_filters", lang), key="clear_filters", on_click=_clear_filters)
        with expander_on_demand(t("sidebar.share", lang), key=SHARE_KEY) as box:
            if box.open:
                st.caption(t("sidebar.share_help", lang))
                st.code(share_link(view), language=None, wrap_lines=True)
