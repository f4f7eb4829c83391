"""Streamlit pieces every page uses: KPI cards with their source, charts with sources and downloads,
initiative lists and empty states. Pages compose these; the work happens in the pure modules."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from lib import charts, district_map, export, layout
from lib.data import load_district_shapes
from lib.downloads import kept_file
from lib.figures import child
from lib.formatting import citation_line, citation_text, format_change, format_date_text, format_figure, format_period, initiative_name, references_text
from lib.i18n import t
from lib.safe_text import md_escape



@dataclass(frozen=True)
class KpiCard:
    """What a KPI card says, worked out before anything is drawn (see lib.page.per_view)."""

    row: dict  # the figure, for its source panel
    heading: str  # label · period
    figure: str  # the figure with its qualifier
    change: str  # the growth badge or "from 40% in 2021"; "" when there is none
    colour: str  # of the badge
    facts: str  # city-wide or the place, and the report's claim


def kpi_card_model(row: Mapping[str, Any], indicators_df: pd.DataFrame, lang: str) -> KpiCard:
    growth = child(indicators_df, row["id"], "growth_yoy")
    facts = [t("kpi.city_wide", lang)] if not row.get("district_code") else [place_text(row, lang)]
    if row.get("claim"):
        facts.append(t(f"claim.{row['claim']}", lang))
    # Growth rates on different price bases stand side by side on a page: each card says its own.
    growth_row = growth if growth is not None else (row if row.get("measure") == "growth_yoy" else None)
    if growth_row is not None and growth_row.get("price_basis"):
        facts.append(t("kpi.growth_basis", lang, basis=t(f"status.price_basis.{growth_row['price_basis']}", lang)))
    falling = growth is not None and growth["value"] < 0
    return KpiCard(
        row=dict(row),
        # A no-break space before the dot: "· 2024" alone at the start of a line read as a stray.
        heading=f"{row[f'label_{lang}']}\u00a0· {_unbroken_period(row, lang)}",
        figure=format_figure(row, lang),
        change=format_change(row, growth, lang) or "",
        colour="gray" if growth is None else ("red" if falling else "green"),
        facts=" · ".join(facts),
    )


def _unbroken_period(row: Mapping[str, Any], lang: str) -> str:
    """A card's period with its date on one line ("end of 2025" whole, "reported 27 January 2026"
    breaking only before the date): cards showed "end / of 2025" and "27 / January 2026"."""
    period = format_period(row["period"], row["period_type"], lang)
    if len(period) <= 20:
        return period.replace(" ", "\u00a0")
    date = format_date_text(row["period"], lang)
    return period.replace(date, date.replace(" ", "\u00a0"))


OPEN_SOURCE_PREFIX = "_open_source:"  # + the grid's key: the id of the figure whose source is open


def kpi_cards(cards: list[KpiCard], lang: str, key: str) -> None:
    """A card per figure: the figure with its qualifier, period, change and a way to its source.

    One container that lib.layout's CSS makes a grid: rows of st.columns stack into one tall card
    each on a phone and let cards in a row differ in height. A card's source opens under its row,
    across the whole grid (see source_panel).
    """
    open_key = f"{OPEN_SOURCE_PREFIX}{key}"
    open_id = st.session_state.get(open_key)
    with st.container(key=layout.KPI_GRID_KEY):
        for card in cards:
            is_open = card.row["id"] == open_id
            kpi_card(card, lang, open_key, is_open)
            if is_open:
                source_panel(card, lang, open_key)


def kpi_card(card: KpiCard, lang: str, open_key: str, is_open: bool) -> None:
    # A card of our own rather than st.metric: st.metric cuts a long value ("mehr als 2,4 Billionen
    # Yuan") with an ellipsis, and the qualifier is exactly the part a reader must not lose.
    with st.container(border=True, key=f"kpi_{card.row['id']}"):
        st.markdown(kpi_text(card))
        # A button, not a popover: a popover measures itself as it is drawn, forcing the browser to
        # lay the page out again once per card (about 6 % of a warm page, interleaved visits), and
        # in a phone's half-width card its sentence ran two to four words a line.
        st.button(
            t("source.button", lang),
            key=f"src_{card.row['id']}",
            type="primary" if is_open else "secondary",
            on_click=_toggle_source,
            args=(open_key, card.row["id"]),
        )


def _toggle_source(open_key: str, row_id: str | None) -> None:
    st.session_state[open_key] = None if st.session_state.get(open_key) == row_id else row_id


def source_panel(card: KpiCard, lang: str, open_key: str) -> None:
    """A card's source, the width of the whole grid, straight after the card (lib.layout places it
    under the card's row): which figure it is for, then its sentence, citation and a line to copy."""
    with st.container(border=True, key=layout.SOURCE_PANEL_KEY):
        st.markdown(figure_head(card.row, lang))
        source_details(card.row, lang)
        st.button(t("source.close", lang), key="source_panel_close", on_click=_toggle_source, args=(open_key, None))


