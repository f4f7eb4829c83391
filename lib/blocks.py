"""Page sections built from the data: KPI rows, charts of a series, checks, initiatives, sources.

Each block takes the page context, picks its figures by series or section (never by a number),
and shows an explicit message when the reader's filters leave nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from lib import charts, components, derived, district_map, export, formatting, layout, status, tables, vocab
from lib.downloads import kept_file
from lib.figures import chart_unit, figure_frame, series_rows
from lib.formatting import references_text
from lib.i18n import t
from lib.filters import View
from lib.page import PageContext, per_view, seen_selection_key
from lib.safe_text import md_escape
from lib.sidebar import set_view


MAP_KEY = "district_map"


def section_rows(ctx: PageContext, section: str) -> pd.DataFrame:
    rows = ctx.indicators_df
    return rows[(rows["section"] == section) & (rows["source_type"] == "report")]


def kpis(ctx: PageContext, section: str) -> None:
    """A card for each of the section's report figures; growth rows ride on their parent's card."""
    components.kpi_cards(_kpi_cards(ctx, section), ctx.lang, key=section)


@per_view
def _kpi_cards(ctx: PageContext, section: str) -> list[components.KpiCard]:
    rows = section_rows(ctx, section)
    shown_as_change = rows["measure"].eq("growth_yoy") & rows["parent_id"].isin(set(rows["id"]))
    return [components.kpi_card_model(row, ctx.indicators_df, ctx.lang) for row in rows[~shown_as_change].to_dict("records")]


def trend(ctx: PageContext, series: str, key: str, *, share_x_with: str | None = None) -> None:
    """A series over time: the report's latest figure beside the earlier figures from other sources.

    Charts shown side by side name each other in ``share_x_with`` (``trend_pair`` does both) and
    get one time range, so the same date sits at the same place in both.
    """
    _draw(ctx, _trend(ctx, series, key, share_x_with=share_x_with), key)


def trend_pair(ctx: PageContext, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two series side by side on one time range: each (series, key) names the other in
    ``share_x_with``, so a pair cannot be half-declared."""
    (left_series, left_key), (right_series, right_key) = left, right
    left_column, right_column = st.columns(2)
    with left_column:
        trend(ctx, left_series, key=left_key, share_x_with=right_series)
    with right_column:
        trend(ctx, right_series, key=right_key, share_x_with=left_series)


def comparison(ctx: PageContext, section: str, key: str, *, measure: str | None = None, unit: str | None = None) -> None:
    """A section's figures of one kind side by side (growth rates, counts), picked by measure or unit."""
    _draw(ctx, _comparison(ctx, section, key, measure=measure, unit=unit), key)


def slope(ctx: PageContext, series: str, key: str) -> None:
    """A figure the report gives with its start value: two points and the slope between them."""
    _draw(ctx, _slope(ctx, series, key), key)


def parts(ctx: PageContext, build: Callable[[pd.DataFrame, str], pd.DataFrame | None], source_series: list[str], key: str) -> None:
    """Shares of one whole; parts the report does not print are derived and marked so."""
    _draw(ctx, _parts(ctx, build, source_series, key), key)


def _draw(ctx: PageContext, chart: components.ChartModel | None, key: str) -> None:
    if chart is not None:
        components.chart_block(chart, key=key, lang=ctx.lang)


@per_view
def _trend(ctx: PageContext, series: str, key: str, *, share_x_with: str | None) -> components.ChartModel | None:
    rows = series_rows(ctx.indicators_df, series)
    if rows.empty:
        return None
    lang = ctx.lang
    frame = figure_frame(rows, lang)
    shown_together = rows if share_x_with is None else pd.concat([rows, series_rows(ctx.indicators_df, share_x_with)])
    x_domain = charts.time_domain(figure_frame(shown_together, lang)["date"].tolist())
    title = t(f"chart.{key}.title", lang)
    y_title = t(f"unit_axis.{chart_unit(rows['unit'].iloc[0])}", lang)
    spec = components.chart_spec("trend", frame, lang, title=title, y_title=y_title, x_domain=x_domain)
    superseded = series_rows(ctx.indicators_df, series, include_superseded=True)
    superseded = superseded[superseded["status"] == "superseded"]
    caption = t("chart.superseded_note", lang, count=len(superseded)) if len(superseded) else ""
    return components.ChartModel(spec, charts.describe(frame, lang, title), rows, status.export_frame(frame), caption)


