"""Figures written the way each language writes them, qualifier included."""

from __future__ import annotations

import pytest

from lib.formatting import (
    MINUS,
    chart_label,
    citation_line,
    citation_text,
    format_change,
    format_date_text,
    format_figure,
    format_percent_value,
    format_period,
    publisher_name,
    round_significant,
)
from lib.i18n import catalogue

VALUE_ADDED = {"value": 2.4, "unit": "trillion_yuan", "measure": "level", "qualifier": "more_than"}


@pytest.mark.parametrize(
    "lang, text",
    [("en", "more than 2.4 trillion yuan"), ("de", "mehr als 2,4 Billionen Yuan"), ("zh", "超过2.4万亿元")],
)
def test_value_added_reads_naturally_in_each_language(lang, text):
    assert format_figure(VALUE_ADDED, lang) == text


@pytest.mark.parametrize("lang, text", [("en", "153,400"), ("de", "153.400")])
def test_counts_use_the_locale_grouping(lang, text):
    row = {"value": 153400, "unit": "base_stations", "measure": "count", "qualifier": "exact"}
    assert text in format_figure(row, lang)


@pytest.mark.parametrize("lang, text", [("en", "46.4%"), ("de", "46,4\xa0%"), ("zh", "46.4%")])
def test_shares_are_locale_percentages_without_float_noise(lang, text):
    row = {"value": 46.4, "unit": "percent", "measure": "share", "qualifier": "exact"}
    assert format_figure(row, lang) == text


def test_growth_carries_its_sign_and_may_exceed_100():
    row = {"value": 140, "unit": "percent", "measure": "growth_yoy", "qualifier": "exact"}
    assert format_figure(row, "en") == "+140%"


@pytest.mark.parametrize("lang, text", [("en", "nearly 30%"), ("de", "fast 30\xa0%"), ("zh", "近30%")])
def test_nearly_is_translated_with_the_figure(lang, text):
    row = {"value": 30, "unit": "percent", "measure": "share", "qualifier": "nearly"}
    assert format_figure(row, lang) == text


def test_chinese_counts_large_distances_in_wan():
    row = {"value": 48, "unit": "million_km", "measure": "level", "qualifier": "more_than"}
    assert format_figure(row, "zh") == "超过4800万公里"
    assert format_figure(row, "en") == "more than 48 million km"


def test_hundred_million_yuan_reads_as_trillions_in_english_and_as_yi_in_chinese():
    row = {"value": 16251.9, "unit": "hundred_million_yuan", "measure": "level", "qualifier": "exact"}
    assert format_figure(row, "en") == "1.625 trillion yuan"
    assert format_figure(row, "zh") == "16,251.9亿元"


@pytest.mark.parametrize(
    "period, period_type, lang, text",
    [
        ("2025", "year", "en", "2025"),
        ("2025", "end_of", "de", "Ende 2025"),
        ("2026-01-08", "as_of", "en", "as of 8 January 2026"),
        ("2024-04", "as_of", "zh", "截至2024年4月"),
    ],
)
def test_periods_follow_the_locale(period, period_type, lang, text):
    assert format_period(period, period_type, lang) == text


def test_change_from_a_start_value_names_it():
    row = {"value": 70, "unit": "percent", "measure": "rate", "qualifier": "exact", "base_value": 40.0, "base_period": "2021"}
    assert format_change(row, None, "en") == "from 40% in 2021"


def test_change_as_growth_uses_the_growth_figure():
    growth = {"value": 8.7, "unit": "percent", "measure": "growth_yoy", "qualifier": "exact"}
    assert format_change(VALUE_ADDED | {"base_period": "", "base_value": float("nan")}, growth, "en") == "up 8.7% on the year before"


def test_no_change_without_growth_or_start_value():
    assert format_change(VALUE_ADDED | {"base_period": "", "base_value": float("nan")}, None, "en") is None


def test_citation_line_names_figure_period_and_source():
    row = {**VALUE_ADDED, "label_en": "Digital economy value added", "period": "2025", "period_type": "year", "source_type": "report"}
    assert citation_line(row, "en") == "Digital economy value added: more than 2.4 trillion yuan (2025). Source: Beijing Daily, 27 January 2026 (German edition)"


# Expected strings below are typed by hand from what an editor of each language writes; U+2212
# is spelled out so that a hyphen-minus cannot pass for it.


@pytest.mark.parametrize("lang, text", [("en", "\u22120.7%"), ("de", "\u22120,7\xa0%"), ("zh", "\u22120.7%")])
def test_a_fall_is_written_with_a_minus_sign_not_a_hyphen(lang, text):
    row = {"value": -0.7, "unit": "percent", "measure": "growth_yoy", "qualifier": "exact"}
    assert format_figure(row, lang) == text


@pytest.mark.parametrize("lang, text", [("en", "+0.7%"), ("de", "+0,7\xa0%"), ("zh", "+0.7%")])
def test_a_rise_is_written_with_a_plus(lang, text):
    assert format_percent_value(0.7, lang, signed=True) == text