def kpi_text(card: KpiCard) -> str:
    """A KPI card's words as one Markdown block, each part a paragraph: heading, figure, then the
    change badge and the facts (lib.layout sets the figure, the second paragraph, as large as a
    subheading).

    One element rather than a caption, a subheader and a Markdown block: every element costs the
    server a message and a pass through Streamlit's element code on every run (with 50 readers,
    the six cards' subheaders alone were 8 % of the interpreter's time, py-spy --gil) and the
    browser a React subtree. Every part is data, so every part is escaped.
    """
    badge = f":{card.colour}-badge[{md_escape(card.change)}]  \n" if card.change else ""
    return f"{small_grey(card.heading)}\n\n**{md_escape(card.figure)}**\n\n{badge}{small_grey(card.facts)}"


def heading(label: str, lang: str) -> str:
    """A label introducing what follows, with the language's colon (full width in Chinese), escaped."""
    return md_escape(t("label_colon", lang, label=label))


def expander_on_demand(label: str, key: str) -> Any:
    """An expander whose content the page builds only while it is open (check ``.open``).

    Streamlit sends and draws a closed expander's content too. The sources and downloads are
    wanted by few readers, yet they were half of every page's elements, and one code block makes
    the browser load and run Streamlit's 1.5 MB syntax highlighter (about 0.4 s a page here).
    """
    return st.expander(label, key=key, on_change="rerun")


def tabs_on_demand(page_key: str, names: tuple[str, ...], lang: str) -> list[Any]:
    """The page's tabs (labels ``tabs.<page_key>.<name>``), whose content the page builds only for
    the open one (check each tab's ``.open``).

    Every chart costs the reader's browser about as much as a whole one-chart page (measured in
    Chromium: its script, layout and drawing); a page of five or six charts drawn at once was
    over twice as slow as the floor. Grouped into tabs, the first screen draws two, and a tab's
    charts come with one quick run when it is opened. The open tab is kept, by position, when
    the language changes its label.
    """
    labels = [t(f"tabs.{page_key}.{name}", lang) for name in names]
    key = f"{page_key}_tabs"
    position_key = f"_tab_position:{key}"
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in labels:
        st.session_state[key] = labels[min(st.session_state.get(position_key, 0), len(labels) - 1)]
    tabs = list(st.tabs(labels, key=key, on_change="rerun"))
    st.session_state[position_key] = next((index for index, tab in enumerate(tabs) if tab.open), 0)
    return tabs


def source_details(row: Mapping[str, Any], lang: str) -> None:
    """The German sentence verbatim, its translation, the citation and a line to paste."""
    if row["source_type"] == "report":
        parts = [heading(t("source.original_de", lang), lang), f"> {md_escape(row['source_de'])}"]
        if lang != "de":
            parts += [heading(t("source.translation", lang), lang), f"> {md_escape(row[f'source_{lang}'])}"]
        parts.append(md_escape(t("source.report_citation", lang)))
    else:
        parts = [heading(t("source.context_note", lang), lang), md_escape(citation_text(row, lang)), *context_quote(row, lang)]
    parts.append(heading(t("source.copy_line", lang), lang))
    st.markdown("\n\n".join(parts))
    st.code(citation_line(row, lang), language=None, wrap_lines=True)


CHART_BUILDERS: dict[str, Callable[..., alt.TopLevelMixin]] = {
    "trend": charts.trend_chart,
    "slope": charts.slope_chart,
    "bars": charts.bar_comparison_chart,
    "parts": charts.part_of_whole_chart,
}


@dataclass(frozen=True)
class ChartModel:
    """A chart ready to draw: its Vega-Lite spec, its text alternative and the figures behind it."""

    spec: dict
    alt_text: str
    rows: pd.DataFrame  # the data file's rows the chart shows: their sources
    data: pd.DataFrame  # the values exactly as charted, with their unit and status: the chart's CSV
    caption: str = ""
    drawn_spec: dict = field(init=False, repr=False, compare=False)  # what st.vega_lite_chart gets
    files_key: str = field(init=False, repr=False, compare=False)  # names this model's downloads (lib.downloads)

    def __post_init__(self) -> None:
        # Streamlit turns each dataset of a spec into Arrow on every run (~4 ms a chart here,
        # cProfile of warm runs); done once here, the model is cached per view (lib.page.per_view)
        # and every later run sends the bytes as they are. The spec keeps its rows for the exports.
        object.__setattr__(self, "drawn_spec", _with_arrow_datasets(self.spec))
        # A new name for every model made: the copies readers get of a kept model share it, and a
        # model made again (new data, or dropped from the cache) gets its files made again.
        object.__setattr__(self, "files_key", uuid.uuid4().hex)


