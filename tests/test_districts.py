"""Tests of the committed district map data, data/districts.geojson (built by scripts/build_districts.py)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

shapely = pytest.importorskip("shapely")  # test/build-time dependency only; the app does not need it
from shapely.geometry import Point, shape  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
GEOJSON = REPO_ROOT / "data" / "districts.geojson"
SCRIPT = REPO_ROOT / "scripts" / "build_districts.py"

# shared/source/context.md: the 16 districts by statistical division code.
CODES = {
    "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111",
    "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119",
}  # fmt: skip

MAX_BYTES = 60 * 1024
LON_RANGE = (115.4, 117.6)
LAT_RANGE = (39.4, 41.1)


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def features(collection) -> list[dict]:
    return collection["features"]


@pytest.fixture(scope="module")
def geoms(features) -> dict:
    return {f["properties"]["code"]: shape(f["geometry"]) for f in features}


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons of a GeoJSON geometry, each a list of rings (exterior first)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return geometry["coordinates"]


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula in lon/lat; positive means counter-clockwise."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def test_has_exactly_the_16_district_codes(features):
    codes = [f["properties"]["code"] for f in features]
    assert len(codes) == 16
    assert set(codes) == CODES


def test_features_are_sorted_by_code(features):
    codes = [f["properties"]["code"] for f in features]
    assert codes == sorted(codes)


def test_properties_are_exactly_the_documented_ones(features):
    expected = {"code", "slug", "name_en", "name_de", "name_zh", "label_lon", "label_lat"}
    for f in features:
        assert set(f["properties"]) == expected, f["properties"].get("code")


def test_slugs_match_lib_vocab(features, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    from lib import vocab

    assert {f["properties"]["code"]: f["properties"]["slug"] for f in features} == vocab.DISTRICT_SLUGS


def test_geometries_are_valid_and_non_empty(geoms):
    for code, g in geoms.items():
        assert not g.is_empty, code
        assert g.is_valid, (code, shapely.is_valid_reason(g))


def test_no_two_districts_overlap(geoms):
    for (a, ga), (b, gb) in itertools.combinations(geoms.items(), 2):
        overlap = ga.intersection(gb).area
        assert overlap < 1e-9 * min(ga.area, gb.area), (a, b, overlap)


def test_no_gaps_between_districts(geoms):
    union = shapely.union_all(list(geoms.values()))
    total = sum(g.area for g in geoms.values())
    assert union.area == pytest.approx(total, rel=1e-9)
    # A gap enclosed by districts would show up as a hole in the union.
    parts = union.geoms if hasattr(union, "geoms") else [union]
    assert all(len(p.interiors) == 0 for p in parts)


def test_file_is_at_most_60_kb():
    assert GEOJSON.stat().st_size <= MAX_BYTES


def test_exterior_rings_clockwise_and_holes_counter_clockwise(features):
    # Vega/d3-geo: a counter-clockwise exterior fills the whole plane.
    for f in features:
        code = f["properties"]["code"]
        for poly in polygons(f["geometry"]):
            exterior, *holes = poly
            assert signed_area(exterior) < 0, f"{code}: exterior ring is not clockwise"
            for hole in holes:
                assert signed_area(hole) > 0, f"{code}: hole is not counter-clockwise"


def test_rings_are_closed(features):
    for f in features:
        for poly in polygons(f["geometry"]):
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1], f["properties"]["code"]


def test_label_point_lies_inside_its_district(features, geoms):
    for f in features:
        p = f["properties"]
        assert geoms[p["code"]].contains(Point(p["label_lon"], p["label_lat"])), p["code"]


def test_coordinates_lie_in_beijing_bounding_box(features):
    for f in features:
        for poly in polygons(f["geometry"]):
            for ring in poly:
                for lon, lat in ring:
                    assert LON_RANGE[0] <= lon <= LON_RANGE[1], (f["properties"]["code"], lon)
                    assert LAT_RANGE[0] <= lat <= LAT_RANGE[1], (f["properties"]["code"], lat)


def test_build_script_reproduces_committed_file(tmp_path):
    out = tmp_path / "districts.geojson"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, cwd=REPO_ROOT, capture_output=True)
    assert out.read_bytes() == GEOJSON.read_bytes()
