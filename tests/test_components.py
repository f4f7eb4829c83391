"""lib.components: what a chart model hands to Streamlit."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from lib import components

from lib.components import ChartModel


def test_a_chart_model_sends_its_rows_as_arrow_bytes_and_keeps_them_for_exports():
    records = [{"year": "2024", "value": 2.2}, {"year": "2025", "value": 2.4}]
    shapes = [{"type": "Feature", "properties": {"name": "Miyun"}, "geometry": None}]
    spec = {"mark": "bar", "datasets": {"figures": records, "shapes": shapes}, "data": {"name": "figures"}}
    model = ChartModel(spec, "a bar chart", pd.DataFrame(), pd.DataFrame())

    sent = model.drawn_spec["datasets"]["figures"]
    assert isinstance(sent, bytes)
    assert pa.ipc.open_stream(sent).read_all().to_pylist() == records
    assert model.drawn_spec["datasets"]["shapes"] == shapes  # GeoJSON stays in the spec for Vega
    assert model.spec["datasets"]["figures"] == records  # the exports read these


@pytest.mark.parametrize(
    "lang, facts",
    [
        ("en", ["Stock market listing", "No district named", "8 January 2026"]),
        ("de", ["Börsengang", "Kein Bezirk genannt", "8. Januar 2026"]),
        ("zh", ["企业上市", "未指明所在区", "2026年1月8日"]),
    ],
)
def test_an_initiative_without_a_district_is_not_called_city_wide(initiatives_df, lang, facts):
    # A listed company is not "city-wide": the report just names no district for it.
    row = initiatives_df.set_index("id", drop=False).loc["knowledge_atlas_listing"].to_dict()
    assert components.initiative_facts(row, lang)[:3] == facts


@pytest.mark.parametrize(
    "row_id, lang, period",
    [
        ("excellence_factories_2025", "en", "end\u00a0of\u00a02025"),
        ("internet_hospitals", "en", "date not stated, reported 27\u00a0January\u00a02026"),
        ("internet_hospitals", "de", "Stichtag nicht genannt, gemeldet am 27.\u00a0Januar\u00a02026"),
    ],
)
def test_a_cards_period_keeps_its_date_on_one_line(indicators_df, row_id, lang, period):
    # Cards showed "end / of 2025" and "reported 27 / January 2026".
    row = indicators_df.set_index("id", drop=False).loc[row_id].to_dict()
    assert components.kpi_card_model(row, indicators_df, lang).heading.endswith("\u00a0· " + period)
