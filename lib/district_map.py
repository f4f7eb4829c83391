"""The district map: Beijing's 16 districts shaded by the report's initiatives, a marker per initiative,
and every district named, with a leader line where the district is too small for its name.

Pure: GeoJSON and frames in, an Altair chart out. Markers stand at each district's representative
point (computed when the boundaries were built), fanned out when a district has several: the report
gives no street addresses, and the map must not pretend it does.

Channels are written as Altair's channel classes (``alt.Longitude("lon:Q")``,
``alt.StrokeValue(..., condition=...)``), not as bare shorthand strings or ``alt.condition``: Altair
resolves those against its whole schema on every call (1.5 to 5 ms each), and a map for a view not
seen before spent 40 of its 100 ms there. The spec is the same either way.

Labels are placed here, not by the browser: Vega-Lite cannot keep labels apart. Positions are worked
out in map degrees for the narrowest map a phone shows (``REFERENCE_WIDTH``); a wider map only moves
them further apart, since text and markers keep their size in pixels while the map grows.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from lib import vocab
from lib.chart_locale import vega_locale
from lib.formatting import initiative_name
from lib.charts import ACCENT_COLOUR, wrap_words
from lib.i18n import t

SELECTION_NAME = "district_click"
IS_SELECTED = "datum.properties.selected"
FONT = '"Source Sans", sans-serif'  # the page's own font, so the map reads as part of it
SHAPES_DATA = "districts"

# Light for districts the report never names, stronger the more initiatives a district has.
NOT_MENTIONED_COLOUR = "#f2f2f2"
ZERO_COLOUR = "#dde6ee"  # named by the report, but nothing under the reader's filters
COUNT_COLOURS = ["#9ecae1", "#5aa0cf", "#2f7dbb", "#1c5b96"]  # 1, 2, 3, 4 and more
BORDER_COLOUR = "#767676"
TEXT_COLOUR = "#222222"  # labels, on a white halo: well above 4.5:1 on any fill here
LEADER_COLOUR = "#444444"

LABEL_SIZE = 11
LABEL_HEIGHT = 13  # pixels a label line takes
LABEL_GAP = 2  # pixels kept clear around a label
MARKER_AREA = 110  # square pixels of a diamond marker
MARKER_HALF = 8  # half the diamond's width in pixels, rounded up, plus its white outline

# The narrowest plot a phone shows (a 390-pixel screen less the page's margins and padding); the
# map's height follows its width up to MAX_HEIGHT, so the map never leaves empty bands on a phone.
REFERENCE_WIDTH = 320
MAX_HEIGHT = 640
EXPORT_HEIGHT = 560  # used where no browser sets the height (image downloads)
MARGIN = 0.03  # of the city's extent, on every side, so edge labels stay inside the plot


def district_buckets(all_initiatives_df: pd.DataFrame, shown_initiatives_df: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each district's legend class: never mentioned by the report, or its count under the filters."""
    return {code: bucket_label(bucket, lang) for code, bucket in _bucket_codes(all_initiatives_df, shown_initiatives_df).items()}


def _bucket_codes(all_initiatives_df: pd.DataFrame, shown_initiatives_df: pd.DataFrame) -> dict[str, int | None]:
    """None for a district the report never names, else the count of its initiatives shown."""
    mentioned = set(all_initiatives_df["district_code"]) - {""}
    counts = shown_initiatives_df["district_code"].value_counts()
    return {code: (int(counts.get(code, 0)) if code in mentioned else None) for code in vocab.DISTRICT_SLUGS}


def bucket_label(bucket: int | None, lang: str) -> str:
    if bucket is None:
        return t("map.not_mentioned", lang)
    return count_label(bucket, lang)


def count_label(count: int, lang: str) -> str:
    if count == 0:
        return t("map.count_zero", lang)
    return t("map.count_n", lang, count=count)


def bucket_colour(bucket: int | None) -> str:
    if bucket is None:
        return NOT_MENTIONED_COLOUR
    if bucket == 0:
        return ZERO_COLOUR
    return COUNT_COLOURS[min(bucket, len(COUNT_COLOURS)) - 1]


