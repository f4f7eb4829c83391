"""Streamlit pieces every page uses: KPI cards with their source, charts with sources and downloads,
initiative lists and empty states. Pages compose these; the work happens in the pure modules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from lib import export
from lib.figures import child
from lib.formatting import citation_line, format_change, format_date_text, format_figure, format_period
from lib.i18n import t
from lib.safe_text import md_escape

KPI_COLUMNS = 3


def kpi_cards(rows: Iterable[Mapping[str, Any]], indicators_df: pd.DataFrame, lang: str) -> None:
    """A card per figure: the figure with its qualifier, period, change and a way to its source."""
    rows = list(rows)
    for start in range(0, len(rows), KPI_COLUMNS):
        columns = st.columns(KPI_COLUMNS)
        for column, row in zip(columns, rows[start : start + KPI_COLUMNS]):
            with column:
                kpi_card(row, indicators_df, lang)


def kpi_card(row: Mapping[str, Any], indicators_df: pd.DataFrame, lang: str) -> None:
    # A card of our own rather than st.metric: st.metric cuts a long value ("mehr als 2,4 Billionen
    # Yuan") with an ellipsis, and the qualifier is exactly the part a reader must not lose.
    growth = child(indicators_df, row["id"], "growth_yoy")
    change = format_change(row, growth, lang)
    with st.container(border=True, key=f"kpi_{row['id']}"):
        st.caption(md_escape(f"{row[f'label_{lang}']} · {format_period(row['period'], row['period_type'], lang)}"))
        st.subheader(md_escape(format_figure(row, lang)), anchor=False)
        if change:
            falling = growth is not None and growth["value"] < 0
            colour = "gray" if growth is None else ("red" if falling else "green")
            st.badge(md_escape(change), color=colour)
        facts = [t("kpi.city_wide", lang)] if not row.get("district_code") else [place_text(row, lang)]
        if row.get("claim"):
            facts.append(t(f"claim.{row['claim']}", lang))
        st.caption(md_escape(" · ".join(facts)))
        source_popover(row, lang, key=f"src_{row['id']}")


def source_popover(row: Mapping[str, Any], lang: str, key: str) -> None:
    with st.popover(t("source.button", lang), key=key):
        source_details(row, lang)


def source_details(row: Mapping[str, Any], lang: str) -> None:
    """The German sentence verbatim, its translation, the citation and a line to paste."""
    if row["source_type"] == "report":
        st.caption(t("source.original_de", lang))
        st.markdown(f"> {md_escape(row['source_de'])}")
        if lang != "de":
            st.caption(t("source.translation", lang))
            st.markdown(f"> {md_escape(row[f'source_{lang}'])}")
        st.caption(md_escape(t("source.report_citation", lang)))
    else:
        st.caption(t("source.context_note", lang))
        st.markdown(md_escape(row["citation"]))
    st.caption(t("source.copy_line", lang))
    st.code(citation_line(row, lang), language=None, wrap_lines=True)


def chart_block(
    chart: alt.TopLevelMixin,
    *,
    key: str,
    lang: str,
    alt_text: str,
    rows: pd.DataFrame,
    caption: str | None = None,
) -> None:
    """A chart, its text alternative, its sources and its downloads (SVG, PNG, CSV)."""
    st.altair_chart(chart, key=key, alt=alt_text)
    if caption:
        st.caption(md_escape(caption))
    with st.expander(t("chart.sources_and_downloads", lang)):
        for row in rows.to_dict("records"):
            st.markdown(f"**{md_escape(row[f'label_{lang}'])}**, {md_escape(format_period(row['period'], row['period_type'], lang))}: {md_escape(format_figure(row, lang))}")
            source_details(row, lang)
        download_row(chart, rows, key=key, lang=lang)


def download_row(chart: alt.TopLevelMixin, rows: pd.DataFrame, *, key: str, lang: str) -> None:
    columns = st.columns(3)
    with columns[0]:
        st.download_button(
            t("download.svg", lang),
            data=_lazy(export.chart_svg, chart, rows, lang),
            file_name=f"{key}.svg",
            mime="image/svg+xml",
            key=f"{key}_svg",
            on_click="ignore",
        )
    with columns[1]:
        st.download_button(
            t("download.png", lang),
            data=_lazy(export.chart_png, chart, rows, lang),
            file_name=f"{key}.png",
            mime="image/png",
            key=f"{key}_png",
            on_click="ignore",
        )
    with columns[2]:
        st.download_button(
            t("download.chart_csv", lang),
            data=_lazy(export.figures_csv, rows, lang),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
        )


def _lazy(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    # Rendering an image costs tens of milliseconds: do it when the reader clicks, not every rerun.
    return lambda: function(*args)


def initiative_list(initiatives_df: pd.DataFrame, lang: str, key: str) -> None:
    """The initiatives, each with its place, kind, date, description and source sentence."""
    if initiatives_df.empty:
        empty_state(t("empty.initiatives", lang))
        return
    for row in initiatives_df.to_dict("records"):
        with st.container(border=True, key=f"{key}_{row['id']}"):
            st.markdown(f"**{md_escape(row[f'name_{lang}'] if lang != 'de' else row['name_report'])}**")
            st.caption(md_escape(" · ".join(initiative_facts(row, lang))))
            st.markdown(md_escape(row[f"description_{lang}"]))
            with st.expander(t("source.button", lang)):
                st.caption(t("source.original_de", lang))
                st.markdown(f"> {md_escape(row['source_de'])}")
                if lang != "de":
                    st.caption(t("source.translation", lang))
                    st.markdown(f"> {md_escape(row[f'source_{lang}'])}")
                if row["official_name"]:
                    st.caption(t("initiative.official_name", lang))
                    st.markdown(md_escape(row["official_name"]))
                    st.caption(md_escape(row["citation"]))


def initiative_facts(row: Mapping[str, Any], lang: str) -> list[str]:
    facts = [t(f"kind.{row['kind']}", lang), place_text(row, lang)]
    if row.get("date"):
        facts.append(format_date_text(row["date"], lang))
    if row.get("claim"):
        facts.append(t(f"claim.{row['claim']}", lang))
    return facts


def place_text(row: Mapping[str, Any], lang: str) -> str:
    code = row.get("district_code")
    if not code:
        return t("place.city_wide", lang)
    district = t(f"district.{code}", lang)
    zone = row.get("zone")
    if zone:
        return t("place.zone_in_district", lang, zone=t(f"zone.{zone}", lang), district=district)
    return district


def empty_state(message: str) -> None:
    st.info(message)
