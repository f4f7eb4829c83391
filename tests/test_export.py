"""Take-away files: CSV that a spreadsheet opens safely, charts with title and source in the image."""

from __future__ import annotations

import csv
import io

import pytest

from lib import charts, export
from lib.figures import figure_frame, series_rows
from support import DATA_DIR



def read_back(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    is_note = lambda line: line.lstrip('"').startswith("#")  # noqa: E731
    header_block = [line for line in lines if is_note(line)]
    body = "\n".join(line for line in lines if not is_note(line) and line.strip())
    return header_block, list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_like_text_is_neutralised(cell):
    assert export.neutralise(cell) == "'" + cell


def test_numbers_and_plain_text_pass_unchanged():
    assert export.neutralise(-3.5) == -3.5
    assert export.neutralise("Haidian") == "Haidian"


def test_csv_has_a_header_block_and_numbers_stay_numbers(indicators_df):
    header, rows = read_back(export.figures_csv(indicators_df, "en"))
    assert any("Beijing Daily" in line for line in header)
    assert any("Licence" in line for line in header)
    by_id = {row["id"]: row for row in rows}
    assert by_id["nev_output_2025"]["value"] == "699000"
    assert by_id["de_share_gdp_2025"]["value"] == "46.4"
    assert len(rows) == len(indicators_df)


def test_csv_neutralises_an_injected_label(indicators_df):
    hostile = indicators_df.head(1).assign(label_en="=cmd|' /C calc'!A0")
    _, rows = read_back(export.figures_csv(hostile, "en"))
    assert rows[0]["label_en"].startswith("'=")


def test_chart_svg_has_title_and_source_line(indicators_df):
    rows = series_rows(indicators_df, "base_stations_5g")
    chart = charts.trend_chart(figure_frame(rows, "en"), "en", "5G base stations", "Base stations")
    svg = export.chart_svg(chart.to_dict(), rows, "en").decode("utf-8")
    assert svg.startswith("<svg")
    assert "5G base stations" in svg
    assert "Beijing Daily" in svg  # the source line
    assert "mark-symbol" in svg  # points were drawn


def test_chart_png_is_a_png(indicators_df):
    rows = series_rows(indicators_df, "base_stations_5g")
    chart = charts.trend_chart(figure_frame(rows, "en"), "en", "5G base stations", "Base stations")
    assert export.chart_png(chart.to_dict(), rows, "en")[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_exports_with_its_source_line(initiatives_df):
    from lib import district_map
    import json

    shapes = json.loads((DATA_DIR / "districts.geojson").read_text(encoding="utf-8"))
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    svg = export.chart_svg(spec, initiatives_df, "en").decode("utf-8")
    assert "Initiatives by district" in svg and "Beijing Daily" in svg
    assert svg.count("<path") > 16  # every district drawn, plus markers


# --- exports fit to publish (issue 10) ----------------------------------------------------------

import re
import xml.etree.ElementTree as ElementTree

_TRANSLATE = re.compile(r"translate\(([-\d.]+),\s*([-\d.]+)\)")


def svg_texts(svg: str) -> tuple[float, float, list[tuple[str, float, float, str, str]]]:
    """(width, height, [(text, x, y, anchor, font)]) with each text at its absolute position."""
    root = ElementTree.fromstring(svg)
    found = []

    def walk(node, x=0.0, y=0.0):
        match = _TRANSLATE.search(node.get("transform", ""))
        if match:
            x, y = x + float(match.group(1)), y + float(match.group(2))
        if node.tag.endswith("text"):
            anchor, font = node.get("text-anchor", "start"), node.get("font-family", "")
            if (node.text or "").strip():
                found.append((node.text, x, y, anchor, font))
            line_y = y
            for tspan in node:  # one line of wrapped text each, dy below the one before
                line_y += float(tspan.get("dy", 0))
                found.append((tspan.text or "", x, line_y, anchor, font))
            return
        for child in node:
            walk(child, x, y)

    walk(root)
    return float(root.get("width")), float(root.get("height")), found


def _export(indicators_df, series: str, lang: str, title: str) -> str:
    rows = series_rows(indicators_df, series)
    chart = charts.trend_chart(figure_frame(rows, lang), lang, title, "Axis")
    return export.chart_svg(chart.to_dict(), rows, lang).decode("utf-8")


@pytest.mark.parametrize("lang, source_word", [("en", "Source:"), ("de", "Quelle:"), ("zh", "来源：")])
def test_exported_chart_ends_with_one_source_line_under_the_plot_in_one_font(indicators_df, lang, source_word):
    width, height, texts = svg_texts(_export(indicators_df, "de_value_added", lang, "Digital economy value added"))
    assert {font for *_, font in texts} == {"Noto Sans SC"}  # one font, with Chinese glyphs
    source_lines = [text for text in texts if text[0].startswith(source_word)]
    assert len(source_lines) == 1
    source_y = source_lines[0][2]
    # The source line (with its continuation, if it wraps) is the last thing in the image.
    above = [text for text in texts if text[2] < source_y]
    below = [text for text in texts if text[2] > source_y]
    assert len(above) > 10 and len(below) <= 1, below
    assert source_y > height * 0.75


def test_exported_source_line_names_the_report_first_then_other_publishers_oldest_first(indicators_df):
    _, _, texts = svg_texts(_export(indicators_df, "de_value_added", "en", "Digital economy value added"))
    line = " ".join(text for text, *_ in texts if text.startswith("Source:") or text.startswith("Beijing Municipal"))
    assert line.startswith("Source: Beijing Daily, 27 January 2026 (German edition); Xinhua;")


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_exported_title_wraps_to_the_image_and_nothing_touches_an_edge(indicators_df, lang):
    long_title = {"en": "Digital economy value added in Beijing, as the report and earlier official releases give it, year by year",
                  "de": "Wertschöpfung der digitalen Wirtschaft Beijings, wie der Bericht und frühere amtliche Veröffentlichungen sie angeben",
                  "zh": "北京数字经济增加值：本报道与此前官方发布的数据逐年对照，并标出统计口径的变化和上下限"}[lang]
    width, height, texts = svg_texts(_export(indicators_df, "de_value_added", lang, long_title))
    title_lines = [text for text in texts if text[0] and text[0] in long_title]
    assert len(title_lines) >= 2  # wrapped, not cut
    for text, x, y, anchor, _ in texts:
        estimate = sum(15 if ord(char) > 0x2E80 else 8 for char in text)  # generous, 15 px type
        left = x - estimate if anchor == "end" else x - estimate / 2 if anchor == "middle" else x
        assert left >= 10, text
        assert y >= 10 and y <= height - 10, text
        if text in long_title:
            assert x + estimate * 0.9 <= width - 10, text


def test_chart_csv_holds_the_values_as_charted_with_their_unit_and_status(indicators_df):
    rows = series_rows(indicators_df, "de_value_added")
    frame = figure_frame(rows, "en")
    spec = charts.trend_chart(frame, "en", "Digital economy value added", "Trillion yuan").to_dict()
    from lib import status

    header, csv_rows = read_back(export.chart_csv(status.export_frame(frame), "en", spec))
    assert any("Digital economy value added" in line for line in header)
    by_id = {row["id"]: row for row in csv_rows}
    # 16,251.9 hundred million yuan in the source is 1.62519 trillion yuan on the chart.
    assert by_id["ctx_de_value_added_2021"]["value"] == "1.62519"
    assert by_id["ctx_de_value_added_2021"]["unit"] == "Trillion yuan"
    assert by_id["ctx_de_value_added_2021"]["source_value"] == "16251.9"
    assert by_id["ctx_de_value_added_2021"]["source_unit"] == "Hundred million yuan"
    assert by_id["ctx_de_value_added_2021"]["vintage"] == "As first published in the 2021 statistical bulletin"
    assert by_id["de_value_added_2025"]["value"] == "2.4"
    assert by_id["de_value_added_2025"]["qualifier"] == "More than (lower bound)"
    assert {row["unit"] for row in csv_rows} == {"Trillion yuan"}

def test_csv_header_block_names_the_file_its_source_licence_date_and_columns(indicators_df):
    import datetime as dt

    header, _ = read_back(export.figures_csv(indicators_df.head(2), "en"))
    assert header[0] == "# Beijing Digital Economy Explorer: figures"
    assert f"# Downloaded: {dt.date.today().isoformat()}" in header
    assert any(line.startswith('"# Columns: value in unit; qualifier as worded') for line in header)


def test_an_empty_cell_stays_empty_and_a_whole_number_loses_its_point():
    import pandas as pd

    frame = pd.DataFrame({"id": ["a"], "value": [699000.0], "base_value": [float("nan")], "note": [None]})
    _, rows = read_back(export.table_csv(frame, "en", "t"))
    assert rows == [{"id": "a", "value": "699000", "base_value": "", "note": ""}]


import pandas as pd  # noqa: E402


def test_chart_png_is_drawn_at_twice_the_size_of_the_svg(indicators_df):
    import re
    import struct

    rows = series_rows(indicators_df, "base_stations_5g")
    spec = charts.trend_chart(figure_frame(rows, "en"), "en", "5G base stations", "Base stations").to_dict()
    svg_width = float(re.search(r'<svg[^>]* width="([\d.]+)"', export.chart_svg(spec, rows, "en").decode("utf-8")).group(1))
    png_width = struct.unpack(">I", export.chart_png(spec, rows, "en")[16:20])[0]
    assert png_width == pytest.approx(2 * svg_width, abs=2)


# --- initiatives with their sources, and names of the downloads ---


def test_initiatives_csv_cites_each_official_names_source_in_the_readers_language_with_its_site(initiatives_df):
    from lib.data import references_by_id

    from support import read_shipped

    references = references_by_id(read_shipped("references.csv"))
    _, rows = read_back(export.initiatives_csv(initiatives_df, references, "zh"))
    columns = list(rows[0])
    assert "references" not in columns and columns[-2:] == ["citation", "citation_sites"]
    listing = next(row for row in rows if row["id"] == "knowledge_atlas_listing")
    assert listing["citation"] == "《南方日报》，2026年1月8日（static.nfnews.com）：北京智谱华章科技股份有限公司（02513）"
    assert listing["citation_sites"] == "static.nfnews.com"
    _, rows = read_back(export.initiatives_csv(initiatives_df, references, "de"))
    street = next(row for row in rows if row["id"] == "china_data_street")
    assert street["citation"] == "Statistikamt Beijing, 1. August 2024: „西城加快建设“马连道中国数据街”“"
    assert street["citation_sites"] == ""  # the source's site is not known


@pytest.mark.parametrize(
    "kind, lang, filtered, name",
    [
        ("figures", "en", False, "beijing-digital-economy-figures.csv"),
        ("initiatives", "en", True, "beijing-digital-economy-initiatives-filtered.csv"),
        ("figures", "de", False, "beijing-digitalwirtschaft-kennzahlen.csv"),
        ("initiatives", "de", True, "beijing-digitalwirtschaft-initiativen-gefiltert.csv"),
        ("figures", "zh", False, "北京数字经济-数据.csv"),
        ("initiatives", "zh", True, "北京数字经济-举措-筛选结果.csv"),
    ],
)
def test_a_tables_download_is_named_in_the_readers_language(kind, lang, filtered, name):
    assert export.table_file_name(kind, lang, filtered=filtered) == name


@pytest.mark.parametrize(
    "title, lang, name",
    [
        ("Digital economy value added: 2019/2025", "en", "beijing-digital-economy-digital-economy-value-added-2019-2025.svg"),
        ("Wertschöpfung der digitalen Wirtschaft", "de", "beijing-digitalwirtschaft-wertschöpfung-der-digitalen-wirtschaft.svg"),
        ("数字经济增加值（2019—2025年）", "zh", "北京数字经济-数字经济增加值-2019-2025年.svg"),
    ],
)
def test_a_charts_download_is_named_by_its_title_safe_for_a_file_system(title, lang, name):
    assert export.chart_file_name({"usermeta": {"title": title}}, lang, "svg") == name


def test_a_very_long_title_gives_a_name_cut_at_a_word():
    name = export.file_name("word " * 40, "png")
    assert name == "-".join(["word"] * 16) + ".png" and len(name) <= export.MAX_FILE_STEM + 4
