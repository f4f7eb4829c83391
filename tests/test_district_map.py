"""The district map: every district drawn, 'not mentioned' kept apart from zero, markers inside."""

from __future__ import annotations

import json

import pytest

from lib import district_map
from lib.filters import View, filter_initiatives

from support import DATA_DIR


@pytest.fixture(scope="module")
def shapes() -> dict:
    return json.loads((DATA_DIR / "districts.geojson").read_text(encoding="utf-8"))


def test_not_mentioned_differs_from_zero_under_filters(initiatives_df):
    shown = filter_initiatives(initiatives_df, View(sectors=("data_economy",)))
    buckets = district_map.district_buckets(initiatives_df, shown, "en")
    assert buckets["110117"] == "District not mentioned in the report"  # Pinggu
    assert buckets["110108"] == "Mentioned in the report, none shown here"  # Haidian: not for data
    assert buckets["110102"] == "1 initiative"  # Xicheng: China Data Street; one, not "initiative(s)"


def test_every_initiative_with_a_district_gets_a_marker_inside_beijing(initiatives_df, shapes):
    markers = district_map.marker_frame(initiatives_df, shapes, "en")
    assert len(markers) == int((initiatives_df["district_code"] != "").sum())
    assert markers["lon"].between(115.4, 117.6).all() and markers["lat"].between(39.4, 41.1).all()


def test_markers_in_one_district_are_spread_apart(initiatives_df, shapes):
    markers = district_map.marker_frame(initiatives_df, shapes, "en")
    daxing = markers[markers["slug"] == "daxing"]
    assert len(daxing) >= 2
    assert daxing[["lon", "lat"]].drop_duplicates().shape[0] == len(daxing)


def test_e_town_marker_says_it_is_a_zone_in_daxing(initiatives_df, shapes):
    markers = district_map.marker_frame(initiatives_df, shapes, "en")
    place = markers[markers["id"] == "wise_kaiwu_platform"]["place"].item()
    assert "E-Town" in place and "Daxing" in place


def test_map_spec_is_valid_and_highlights_the_chosen_district(initiatives_df, shapes):
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, ("110108",), "en").to_dict()
    # The districts layer draws the chart's own data: the 16 shapes, as one named dataset.
    assert "data" not in spec["layer"][0] and spec["data"] == {"name": district_map.SHAPES_DATA}
    features = spec["datasets"][district_map.SHAPES_DATA]
    assert len(features) == 16
    selected = [f["properties"]["slug"] for f in features if f["properties"]["selected"]]
    assert selected == ["haidian"]
    assert spec["params"][0]["name"] == district_map.SELECTION_NAME


@pytest.mark.parametrize(
    "event, slugs",
    [
        ({"selection": {"district_click": [{"slug": "haidian"}]}}, ["haidian"]),
        ({"selection": {"district_click": [{"properties": {"slug": "miyun"}}]}}, ["miyun"]),
        ({"selection": {"district_click": []}}, []),
        ({"selection": {"district_click": [{"slug": "<script>"}]}}, []),
        ({"selection": {}}, None),
        (None, None),
        ("garbage", None),
    ],
)
def test_selection_events_are_read_defensively(event, slugs):
    assert district_map.selected_slugs(event) == slugs
