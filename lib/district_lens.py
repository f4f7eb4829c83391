"""What a section page says first under the reader's filters: the report's words on the chosen
districts, that the figures are city-wide, and what a sector filter left (or what to do if nothing).

Every figure of the report is city-wide, so a district filter cannot change a KPI or a chart. What
it can change is what the page leads with: the initiatives the report places in those districts on
this page, each with the German sentence that names it, and where else the report names them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib import components, vocab
from lib.filters import View, section_groups, view_to_params
from lib.formatting import initiative_name
from lib.i18n import t
from lib.navigation import PAGES_BY_KEY
from lib.page import PageContext, per_view
from lib.safe_text import md_escape
from lib.sidebar import page_objects

MAP_ICON = "🗺️"


@dataclass(frozen=True)
class Lens:
    """What the lead of a section page says, worked out before anything is drawn."""

    districts: str  # the chosen districts' names, joined
    cards: list[dict]  # one per initiative of this section in those districts: name, facts, sentences
    elsewhere: list[tuple[str, int]]  # (page key, initiatives there) where the report names them
    city_wide_initiatives: int  # this section's initiatives without a district, hidden by the filter
    has_figures: bool  # the section has report figures (all city-wide)


def district_names(codes: tuple[str, ...], lang: str) -> str:
    return t("lens.name_separator", lang).join(t(f"district.{code}", lang) for code in codes)


def group_names(groups: tuple[str, ...], lang: str) -> str:
    return t("lens.name_separator", lang).join(t(f"sector_group.{group}", lang) for group in groups)


def section_lead(ctx: PageContext, section: str) -> None:
    """The first thing a section page says under filters: the district lens, then the sector summary."""
    if ctx.view.districts:
        _draw_lens(_lens(ctx, section), ctx.view)
    if ctx.view.sectors:
        _sector_summary(ctx, section)


@per_view
def _lens(ctx: PageContext, section: str) -> Lens:
    lang = ctx.lang
    chosen = ctx.initiatives_df  # already narrowed to the chosen districts and sector groups
    here = chosen[chosen["section"] == section]
    cards = [
        {
            "id": row["id"],
            "name": initiative_name(row, lang),
            "facts": " · ".join(components.initiative_facts(row, lang)),
            "german": row["source_de"],
            "translation": "" if lang == "de" else row[f"source_{lang}"],
        }
        for row in here.to_dict("records")
    ]
    counts = chosen[chosen["section"] != section]["section"].value_counts()
    elsewhere = [(other, int(counts[other])) for other in vocab.SECTIONS if other in counts]
    everything = ctx.all_initiatives_df
    city_wide = everything[(everything["section"] == section) & (everything["district_code"] == "")]
    if ctx.view.sectors:
        city_wide = city_wide[city_wide["sector"].map(vocab.SECTOR_GROUP_OF).isin(ctx.view.sectors)]
    figures = ctx.all_indicators_df
    has_figures = bool(((figures["section"] == section) & (figures["source_type"] == "report")).any())
    return Lens(district_names(ctx.view.districts, lang), cards, elsewhere, len(city_wide), has_figures)


def _draw_lens(lens: Lens, view: View) -> None:
    lang = view.lang
    params = view_to_params(view)
    with st.container(border=True, key="district_lens"):
        st.subheader(t("lens.heading", lang, districts=lens.districts), anchor=False)
        if lens.cards:
            for card in lens.cards:
                text = f"**{md_escape(card['name'])}**  \n{components.small_grey(card['facts'])}\n\n> {md_escape(card['german'])}"
                if card["translation"]:
                    text += f"\n\n{components.small_grey(card['translation'])}"
                with st.container(key=f"lens_{card['id']}"):
                    st.markdown(text)
        else:
            st.markdown(md_escape(t("lens.none_here", lang, districts=lens.districts)))
        if lens.elsewhere:
            st.markdown(md_escape(t("lens.elsewhere", lang, districts=lens.districts)))
            for page_key, count in lens.elsewhere:
                label = t("lens.page_count", lang, page=t(f"page.{page_key}.nav", lang), number=count)
                st.page_link(page_objects()[page_key], label=label, icon=PAGES_BY_KEY[page_key].icon, query_params=params)
        elif not lens.cards:
            st.markdown(md_escape(t("lens.nowhere", lang, districts=lens.districts)))
        st.page_link(page_objects()["map"], label=t("lens.map_link", lang, districts=lens.districts), icon=MAP_ICON, query_params=params)
        notes = []
        if lens.has_figures:
            notes.append(t("lens.city_wide_figures", lang))
        if lens.city_wide_initiatives:
            notes.append(t("lens.city_wide_initiatives", lang, count=lens.city_wide_initiatives))
        if notes:
            st.caption(md_escape(" ".join(notes)))


def _sector_summary(ctx: PageContext, section: str) -> None:
    """Say what the sector filter left of this section; if it left nothing, say what to do."""
    lang = ctx.lang
    figures = ctx.all_indicators_df
    total = int(((figures["section"] == section) & (figures["source_type"] == "report")).sum())
    rows = ctx.indicators_df
    shown = int(((rows["section"] == section) & (rows["source_type"] == "report")).sum())
    initiatives_shown = int((ctx.initiatives_df["section"] == section).sum())
    chosen = group_names(ctx.view.sectors, lang)
    offered = section_groups(ctx.all_indicators_df, ctx.all_initiatives_df, section)
    if shown == 0 and initiatives_shown == 0:
        components.empty_state(t("empty.section_nothing", lang, chosen=chosen, offered=group_names(offered, lang), question=t("sidebar.sector", lang)))
    elif total and shown == 0:
        components.empty_state(t("empty.section_figures", lang))
    elif shown < total:
        st.caption(t("filter.section_summary", lang, shown=shown, count=total))

