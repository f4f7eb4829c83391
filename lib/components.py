"""Streamlit pieces every page uses: KPI cards with their source, charts with sources and downloads,
initiative lists and empty states. Pages compose these; the work happens in the pure modules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from lib import charts, district_map, export
from lib.data import load_district_shapes
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
    with st.popover(t("source.button", lang), key=key, on_change="rerun") as box:
        if box.open:
            source_details(row, lang)


def expander_on_demand(label: str, key: str) -> Any:
    """An expander whose content the page builds only while it is open (check ``.open``).

    Streamlit sends and draws a closed expander's content too. The sources and downloads are
    wanted by few readers, yet they were half of every page's elements, and one code block makes
    the browser load and run Streamlit's 1.5 MB syntax highlighter (about 0.4 s a page here).
    """
    return st.expander(label, key=key, on_change="rerun")


def source_details(row: Mapping[str, Any], lang: str) -> None:
    """The German sentence verbatim, its translation, the citation and a line to paste."""
    if row["source_type"] == "report":
        parts = [f"{md_escape(t('source.original_de', lang))}:", f"> {md_escape(row['source_de'])}"]
        if lang != "de":
            parts += [f"{md_escape(t('source.translation', lang))}:", f"> {md_escape(row[f'source_{lang}'])}"]
        parts.append(md_escape(t("source.report_citation", lang)))
    else:
        parts = [f"{md_escape(t('source.context_note', lang))}:", md_escape(row["citation"])]
    parts.append(f"{md_escape(t('source.copy_line', lang))}:")
    st.markdown("\n\n".join(parts))
    st.code(citation_line(row, lang), language=None, wrap_lines=True)


CHART_BUILDERS: dict[str, Callable[..., alt.TopLevelMixin]] = {
    "trend": charts.trend_chart,
    "slope": charts.slope_chart,
    "bars": charts.bar_comparison_chart,
    "parts": charts.part_of_whole_chart,
}


@st.cache_data(show_spinner=False, max_entries=2000)
def chart_spec(kind: str, frame: pd.DataFrame, lang: str, **options: Any) -> dict:
    """A chart's Vega-Lite spec, built once per distinct input.

    Layering Altair charts deep-copies and hashes their data (about 0.1 s a chart), and every
    widget click reruns the page: the cache makes a rerun cost the hashing of a small frame.
    Schema validation is skipped here because tests/test_charts.py validates every builder.
    """
    return CHART_BUILDERS[kind](frame, lang, **options).to_dict(validate=False)


@st.cache_data(show_spinner=False, max_entries=500)
def map_spec(all_initiatives_df: pd.DataFrame, shown_initiatives_df: pd.DataFrame, selected: tuple[str, ...], lang: str) -> dict:
    """The district map's spec, built once per distinct view (see chart_spec)."""
    chart = district_map.district_map(load_district_shapes(), all_initiatives_df, shown_initiatives_df, selected, lang)
    return chart.to_dict(validate=False)


def chart_block(
    spec: dict,
    *,
    key: str,
    lang: str,
    alt_text: str,
    rows: pd.DataFrame,
    caption: str | None = None,
) -> None:
    """A chart, its text alternative, its sources and its downloads (SVG, PNG, CSV)."""
    st.vega_lite_chart(spec, key=key, alt=alt_text)
    if caption:
        st.caption(md_escape(caption))
    with expander_on_demand(t("chart.sources_and_downloads", lang), key=f"{key}_sources") as box:
        if not box.open:
            return
        # One Markdown block and one code block for all rows: a page's speed is mostly the count
        # of elements it sends, and each row used to send six.
        st.markdown("\n\n".join(source_markdown(row, lang) for row in rows.to_dict("records")))
        st.code("\n".join(citation_line(row, lang) for row in rows.to_dict("records")), language=None, wrap_lines=True)
        download_row(spec, rows, key=key, lang=lang)


def source_markdown(row: Mapping[str, Any], lang: str) -> str:
    """A figure and where it comes from, as escaped Markdown: the German sentence, its translation."""
    head = f"**{md_escape(row[f'label_{lang}'])}**, {md_escape(format_period(row['period'], row['period_type'], lang))}: {md_escape(format_figure(row, lang))}"
    if row["source_type"] != "report":
        return f"{head}  \n{md_escape(t('source.context_note', lang))}: {md_escape(row['citation'])}"
    parts = [head, f"> {md_escape(row['source_de'])}"]
    if lang != "de":
        parts.append(f"> *{md_escape(row[f'source_{lang}'])}*")
    parts.append(md_escape(t("source.report_citation", lang)))
    return "\n\n".join(parts)


def download_row(spec: dict, rows: pd.DataFrame, *, key: str, lang: str, csv_title: str | None = None) -> None:
    """The chart as SVG and PNG (title and source line in the image) and its rows as CSV."""
    to_csv = _lazy(export.table_csv, rows, lang, csv_title) if csv_title else _lazy(export.figures_csv, rows, lang)
    downloads = (
        ("svg", _lazy(export.chart_svg, spec, rows, lang), "image/svg+xml"),
        ("png", _lazy(export.chart_png, spec, rows, lang), "image/png"),
        ("csv", to_csv, "text/csv"),
    )
    for column, (extension, data, mime) in zip(st.columns(len(downloads)), downloads):
        with column:
            label = t("download.chart_csv", lang) if extension == "csv" else t(f"download.{extension}", lang)
            st.download_button(label, data=data, file_name=f"{key}.{extension}", mime=mime, key=f"{key}_{extension}", on_click="ignore")


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
            with expander_on_demand(t("source.button", lang), key=f"source_{key}_{row['id']}") as box:
                if box.open:
                    initiative_source(row, lang)


def initiative_source(row: Mapping[str, Any], lang: str) -> None:
    """The report's sentence naming the initiative, its translation and the official name."""
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