@per_view
def _comparison(ctx: PageContext, section: str, key: str, *, measure: str | None, unit: str | None) -> components.ChartModel | None:
    rows = section_rows(ctx, section)
    if measure is not None:
        rows = rows[rows["measure"] == measure]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if rows.empty:
        return None
    lang = ctx.lang
    frame = figure_frame(rows, lang)
    title = t(f"chart.{key}.title", lang, period=_period_of(rows, lang))
    spec = components.chart_spec("bars", frame, lang, title=title)
    return components.ChartModel(spec, charts.describe(frame, lang, title), rows, status.export_frame(frame))


@per_view
def _slope(ctx: PageContext, series: str, key: str) -> components.ChartModel | None:
    rows = series_rows(ctx.indicators_df, series)
    rows = rows[rows["base_period"] != ""]
    if rows.empty:
        return None
    lang = ctx.lang
    row = rows.iloc[-1].to_dict()
    start = {**row, "value": row["base_value"], "period": row["base_period"], "period_type": "year", "qualifier": "exact"}
    frame = figure_frame(pd.DataFrame([start, row]), lang)
    title = t(f"chart.{key}.title", lang)
    spec = components.chart_spec("slope", frame, lang, title=title, y_title=t("unit_axis.percent", lang))
    return components.ChartModel(spec, charts.describe(frame, lang, title), rows, status.export_frame(frame))


@per_view
def _parts(
    ctx: PageContext, build: Callable[[pd.DataFrame, str], pd.DataFrame | None], source_series: list[str], key: str
) -> components.ChartModel | None:
    lang = ctx.lang
    frame = build(ctx.indicators_df, lang)
    if frame is None:
        return None
    rows = ctx.indicators_df[ctx.indicators_df["series"].isin(source_series) & (ctx.indicators_df["source_type"] == "report")]
    title = t(f"chart.{key}.title", lang, period=_period_of(rows, lang))
    spec = components.chart_spec("parts", frame, lang, title=title, subtitle=status.parts_note(frame, lang))
    items = "; ".join(f"{part['label']}: {part['figure']} ({part['note']})" for part in frame.to_dict("records"))
    charted = frame.assign(unit=t("unit_axis.percent", lang))[["label", "value", "unit", "figure", "derived", "note"]]
    return components.ChartModel(spec, t("chart.alt_text", lang, title=title, items=items), rows, charted)


def _period_of(rows: pd.DataFrame, lang: str) -> str:
    """The period a chart's figures refer to, for its title ("end of 2025"), from the data rather
    than typed into the title; held on one line, as a title broken in "Ende / 2025" read badly."""
    periods = dict.fromkeys(formatting.format_period(period, kind, lang) for period, kind in zip(rows["period"], rows["period_type"]))
    return t("chart.note_period_separator", lang).join(periods).replace(" ", "\u00a0")


def checks(ctx: PageContext, builders: list[Callable[[pd.DataFrame, str], derived.Derived | None]]) -> None:
    """Derived figures with their formulas, set against figures from other sources."""
    cards = _check_cards(ctx, builders)
    if not cards:
        return
    st.subheader(t("derived.heading", ctx.lang))
    st.caption(t("derived.intro", ctx.lang))
    # A card per derived figure, its columns as labelled lines: as a table, five columns were
    # 550 px wide and made a phone's whole page pan sideways. One Markdown element per card.
    with st.container(key=layout.DERIVED_GRID_KEY):
        for number, text in enumerate(cards):
            with st.container(border=True, key=f"derived_{number}"):
                st.markdown(text)


