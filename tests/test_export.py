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


# --- the exported chart's spec, without rendering it (fast enough for mutation testing) -------
import pandas as pd  # noqa: E402

ROWS = pd.DataFrame({"source_type": ["report", "context", "context"], "citation": ["ignored", "Bureau B", "Bureau A"]})


def test_an_exported_chart_is_720_wide_on_white_with_its_sources_under_the_title():
    chart = {"title": {"text": ["Value added"], "subtitle": ["At current prices"]}, "mark": "point"}
    spec = export._export_spec(chart, ROWS, "en")
    assert spec["width"] == 720 and spec["background"] == "white"
    assert spec["title"] == {
        "text": ["Value added"],
        # Wrapped at 90 characters, word by word.
        "subtitle": ["At current prices", "Source: Beijing Daily, 27 January 2026 (German edition); Bureau A; Bureau B. Beijing",
                     "Digital Economy Explorer."],
        "anchor": "start",
    }
    assert chart == {"title": {"text": ["Value added"], "subtitle": ["At current prices"]}, "mark": "point"}  # left as it was


def test_an_exported_chart_keeps_its_own_anchor_and_background():
    spec = export._export_spec({"title": {"text": "T", "anchor": "middle"}, "background": "#eee"}, ROWS.head(1), "de")
    assert spec["title"]["anchor"] == "middle" and spec["background"] == "#eee"
    assert spec["title"]["subtitle"] == ["Quelle: Beijing Daily, 27. Januar 2026 (deutsche Ausgabe). Beijings Digitalwirtschaft –",
                                         "Datenexplorer."]


def test_a_title_given_as_text_and_a_subtitle_as_text_are_kept():
    spec = export._export_spec({"title": "Plain", "subtitle": "x"}, ROWS.head(1), "en")
    assert spec["title"]["text"] == "Plain"
    spec = export._export_spec({"title": {"text": "T", "subtitle": "Sub"}}, ROWS.head(1), "en")
    assert spec["title"]["subtitle"][0] == "Sub"
    spec = export._export_spec({"title": {"text": "T", "subtitle": ""}}, ROWS.head(1), "en")
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_a_chart_without_title_gets_the_source_line_as_its_title_block():
    spec = export._export_spec({}, ROWS.head(1), "en")
    assert spec["title"] == {"subtitle": ["Source: Beijing Daily, 27 January 2026 (German edition). Beijing Digital Economy Explorer."],
                             "anchor": "start"}


def test_the_source_line_wraps_at_90_characters():
    rows = pd.DataFrame({"source_type": ["context"], "citation": ["A" * 74]})
    # "Source: AAA…A. Beijing" would be 91 characters: "Beijing" starts the next line.
    assert export._export_spec({}, rows, "en")["title"]["subtitle"] == ["Source: " + "A" * 74 + ".", "Beijing Digital Economy Explorer."]


def test_chart_png_is_drawn_at_twice_the_size_of_the_svg(indicators_df):
    import re
    import struct

    rows = series_rows(indicators_df, "base_stations_5g")
    spec = charts.trend_chart(figure_frame(rows, "en"), "en", "5G base stations", "Base stations").to_dict()
    svg_width = float(re.search(r'<svg[^>]* width="([\d.]+)"', export.chart_svg(spec, rows, "en").decode("utf-8")).group(1))
    png_width = struct.unpack(">I", export.chart_png(spec, rows, "en")[16:20])[0]
    assert png_width == pytest.approx(2 * svg_width, abs=2)
