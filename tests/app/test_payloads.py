"""Hostile data text on every page: shown as the characters it is, never as markup.

Every text column of every data file holds a payload (tests/payloads.py). Each page is opened in
each language with every expander and each KPI source open, and everything the page renders as Markdown
(text, captions, headings, KPI cards, notices, labels) must show each payload escaped, while what
the page shows literally (code, tables, chart data, text alternatives) must hold it unchanged.
What AppTest cannot see (the chart tooltip, the map tooltip, the downloaded CSV) is tested in
tests/browser/test_payloads_browser.py.
"""

from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib import export
from lib.i18n import LANGUAGES
from lib.navigation import PAGES, PAGES_BY_KEY

from payloads import TEXT_COLUMNS, has_live_markup, payload, seed, shown_escaped, unescaped_occurrences
from support import DATA_DIR, ROOT, blocks_keyed, each_kpi_source, each_tab, kpi_parts

MARKDOWN_KINDS = ("markdown", "caption", "subheader", "title", "header", "info", "warning", "error", "success")
LABELLED_KINDS = ("expander", "button", "download_button", "multiselect", "text_input", "segmented_control")
ALL_PAYLOADS = [(file_name, column) for file_name, columns in TEXT_COLUMNS.items() for column in columns]


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory):
    """A copy of data/ with every text column seeded, used as the app's data for this module."""
    target = tmp_path_factory.mktemp("payload") / "data"
    shutil.copytree(DATA_DIR, target)
    seed(target)
    before = os.environ.get("BDE_DATA_DIR")
    os.environ["BDE_DATA_DIR"] = str(target)
    yield target
    if before is None:
        os.environ.pop("BDE_DATA_DIR", None)
    else:
        os.environ["BDE_DATA_DIR"] = before