@per_view
def _check_cards(ctx: PageContext, builders: list[Callable[[pd.DataFrame, str], derived.Derived | None]]) -> list[str]:
    # A derived figure goes with its inputs: when a sector filter hides them, it is hidden too
    # (the page's lead says what the filter left), never shown computed from figures not shown.
    # The cards' text is kept with the view: turning the table into rows again on every run was a
    # few percent of a run with 50 readers (py-spy).
    table = derived.checks_frame([build(ctx.indicators_df, ctx.lang) for build in builders], ctx.lang)
    return [components.labelled_card(record) for record in table.to_dict("records")]


def initiatives(ctx: PageContext, section: str | None = None, key: str = "initiatives") -> None:
    """The initiatives of a section (all with ``section=None``) under the reader's filters."""
    if section is not None and not _report_names_initiatives(ctx, section):
        return  # the report names none here: an empty-filter message would mislead
    if section is not None and ctx.view.districts:
        return  # the district lens at the top of the page shows them, with their sentences
    st.subheader(t("initiative.heading", ctx.lang))
    components.initiative_list(_initiative_records(ctx, section), ctx.lang, key=key, references=ctx.references)


@per_view
def _report_names_initiatives(ctx: PageContext, section: str) -> bool:
    # Kept with the view: the comparison took pandas 3 % of a page's run with 50 readers (py-spy).
    return bool((ctx.all_initiatives_df["section"] == section).any())


@per_view
def _initiative_records(ctx: PageContext, section: str | None) -> list[dict]:
    # Kept with the view as rows: turning the frame into rows on every run was a few percent of a
    # run with 50 readers (py-spy).
    rows = ctx.initiatives_df if section is None else ctx.initiatives_df[ctx.initiatives_df["section"] == section]
    return rows.to_dict("records")


def sources(ctx: PageContext, section: str) -> None:
    """The report's sentences behind this section (figures and initiatives), verbatim, translated."""
    sentences = _sentences(ctx, section)
    if not sentences:
        return
    with components.expander_on_demand(t("source.section_sentences", ctx.lang, count=len(sentences)), key=f"{section}_sentences") as box:
        if not box.open:
            return
        for german, translated in sentences:
            st.markdown(f"> {md_escape(german)}")
            if ctx.lang != "de":
                st.caption(md_escape(t("source.translation_line", ctx.lang, text=translated)))


@per_view
def _sentences(ctx: PageContext, section: str) -> list[tuple[str, str]]:
    """The section's German sentences, each once, with their translation."""
    figures = ctx.all_indicators_df
    figures = figures[(figures["section"] == section) & (figures["source_type"] == "report")]
    named = ctx.all_initiatives_df[ctx.all_initiatives_df["section"] == section]
    pairs = [*zip(figures["source_de"], figures[f"source_{ctx.lang}"]), *zip(named["source_de"], named[f"source_{ctx.lang}"])]
    return list(dict.fromkeys(pairs))


def district_map_block(ctx: PageContext, section: str | None = None, key: str = MAP_KEY) -> None:
    """The map (of one section's initiatives, or all); a click on a district sets the district filter."""
    lang = ctx.lang
    chart = _district_map(ctx, section)
    event = st.vega_lite_chart(
        chart.drawn_spec, key=key, on_select="rerun", selection_mode=district_map.SELECTION_NAME, alt=chart.alt_text, theme=None
    )
    # A map of districts cannot show what names none; said here, the list below is not a surprise.
    unmapped = int((chart.rows["district_code"].fillna("") == "").sum())
    st.caption(t("sentence_separator", lang).join([t("map.caption", lang), *([t("map.unmapped", lang, count=unmapped)] if unmapped else [])]))
    with components.expander_on_demand(t("chart.sources_and_downloads", lang), key=f"{key}_sources") as box:
        if box.open:
            components.download_row(chart, lambda: export.initiatives_csv(chart.data, ctx.references, lang), key=key, lang=lang)
    _apply_map_selection(event, seen_selection_key(ctx, key), ctx.view)