def _with_arrow_datasets(spec: dict) -> dict:
    """The spec with its tabular datasets as Arrow IPC bytes, as Streamlit would make them; GeoJSON stays."""
    from streamlit import dataframe_util

    datasets = spec.get("datasets")
    if not datasets:
        return spec
    converted = {}
    for name, values in datasets.items():
        tabular = isinstance(values, list) and all(isinstance(item, dict) and item.get("type") != "Feature" for item in values)
        converted[name] = dataframe_util.convert_anything_to_arrow_bytes(values) if tabular and values else values
    return {**spec, "datasets": converted}


def chart_spec(kind: str, frame: pd.DataFrame, lang: str, **options: Any) -> dict:
    """A chart's Vega-Lite spec. Schema validation is skipped: tests/test_charts.py validates every builder."""
    return CHART_BUILDERS[kind](frame, lang, **options).to_dict(validate=False)


def map_spec(all_initiatives_df: pd.DataFrame, shown_initiatives_df: pd.DataFrame, selected: tuple[str, ...], lang: str) -> dict:
    """The district map's Vega-Lite spec (see chart_spec)."""
    chart = district_map.district_map(load_district_shapes(), all_initiatives_df, shown_initiatives_df, selected, lang)
    return chart.to_dict(validate=False)


def chart_block(chart: ChartModel, *, key: str, lang: str) -> None:
    """A chart, its text alternative, its sources and its downloads (SVG, PNG, CSV)."""
    # Without Streamlit's chart theme: the spec's own config (page font, AA-contrast text, legend
    # rows the layout plans for) is then what the reader sees, and what vl-convert checks and exports.
    st.vega_lite_chart(chart.drawn_spec, key=key, alt=chart.alt_text, theme=None)
    if chart.caption:
        st.caption(md_escape(chart.caption))
    with expander_on_demand(t("chart.sources_and_downloads", lang), key=f"{key}_sources") as box:
        if not box.open:
            return
        records = chart.rows.to_dict("records")
        # One Markdown block and one code block for all rows: a page's speed is mostly the count
        # of elements it sends, and each row used to send six.
        st.markdown("\n\n".join(source_markdown(row, lang) for row in records))
        st.code("\n".join(citation_line(row, lang) for row in records), language=None, wrap_lines=True)
        download_row(chart, lambda: export.chart_csv(chart.data, lang, chart.spec), key=key, lang=lang)


def context_quote(row: Mapping[str, Any], lang: str) -> list[str]:
    """A context figure's source as a reader can check it: the sentence verbatim, in its own
    language, and the page's address as plain text (escaped: never a live link built from data)."""
    if not row.get("quote"):
        return []
    language = t(f"quote_lang.{row['quote_lang']}", lang) if row.get("quote_lang") else ""
    return [
        f"{heading(t('source.quote', lang, language=language), lang)}",
        f"> {md_escape(row['quote'])}",
        small_grey(t("source.address", lang, url=row.get("url") or "")),
    ]


def figure_head(row: Mapping[str, Any], lang: str) -> str:
    """Which figure a source is for, as escaped Markdown: its label in bold, period and figure."""
    return t(
        "source.figure_head",
        lang,
        label=f"**{md_escape(row[f'label_{lang}'])}**",
        period=md_escape(format_period(row["period"], row["period_type"], lang)),
        figure=md_escape(format_figure(row, lang)),
    )


def source_markdown(row: Mapping[str, Any], lang: str) -> str:
    """A figure and where it comes from, as escaped Markdown: the German sentence, its translation."""
    head = figure_head(row, lang)
    if row["source_type"] != "report":
        return "\n\n".join([f"{head}  \n{heading(t('source.context_note', lang), lang)} {md_escape(citation_text(row, lang))}", *context_quote(row, lang)])
    parts = [head, f"> {md_escape(row['source_de'])}"]
    if lang != "de":
        # Said every time: the Chinese is our translation of the German edition, not the
        # Beijing Daily's own Chinese wording (which could not be found to quote).
        parts.append(f"> *{md_escape(t('source.translation_line', lang, text=row[f'source_{lang}']))}*")
    parts.append(md_escape(t("source.report_citation", lang)))
    return "\n\n".join(parts)