def legend_domain(buckets: dict[str, int | None], lang: str) -> tuple[list[str], list[str]]:
    """The legend's classes, only those some district is in, lightest first."""
    present = set(buckets.values())
    order = [None, 0, *sorted(count for count in present if count)]
    kept = [bucket for bucket in order if bucket in present]
    return [bucket_label(bucket, lang) for bucket in kept], [bucket_colour(bucket) for bucket in kept]


# --- where things go on the map ---------------------------------------------------------------


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator in radians, y pointing up: what Vega's "mercator" projection draws, unscaled."""
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inverse_mercator(x: float, y: float) -> tuple[float, float]:
    return math.degrees(x), math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _rings(geometry: dict) -> list[list[np.ndarray]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[np.asarray(ring, dtype=float) for ring in polygon] for polygon in polygons]


def city_extent(shapes: dict) -> tuple[float, float, float, float]:
    """The map's extent in degrees (west, south, east, north): the city and a margin."""
    points = np.vstack([ring for feature in shapes["features"] for polygon in _rings(feature["geometry"]) for ring in polygon])
    west, south = points.min(axis=0)
    east, north = points.max(axis=0)
    d_lon, d_lat = (east - west) * MARGIN, (north - south) * MARGIN
    return west - d_lon, south - d_lat, east + d_lon, north + d_lat


def aspect_ratio(extent: tuple[float, float, float, float]) -> float:
    """Height over width of the extent as Mercator draws it."""
    x0, y0 = _mercator(extent[0], extent[1])
    x1, y1 = _mercator(extent[2], extent[3])
    return (y1 - y0) / (x1 - x0)


def _inside(points: np.ndarray, polygons: list[list[np.ndarray]]) -> np.ndarray:
    """Which of the (lon, lat) points lie in a (multi)polygon, holes excluded (even-odd rule)."""
    lon, lat = points[:, 0:1], points[:, 1:2]
    inside = np.zeros(len(points), dtype=bool)
    for polygon in polygons:
        for ring in polygon:
            x, y = ring[:, 0][None, :], ring[:, 1][None, :]
            x2, y2 = np.roll(x, -1, axis=1), np.roll(y, -1, axis=1)
            crosses = ((y > lat) != (y2 > lat)) & (lon < (x2 - x) * (lat - y) / np.where(y2 == y, 1e-12, y2 - y) + x)
            inside ^= (np.count_nonzero(crosses, axis=1) % 2).astype(bool)
    return inside


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """A generous estimate of a label's width in pixels (wide characters count a full em)."""
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            em += 1.0
        elif char.isupper():
            em += 0.68
        elif char in "il.,:;'|!":
            em += 0.3
        elif char in "mwMW":
            em += 0.9
        else:
            em += 0.58
    return em * size


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


class Plane:
    """Pixels of the map drawn REFERENCE_WIDTH wide, y pointing down as on screen."""

    def __init__(self, extent: tuple[float, float, float, float], width: float = REFERENCE_WIDTH):
        self.x0, y0 = _mercator(extent[0], extent[1])
        x1, self.y1 = _mercator(extent[2], extent[3])
        self.scale = width / (x1 - self.x0)
        self.width, self.height = width, (self.y1 - y0) * self.scale

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = _mercator(lon, lat)
        return (x - self.x0) * self.scale, (self.y1 - y) * self.scale

    def to_degrees(self, px: float, py: float) -> tuple[float, float]:
        return _inverse_mercator(px / self.scale + self.x0, self.y1 - py / self.scale)


