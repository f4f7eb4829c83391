"""The chart grammar of a figure's status (lib/status.py, lib/charts.py), checked on the drawn chart:
each chart is rendered by vl-convert (the same Vega the browser runs) and its scenegraph read back.

Expected values come from the CSV read with the csv module and from hand-written lists, never from
the code under test.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache

import pandas as pd
import pytest
import vl_convert

from lib import charts, derived
from lib.figures import figure_frame, series_rows

from support import DATA_DIR, contrast


@cache
def raw_rows() -> list[dict[str, str]]:
    with open(DATA_DIR / "indicators.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def series_raw(series: str) -> list[dict[str, str]]:
    return [row for row in raw_rows() if row["series"] == series and row["status"] == "current"]


def scenegraph(chart, width: int = 600) -> dict:
    spec = chart.to_dict()
    spec["width"] = width
    return vl_convert.vegalite_to_scenegraph(json.dumps(spec))


def items(node, marktype: str | None = None, role: str | None = None):
    """Every drawn item of the scenegraph (with its group offset) of a mark type and role."""

    def walk(node, dx=0.0, dy=0.0):
        if isinstance(node, dict):
            if node.get("marktype"):
                for item in node.get("items", []):
                    if (marktype is None or node["marktype"] == marktype) and (role is None or node.get("role") == role):
                        yield node, item, dx, dy
                    yield from walk(item, dx + (item.get("x") or 0) if node["marktype"] == "group" else dx, dy + (item.get("y") or 0) if node["marktype"] == "group" else dy)
            else:
                for key in ("scenegraph", "root", "items"):
                    if key in node:
                        yield from walk(node[key], dx, dy)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, dx, dy)

    yield from walk(node)


def is_open(item: dict) -> bool:
    fill = item.get("fill")
    return fill in (None, "transparent", "white", "#ffffff", "#fff") or item.get("fillOpacity") == 0


def trend(series: str, lang: str = "en"):
    frame = figure_frame(series_rows(_shipped(), series), lang)
    return charts.trend_chart(frame, lang, "Title", "Axis")


@cache
def _shipped():
    from support import read_shipped

    return read_shipped("indicators.csv")


# --- bounds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("series", ["de_value_added", "large_models", "base_stations_5g", "internet_hospitals"])
def test_a_bound_is_drawn_open_and_an_exact_figure_filled(series):
    rows = series_raw(series)
    bounds = sum(row["qualifier"] != "exact" for row in rows)
    symbols = [item for _, item, _, _ in items(scenegraph(trend(series)), "symbol", "mark")]
    assert len(symbols) == len(rows)
    assert sum(is_open(item) for item in symbols) == bounds
    assert sum(not is_open(item) for item in symbols) == len(rows) - bounds


def test_more_than_points_up_and_nearly_down():
    symbols = [item for _, item, _, _ in items(scenegraph(trend("de_value_added")), "symbol", "mark")]
    # de_value_added holds three "more than" figures (2019, 2024, 2025) and no "nearly".
    assert sorted(item.get("shape") for item in symbols if is_open(item)) == ["triangle-up"] * 3


def test_bound_bars_are_hollow_and_end_in_an_open_arrow_pointing_right():
    rows = _shipped()
    growth = rows[(rows["section"] == "manufacturing") & (rows["measure"] == "growth_yoy") & (rows["source_type"] == "report")]
    chart = charts.bar_comparison_chart(figure_frame(growth, "en"), "en", "Output growth")
    graph = scenegraph(chart)
    rects = [item for _, item, _, _ in items(graph, "rect", "mark")]
    # IC and wind turbines: "more than ten percent"; NEV: +140 % exact.
    assert sum(bool(item.get("fill") == "white" and item.get("strokeDash")) for item in rects) == 2
    arrows = [item for _, item, _, _ in items(graph, "symbol", "mark")]
    assert [item["shape"] for item in arrows] == ["triangle-right", "triangle-right"]
    assert all(is_open(item) for item in arrows)


def test_the_legend_explains_the_open_marks():
    graph = scenegraph(trend("de_value_added", "de"))
    legend_labels = [item.get("text") for _, item, _, _ in items(graph, "text", "legend-label")]
    assert "Mehr als (Untergrenze)" in legend_labels


# --- breaks in a series -------------------------------------------------------------------------


def test_a_line_never_joins_two_vintages_nor_a_figure_without_a_date():
    spec = trend("de_value_added").to_dict()
    [values] = [v for name, v in spec["datasets"].items() if name == spec["data"]["name"]]
    by_segment: dict[int, list[dict]] = {}
    for row in values:
        by_segment.setdefault(row["segment"], []).append(row)
    joined = [group for group in by_segment.values() if len(group) > 1]
    assert joined, "2024 and 2025 are on one basis and joined"
    for group in joined:
        assert len({row["vintage"] for row in group}) == 1
        assert all(row["period_type"] != "not_stated" for row in group)


def line_runs(graph) -> list[tuple[int, bool]]:
    """How many points each drawn line joins (Vega draws one line mark per group), and whether it is dashed."""
    marks = {id(mark): (len(mark["items"]), bool(mark["items"][0].get("strokeDash"))) for mark, _, _, _ in items(graph, "line", "mark")}
    return sorted(marks.values())


def test_the_value_added_line_is_broken_where_the_data_says_the_basis_changed():
    # Written by hand from the data: 2019, 2021, 2022, 2023 each stand alone (each as first published
    # in its own release); 2024 and 2025 share one basis and are the one joined pair, dashed
    # because both are "more than" figures.
    assert line_runs(scenegraph(trend("de_value_added"))) == [(2, True)]


def test_large_model_counts_of_different_definitions_are_not_joined():
    assert line_runs(scenegraph(trend("large_models"))) == []


def test_the_5g_line_is_solid_between_exact_figures_and_dashed_through_an_approximate_one():
    # By hand: 45,700 and 47,000 (2021), 90,000 and 92,600 (2023), 106,000 (November 2023) joined
    # solid; 106,000, about 114,500 and 122,000 (2024) joined dashed; 153,400 undated, alone.
    assert line_runs(scenegraph(trend("base_stations_5g"))) == [(3, True), (5, False)]


# --- price basis --------------------------------------------------------------------------------

OVERVIEW_GROWTH_ORDER_EN = [
    "At current prices (nominal)",
    "Digital economy value added growth",
    "Price basis not stated by the source (not ranked)",
    "Core digital economy industries: value added growth",
    "Information services value added growth",
    "Price basis not stated by the source (not ranked); enterprises above designated size only",
    "Electronic equipment manufacturing growth (above designated size)",
]


def test_growth_rates_of_different_bases_are_grouped_never_ranked_as_one_list():
    rows = _shipped()
    growth = rows[(rows["section"] == "overview") & (rows["measure"] == "growth_yoy") & (rows["source_type"] == "report")]
    spec = charts.bar_comparison_chart(figure_frame(growth, "en"), "en", "Growth").to_dict()
    [values] = spec["datasets"].values()
    assert [row["label"] for row in sorted(values, key=lambda row: row["slot"])] == OVERVIEW_GROWTH_ORDER_EN


def test_every_growth_rate_says_its_price_basis_in_its_tooltip():
    rows = _shipped()
    growth = rows[(rows["section"] == "overview") & (rows["measure"] == "growth_yoy") & (rows["source_type"] == "report")]
    spec = json.dumps(charts.bar_comparison_chart(figure_frame(growth, "de"), "de", "Wachstum").to_dict(), ensure_ascii=False)
    assert '"basis_label"' in spec and "zu laufenden Preisen (nominal)" in spec


# --- time ---------------------------------------------------------------------------------------


def _dates(series: str) -> dict[str, str]:
    spec = trend(series).to_dict()
    [values] = [v for name, v in spec["datasets"].items() if name == spec["data"]["name"]]
    return {row["id"]: row["date"][:10] for row in values}


def test_a_year_is_drawn_as_a_year_a_month_as_a_month_and_an_undated_figure_on_its_report_day():
    dates = _dates("base_stations_5g")
    assert dates["ctx_base_stations_5g_202304"] == "2023-04-30"  # as of April 2023: end of the month
    assert dates["base_stations_5g"] == "2026-01-27"  # date not stated: the day it was reported
    flows = _dates("de_value_added")
    assert flows["ctx_de_value_added_2022"] == "2022-07-01"  # a year's flow sits under its year label


def test_the_time_axis_is_labelled_with_years_not_months():
    graph = scenegraph(trend("internet_hospitals", "zh"))
    labels = [item["text"] for _, item, _, _ in items(graph, "text", "axis-label") if "年" in str(item.get("text"))]
    assert labels and all(label.endswith("年") and label[:4].isdigit() and len(label) == 5 for label in labels)


def test_an_undated_figure_is_explained_in_the_chart_note():
    spec = trend("internet_hospitals").to_dict()
    assert any("gives no date" in line for line in spec["usermeta"]["notes"])



@pytest.mark.parametrize(
    "lang, note",
    [
        ("en", "The sources give no date for these figures: each is drawn at the day it was reported (4 January 2022; "
               "27 January 2026) and not joined to earlier figures."),
        ("de", "Die Quellen nennen für diese Zahlen keinen Stichtag: Jede ist am Tag der Meldung (4. Januar 2022; 27. Januar 2026) "
               "eingetragen und nicht mit früheren Zahlen verbunden."),
        ("zh", "这些数据未注明统计时点，均按发布日期（2022年1月4日、2026年1月27日）标注，不与前期数据连线。"),
    ],
)
def test_two_undated_figures_share_one_note(lang, note):
    # Institutions offering online diagnosis: 108 (reported 4 January 2022) and the report's 346.
    spec = trend("online_diagnosis_institutions", lang).to_dict()
    assert spec["usermeta"]["notes"] == [note]

def test_side_by_side_charts_can_share_one_time_range():
    both = pd.concat([series_rows(_shipped(), "base_stations_5g"), series_rows(_shipped(), "base_stations_5g_density")])
    domain = charts.time_domain(figure_frame(both, "en")["date"].tolist())
    left = charts.trend_chart(figure_frame(series_rows(_shipped(), "base_stations_5g"), "en"), "en", "A", "B", x_domain=domain).to_dict()
    right = charts.trend_chart(figure_frame(series_rows(_shipped(), "base_stations_5g_density"), "en"), "en", "A", "B", x_domain=domain).to_dict()

    def x_domain(spec):
        return [layer["encoding"]["x"]["scale"]["domain"] for layer in spec["layer"] if "scale" in layer.get("encoding", {}).get("x", {})]

    assert x_domain(left)[0] == x_domain(right)[0]


@pytest.mark.parametrize(
    "left, right",
    [("internet_hospitals", "online_diagnosis_institutions"), ("base_stations_5g", "base_stations_5g_density"), ("de_value_added", "de_share_gdp")],
)
def test_no_figure_is_drawn_over_the_value_axis(left, right):
    # The 108 institutions of 4 January 2022 sat on the axis at the start of 2022, its dot over the
    # "100" beside it (Digital public services, seen in a screenshot).
    both = pd.concat([series_rows(_shipped(), left), series_rows(_shipped(), right)])
    domain = charts.time_domain(figure_frame(both, "en")["date"].tolist())
    for series in (left, right):
        chart = charts.trend_chart(figure_frame(series_rows(_shipped(), series), "en"), "en", "A", "B", x_domain=domain)
        for width in (340, 560):  # the column a chart gets on a phone and on half a desktop page
            points = [item for _, item, _, _ in items(scenegraph(chart, width), "symbol") if item.get("size")]
            assert points, series
            # A mark reaches about 0.6 x the square root of its area from its centre (circle: 0.56).
            crossing = [round(item["x"], 1) for item in points if item["x"] - 0.6 * item["size"] ** 0.5 < 0]
            assert crossing == [], (series, width)


def test_a_year_whose_start_is_out_of_view_gets_no_label():
    graph = scenegraph(charts.trend_chart(figure_frame(series_rows(_shipped(), "online_diagnosis_institutions"), "en"), "en", "A", "B",
                                          x_domain=(pd.Timestamp(2021, 11, 20), pd.Timestamp(2026, 12, 31))))
    assert shown_year_labels(graph) == ["2022", "2023", "2024", "2025", "2026"]



# Every series the pages draw as a trend (pages/*.py, streamlit_app.py).
TREND_SERIES = [
    "de_value_added", "de_share_gdp", "core_share_gdp", "de_growth", "large_models", "nev_output_growth",
    "wind_turbine_output_growth", "internet_hospitals", "online_diagnosis_institutions", "base_stations_5g",
    "base_stations_5g_density", "autonomous_test_km",
]


def shown_year_labels(graph) -> list[str]:
    """The x-axis year labels a reader sees: Vega keeps a label it hides (one that would run past
    the axis's end) in the scenegraph, with opacity 0."""
    return [str(item["text"]) for _, item, _, _ in items(graph, "text", "axis-label")
            if re.fullmatch(r"20\d\d年?", str(item.get("text", ""))) and item.get("opacity", 1) != 0]


def test_the_latest_year_keeps_its_label_on_a_phone():
    # The 209 large models (27 January 2026) sat right of "2025年" with no "2026年" on a phone, and in
    # the half column of a desktop page: the label was hidden for running past the axis's end.
    graph = scenegraph(trend("large_models", "zh"), 340)
    assert shown_year_labels(graph) == ["2024年", "2025年", "2026年"]


@pytest.mark.parametrize("series", TREND_SERIES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_latest_figures_year_is_named_and_no_year_label_is_hidden(series, lang):
    latest = max(date.year for date in figure_frame(series_rows(_shipped(), series), lang)["date"])
    for width in (340, 560):  # a phone's column and half a desktop page
        graph = scenegraph(trend(series, lang), width)
        assert latest in {int(label[:4]) for label in shown_year_labels(graph)}, width
        hidden = [item["text"] for _, item, _, _ in items(graph, "text", "axis-label") if item.get("opacity", 1) == 0]
        assert hidden == [], width


def test_year_labels_that_would_touch_name_every_second_year_back_from_the_latest():
    # Seven years on a phone: "2019" and its neighbours fit a year apart, "2019年" does not.
    assert shown_year_labels(scenegraph(trend("de_value_added", "en"), 340)) == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
    assert shown_year_labels(scenegraph(trend("de_value_added", "zh"), 340)) == ["2019年", "2021年", "2023年", "2025年"]
    # Half a desktop page holds them all.
    assert shown_year_labels(scenegraph(trend("de_value_added", "zh"), 560)) == ["2019年", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年"]

def test_a_bound_part_keeps_its_colour_and_gets_a_dashed_edge_while_a_derived_part_is_paler():
    # Beijing: "nearly 30 %", the report's own figure; the rest of China: "more than 70 %", derived.
    graph = scenegraph(charts.part_of_whole_chart(derived.national_share_parts(_shipped(), "en"), "en", "Share"))
    bars = {item["fill"]: item for _, item, _, _ in items(graph, "rect", "mark")}
    assert set(bars) == {"#0072B2", "#56B4E9"}
    beijing, rest = bars["#0072B2"], bars["#56B4E9"]
    assert beijing.get("opacity", 1) == 1 and beijing.get("strokeDash")  # as bright as its legend entry
    assert rest["opacity"] == 0.75 and rest.get("strokeDash")
    legend = [item["fill"] for _, item, _, _ in items(graph, "symbol", "legend-symbol")]
    assert legend == ["#0072B2", "#56B4E9"]
    # The bound's label is legible on the bright part.
    labels = {item["text"]: item["fill"] for _, item, _, _ in items(graph, "text", "mark")}
    assert labels == {"nearly 30%": "white", "more than 70%": "#222222"}


@pytest.mark.parametrize(
    "parts, lang, note",
    [
        ("national_share_parts", "en", "Paler parts are derived by subtraction from the report's figures (see the source list). "
         "A dashed edge marks a part the source gives only as a bound (“nearly”, “more than”)."),
        ("share_parts", "en", "Paler parts are derived by subtraction from the report's figures (see the source list)."),
        ("national_share_parts", "de", "Hellere Teile sind per Subtraktion aus den Zahlen des Berichts abgeleitet (siehe Quellenliste). "
         "Ein gestrichelter Rand markiert einen Teil, den die Quelle nur als Ober- oder Untergrenze angibt („fast“, „mehr als“)."),
        ("national_share_parts", "zh", "浅色部分由报道数据相减推算得出（见来源列表）。虚线边框表示来源仅给出上限或下限的部分（“近”“超过”）。"),
    ],
)
def test_the_parts_note_explains_each_encoding_the_chart_uses(parts, lang, note):
    from lib import status

    assert status.parts_note(getattr(derived, parts)(_shipped(), lang), lang) == note



@pytest.mark.parametrize(
    "series, labels",
    [
        ("de_value_added", ["more than 1.3", "1.63", "1.73", "1.88", "more than 2.2", "more than 2.4"]),
        ("base_stations_5g", ["45,700", "47,000", "90,000", "92,600", "106,000", "about 114,500", "122,000", "153,400"]),
    ],
)
def test_close_figures_are_labelled_to_one_side_rather_than_left_unlabelled(series, labels):
    # Centred over its point, 2024's "more than 2.2" touched 2025's "more than 2.4" and was left
    # out; reaching left from its point it fits. Labels are planned for the narrowest plot.
    graph = scenegraph(trend(series), 340)
    shown = [item["text"] for _, item, _, _ in items(graph, "text", "mark") if item.get("text") and item.get("opacity", 1) != 0]
    assert sorted(shown) == sorted(labels)

# --- percent axes and text ----------------------------------------------------------------------


def test_share_axes_say_percent():
    graph = scenegraph(trend("de_share_gdp", "de"))
    labels = [item["text"] for _, item, _, _ in items(graph, "text", "axis-label") if str(item.get("text", "")).strip()[:1].isdigit() and "20" != str(item["text"])[:2]]
    assert labels and all(label.endswith("\u00a0%") for label in labels)
    parts = charts.part_of_whole_chart(derived.share_parts(_shipped(), "en"), "en", "GDP")
    part_labels = [item["text"] for _, item, _, _ in items(scenegraph(parts), "text", "axis-label")]
    assert part_labels == ["0%", "25%", "50%", "75%", "100%"]


def contrast_on_white(colour: str) -> float:
    return contrast(colour, "#ffffff")


@pytest.mark.parametrize("series", ["de_value_added", "base_stations_5g", "de_share_gdp"])
def test_all_chart_text_reaches_wcag_aa_contrast_on_white(series):
    graph = scenegraph(trend(series))
    texts = [item for _, item, _, _ in items(graph, "text") if str(item.get("text", "")).strip()]
    assert texts
    for item in texts:
        colour = item.get("fill") or "#000000"
        assert contrast_on_white(colour) >= 4.5, (item.get("text"), colour)


def test_chart_text_uses_the_pages_font():
    graph = scenegraph(trend("de_value_added"))
    fonts = {item.get("font") for _, item, _, _ in items(graph, "text") if str(item.get("text", "")).strip()}
    assert fonts == {'"Source Sans", "Source Sans Pro", sans-serif'}