@pytest.mark.parametrize("lang, text", [("en", "more than 10%"), ("de", "mehr als 10\xa0%"), ("zh", "超过10%")])
def test_a_bound_on_a_growth_rate_carries_no_plus(lang, text):
    row = {"value": 10, "unit": "percent", "measure": "growth_yoy", "qualifier": "more_than"}
    assert format_figure(row, lang) == text


@pytest.mark.parametrize(
    "value, unit, qualifier, text",
    [
        (153400, "base_stations", "exact", "15.34万个基站"),
        (699000, "vehicles", "exact", "69.9万辆"),
        (90000, "base_stations", "about", "约9万个基站"),
        (60000, "petaflops", "more_than", "超过6万 PFLOPS"),
        (9999, "vehicles", "exact", "9,999辆"),
        (21.832, "million_people", "exact", "2183.2万人"),
    ],
)
def test_chinese_writes_large_counts_in_wan(value, unit, qualifier, text):
    row = {"value": value, "unit": unit, "measure": "count", "qualifier": qualifier}
    assert format_figure(row, "zh") == text


@pytest.mark.parametrize("lang, text", [("en", "153,400 base stations"), ("de", "153.400 Basisstationen")])
def test_english_and_german_write_large_counts_in_full(lang, text):
    row = {"value": 153400, "unit": "base_stations", "measure": "count", "qualifier": "exact"}
    assert format_figure(row, lang) == text


@pytest.mark.parametrize("lang, text", [("en", "Jan 2025"), ("de", "Jan. 2025"), ("zh", "2025年1月")])
def test_a_month_reads_as_the_language_writes_it_year_first_in_chinese(lang, text):
    assert format_date_text("2025-01", lang) == text


@pytest.mark.parametrize("lang, text", [("en", "about 90,000"), ("de", "etwa 90.000"), ("zh", "约9万")])
def test_chart_labels_use_the_same_number_forms_as_the_text(lang, text):
    row = {"value": 90000, "unit": "base_stations", "measure": "count", "qualifier": "about"}
    assert chart_label(row, 90000, "base_stations", lang) == text


POPULATION = {
    "source_type": "context", "label_en": "Resident population", "value": 21.832, "unit": "million_people", "measure": "level",
    "qualifier": "exact", "period": "2024", "period_type": "end_of", "publisher": "Beijing Municipal Bureau of Statistics",
    "published": "2025-03-20", "url": "https://m.bsbk.net/news/D8OeGgbj6R.html",
    "citation": "Beijing 2024 statistical bulletin, published 20 Mar 2025 (repost on m.bsbk.net)",
    "label_de": "Ständige Wohnbevölkerung", "label_zh": "常住人口",
}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Beijing 2024 statistical bulletin, published 20 Mar 2025 (repost on m.bsbk.net)"),
        ("de", "Statistikamt Beijing, 20. März 2025 (m.bsbk.net)"),
        ("zh", "北京市统计局，2025年3月20日（m.bsbk.net）"),
    ],
)
def test_a_context_citation_is_framed_in_the_readers_language(lang, text):
    assert citation_text(POPULATION, lang) == text


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", "Ständige Wohnbevölkerung: 21,832\u00a0Mio.\u00a0Einwohner (Ende 2024). Quelle: Statistikamt Beijing, 20. März 2025 (m.bsbk.net)"),
        ("zh", "常住人口：2183.2万人（2024年底）。来源：北京市统计局，2025年3月20日（m.bsbk.net）"),
    ],
)
def test_the_copy_ready_line_has_no_english_frame_in_german_or_chinese(lang, text):
    assert citation_line(POPULATION, lang) == text


@pytest.mark.parametrize(
    "lang, text",
    [("en", "Beijing Daily, 27 January 2026 (German edition)"), ("de", "Beijing Daily, 27. Januar 2026 (deutsche Ausgabe)"), ("zh", "《北京日报》，2026年1月27日（德文版）")],
)
def test_the_reports_citation_is_in_the_readers_language(lang, text):
    assert citation_text({"source_type": "report"}, lang) == text


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_every_publisher_in_the_data_has_a_name_in_german_and_chinese(indicators_df, lang):
    # A new publisher without a name would put English into a German or Chinese citation.
    publishers = set(indicators_df.loc[indicators_df["publisher"] != "", "publisher"])
    assert {p for p in publishers if f"publisher.{p}" not in catalogue(lang)} == set()
    assert publisher_name("Beijing Municipal Bureau of Statistics", "zh") == "北京市统计局"


NUMBER_AFTER_HYPHEN = __import__("re").compile(r"(?:^|[\s(（:：=≈~])-\d")


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_no_figure_of_the_data_is_written_with_a_hyphen_before_a_number(indicators_df, lang):
    negatives = indicators_df.assign(value=-indicators_df["value"].abs())  # every figure as a fall too
    for frame in (indicators_df, negatives):
        for row in frame.to_dict("records"):
            text = format_figure(row, lang)
            assert not NUMBER_AFTER_HYPHEN.search(text), text
    assert MINUS == "\u2212"

