"""The view in the link: parsing is forgiving but never trusts, and filtering keeps city-wide figures."""

from __future__ import annotations

import pandas as pd

from lib.filters import MAX_VALUE_CHARS, Ignored, View, filter_indicators, filter_initiatives, parse_view, view_to_params


def test_a_link_round_trips_to_the_same_view():
    view = View(lang="de", districts=("110105", "110108"), sectors=("data_economy",))
    parsed, ignored = parse_view(view_to_params(view))
    assert parsed == view and ignored == []


def test_district_slugs_are_case_insensitive_and_deduplicated():
    view, ignored = parse_view({"district": ["Haidian", "haidian", " CHAOYANG "]})
    assert view.districts == ("110105", "110108") and ignored == []


def test_unknown_values_are_ignored_and_reported():
    view, ignored = parse_view({"district": ["haidian", "atlantis"], "sector": ["x"], "lang": ["fr"]})
    assert view == View(lang="en", districts=("110108",))
    assert set(ignored) == {Ignored("district", "atlantis"), Ignored("sector", "x"), Ignored("lang", "fr")}


def test_hostile_links_are_bounded():
    view, ignored = parse_view({"district": ["x" * 10_000] + ["haidian"] * 10_000})
    assert view.districts == ("110108",)
    assert len(ignored) == 1 and len(ignored[0].value) == MAX_VALUE_CHARS


def test_default_language_applies_only_without_lang_param():
    assert parse_view({}, default_lang="zh")[0].lang == "zh"
    assert parse_view({"lang": "de"}, default_lang="zh")[0].lang == "de"


def test_empty_filters_are_left_out_of_the_link():
    assert view_to_params(View(lang="en")) == {"lang": ["en"]}


FIGURES = pd.DataFrame(
    {
        "id": ["city", "haidian_only", "gdp"],
        "sector": ["connectivity", "artificial_intelligence", "macro_context"],
        "district_code": ["", "110108", ""],
    }
)


def test_district_filter_keeps_city_wide_figures():
    kept = filter_indicators(FIGURES, View(districts=("110105",)))
    assert kept["id"].tolist() == ["city", "gdp"]


def test_sector_filter_narrows_figures_but_keeps_economy_wide_context():
    kept = filter_indicators(FIGURES, View(sectors=("artificial_intelligence",)))
    assert kept["id"].tolist() == ["haidian_only", "gdp"]


def test_initiatives_are_narrowed_by_district_and_sector():
    initiatives = pd.DataFrame({"id": ["a", "b", "c"], "district_code": ["110108", "110108", ""], "sector": ["x", "y", "x"]})
    assert filter_initiatives(initiatives, View(districts=("110108",))).id.tolist() == ["a", "b"]
    assert filter_initiatives(initiatives, View(districts=("110108",), sectors=("x",))).id.tolist() == ["a"]
    assert filter_initiatives(initiatives, View()).id.tolist() == ["a", "b", "c"]