@per_view
def _district_map(ctx: PageContext, section: str | None) -> components.ChartModel:
    shown = ctx.initiatives_df if section is None else ctx.initiatives_df[ctx.initiatives_df["section"] == section]
    spec = components.map_spec(ctx.all_initiatives_df, shown, ctx.view.districts, ctx.lang)
    return components.ChartModel(spec, _map_text(ctx, shown), shown, shown)


def _apply_map_selection(event: object, seen_key: str, view: View) -> None:
    # The selection is read from the chart's state on every run rather than in a callback, so that
    # a selection set programmatically (tests) works like a click. Only a *change* of selection
    # since the last run counts: the chart keeps its selection after the sidebar changes the
    # filter, and that stale selection must not win over the sidebar.
    slugs = district_map.selected_slugs(event)
    if slugs is None:
        return
    first_render = seen_key not in st.session_state
    previous = st.session_state.get(seen_key)
    st.session_state[seen_key] = slugs
    if (first_render and not slugs) or slugs == previous:
        return
    codes = tuple(code for code in vocab.DISTRICT_SLUGS if vocab.DISTRICT_SLUGS[code] in slugs)
    if codes != view.districts:
        set_view(replace(view, districts=codes))
        st.rerun()


def _map_text(ctx: PageContext, shown: pd.DataFrame) -> str:
    lang = ctx.lang
    buckets = district_map.district_buckets(ctx.all_initiatives_df, shown, lang)
    items = "; ".join(f"{t(f'district.{code}', lang)}: {bucket}" for code, bucket in buckets.items())
    return t("chart.alt_text", lang, title=t("map.title", lang), items=items)


def search_box(ctx: PageContext) -> str:
    return st.text_input(t("table.search_label", ctx.lang), key="source_search", placeholder=t("table.search_placeholder", ctx.lang))


def figures_table_block(ctx: PageContext, query: str) -> None:
    lang = ctx.lang
    _searchable_table(
        ctx,
        kind="figures",
        table=tables.search(tables.figures_table(ctx.indicators_df, lang), query),
        cards=tables.figure_cards,
        detail=lambda row: _figure_detail(row, lang),
        shown_df=ctx.indicators_df,
        all_df=ctx.all_indicators_df,
        to_csv=lambda frame: export.figures_csv(frame, lang),
    )


def initiatives_table_block(ctx: PageContext, query: str) -> None:
    lang = ctx.lang
    _searchable_table(
        ctx,
        kind="initiatives",
        table=tables.search(tables.initiatives_table(ctx.initiatives_df, lang), query),
        cards=tables.initiative_cards,
        detail=lambda row: _initiative_detail(row, lang, ctx.references),
        shown_df=ctx.initiatives_df,
        all_df=ctx.all_initiatives_df,
        to_csv=lambda frame: export.initiatives_csv(frame, ctx.references, lang),
    )


def _figure_detail(row, lang: str) -> None:
    st.markdown(components.source_markdown(row, lang))
    st.code(formatting.citation_line(row, lang), language=None, wrap_lines=True)


def _initiative_detail(row, lang: str, references) -> None:
    st.markdown(components.initiative_text(row, lang))
    components.initiative_source(row, lang, references)