def open_page(page_key: str, lang: str) -> AppTest:
    """The page with every expander open, as a reader clicking each of them would."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    if page_key != "overview":
        at.switch_page(PAGES_BY_KEY[page_key].path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # the seeded data must still be valid data
    for block in at.get("expander"):
        at.session_state[block.proto.id.split("-", 2)[2]] = True
    return at.run()


def markdown_sources(node) -> list[str]:
    """Everything under ``node`` that Streamlit renders as Markdown: texts and widget labels."""
    texts = [str(el.value) for kind in MARKDOWN_KINDS for el in node.get(kind)]
    for kind in LABELLED_KINDS:
        for el in node.get(kind):
            label = getattr(el, "label", None)
            if label is None and hasattr(el, "proto"):
                label = getattr(el.proto, "label", None)
            if label:
                texts.append(str(label))
    return texts


def literal_sources(at: AppTest) -> list[str]:
    """What the page shows as plain characters: code blocks, plain text, chart data and text alternatives."""
    texts = [str(el.value) for kind in ("code", "text") for el in at.get(kind)]
    for chart in at.get("vega_lite_chart"):
        texts.append(chart.proto.alt)
        texts.append(chart.proto.spec)  # titles, and the map's shapes with their names
        for dataset in chart.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            texts.extend(str(cell) for cell in frame.astype(str).to_numpy().ravel())
    for table in at.dataframe:
        texts.extend(str(cell) for cell in table.value.astype(str).to_numpy().ravel())
    return texts


def chart_frames(at: AppTest) -> list[pd.DataFrame]:
    return [
        pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        for chart in at.get("vega_lite_chart")
        for dataset in chart.proto.datasets
    ]


# A reference's text, in the citation of an initiative's official name and of a glossary term
# (a publisher without a name in the catalogue is shown as the data gives it, in every language).
CITED = [("references.csv", "publisher"), ("references.csv", "title"), ("references.csv", "names")]


# Which payloads each page must show (so the path is really exercised), by page and language.
def expected_columns(page_key: str, lang: str) -> list[tuple[str, str]]:
    figures = [("indicators.csv", f"label_{lang}"), ("indicators.csv", "source_de")]
    if page_key != "manufacturing":  # the only section without context figures, whose citation is shown
        # A context figure's citation is the data's English line in English; in German and Chinese
        # the app frames it in the reader's words around the publisher's name (lib.formatting).
        figures.append(("indicators.csv", "citation" if lang == "en" else "publisher"))
        figures.append(("indicators.csv", "quote"))  # the context source's sentence, verbatim
    if lang != "de":
        figures.append(("indicators.csv", f"source_{lang}"))
    name = "name_report" if lang == "de" else f"name_{lang}"
    initiatives = [
        ("initiatives.csv", name), ("initiatives.csv", f"description_{lang}"), ("initiatives.csv", "source_de"),
        ("initiatives.csv", "official_name"), *CITED,
    ]
    if lang != "de":
        initiatives.append(("initiatives.csv", f"source_{lang}"))
    if page_key in ("public_services", "infrastructure"):
        return figures  # the report names no initiative in these sections
    if page_key in ("overview", "ai", "manufacturing"):
        return figures + initiatives
    if page_key in ("data_factor", "map"):
        return initiatives
    if page_key == "glossary":
        shown = ("term_en", "term_de", "term_zh", f"definition_{lang}")
        return [("glossary.csv", column) for column in shown] + CITED
    return []  # the sources page shows data text in tables only (checked below)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_key", [page.key for page in PAGES])
def test_every_payload_on_every_page_is_shown_escaped(payload_data, page_key, lang):
    markdown_parts, literal_parts = [], []
    at = open_page(page_key, lang)
    for tab in each_tab(at):  # only the open tab is built: read each
        markdown_parts += markdown_sources(tab)
        literal_parts += literal_sources(tab)
    for opened in each_kpi_source(at):  # one KPI source is open at a time: open each
        markdown_parts += markdown_sources(opened)
        literal_parts += literal_sources(opened)
    markdown = "\n".join(markdown_parts)
    live = [f"{f}:{c}" for f, c in ALL_PAYLOADS if unescaped_occurrences(markdown, payload(f, c))]
    assert live == [], f"{page_key} ({lang}) renders these payloads as Markdown: {live}"
    assert not has_live_markup(markdown), f"{page_key} ({lang}) has live markup from the data"
    missing = [f"{f}:{c}" for f, c in expected_columns(page_key, lang) if not shown_escaped(markdown, payload(f, c))]
    assert missing == [], f"{page_key} ({lang}) should show these payloads (escaped): {missing}"
    # What is shown as plain characters must not carry Markdown's backslashes: a reader would see them.
    literal = "\n".join(literal_parts)
    assert "\\*\\*x" not in literal and "\\<img" not in literal, f"{page_key} ({lang}) shows escaped text literally"


def kpi_heading(at: AppTest, figure_id: str) -> str:
    card = blocks_keyed(at, "kpi_").get(figure_id)
    assert card is not None, f"no KPI card for {figure_id}"
    return kpi_parts(card.get("markdown")[0].value)[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kpi_heading_shows_the_label_escaped(payload_data, lang):
    at = open_page("overview", lang)
    heading = kpi_heading(at, "de_value_added_2025")
    label = payload("indicators.csv", f"label_{lang}")
    assert shown_escaped(heading, label) and not has_live_markup(heading), heading


def test_a_charts_sources_show_a_context_figures_citation_escaped(payload_data):
    at = open_page("overview", "en")
    [sources] = [exp for exp in at.get("expander") if exp.proto.id.endswith("-de_value_added_trend_sources")]
    markdown = "\n".join(markdown_sources(sources))
    citation = payload("indicators.csv", "citation")
    assert shown_escaped(markdown, citation) and not has_live_markup(markdown)
    # ... and the line to copy holds it as it is.
    assert any(citation in el.value for el in sources.get("code"))


def test_chart_data_and_text_alternatives_hold_the_text_unchanged(payload_data):
    at = open_page("overview", "en")
    trend = chart_frames(at)[0]
    assert set(trend["label"]) == {payload("indicators.csv", "label_en")}
    context = trend[trend["source_type"] == "context"]
    assert set(context["citation"]) == {payload("indicators.csv", "citation")}  # the tooltip's source
    alt = at.get("vega_lite_chart")[0].proto.alt
    assert payload("indicators.csv", "label_en") in alt


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_marks_initiatives_by_their_name_unchanged(payload_data, lang):
    at = open_page("map", lang)
    name = payload("initiatives.csv", "name_report" if lang == "de" else f"name_{lang}")
    [markers] = [frame for frame in chart_frames(at) if {"name", "kind", "lon"} <= set(frame.columns)]
    assert set(markers["name"]) == {name}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sources_tables_hold_the_text_unchanged(payload_data, lang):
    at = open_page("sources", lang)
    figures, initiatives = (table.value for table in at.dataframe)
    figure_cells = set(figures.astype(str).to_numpy().ravel())
    assert payload("indicators.csv", f"label_{lang}") in figure_cells
    assert payload("indicators.csv", "source_de") in figure_cells
    if lang == "en":
        assert payload("indicators.csv", "citation") in figure_cells
    else:  # framed in the reader's words around the publisher's name, which stays as it is
        assert any(payload("indicators.csv", "publisher") in cell for cell in figure_cells)
    initiative_cells = set(initiatives.astype(str).to_numpy().ravel())
    assert payload("initiatives.csv", "name_report" if lang == "de" else f"name_{lang}") in initiative_cells
    assert payload("initiatives.csv", f"description_{lang}") in initiative_cells


def test_every_csv_download_neutralises_the_formulas(payload_data):
    from lib.data import load_indicators, load_initiatives, load_references, references_by_id
    from lib.tables import figures_table, initiatives_table

    indicators, initiatives = load_indicators(), load_initiatives()
    files = [
        export.figures_csv(indicators, "en"),
        export.initiatives_csv(initiatives, references_by_id(load_references()), "de"),
        export.table_csv(figures_table(indicators, "zh"), "zh", "数据"),
        export.table_csv(initiatives_table(initiatives, "en"), "en", "Initiatives"),
    ]
    for data in files:
        text = data.decode("utf-8-sig")
        cells = [cell for row in __import__("csv").reader(text.splitlines()) for cell in row]
        assert f"'{payload('indicators.csv', 'label_en')}" in cells or any(c.startswith("'=HYPERLINK") for c in cells)
        live = [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
        assert live == [], live[:3]


def test_chart_images_hold_the_citation_as_text_not_as_markup(payload_data):
    from lib.data import load_indicators

    from lib import charts
    from lib.figures import figure_frame, series_rows

    rows = series_rows(load_indicators(), "de_value_added")
    spec = charts.trend_chart(figure_frame(rows, "en"), "en", "Value added", "Trillion yuan").to_dict()
    svg = export.chart_svg(spec, rows, "en").decode("utf-8")
    assert "<img" not in svg and "&lt;img src=x" in svg  # the citation in the source line, as text
    assert json.dumps(spec)  # the spec stays plain JSON