def download_row(chart: ChartModel, make_csv: Callable[[], str], *, key: str, lang: str) -> None:
    """The chart as SVG and PNG (title and source line in the image) and its data as CSV."""

    def kept(extension: str, make: Callable[[], bytes | str]) -> bytes | str:
        # Sent with the button, not made on click (lib.downloads says why). The model is one
        # view's (language included), so its files_key names all a file depends on.
        return kept_file(("chart", chart.files_key, extension), make)

    svg = kept("svg", lambda: export.chart_svg(chart.spec, chart.rows, lang))
    files = (
        ("svg", svg, "image/svg+xml"),
        ("png", kept("png", lambda: export.png_from_svg(svg)), "image/png"),
        ("csv", kept("csv", make_csv), "text/csv"),
    )
    for column, (extension, data, mime) in zip(st.columns(len(files)), files):
        with column:
            label = t("download.chart_csv", lang) if extension == "csv" else t(f"download.{extension}", lang)
            file_name = export.chart_file_name(chart.spec, lang, extension)
            st.download_button(label, data=data, file_name=file_name, mime=mime, key=f"{key}_{extension}", on_click="ignore")


def initiative_list(rows: list[Mapping[str, Any]], lang: str, key: str, references: Mapping[str, Mapping[str, Any]]) -> None:
    """The initiatives (rows of the initiatives file), each with its place, kind, date,
    description and source sentence."""
    if not rows:
        empty_state(t("empty.initiatives", lang))
        return
    for row in rows:
        with st.container(border=True, key=f"{key}_{row['id']}"):
            st.markdown(initiative_text(row, lang))
            with expander_on_demand(t("source.button", lang), key=f"source_{key}_{row['id']}") as box:
                if box.open:
                    initiative_source(row, lang, references)


def initiative_text(row: Mapping[str, Any], lang: str) -> str:
    """An initiative's card text: its name, its kind, place and date, and what it is."""
    return card_text(initiative_name(row, lang), " · ".join(initiative_facts(row, lang)), row[f"description_{lang}"])


def card_text(title: str, facts: str, body: str, footnote: str = "") -> str:
    """A card's text as one Markdown block: the title in bold, the facts small and grey, the body.

    One element instead of one per line: the browser's cost of a page grows with its elements.
    Every part is data, so every part is escaped.
    """
    text = f"**{md_escape(title)}**  \n{small_grey(facts)}\n\n{md_escape(body)}"
    return f"{text}\n\n{small_grey(footnote)}" if footnote else text


def labelled_card(record: Mapping[str, Any]) -> str:
    """A table row as a card's Markdown: the first cell as its title, each other cell under its
    column's name (empty cells left out), so no column is cut or needs a sideways swipe."""
    (_, title), *cells = record.items()
    lines = [f"**{md_escape(title)}**"]
    lines += [f"{small_grey(name)}  \n{md_escape(value)}" for name, value in cells if str(value).strip()]
    return "\n\n".join(lines)


def small_grey(text: str) -> str:
    """Escaped text set like st.caption, for use inside a Markdown block."""
    return f":small[:gray[{md_escape(text)}]]"


def initiative_source(row: Mapping[str, Any], lang: str, references: Mapping[str, Mapping[str, Any]]) -> None:
    """The report's sentence naming the initiative, its translation, and the official name with
    the sources it comes from, cited in the reader's language."""
    st.caption(t("source.original_de", lang))
    st.markdown(f"> {md_escape(row['source_de'])}")
    if lang != "de":
        st.caption(t("source.translation", lang))
        st.markdown(f"> {md_escape(row[f'source_{lang}'])}")
    if row["official_name"]:
        st.caption(t("initiative.official_name", lang))
        st.markdown(md_escape(row["official_name"]))
        st.caption(md_escape(references_text(row["references"], references, lang)))


def initiative_facts(row: Mapping[str, Any], lang: str) -> list[str]:
    facts = [t(f"kind.{row['kind']}", lang), place_text(row, lang)]
    if row.get("date"):
        facts.append(format_date_text(row["date"], lang))
    if row.get("claim"):
        facts.append(t(f"claim.{row['claim']}", lang))
    return facts


def place_text(row: Mapping[str, Any], lang: str) -> str:
    """Where a figure or an initiative is: its district (and zone), or none named.

    A figure without a district covers the city; an initiative without one is not "city-wide"
    (a listed company is not), the report just names no district for it.
    """
    code = row.get("district_code")
    if not code:
        return t("place.no_district" if "kind" in row else "place.city_wide", lang)
    district = t(f"district.{code}", lang)
    zone = row.get("zone")
    if zone:
        return t("place.zone_in_district", lang, zone=t(f"zone.{zone}", lang), district=district)
    return district


def empty_state(message: str) -> None:
    st.info(message)
