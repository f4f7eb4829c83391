"""Derived figures: computed from the data with their formula, bounds carried through honestly."""

from __future__ import annotations

import pytest

from lib import derived



def value_of(indicators_df, series, source_type="report"):
    rows = indicators_df[(indicators_df["series"] == series) & (indicators_df["source_type"] == source_type)]
    return rows.iloc[-1]


def test_implied_gdp_is_value_added_over_share_and_a_lower_bound(indicators_df):
    item = derived.implied_gdp(indicators_df, "en")
    expected = value_of(indicators_df, "de_value_added")["value"] / (value_of(indicators_df, "de_share_gdp")["value"] / 100)
    assert item.value == pytest.approx(expected)
    assert item.qualifier == "more_than"  # the value added is "more than"
    assert item.compare["source_type"] == "context"
    assert "÷" in item.formula


def test_implied_value_added_agrees_with_the_report_within_one_percent(indicators_df):
    item = derived.implied_value_added(indicators_df, "en")
    assert item.value == pytest.approx(item.compare["value"], rel=0.01)


def test_implied_residents_match_the_population_count_within_one_percent(indicators_df):
    item = derived.implied_residents(indicators_df, "en")
    assert item.value == pytest.approx(item.compare["value"], rel=0.01)


def test_nearly_30_percent_makes_the_national_total_a_lower_bound(indicators_df):
    item = derived.implied_national_models(indicators_df, "en")
    assert item.qualifier == "more_than"


def test_share_parts_are_the_report_share_and_two_derived_remainders(indicators_df):
    parts = derived.share_parts(indicators_df, "en")
    total = value_of(indicators_df, "de_share_gdp")["value"]
    core = value_of(indicators_df, "core_share_gdp")["value"]
    assert parts["value"].tolist() == pytest.approx([core, total - core, 100 - total])
    assert parts["derived"].tolist() == [False, True, True]
    assert all("Derived" in note for note in parts["note"][1:])


def test_checks_are_skipped_when_an_input_is_missing(indicators_df):
    without_share = indicators_df[indicators_df["series"] != "de_share_gdp"]
    assert derived.implied_gdp(without_share, "en") is None
    assert derived.checks_frame([None], "en").empty


@pytest.mark.parametrize(
    "lang, result",
    [("en", "about 21.9 million people"), ("de", "etwa 21,9\u00a0Mio.\u00a0Einwohner"), ("zh", "约2190万人")],
)
def test_a_derived_figure_is_no_more_precise_than_its_inputs(indicators_df, lang, result):
    # 153,400 stations ÷ 70 per 10,000: the density is a whole number, so three digits, not "2,191.429万".
    table = derived.checks_frame([derived.implied_residents(indicators_df, lang)], lang)
    assert table.iloc[0, 1] == result


@pytest.mark.parametrize(
    "lang, result",
    [("en", "more than 696 large models"), ("de", "mehr als 696 KI-Großmodelle"), ("zh", "超过696个大模型")],
)
def test_a_lower_bound_is_rounded_down_so_it_stays_true(indicators_df, lang, result):
    # 209 models are nearly 30% of China's, so China has more than 209 / 0.30 = 696.7 models: at
    # least 697, and "more than 697" would claim one more than the report supports.
    table = derived.checks_frame([derived.implied_national_models(indicators_df, lang)], lang)
    assert table.iloc[0, 1] == result


@pytest.mark.parametrize(
    "lang, gdp_difference, value_added_difference, residents_difference",
    [
        ("en", "less than 0.7% below it, or above it", "less than 0.7% above it, or below it", "0.4% above it"),
        ("de", "weniger als 0,7\u00a0% darunter – oder darüber", "weniger als 0,7\u00a0% darüber – oder darunter", "0,4\u00a0% darüber"),
        ("zh", "低于对照值不到0.7%，也可能高于对照值", "高于对照值不到0.7%，也可能低于对照值", "高于对照值0.4%"),
    ],
)
def test_a_difference_from_a_bound_is_itself_a_bound(indicators_df, lang, gdp_difference, value_added_difference, residents_difference):
    # GDP implied by "more than 2.4 trillion" at 46.4 % is more than 5.172 trillion: against the
    # bureau's 5.207 trillion the gap is more than -0.67 %. Value added implied by 46.4 % of GDP
    # (2.416 trillion) set against "more than 2.4 trillion" is less than +0.67 % above it. The
    # residents check compares two plain figures: a plain difference.
    table = derived.checks_frame(
        [derived.implied_gdp(indicators_df, lang), derived.implied_value_added(indicators_df, lang), derived.implied_residents(indicators_df, lang)], lang
    )
    assert table.iloc[:, 4].tolist() == [gdp_difference, value_added_difference, residents_difference]


@pytest.mark.parametrize(
    "ours, theirs, side",
    [
        ("more_than", "exact", 1),  # ours is larger still: so is the gap
        ("exact", "more_than", -1),  # theirs is larger still: the gap is smaller
        ("nearly", "exact", -1),
        ("exact", "nearly", 1),
        ("more_than", "nearly", 1),  # both push the gap up
        ("more_than", "more_than", None),  # one pushes up, one down: no bound can be stated
        ("about", "exact", 0),
    ],
)
def test_the_side_a_difference_bound_lies_on(ours, theirs, side):
    from lib.status import difference_side

    assert difference_side(ours, theirs) == side


@pytest.mark.parametrize(
    "percent, side, text",
    [
        (1.23, 1, "more than 1.2% above it"),  # larger still: rounded down, the gap only widens
        (-1.27, -1, "more than 1.2% below it"),  # more than 1.27 below: "more than 1.3" would claim too much
        (-1.27, 0, "1.3% below it"),
        (0.01, 0, "none, to one decimal"),
    ],
)
def test_a_difference_says_which_side_in_words(percent, side, text):
    assert derived._difference_text(percent, side, "en") == text


@pytest.mark.parametrize(
    "lang, compared",
    [
        ("en", "more than 2.4 trillion yuan (Digital economy value added; this report)"),
        ("de", "mehr als 2,4 Billionen Yuan (Wertschöpfung der digitalen Wirtschaft; laut diesem Bericht)"),
    ],
)
def test_a_report_figure_compared_with_is_named_mid_sentence(indicators_df, lang, compared):
    table = derived.checks_frame([derived.implied_value_added(indicators_df, lang)], lang)
    assert table.iloc[0, 3] == compared
