"""Row models and row rules: what a good row is, and that each rule rejects what it should."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from lib.schema import IndicatorRow
from lib.validate import validate_records

REPORT_ROW = {
    "id": "de_value_added_2025",
    "source_type": "report",
    "section": "overview",
    "sector": "digital_economy",
    "district_code": "",
    "label_en": "Digital economy value added",
    "label_de": "Wertschöpfung der digitalen Wirtschaft",
    "label_zh": "数字经济增加值",
    "value": "2.4",
    "unit": "trillion_yuan",
    "measure": "level",
    "qualifier": "more_than",
    "period": "2025",
    "period_type": "year",
    "base_value": "",
    "base_period": "",
    "parent_id": "",
    "series": "de_value_added",
    "status": "current",
    "claim": "",
    "source_de": "Insgesamt überstieg die Wertschöpfung ...",
    "source_en": "Overall, value added exceeded ...",
    "source_zh": "全市数字经济增加值超过……",
    "citation": "",
}


def rule_column(row: dict, kind: str = "indicators") -> str:
    """The column of the one problem the validator finds in a file holding just this row."""
    [problem] = validate_records(kind, [row]).problems
    assert problem.line == 2
    return problem.column


def accepted(row: dict, kind: str = "indicators") -> bool:
    return validate_records(kind, [row]).ok


def test_good_report_row_validates_with_empty_cells_as_absent():
    row = IndicatorRow.model_validate(REPORT_ROW)
    assert row.value == 2.4 and row.district_code is None and row.base_value is None
    assert accepted(REPORT_ROW)


def test_a_figure_cannot_qualify_itself():
    assert rule_column({**REPORT_ROW, "parent_id": REPORT_ROW["id"]}) == "parent_id"


def test_share_of_a_whole_must_lie_between_0_and_100():
    row = {**REPORT_ROW, "measure": "share", "unit": "percent", "value": "100.1"}
    assert rule_column(row) == "value"
    assert accepted({**row, "value": "100"})


GROWTH_ROW = {**REPORT_ROW, "measure": "growth_yoy", "unit": "percent", "qualifier": "exact", "value": "8.7", "price_basis": "current"}


def test_growth_may_exceed_100_percent():
    assert accepted({**GROWTH_ROW, "value": "140"})


def test_growth_cannot_fall_below_minus_100_percent():
    assert rule_column({**GROWTH_ROW, "value": "-100"}) == "value"


def test_a_growth_rate_must_say_its_price_basis():
    # Nominal and real rates ranked as one list was the overview's worst chart.
    assert rule_column({**GROWTH_ROW, "price_basis": ""}) == "price_basis"
    assert rule_column({**GROWTH_ROW, "price_basis": "nominal"}) == "price_basis"
    for basis in ("current", "constant", "physical", "not_stated"):
        assert accepted({**GROWTH_ROW, "price_basis": basis})


def test_only_a_growth_rate_has_a_price_basis():
    assert rule_column({**REPORT_ROW, "price_basis": "current"}) == "price_basis"


def test_a_share_in_another_unit_is_rejected():
    assert rule_column({**REPORT_ROW, "measure": "share", "value": "46.4"}) == "unit"


def test_counts_are_non_negative_whole_numbers():
    row = {**REPORT_ROW, "measure": "count", "unit": "base_stations"}
    assert accepted({**row, "value": "153400"})
    assert rule_column({**row, "value": "1.5"}) == "value"
    assert rule_column({**row, "value": "-1"}) == "value"


def test_base_value_needs_its_period():
    assert rule_column({**REPORT_ROW, "base_value": "40"}) == "base_period"


@pytest.mark.parametrize("column, value", [("district_code", "110199"), ("sector", "space"), ("qualifier", "roughly"), ("period", "2025-13-40x")])
def test_closed_vocabularies_reject_unknown_codes(column, value):
    assert rule_column({**REPORT_ROW, column: value}) == column


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_values_must_be_finite(value):
    assert rule_column({**REPORT_ROW, "value": value}) == "value"


CONTEXT_SOURCE = {
    "citation": "Beijing 2023 statistical bulletin",
    "publisher": "Beijing Municipal Bureau of Statistics",
    "published": "2024-03-21",
    "url": "https://example.invalid/bulletin-2023",
    "quote": "全年实现数字经济增加值18766.7亿元",
    "quote_lang": "zh",
}


def test_context_rows_need_a_citation_report_rows_a_sentence():
    context = {**REPORT_ROW, **CONTEXT_SOURCE, "source_type": "context", "source_de": "", "source_en": "", "source_zh": ""}
    assert accepted(context)
    assert rule_column({**context, "citation": ""}) == "citation"
    assert rule_column({**REPORT_ROW, "source_zh": ""}) == "source_zh"


@pytest.mark.parametrize("column", ["publisher", "published", "url", "quote", "quote_lang"])
def test_context_rows_need_their_sources_sentence_publisher_date_and_address(column):
    context = {**REPORT_ROW, **CONTEXT_SOURCE, "source_type": "context", "source_de": "", "source_en": "", "source_zh": ""}
    assert rule_column({**context, column: ""}) == column


def test_unknown_columns_are_rejected():
    with pytest.raises(ValidationError):
        IndicatorRow.model_validate({**REPORT_ROW, "remarks": "x"})


INITIATIVE = {
    "id": "wise_kaiwu_platform",
    "section": "ai",
    "sector": "embodied_intelligence",
    "kind": "platform",
    "district_code": "110115",
    "zone": "bda",
    "name_report": "Wise Kaiwu",
    "name_en": "Hui Si Kai Wu",
    "name_zh": "慧思开物",
    "official_name": "",
    "date": "",
    "claim": "",
    "description_en": "A platform.",
    "description_de": "Eine Plattform.",
    "description_zh": "平台。",
    "source_type": "report",
    "source_de": "Die Wirtschafts- und Technologieentwicklungszone ...",
    "source_en": "The development zone ...",
    "source_zh": "经开区……",
    "references": "",
}


def test_a_zone_is_recorded_in_the_district_it_lies_in():
    assert accepted(INITIATIVE, "initiatives")
    assert accepted({**INITIATIVE, "district_code": "110112"}, "initiatives")  # E-Town reaches into Tongzhou
    assert rule_column({**INITIATIVE, "district_code": "110108"}, "initiatives") == "district_code"
    assert rule_column({**INITIATIVE, "district_code": ""}, "initiatives") == "district_code"


def test_an_official_name_needs_its_reference():
    assert rule_column({**INITIATIVE, "official_name": "X-Humanoid platform"}, "initiatives") == "references"