def _searchable_table(ctx: PageContext, *, kind: str, table: pd.DataFrame, cards, detail, shown_df: pd.DataFrame, all_df: pd.DataFrame, to_csv) -> None:
    """A heading, the rows the search and filters leave, the chosen row in full, and CSV downloads
    of those rows and of all."""
    lang = ctx.lang
    st.subheader(t(f"table.{kind}_heading", lang))
    if table.empty:
        components.empty_state(t("empty.search", lang))
    else:
        st.caption(t("table.count", lang, shown=len(table), count=len(all_df)))
        # A grid on a wider screen, a card list on a phone (lib.layout shows one of the two): in a
        # grid, a phone showed one column and hid the value, period and source behind a swipe.
        with st.container(key=f"{layout.WIDE_ONLY_PREFIX}{kind}"):
            # A cell shows three lines and a source sentence runs to eight: the row a reader ticks
            # is shown whole under the grid. Selections are by position, so the grid's key names
            # its rows: another search starts with nothing ticked, never another row's sentence.
            event = st.dataframe(
                table,
                hide_index=True,
                width="stretch",
                key=f"{kind}_table_{tables.rows_digest(table)}",
                column_order=[column for column in table.columns if column != "id"],
                column_config={column: st.column_config.TextColumn(width=width) for column, width in tables.column_widths(table, lang).items()},
                row_height=tables.ROW_HEIGHT_PX,
                on_select="rerun",
                selection_mode="single-row",
            )
            ticked = event.selection.rows
            if ticked:
                with st.container(border=True, key=f"{kind}_detail"):
                    detail(shown_df.set_index("id", drop=False).loc[table["id"].iloc[ticked[0]]].to_dict())
            else:
                st.caption(t("table.tick_hint", lang))
        with st.container(key=f"{layout.PHONE_ONLY_PREFIX}{kind}"):
            st.markdown(cards(table, lang))
    chosen = shown_df[shown_df["id"].isin(table["id"])] if not table.empty else shown_df.iloc[0:0]
    # The files go with the buttons, not made on click (lib.downloads says why); the rows' ids,
    # the language and the data's version name all a file depends on.
    file_key = ("table", kind, lang, ctx.data_version)
    left, right = st.columns(2)
    # With no filter and no search the rows shown are all rows: one button says so, not two alike.
    narrowed = len(chosen) < len(all_df)
    if narrowed:
        left.download_button(
            t(f"download.filtered_{kind}", lang, count=len(chosen)),
            data=kept_file((*file_key, tuple(chosen["id"])), lambda: to_csv(chosen)),
            file_name=export.table_file_name(kind, lang, filtered=True),
            mime="text/csv",
            key=f"download_filtered_{kind}",
            on_click="ignore",
            disabled=chosen.empty,
        )
    (right if narrowed else left).download_button(
        t(f"download.all_{kind}", lang, count=len(all_df)),
        data=kept_file((*file_key, "all"), lambda: to_csv(all_df)),
        file_name=export.table_file_name(kind, lang),
        mime="text/csv",
        key=f"download_all_{kind}",
        on_click="ignore",
    )


def provenance(ctx: PageContext) -> None:
    """Where the data comes from and how it is kept, in words a reader can check."""
    lang = ctx.lang
    figures = ctx.all_indicators_df
    st.subheader(t("provenance.heading", lang))
    st.markdown(
        t(
            "provenance.body",
            lang,
            report=t("provenance.report_count", lang, count=int((figures["source_type"] == "report").sum())),
            context=t("provenance.context_count", lang, count=int((figures["source_type"] == "context").sum())),
            initiatives=t("provenance.initiative_count", lang, count=len(ctx.all_initiatives_df)),
        )
    )


def glossary(ctx: PageContext) -> None:
    lang = ctx.lang
    query = st.text_input(t("glossary.search_label", lang), key="glossary_search")
    rows = ctx.glossary_df
    words = [word for word in query.casefold().split() if word]
    if words:
        text = rows[[f"term_{lang}", f"definition_{lang}", "term_zh", "term_de", "term_en"]].astype(str).agg(" ".join, axis=1).str.casefold()
        for word in words:
            rows = rows[text.loc[rows.index].str.contains(word, regex=False)]
    if rows.empty:
        components.empty_state(t("empty.search", lang))
        return
    for row in rows.to_dict("records"):
        with st.container(border=True, key=f"glossary_{row['id']}"):
            # The term in the other languages, each form once: a brand name is often the same in
            # English and German ("BAIC EV Stelato Mega Factory · BAIC EV Stelato Mega Factory").
            forms = dict.fromkeys(row[f"term_{other}"] for other in ("en", "de", "zh") if other != lang)
            others = " · ".join(form for form in forms if form != row[f"term_{lang}"])
            source = t("glossary.source", lang, source=references_text(row["references"], ctx.references, lang))
            st.markdown(components.card_text(row[f"term_{lang}"], others, row[f"definition_{lang}"], footnote=source))
