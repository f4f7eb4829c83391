"""Filters that show a reader something: a district changes what each section page says first,
"select all" is no filter, each page offers only its own sector groups, and no filter leaves a page
silent or showing figures derived from figures it hides."""

from __future__ import annotations

import pytest

from lib import vocab
from lib.i18n import t
from lib.safe_text import md_escape

from support import charts_of_every_tab, kpi_figures, read_shipped
from test_pages import open_page, texts

SECTION_PAGES = ["overview", "ai", "manufacturing", "public_services", "infrastructure", "data_factor"]


def lens_heading(at) -> str | None:
    """The first subheading of the page when it is the district lens's, else None."""
    first = at.main.get("subheader")[0].value if at.main.get("subheader") else None
    return first if first and first.startswith(("What the report says about", "Was der Bericht", "报道在本部分")) else None


@pytest.mark.parametrize("page_key", SECTION_PAGES)
def test_a_district_changes_what_each_section_page_says_first(page_key):
    plain = open_page(page_key)
    assert lens_heading(plain) is None
    chosen = open_page(page_key, {"district": "haidian"})
    assert lens_heading(chosen) == "What the report says about Haidian here"
    # The lead links to the map with the same view.
    links = {el.proto.label: el.proto for el in chosen.main.get("page_link")}
    to_map = links["See Haidian on the district map"]
    assert (to_map.page, to_map.query_string) == ("District_map", "lang=en&district=haidian")


def test_the_lens_quotes_the_report_sentence_that_names_the_district_with_its_translation():
    at = open_page("ai", {"district": "haidian", "lang": "zh"})
    german = "So veröffentlichte der Beijinger Bezirk Haidian das weltweit erste Open-Source-Software-Framework"
    lens = [el.value for el in at.main.get("markdown") if "Haidian" in el.value and el.value.startswith("**")]
    assert len(lens) == 1 and md_escape(german) in lens[0]
    assert "海淀区" in lens[0]  # the Chinese translation under it
    # Shown once: the initiatives list lower down leaves it to the lens.
    assert t("initiative.heading", "zh") not in [el.value for el in at.subheader]


def test_the_lens_says_once_that_the_figures_are_city_wide():
    at = open_page("manufacturing", {"district": "changping"})
    shown = texts(at)
    assert shown.count(md_escape(t("lens.city_wide_figures", "en"))) == 1
    assert "Xiaomi Smart Factory" in shown
    # The two captions it replaces are gone.
    assert "Your filters show" not in shown


def test_a_district_the_report_never_names_says_so_and_keeps_the_figures():
    at = open_page("infrastructure", {"district": "pinggu"})
    shown = texts(at)
    assert md_escape("The report does not name Pinggu anywhere") in shown
    assert md_escape("153,400 base stations") in kpi_figures(at)


def test_the_lens_points_to_the_sections_where_the_report_names_the_district():
    at = open_page("manufacturing", {"district": "haidian"})
    links = {link.proto.label: link.proto for link in at.main.get("page_link")}
    assert links["Artificial intelligence (1)"].page == "Artificial_intelligence"
    assert links["Artificial intelligence (1)"].query_string == "lang=en&district=haidian"


def test_select_all_districts_is_no_district_filter():
    at = open_page("map", {"district": "haidian"})
    at.multiselect(key="district_filter").set_value(list(vocab.DISTRICT_SLUGS)).run()
    assert "district" not in at.query_params
    assert at.multiselect(key="district_filter").value == []
    names = [el.value for el in at.markdown if el.value.startswith("**")]
    assert len(names) == len(read_shipped("initiatives.csv"))  # the city-wide ones too


def test_select_all_of_a_pages_sector_groups_is_no_sector_filter():
    at = open_page("infrastructure")
    at.multiselect(key="sector_filter").set_value(["manufacturing_vehicles", "networks_computing"]).run()
    assert "sector" not in at.query_params


# Written by hand from the data files: which kinds of things each page holds.
PAGE_GROUPS = {
    "overview": ["Digital economy overall", "Manufacturing and vehicles"],
    "ai": ["AI and robotics"],
    "manufacturing": ["Manufacturing and vehicles"],
    "public_services": ["Health and government services"],
    "infrastructure": ["Manufacturing and vehicles", "Networks and computing"],
    "data_factor": ["Manufacturing and vehicles", "Data and digital money"],
}


@pytest.mark.parametrize("page_key, groups", PAGE_GROUPS.items())
def test_each_pages_sector_list_holds_only_its_own_groups(page_key, groups):
    at = open_page(page_key)
    box = at.multiselect(key="sector_filter")
    assert list(box.options) == groups


def derived_table(at) -> str | None:
    """The derived figures' cards as one text, or None when the page shows none."""
    cards = [el.value for el in at.markdown if t("derived.col_formula", "en") in el.value]
    return "\n".join(cards) if cards else None


@pytest.mark.parametrize("group", [None, *vocab.SECTOR_GROUPS])
@pytest.mark.parametrize("page_key", SECTION_PAGES)
def test_no_sector_filter_leaves_a_silent_page_or_an_orphaned_derived_figure(page_key, group):
    query = {"district": "daxing"} | ({"sector": group} if group else {})
    at = open_page(page_key, query)
    assert not at.exception
    kpis = kpi_figures(at)
    initiatives = [el for el in at.main.get("markdown") if el.value.startswith("**") and t("derived.col_formula", "en") not in el.value]
    charts = charts_of_every_tab(at)
    assert kpis or initiatives or charts or at.info, f"{page_key} with {group}: nothing shown and nothing said"
    if not (kpis or initiatives):
        assert at.info, f"{page_key} with {group}: no figure, no initiative, and no word on what to do"
    table = derived_table(at)
    if table is not None:
        assert kpis, f"{page_key} with {group}: derived figures shown without the figures they come from"


def test_a_derived_figure_goes_with_its_inputs():
    assert derived_table(open_page("overview")) is not None
    assert derived_table(open_page("overview", {"sector": "manufacturing_vehicles"})) is None
    assert derived_table(open_page("ai", {"sector": "ai_robotics"})) is not None
