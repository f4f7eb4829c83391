"""The view in the link: parsing is forgiving but never trusts, and filtering keeps city-wide figures."""

from __future__ import annotations

import pandas as pd

from lib import vocab
from lib.filters import MAX_VALUE_CHARS, Ignored, View, filter_indicators, filter_initiatives, parse_view, section_groups, view_to_params


def test_a_link_round_trips_to_the_same_view():
    view = View(lang="de", districts=("110105", "110108"), sectors=("data_finance",))
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


def test_a_link_names_a_sector_group():
    view, ignored = parse_view({"sector": ["ai_robotics", "networks_computing"]})
    assert view.sectors == ("ai_robotics", "networks_computing") and ignored == []


def test_an_old_link_naming_a_fine_sector_means_its_group():
    view, ignored = parse_view({"sector": ["data_economy", "embodied_intelligence"]})
    assert view.sectors == ("ai_robotics", "data_finance") and ignored == []


def test_every_district_in_the_link_is_no_district_filter():
    slugs = list(vocab.DISTRICT_SLUGS.values())
    assert parse_view({"district": slugs})[0].districts == ()
    assert parse_view({"district": slugs[:-1]})[0].districts == tuple(vocab.DISTRICT_SLUGS)[:-1]
    assert "district" not in view_to_params(parse_view({"district": slugs})[0])


def test_every_fine_sector_but_economy_wide_context_has_one_group():
    assert set(vocab.SECTOR_GROUP_OF) == set(vocab.SECTORS) - {"macro_context"}
    assert 4 <= len(vocab.SECTOR_GROUPS) <= 8


def test_a_page_offers_only_the_groups_of_its_figures_and_initiatives(indicators_df, initiatives_df):
    # Written from the data files by hand: AI has models and robots, the data pages data and e-CNY
    # and the Shunyi pilot for manufacturing SMEs.
    assert section_groups(indicators_df, initiatives_df, "ai") == ("ai_robotics",)
    assert section_groups(indicators_df, initiatives_df, "public_services") == ("health_government",)
    assert section_groups(indicators_df, initiatives_df, "infrastructure") == ("manufacturing_vehicles", "networks_computing")
    assert section_groups(indicators_df, initiatives_df, "data_factor") == ("manufacturing_vehicles", "data_finance")
    assert len(section_groups(indicators_df, initiatives_df, None)) == len(vocab.SECTOR_GROUPS)


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
    kept = filter_indicators(FIGURES, View(sectors=("ai_robotics",)))
    assert kept["id"].tolist() == ["haidian_only", "gdp"]


def test_initiatives_are_narrowed_by_district_and_sector():
    initiatives = pd.DataFrame(
        {"id": ["a", "b", "c"], "district_code": ["110108", "110108", ""], "sector": ["computing", "digital_health", "connectivity"]}
    )
    assert filter_initiatives(initiatives, View(districts=("110108",))).id.tolist() == ["a", "b"]
    assert filter_initiatives(initiatives, View(districts=("110108",), sectors=("networks_computing",))).id.tolist() == ["a"]
    assert filter_initiatives(initiatives, View(sectors=("networks_computing",))).id.tolist() == ["a", "c"]
    assert filter_initiatives(initiatives, View()).id.tolist() == ["a", "b", "c"]


# --- the caps of a hostile link, tested past their limits -----------------------------------
# The numbers are written out: the link reads at most 32 values of a parameter and shows at most
# 40 characters of a value it ignores.


def test_values_after_the_32nd_of_a_parameter_are_not_read():
    view, ignored = parse_view({"district": ["atlantis"] * 32 + ["haidian"], "sector": ["x"] * 32 + ["data_economy"]})
    assert view.districts == () and view.sectors == ()
    assert len(ignored) == 64


def test_the_32nd_value_of_a_parameter_is_still_read():
    view, _ = parse_view({"district": ["atlantis"] * 31 + ["haidian"], "lang": ["xx"] * 31 + ["de"]})
    assert view.districts == ("110108",) and view.lang == "de"


def test_a_flood_of_unknown_values_is_reported_32_at_most_per_parameter():
    _, ignored = parse_view({"district": [f"d{i}" for i in range(10_000)], "lang": [f"l{i}" for i in range(500)]})
    assert [item.param for item in ignored] == ["lang"] * 32 + ["district"] * 32
    assert ignored[0] == Ignored("lang", "l0") and ignored[-1] == Ignored("district", "d31")


def test_the_language_cap_holds_too():
    view, ignored = parse_view({"lang": ["fr"] * 40 + ["zh"]}, default_lang="de")
    assert view.lang == "de" and len(ignored) == 32


def test_an_ignored_value_of_40_characters_is_shown_whole_and_one_of_41_is_shortened():
    whole, long = "a" * 40, "b" * 41
    _, ignored = parse_view({"district": [whole, long]})
    assert ignored == [Ignored("district", whole), Ignored("district", "b" * 39 + "…")]


def test_a_single_value_link_is_read_like_a_list_of_one():
    # A fine sector from an old link is read as its group (data economy: "data and digital money").
    view, ignored = parse_view({"district": "Haidian", "sector": "data_economy", "lang": "ZH"})
    assert view == View(lang="zh", districts=("110108",), sectors=("data_finance",)) and ignored == []


def test_blank_values_are_skipped_silently_but_blank_language_is_reported():
    view, ignored = parse_view({"district": ["", "  "], "sector": [""], "lang": [""]})
    assert view == View() and ignored == [Ignored("lang", "")]


def test_districts_and_sectors_are_put_in_the_vocabulary_order():
    view, _ = parse_view({"district": ["haidian", "dongcheng", "110105"], "sector": ["data_finance", "ai_robotics"]})
    assert view.districts == ("110101", "110105", "110108")
    assert view.sectors == ("ai_robotics", "data_finance")


def test_the_economy_wide_context_sector_is_not_a_filter():
    view, ignored = parse_view({"sector": ["macro_context"]})
    assert view.sectors == () and ignored == [Ignored("sector", "macro_context")]


def test_a_view_with_districts_and_sectors_goes_into_the_link_by_slug():
    params = view_to_params(View(lang="zh", districts=("110101", "110108"), sectors=("data_economy",)))
    assert params == {"lang": ["zh"], "district": ["dongcheng", "haidian"], "sector": ["data_economy"]}


def test_a_view_is_filtered_only_with_a_district_or_a_sector():
    assert not View(lang="de").is_filtered
    assert View(districts=("110108",)).is_filtered and View(sectors=("data_economy",)).is_filtered


def test_a_blank_value_does_not_hide_the_values_after_it():
    view, _ = parse_view({"district": ["", "haidian"], "sector": [" ", "data_finance"]})
    assert view.districts == ("110108",) and view.sectors == ("data_finance",)


def test_district_and_sector_filters_narrow_figures_together():
    kept = filter_indicators(FIGURES, View(districts=("110105",), sectors=("artificial_intelligence",)))
    assert kept["id"].tolist() == ["gdp"]