def marker_points(all_initiatives_df: pd.DataFrame, shapes: dict) -> dict[str, tuple[float, float]]:
    """Where each initiative's marker stands, fanned around its district's point.

    Worked out from every initiative, not only those shown, so a marker never moves when a filter
    hides its neighbour, and the labels can keep clear of every place a marker can be.
    """
    points = {f["properties"]["code"]: (f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in shapes["features"]}
    plane = Plane(city_extent(shapes))
    placed: dict[str, tuple[float, float]] = {}
    located = all_initiatives_df[all_initiatives_df["district_code"] != ""]
    for code, group in located.groupby("district_code", sort=True):
        px, py = plane.to_px(*points[code])
        for index, initiative_id in enumerate(sorted(group["id"])):
            dx, dy = _fan_offset(index, len(group))
            lon, lat = plane.to_degrees(px + dx, py + dy)
            placed[initiative_id] = (round(lon, 5), round(lat, 5))
    return placed


def _fan_offset(index: int, total: int) -> tuple[float, float]:
    """Pixels from the district's point: markers of one district side by side, just touching."""
    if total == 1:
        return 0.0, 0.0
    radius = MARKER_HALF / math.sin(math.pi / total)
    angle = 2 * math.pi * index / total
    return radius * math.cos(angle), -radius * math.sin(angle)


def marker_frame(initiatives_df: pd.DataFrame, shapes: dict, lang: str, all_initiatives_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """One marker per shown initiative with a district, where marker_points puts it."""
    places = marker_points(initiatives_df if all_initiatives_df is None else all_initiatives_df, shapes)
    records = []
    located = initiatives_df[initiatives_df["district_code"] != ""]
    for row in located.sort_values(["district_code", "id"]).to_dict("records"):
        code = row["district_code"]
        place = t(f"district.{code}", lang)
        if row.get("zone"):
            place = t("place.zone_in_district", lang, zone=t(f"zone.{row['zone']}", lang), district=place)
        lon, lat = places[row["id"]]
        records.append(
            {
                "id": row["id"],
                "name": initiative_name(row, lang),
                "place": place,
                "kind": t(f"kind.{row['kind']}", lang),
                "sector": t(f"sector.{row['sector']}", lang),
                "lon": lon,
                "lat": lat,
                "slug": vocab.DISTRICT_SLUGS[code],
            }
        )
    return pd.DataFrame.from_records(records, columns=["id", "name", "place", "kind", "sector", "lon", "lat", "slug"])


# Where a label may go, in pixels from its district's point: right on it, then rings further out.
_RINGS = (0, 9, 14, 20, 27, 35, 44, 54, 66, 80, 96, 114)
_DIRECTIONS = 24
# A label outside its district needs a leader line, which costs the reader a look: prefer inside,
# and wholly inside over reaching across the border.
_OUTSIDE_COST = 30.0
_ACROSS_BORDER_COST = 8.0
POINT_CLEARANCE = 4.0  # px a leader line keeps from another district's point
_TRIES = 100  # orders tried; the search is seeded, so every run places the labels alike


@dataclass(frozen=True)
class _Spot:
    cost: float
    box: Box
    centre: tuple[float, float]
    leader: tuple[tuple[float, float], tuple[float, float]] | None


_PLANS: dict[tuple, pd.DataFrame] = {}


def label_plan(shapes: dict, all_initiatives_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``_label_plan``, kept per language and set of markers: the search takes about a second."""
    key = (lang, json.dumps(shapes["features"][0]["properties"], sort_keys=True), len(shapes["features"]),
           tuple(sorted(zip(all_initiatives_df["id"], all_initiatives_df["district_code"]))))
    if key not in _PLANS:
        _PLANS[key] = _label_plan(shapes, all_initiatives_df, lang)
    return _PLANS[key].copy()


def _label_plan(shapes: dict, all_initiatives_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every district's label: where its text stands and, if it stands outside the district, the
    leader line from the district to it. No two labels touch, none covers a marker or a line.

    Each label takes the cheapest free spot (inside its district near its point, else outside on the
    shortest line), district by district; the order is searched, and the cheapest plan wins.
    """
    plane = Plane(city_extent(shapes))
    markers = [plane.to_px(lon, lat) for lon, lat in marker_points(all_initiatives_df, shapes).values()]
    obstacles = [Box(x - MARKER_HALF, y - MARKER_HALF, x + MARKER_HALF, y + MARKER_HALF) for x, y in markers]
    spots = {f["properties"]["code"]: _spots(f, plane, obstacles, lang) for f in shapes["features"]}
    # Where each district's own line would start: another district's line passing through that
    # point seems to end there (Xicheng's line ran through Dongcheng's).
    points = {f["properties"]["code"]: plane.to_px(f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in shapes["features"]}
    spots = {code: [spot for spot in options if not _passes_other_point(code, spot, points)] for code, options in spots.items()}
    by_area = sorted(spots, key=lambda code: _area(next(f for f in shapes["features"] if f["properties"]["code"] == code)["geometry"]))
    rng = np.random.default_rng(13)
    best: tuple[float, dict[str, _Spot]] | None = None
    for attempt in range(_TRIES):
        order = by_area if attempt == 0 else list(rng.permutation(by_area))
        plan = _greedy(order, spots)
        if plan is not None:
            total = sum(spot.cost for spot in plan.values())
            if best is None or total < best[0]:
                best = (total, plan)
    if best is None:
        raise ValueError(f"no plan keeps the district labels ({lang}) apart on a {REFERENCE_WIDTH}px map")
    records = []
    for code in vocab.DISTRICT_SLUGS:
        spot = best[1][code]
        lon, lat = plane.to_degrees(*spot.centre)
        record = {"code": code, "slug": vocab.DISTRICT_SLUGS[code], "label": t(f"district.{code}", lang), "lon": round(lon, 5),
                  "lat": round(lat, 5), "from_lon": None, "from_lat": None, "to_lon": None, "to_lat": None, "to_dx": None, "to_dy": None}
        if spot.leader is not None:
            (fx, fy), (tx, ty) = spot.leader
            record["from_lon"], record["from_lat"] = (round(v, 5) for v in plane.to_degrees(fx, fy))
            record["to_lon"], record["to_lat"] = (round(v, 5) for v in plane.to_degrees(tx, ty))
            # Where the line meets the label, in pixels from the label's centre: the name keeps its
            # size on a wider map while the degrees between places grow, so the line's end is
            # drawn from the name, not from the map (it stopped short of names on a desktop).
            record["to_dx"], record["to_dy"] = round(tx - spot.centre[0], 2), round(ty - spot.centre[1], 2)
        records.append(record)
    return pd.DataFrame.from_records(records)


def _spots(feature: dict, plane: Plane, obstacles: list[Box], lang: str) -> list[_Spot]:
    """Every place a district's label may stand, clear of the markers and the map's edge, cheapest first."""
    props = feature["properties"]
    name = t(f"district.{props['code']}", lang)
    half_w, half_h = text_width(name) / 2 + LABEL_GAP, LABEL_HEIGHT / 2 + LABEL_GAP
    ax, ay = plane.to_px(props["label_lon"], props["label_lat"])
    candidates = []
    for radius in _RINGS:
        for step in range(_DIRECTIONS if radius else 1):
            angle = 2 * math.pi * step / _DIRECTIONS + math.pi / 2  # below the point first
            cx, cy = ax + radius * math.cos(angle), ay + radius * math.sin(angle)
            box = Box(cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            if box.x0 < 0 or box.y0 < 0 or box.x1 > plane.width or box.y1 > plane.height:
                continue
            if not any(box.overlaps(other) for other in obstacles):
                candidates.append((radius, box, cx, cy))
    # Centre and four corners of every candidate, tested against the district in one go.
    points = np.array([plane.to_degrees(x, y) for _, b, cx, cy in candidates for x, y in ((cx, cy), (b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1))])
    inside = _inside(points, _rings(feature["geometry"])).reshape(-1, 5) if len(points) else np.zeros((0, 5), dtype=bool)
    spots = []
    for (radius, box, cx, cy), flags in zip(candidates, inside):
        if flags[0]:
            spots.append(_Spot(radius + (0 if flags.all() else _ACROSS_BORDER_COST), box, (cx, cy), None))
        else:
            spots.append(_Spot(radius + _OUTSIDE_COST, box, (cx, cy), ((ax, ay), _nearest_edge(box, ax, ay))))
    return sorted(spots, key=lambda spot: spot.cost)


def _greedy(order: list[str], spots: dict[str, list[_Spot]]) -> dict[str, _Spot] | None:
    plan: dict[str, _Spot] = {}
    for code in order:
        for spot in spots[code]:
            if any(spot.box.overlaps(other.box) for other in plan.values()):
                continue
            if any(other.leader is not None and _segment_hits(*other.leader, spot.box) for other in plan.values()):
                continue
            if spot.leader is not None and any(_segment_hits(*spot.leader, other.box) for other in plan.values()):
                continue
            plan[code] = spot
            break
        else:
            return None
    return plan


def _passes_other_point(code: str, spot: _Spot, points: dict[str, tuple[float, float]]) -> bool:
    if spot.leader is None:
        return False
    return any(
        _segment_hits(*spot.leader, Box(x - POINT_CLEARANCE, y - POINT_CLEARANCE, x + POINT_CLEARANCE, y + POINT_CLEARANCE))
        for other, (x, y) in points.items()
        if other != code
    )


def _area(geometry: dict) -> float:
    total = 0.0
    for polygon in _rings(geometry):
        for index, ring in enumerate(polygon):
            x, y = ring[:, 0], ring[:, 1]
            area = abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2
            total += -area if index else area
    return total


def _nearest_edge(box: Box, x: float, y: float) -> tuple[float, float]:
    """The point of ``box`` nearest to (x, y): where a leader line from there meets the label."""
    return min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)


def _segment_hits(start: tuple[float, float], end: tuple[float, float], box: Box) -> bool:
    """Whether the straight line between two points passes through a box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return True


# --- the chart ---------------------------------------------------------------------------------


def district_features(shapes: dict, buckets: dict[str, int | None], selected: tuple[str, ...], lang: str) -> list[dict]:
    features = []
    for feature in shapes["features"]:
        # New properties on each feature, its geometry shared: nothing here or in Altair changes
        # a geometry, and copying 2,500 vertices on every new view took 11 ms of the map's build.
        props = dict(feature["properties"])
        feature = {**feature, "properties": props}
        code = props["code"]
        props["name"] = t(f"district.{code}", lang)
        props["bucket"] = bucket_label(buckets[code], lang)
        props["selected"] = code in selected
        # The tooltip holds only rows that say something (no empty "Note" row).
        tooltip = {t("chart.tooltip_district", lang): props["name"], t("map.legend_title", lang): props["bucket"]}
        if code in vocab.ZONE_DISTRICTS["bda"][1:]:
            tooltip[t("map.tooltip_note", lang)] = t("map.tongzhou_bda_note", lang)
        props["tooltip"] = tooltip
        props["description"] = "; ".join(f"{key}: {value}" for key, value in tooltip.items())
        features.append(feature)
    return features


def district_map(
    shapes: dict,
    all_initiatives_df: pd.DataFrame,
    shown_initiatives_df: pd.DataFrame,
    selected: tuple[str, ...],
    lang: str,
) -> alt.TopLevelMixin:
    buckets = _bucket_codes(all_initiatives_df, shown_initiatives_df)
    features = district_features(shapes, buckets, selected, lang)
    domain, colours = legend_domain(buckets, lang)
    click = alt.selection_point(name=SELECTION_NAME, fields=["slug"], on="click", clear="dblclick", empty=False)
    any_selected = bool(selected)
    extent = city_extent(shapes)
    labels = label_plan(shapes, all_initiatives_df, lang)
    leaders = labels.dropna(subset=["from_lon"])

    districts = (
        alt.Chart()
        .mark_geoshape(strokeWidth=0.8, stroke=BORDER_COLOUR, tooltip=alt.ExprRef("datum.properties.tooltip"))
        .transform_calculate(slug="datum.properties.slug")
        .encode(
            color=alt.Color(
                "properties.bucket:N",
                title=t("map.legend_title", lang),
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(
                    orient="bottom", direction="vertical", columns=1, symbolType="square", symbolSize=180,
                    symbolStrokeColor=BORDER_COLOUR, symbolStrokeWidth=1, labelLimit=320, labelColor=TEXT_COLOUR,
                    titleColor=TEXT_COLOUR, labelFontSize=12, titleFontSize=12,
                ),
            ),
            description=alt.Description("properties.description:N"),
            strokeWidth=alt.StrokeWidthValue(0.8, condition={"test": IS_SELECTED, "value": 2.5}),
            stroke=alt.StrokeValue(BORDER_COLOUR, condition={"test": IS_SELECTED, "value": "#000"}),
            opacity=alt.OpacityValue(0.6 if any_selected else 1, condition={"test": IS_SELECTED, "value": 1}),
        )
        .add_params(click)
    )
    leader_lines = (
        alt.Chart(leaders[["slug", "from_lon", "from_lat", "lon", "lat", "to_dx", "to_dy"]])
        .mark_rule(color=LEADER_COLOUR, strokeWidth=0.9, x2Offset=alt.expr("datum.to_dx"), y2Offset=alt.expr("datum.to_dy"))
        .encode(longitude=alt.Longitude("from_lon:Q"), latitude=alt.Latitude("from_lat:Q"), longitude2=alt.Longitude2("lon"), latitude2=alt.Latitude2("lat"))
    )
    # A dot where a leader line starts, so it reads as "this district", not "this border".
    leader_dots = (
        alt.Chart(leaders[["slug", "from_lon", "from_lat"]])
        .mark_circle(size=14, color=LEADER_COLOUR, opacity=1)
        .encode(longitude=alt.Longitude("from_lon:Q"), latitude=alt.Latitude("from_lat:Q"))
    )
    label_data = labels[["slug", "label", "lon", "lat"]]
    # A white halo under each name keeps it legible on every fill; the name itself is clickable.
    halo = (
        alt.Chart(label_data)
        .mark_text(fontSize=LABEL_SIZE, stroke="white", strokeWidth=3, strokeOpacity=0.9, color="white", font=FONT, baseline="middle")
        .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("label:N"))
    )
    names = (
        alt.Chart(label_data)
        .mark_text(fontSize=LABEL_SIZE, color=TEXT_COLOUR, font=FONT, baseline="middle", cursor="pointer")
        .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("label:N"), tooltip=alt.TooltipValue(None))
    )
    markers = marker_frame(shown_initiatives_df, shapes, lang, all_initiatives_df)
    points = (
        alt.Chart(markers)
        .mark_point(shape="diamond", filled=True, size=MARKER_AREA, color=ACCENT_COLOUR, stroke="white", strokeWidth=1.2, opacity=1)
        .encode(
            longitude=alt.Longitude("lon:Q"),
            latitude=alt.Latitude("lat:Q"),
            tooltip=[
                alt.Tooltip("name:N", title=t("map.tooltip_initiative", lang)),
                alt.Tooltip("place:N", title=t("chart.tooltip_district", lang)),
                alt.Tooltip("kind:N", title=t("map.tooltip_kind", lang)),
                alt.Tooltip("sector:N", title=t("map.tooltip_sector", lang)),
            ],
        )
    )
    west, south, east, north = extent
    # The shapes are one named dataset at the top, and the chart is built in one step: Altair
    # deep-copies each layer's data at every `+`, `.properties()` and `.configure()`, and the
    # 2,500-vertex geometry made that ~0.6 s a map, paid on every new filter.
    return alt.LayerChart(
        datasets={SHAPES_DATA: features},
        data=alt.NamedData(SHAPES_DATA),
        layer=[districts, leader_lines, leader_dots, halo, names, points],
        # Fitted to the city's extent (not to the layers' data), so labels stay where they were placed.
        projection=alt.Projection(type="mercator", fit={"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [[west, south], [east, north]]}}),
        width="container",
        height=EXPORT_HEIGHT,
        # In the browser the height follows the width, so a phone gets the whole map and no empty bands.
        params=[alt.VariableParameter(name="height", expr=f"min(width * {aspect_ratio(extent):.4f}, {MAX_HEIGHT})")],
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=alt.Title(t("map.title", lang), anchor="start", subtitle=_subtitle_lines(t("map.subtitle", lang)), subtitleColor="#555", color=TEXT_COLOUR),
        config=alt.Config(locale=vega_locale(lang), font=FONT, view=alt.ViewConfig(stroke=None)),
    )


def _subtitle_lines(text: str, width: float = REFERENCE_WIDTH - 10) -> list[str]:
    """The subtitle in lines that fit the narrowest map: at spaces, or between Chinese characters."""
    if not any(unicodedata.east_asian_width(char) in ("W", "F") for char in text):
        return wrap_words(text, 50)
    lines, line = [], ""
    for char in text:
        if line and text_width(line + char, 12) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def selected_slugs(event: object) -> list[str] | None:
    """The districts a map click selected, read defensively; None when the event holds no selection."""
    if not isinstance(event, dict):
        event = getattr(event, "__dict__", None) or {}
    selection = event.get("selection") if isinstance(event, dict) else None
    if not isinstance(selection, dict):
        return None
    points = selection.get(SELECTION_NAME)
    if points is None:
        return None
    if isinstance(points, dict):
        points = [points]
    slugs = []
    for point in points if isinstance(points, list) else []:
        if isinstance(point, dict):
            slug = point.get("slug") or (point.get("properties") or {}).get("slug")
            if isinstance(slug, str) and slug in vocab.SLUG_DISTRICTS:
                slugs.append(slug)
    return slugs
