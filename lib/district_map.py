"""The district map: Beijing's 16 districts coloured by initiatives, with a marker per initiative.

Pure: GeoJSON and frames in, an Altair chart out. Markers stand at each district's representative
point (computed when the boundaries were built), fanned out when a district has several: the report
gives no street addresses, and the map must not pretend it does.
"""

from __future__ import annotations

import copy
import math

import altair as alt
import pandas as pd

from lib import vocab
from lib.charts import ACCENT_COLOUR, FONT, wrap_words
from lib.chart_locale import vega_locale
from lib.i18n import t

SELECTION_NAME = "district_click"
NOT_MENTIONED_COLOUR = "#d4d4d4"
COUNT_COLOURS = ["#ffffff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]  # 0, 1, 2, 3, 4+
MARKER_SPREAD_DEGREES = 0.045
MAP_HEIGHT = 500
# The two smallest districts are a few pixels wide at city scale: their names would overprint.
UNLABELLED = frozenset({"110101", "110102"})


def district_buckets(all_initiatives_df: pd.DataFrame, shown_initiatives_df: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each district's legend class: never mentioned by the report, or its count under the filters."""
    mentioned = set(all_initiatives_df["district_code"]) - {""}
    counts = shown_initiatives_df["district_code"].value_counts()
    buckets = {}
    for code in vocab.DISTRICT_SLUGS:
        if code not in mentioned:
            buckets[code] = t("map.not_mentioned", lang)
        else:
            buckets[code] = count_label(int(counts.get(code, 0)), lang)
    return buckets


def count_label(count: int, lang: str) -> str:
    return t("map.count_zero", lang) if count == 0 else t("map.count_n", lang, count=count)


def marker_frame(initiatives_df: pd.DataFrame, shapes: dict, lang: str) -> pd.DataFrame:
    """One marker per initiative with a district, fanned around the district's representative point."""
    points = {f["properties"]["code"]: (f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in shapes["features"]}
    records = []
    located = initiatives_df[initiatives_df["district_code"] != ""]
    for code, group in located.groupby("district_code", sort=True):
        lon, lat = points[code]
        for index, row in enumerate(group.sort_values("id").to_dict("records")):
            d_lon, d_lat = _fan_offset(index, len(group))
            zone = row.get("zone")
            place = t(f"district.{code}", lang)
            if zone:
                place = t("place.zone_in_district", lang, zone=t(f"zone.{zone}", lang), district=place)
            records.append(
                {
                    "id": row["id"],
                    "name": row["name_report"] if lang == "de" else row[f"name_{lang}"],
                    "place": place,
                    "kind": t(f"kind.{row['kind']}", lang),
                    "sector": t(f"sector.{row['sector']}", lang),
                    "lon": round(lon + d_lon, 4),
                    "lat": round(lat + d_lat, 4),
                    "slug": vocab.DISTRICT_SLUGS[code],
                }
            )
    return pd.DataFrame.from_records(records, columns=["id", "name", "place", "kind", "sector", "lon", "lat", "slug"])


def _fan_offset(index: int, total: int) -> tuple[float, float]:
    if total == 1:
        return 0.0, 0.0
    angle = 2 * math.pi * index / total  # two markers sit side by side, clear of the name below
    # A degree of longitude is shorter than one of latitude at Beijing's latitude (~40° N).
    return MARKER_SPREAD_DEGREES * math.cos(angle) / math.cos(math.radians(40)), MARKER_SPREAD_DEGREES * math.sin(angle)


def district_features(shapes: dict, buckets: dict[str, str], selected: tuple[str, ...], lang: str, tongzhou_note: str) -> list[dict]:
    features = []
    for feature in shapes["features"]:
        feature = copy.deepcopy(feature)
        props = feature["properties"]
        code = props["code"]
        props["name"] = t(f"district.{code}", lang)
        props["bucket"] = buckets[code]
        props["selected"] = code in selected
        props["note"] = tongzhou_note if code in vocab.ZONE_DISTRICTS["bda"][1:] else ""
        props["label"] = "" if code in UNLABELLED else props["name"]
        features.append(feature)
    return features


def legend_domain(lang: str, max_count: int) -> tuple[list[str], list[str]]:
    labels = [t("map.not_mentioned", lang), count_label(0, lang)]
    colours = [NOT_MENTIONED_COLOUR, COUNT_COLOURS[0]]
    for count in range(1, max(max_count, 1) + 1):
        labels.append(count_label(count, lang))
        colours.append(COUNT_COLOURS[min(count, len(COUNT_COLOURS) - 1)])
    return labels, colours


SHAPES_DATA = "districts"


def district_map(
    shapes: dict,
    all_initiatives_df: pd.DataFrame,
    shown_initiatives_df: pd.DataFrame,
    selected: tuple[str, ...],
    lang: str,
) -> alt.TopLevelMixin:
    buckets = district_buckets(all_initiatives_df, shown_initiatives_df, lang)
    features = district_features(shapes, buckets, selected, lang, t("map.tongzhou_bda_note", lang))
    located = shown_initiatives_df["district_code"][shown_initiatives_df["district_code"] != ""]
    max_count = int(located.value_counts().max()) if len(located) else 0
    domain, colours = legend_domain(lang, max_count)
    click = alt.selection_point(name=SELECTION_NAME, fields=["slug"], on="click", clear="dblclick", empty=False)
    any_selected = bool(selected)

    districts = (
        alt.Chart()
        .mark_geoshape(strokeWidth=0.8, stroke="#666")
        .transform_calculate(slug="datum.properties.slug")
        .encode(
            color=alt.Color(
                "properties.bucket:N",
                title=t("map.legend_title", lang),
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(orient="bottom", direction="vertical", columns=1, symbolStrokeColor="#666", symbolStrokeWidth=1, labelLimit=320),
            ),
            strokeWidth=alt.condition("datum.properties.selected", alt.value(3), alt.value(0.8)),
            stroke=alt.condition("datum.properties.selected", alt.value("#000"), alt.value("#666")),
            opacity=alt.condition("datum.properties.selected", alt.value(1), alt.value(0.55 if any_selected else 1)),
            tooltip=[
                alt.Tooltip("properties.name:N", title=t("chart.tooltip_district", lang)),
                alt.Tooltip("properties.bucket:N", title=t("map.legend_title", lang)),
                alt.Tooltip("properties.note:N", title=t("map.tooltip_note", lang)),
            ],
        )
        .add_params(click)
    )
    labels = (
        alt.Chart()
        .mark_text(fontSize=10, color="#333", dy=14)
        .encode(longitude="properties.label_lon:Q", latitude="properties.label_lat:Q", text="properties.label:N")
    )
    markers = marker_frame(shown_initiatives_df, shapes, lang)
    points = (
        alt.Chart(markers)
        .mark_point(shape="diamond", filled=True, size=150, color=ACCENT_COLOUR, stroke="white", strokeWidth=1.2, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[
                alt.Tooltip("name:N", title=t("map.tooltip_initiative", lang)),
                alt.Tooltip("place:N", title=t("chart.tooltip_district", lang)),
                alt.Tooltip("kind:N", title=t("map.tooltip_kind", lang)),
                alt.Tooltip("sector:N", title=t("map.tooltip_sector", lang)),
            ],
        )
    )
    # The shapes are one named dataset at the top, and the chart is built in one step: Altair
    # deep-copies each layer's data at every `+`, `.properties()` and `.configure()`, and the
    # 2,500-vertex geometry made that ~0.6 s a map, paid on every new filter.
    return alt.LayerChart(
        datasets={SHAPES_DATA: features},
        data=alt.NamedData(SHAPES_DATA),
        layer=[districts, labels, points],
        projection=alt.Projection(type="mercator"),
        width="container",
        height=MAP_HEIGHT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=alt.Title(t("map.title", lang), anchor="start", subtitle=wrap_words(t("map.subtitle", lang), 55), subtitleColor="#555"),
        config=alt.Config(locale=vega_locale(lang), font=FONT, view=alt.ViewConfig(stroke=None)),
    )


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