def test_a_percentage_has_no_sign_unless_asked_and_keeps_three_decimals():
    from lib.formatting import format_percent_value

    assert format_percent_value(46.4, "en") == "46.4%"
    assert format_percent_value(12.34567, "en") == "12.346%"
    assert format_percent_value(0.5, "en", signed=True) == "+0.5%"
    assert format_percent_value(0, "en", signed=True) == "0%"
    assert format_percent_value(-2.5, "en", signed=True) == "\u22122.5%"  # a minus sign (U+2212), not a hyphen


def test_the_start_value_of_a_change_is_exact_whatever_the_figure_says():
    row = {"value": 70, "unit": "percent", "measure": "rate", "qualifier": "more_than", "base_value": 40.0, "base_period": "2021"}
    assert format_change(row, None, "en") == "from 40% in 2021"


def test_no_change_from_a_start_value_without_its_period():
    row = {"value": 70, "unit": "percent", "measure": "rate", "qualifier": "exact", "base_value": 40.0, "base_period": ""}
    assert format_change(row, None, "en") is None


def test_citation_line_of_a_context_figure_names_its_own_source():
    row = {"value": 49843.1, "unit": "hundred_million_yuan", "measure": "level", "qualifier": "exact", "label_en": "GDP",
           "period": "2024", "period_type": "year", "source_type": "context", "citation": "Statistical Communiqué 2024"}
    assert citation_line(row, "en") == "GDP: 4.984 trillion yuan (2024). Source: Statistical Communiqué 2024"


def test_citation_line_uses_the_readers_label_and_falls_back_to_english():
    row = {**VALUE_ADDED, "label_en": "Value added", "label_de": "Wertschöpfung", "period": "2025", "period_type": "year", "source_type": "report"}
    assert citation_line(row, "de").startswith("Wertschöpfung: mehr als 2,4 Billionen Yuan (2025). ")
    assert citation_line(row, "zh").startswith("Value added：超过2.4万亿元")
    unlabelled = {key: value for key, value in row.items() if not key.startswith("label_")}
    assert citation_line(unlabelled, "en").startswith(": more than 2.4 trillion yuan")


@pytest.mark.parametrize(
    "period, lang, text",
    [("2025", "zh", "2025年"), ("2026-01-08", "de", "8. Januar 2026"), ("2026-01-08", "zh", "2026年1月8日"), ("2024-04", "de", "Apr. 2024")],
)
def test_dates_are_written_in_the_readers_locale(period, lang, text):
    from lib.formatting import format_date_text

    assert format_date_text(period, lang) == text


@pytest.mark.parametrize(
    "value, toward, rounded",
    [
        (696.667, "nearest", 697),
        (696.667, "down", 696),  # "more than 696.667" is "more than 696", never "more than 697"
        (5.1761, "down", 5.17),
        (5.1711, "up", 5.18),  # "nearly 5.1711" is "nearly 5.18"
        (2.4 / 0.4, "down", 6),  # 5.999999999999999 in floating point: still six
        (0.3 * 3, "up", 0.9),  # 0.8999999999999999: still 0.9, not 0.901
        (1234567, "down", 1230000),
    ],
)
def test_a_bound_is_rounded_the_way_it_stays_true(value, toward, rounded):
    assert round_significant(value, 3, toward) == rounded


@pytest.mark.parametrize(
    "lang, name",
    [
        ("de", "Globale Benchmark-Stadt für die digitale Wirtschaft"),  # the report: "... globale Benchmark-Stadt ..."
        ("en", "Global digital economy benchmark city"),
        ("zh", "全球数字经济标杆城市"),
    ],
)
def test_an_initiative_name_standing_alone_starts_with_a_capital(lang, name):
    from lib.formatting import initiative_name

    row = {"name_report": "globale Benchmark-Stadt für die digitale Wirtschaft", "name_en": "Global digital economy benchmark city",
           "name_zh": "全球数字经济标杆城市"}
    assert initiative_name(row, lang) == name


@pytest.mark.parametrize(
    "row, text",
    [
        ({"value": 48, "unit": "million_km", "measure": "level", "qualifier": "more_than"}, "mehr als 48\u00a0Mio.\u00a0km"),
        ({"value": 21.9, "unit": "million_people", "measure": "level", "qualifier": "about"}, "etwa 21,9\u00a0Mio.\u00a0Einwohner"),
    ],
)
def test_german_keeps_a_number_its_abbreviation_and_its_unit_on_one_line(row, text):
    # A card on a phone broke "48 Mio. | km": German sets a no-break space there (DIN 5008).
    assert format_figure(row, "de") == text


@pytest.mark.parametrize(
    "value, lang, text",
    [
        (8.7, "zh", "同比增长8.7%"),
        (-3.2, "zh", "同比下降3.2%"),
        (-3.2, "en", "down 3.2% on the year before"),
        (8.7, "de", "Plus von 8,7\u00a0% gegenüber dem Vorjahr"),
    ],
)
def test_a_cards_change_on_the_year_is_said_as_each_language_says_it(value, lang, text):
    growth = {"value": value, "unit": "percent", "measure": "growth_yoy", "qualifier": "exact"}
    assert format_change({"base_period": ""}, growth, lang) == text
