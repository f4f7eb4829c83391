"""Chart builders: valid Vega-Lite, drawn from the data rows they are given, in the reader's language."""

from __future__ import annotations

import pytest

from lib import charts, derived
from lib.figures import figure_frame, series_rows



def chart_values(chart) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    [values] = spec["datasets"].values()
    return values


def test_trend_chart_marks_report_and_context_years_apart(indicators_df):
    frame = figure_frame(series_rows(indicators_df, "de_value_added"), "en")
    values = chart_values(charts.trend_chart(frame, "en", "Digital economy value added", "Trillion yuan"))
    sources = {row["year"]: row["source"] for row in values}
    assert sources[2025] == "This report"
    assert sources[2021] == "Other sources (context)"
    assert 2020 not in sources  # not published on the same basis: never filled in


def test_trend_chart_leaves_out_superseded_vintages(indicators_df):
    frame = figure_frame(series_rows(indicators_df, "de_value_added"), "en")
    assert len(frame[frame["year"] == 2024]) == 1
    assert frame[frame["year"] == 2024]["figure"].item() == "more than 2.2 trillion yuan"


def test_context_money_in_hundred_million_yuan_is_charted_in_trillions(indicators_df):
    frame = figure_frame(series_rows(indicators_df, "de_value_added"), "en")
    assert frame[frame["year"] == 2021]["value"].item() == pytest.approx(1.62519)


def test_bar_comparison_labels_bounds_in_words(indicators_df):
    rows = indicators_df[(indicators_df["section"] == "manufacturing") & (indicators_df["measure"] == "growth_yoy")]
    values = chart_values(charts.bar_comparison_chart(figure_frame(rows, "de"), "de", "Wachstum"))
    labels = {row["id"]: row["figure"] for row in values}
    assert labels["ic_output_growth_2025"] == "mehr als 10\xa0%"  # a bound carries no plus
    assert labels["nev_output_growth_2025"] == "+140\xa0%"


def test_part_of_whole_shows_the_core_the_rest_of_the_digital_economy_and_the_rest(indicators_df):
    # Written out from data/indicators.csv: core 29.3 % of GDP, the whole digital economy 46.4 %.
    parts = derived.share_parts(indicators_df, "en")
    values = chart_values(charts.part_of_whole_chart(parts, "en", "GDP"))
    ordered = sorted(values, key=lambda r: r["order"])
    assert [row["value"] for row in ordered] == pytest.approx([29.3, 17.1, 53.6])
    assert [row["derived"] for row in ordered] == [False, True, True]


def test_charts_carry_the_locale_of_the_reader(indicators_df):
    frame = figure_frame(series_rows(indicators_df, "base_stations_5g"), "de")
    spec = charts.trend_chart(frame, "de", "5G", "Basisstationen").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["time"]["shortMonths"][2].startswith("Mär")


def test_long_titles_wrap_instead_of_being_cut():
    assert charts.wrap_words("Digital economy value added: growth on the year before", 30) == [
        "Digital economy value added:",
        "growth on the year before",
    ]


def test_text_alternative_lists_every_drawn_figure(indicators_df):
    frame = figure_frame(series_rows(indicators_df, "large_models"), "en")
    text = charts.describe(frame, "en", "Large models")
    for figure in frame["figure"]:
        assert figure in text


def test_of_two_close_figures_the_larger_is_labelled_above_and_the_smaller_below(indicators_df):
    # 45,700 (August 2021) and 47,000 (September 2021) sit almost on one spot: the smaller was
    # labelled above the larger, as if it were the larger.
    frame = figure_frame(series_rows(indicators_df, "base_stations_5g"), "en")
    values = chart_values(charts.trend_chart(frame, "en", "5G base stations", "Base stations"))
    sides = {row["id"]: row["label_position"] for row in values}
    assert sides["ctx_base_stations_5g_202108"] == "below"
    assert sides["ctx_base_stations_5g_202109"] == "above"
    assert sides["ctx_base_stations_5g_202304"] == "below"
    assert sides["ctx_base_stations_5g_202305"] == "above"


def test_a_line_to_a_figure_that_is_not_exact_is_dashed_and_the_note_says_why(indicators_df):
    # "more than 2.2 trillion" (2024) and "more than 2.4 trillion" (2025) share a basis: the line
    # between them has a slope neither source states. The exact 2021–2023 figures stand alone.
    frame = figure_frame(series_rows(indicators_df, "de_value_added"), "en")
    chart = charts.trend_chart(frame, "en", "Digital economy value added", "Trillion yuan")
    runs = {row["year"]: (row["solid_run"], row["dashed_run"]) for row in chart_values(chart)}
    assert runs[2024][1] is not None and runs[2024][1] == runs[2025][1]
    assert runs[2021] == (None, None)
    spec = chart.to_dict()
    assert "A dashed line joins figures of which at least one is not exact: its slope is not a measured change." in " ".join(spec["title"]["subtitle"])


def test_only_the_pieces_of_line_touching_an_approximate_figure_are_dashed(indicators_df):
    # 5G base stations: 106,000 (November 2023), about 114,500 (April 2024), 122,000 (June 2024)
    # on one basis. The two pieces touching "about 114,500" are dashed, the exact ones before solid.
    frame = figure_frame(series_rows(indicators_df, "base_stations_5g"), "en")
    values = {row["id"]: row for row in chart_values(charts.trend_chart(frame, "en", "5G base stations", "Base stations"))}
    about, before, after = values["ctx_base_stations_5g_202404"], values["ctx_base_stations_5g_202311"], values["ctx_base_stations_5g_202406"]
    assert about["solid_run"] is None
    assert before["dashed_run"] == about["dashed_run"] == after["dashed_run"] is not None
    assert before["solid_run"] is not None  # the exact line up to November 2023 stays solid
    assert after["solid_run"] is None
