"""The district map: every district drawn and named, no label on another or on a marker, 'not
mentioned' light and kept apart from zero, a legend of the classes that occur, markers inside."""

from __future__ import annotations

import json
import math
import unicodedata

import pytest
import vl_convert as vlc

from lib import district_map, vocab
from lib.filters import View, filter_initiatives
from lib.i18n import LANGUAGES, t

from support import DATA_DIR, contrast, relative_luminance


@pytest.fixture(scope="module")
def shapes() -> dict:
    return json.loads((DATA_DIR / "districts.geojson").read_text(encoding="utf-8"))


def test_not_mentioned_differs_from_zero_under_filters(initiatives_df):
    shown = filter_initiatives(initiatives_df, View(sectors=("data_finance",)))
    buckets = district_map.district_buckets(initiatives_df, shown, "en")
    assert buckets["110117"] == "District not mentioned in the report"  # Pinggu
    assert buckets["110108"] == "Named in the report; no initiative under your filters"  # Haidian: not for data
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
    assert district_map.SELECTION_NAME in [param["name"] for param in spec["params"]]


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


def test_markers_stay_put_when_a_filter_hides_their_neighbours(initiatives_df, shapes):
    every = district_map.marker_frame(initiatives_df, shapes, "en").set_index("id")
    shown = filter_initiatives(initiatives_df, View(sectors=("data_finance",)))
    some = district_map.marker_frame(shown, shapes, "en", initiatives_df).set_index("id")
    assert len(some) < len(every)
    assert (some[["lon", "lat"]] == every.loc[some.index, ["lon", "lat"]]).all().all()


# --- what the map looks like, rendered without a browser (vl-convert) at a phone's and a desktop's width


def rendered(shapes, initiatives_df, lang: str, width: int) -> dict:
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), lang).to_dict()
    spec["width"] = width
    return vlc.vegalite_to_scenegraph(spec)["scenegraph"]


def marks(node: dict, marktype: str) -> list[dict]:
    """Every item of one mark type in the main plot (legends and titles left out)."""
    found = []
    for item in node.get("items", []):
        if item.get("marktype") == marktype and item.get("role") == "mark":
            found.extend(item.get("items", []))
        elif "items" in item and item.get("role") not in ("legend", "title"):
            found.extend(marks(item, marktype))
    return found


def label_box(item: dict) -> tuple[float, float, float, float]:
    # Written apart from the app's estimate: a wide Latin sans (0.62 em a letter, capitals 0.72) and
    # a full em for a Chinese character, a line 1.25 em high. Labels are centred on their point.
    size = item["fontSize"]
    em = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.72 if c.isupper() else 0.62 for c in item["text"])
    half_w, half_h = em * size / 2, 1.25 * size / 2
    return item["x"] - half_w, item["y"] - half_h, item["x"] + half_w, item["y"] + half_h


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", [360, 900])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_district_is_named_and_no_label_touches_another_or_a_marker(shapes, initiatives_df, lang, width):
    graph = rendered(shapes, initiatives_df, lang, width)
    names = {(item["text"], round(item["x"], 1), round(item["y"], 1)): item for item in marks(graph, "text")}
    labels = list(names.values())
    assert sorted(item["text"] for item in labels) == sorted(t(f"district.{code}", lang) for code in vocab.DISTRICT_SLUGS)
    boxes = {item["text"]: label_box(item) for item in labels}
    for first, box in boxes.items():
        for second, other in boxes.items():
            assert first == second or not overlap(box, other), f"{lang}, {width}px: {first} overlaps {second}"
    diamonds = [item for item in marks(graph, "symbol") if item.get("shape") == "diamond"]
    assert len(diamonds) == int((initiatives_df["district_code"] != "").sum())
    for marker in diamonds:
        half = math.sqrt(marker["size"]) / 2 + 1  # the diamond and its white outline
        box = (marker["x"] - half, marker["y"] - half, marker["x"] + half, marker["y"] + half)
        for name, label in boxes.items():
            assert not overlap(box, label), f"{lang}, {width}px: the label {name} covers a marker"


def test_small_central_districts_are_named_at_the_end_of_a_leader_line(shapes, initiatives_df):
    plan = district_map.label_plan(shapes, initiatives_df, "en").set_index("slug")
    for slug in ("dongcheng", "xicheng"):
        row = plan.loc[slug]
        assert not math.isnan(row["from_lon"]), f"{slug} has no leader line"
        # The line starts at the district's own point and ends at its label.
        assert (row["to_lon"], row["to_lat"]) != (row["from_lon"], row["from_lat"])



@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_leader_line_runs_through_another_districts_point(shapes, initiatives_df, lang):
    # Xicheng's and Dongcheng's points lie on one parallel: Xicheng's line, drawn east across
    # Dongcheng, ran through the dot where Dongcheng's line starts, so it seemed to end there.
    plan = district_map.label_plan(shapes, initiatives_df, lang).set_index("code")
    plane = district_map.Plane(district_map.city_extent(shapes))
    points = {f["properties"]["code"]: plane.to_px(f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in shapes["features"]}
    for code, row in plan.dropna(subset=["from_lon"]).iterrows():
        (x0, y0), (x1, y1) = plane.to_px(row["from_lon"], row["from_lat"]), plane.to_px(row["to_lon"], row["to_lat"])
        for other, (px, py) in points.items():
            if other == code:
                continue
            # Distance from the other district's point to the segment, in pixels of the plan.
            length = max(math.hypot(x1 - x0, y1 - y0), 1e-9)
            along = max(0.0, min(1.0, ((px - x0) * (x1 - x0) + (py - y0) * (y1 - y0)) / length**2))
            gap = math.hypot(px - (x0 + along * (x1 - x0)), py - (y0 + along * (y1 - y0)))
            assert gap > 3, f"{lang}: the line to {row['label']} passes {gap:.1f}px from the point of {other}"


@pytest.mark.parametrize("width", [360, 900])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_leader_line_reaches_its_name_at_every_width(shapes, initiatives_df, lang, width):
    # On a wide map the degrees between places grow but a name keeps its size: a line ending at a
    # fixed place on the map stopped short of its name (Xicheng, Dongcheng on a desktop).
    graph = rendered(shapes, initiatives_df, lang, width)
    names = [item for item in marks(graph, "text") if item.get("fill") != "white"]
    rules = marks(graph, "rule")
    assert len(rules) >= 2  # at least Dongcheng and Xicheng are named at the end of a line
    for rule in rules:
        end = (rule["x2"], rule["y2"])
        nearest = min(names, key=lambda item: math.dist(end, (item["x"], item["y"])))
        x0, y0, x1, y1 = label_box(nearest)
        # The end lies on (or within a few pixels of) the name's box.
        gap = math.hypot(max(x0 - end[0], 0, end[0] - x1), max(y0 - end[1], 0, end[1] - y1))
        assert gap <= 4, f"{lang}, {width}px: the line to {nearest['text']} stops {gap:.0f}px short of it"



def test_label_text_reads_at_aa_contrast_on_white_in_the_page_font(shapes, initiatives_df):
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    texts = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text" and layer["mark"].get("color") != "white"]
    assert texts
    for mark in texts:
        assert contrast(mark["color"], "#ffffff") >= 4.5
        assert mark["font"].startswith('"Source Sans"')


def test_not_mentioned_is_drawn_lighter_than_any_district_with_initiatives(shapes, initiatives_df):
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    not_mentioned = relative_luminance(colours["District not mentioned in the report"])
    assert all(relative_luminance(colours[label]) < not_mentioned for label in colours if "initiative" in label)


def test_the_legend_shows_square_swatches_and_only_the_counts_that_occur(shapes, initiatives_df):
    # Written from the data by hand: Daxing has two initiatives, eight other districts one each.
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    color = spec["layer"][0]["encoding"]["color"]
    assert color["scale"]["domain"] == ["District not mentioned in the report", "1 initiative", "2 initiatives"]
    assert color["legend"]["symbolType"] == "square"
    shown = filter_initiatives(initiatives_df, View(sectors=("data_finance",)))
    spec = district_map.district_map(shapes, initiatives_df, shown, (), "en").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "District not mentioned in the report", "Named in the report; no initiative under your filters", "1 initiative",
    ]


def test_district_tooltips_have_no_empty_rows(shapes, initiatives_df):
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    for feature in spec["datasets"][district_map.SHAPES_DATA]:
        tooltip = feature["properties"]["tooltip"]
        assert all(str(value).strip() for value in tooltip.values()), tooltip
    notes = [f["properties"]["slug"] for f in spec["datasets"][district_map.SHAPES_DATA] if "Note" in f["properties"]["tooltip"]]
    assert notes == ["tongzhou"]


def test_the_map_height_follows_its_width_in_the_browser(shapes, initiatives_df):
    spec = district_map.district_map(shapes, initiatives_df, initiatives_df, (), "en").to_dict()
    spec["width"] = 360
    phone = vlc.vegalite_to_scenegraph(spec)["scenegraph"]["items"][0]
    spec["width"] = 900
    desktop = vlc.vegalite_to_scenegraph(spec)["scenegraph"]["items"][0]
    assert 300 < phone["height"] < 420  # about as tall as wide: no empty bands on a phone
    assert desktop["height"] <= district_map.MAX_HEIGHT + 1


def test_drawing_the_map_for_several_views_leaves_the_boundaries_it_was_given_as_they_were(initiatives_df, shapes):
    # The boundaries are read once and shared by every reader's map (the features' geometry is not
    # copied per view): a map that wrote into them would show one reader's view to the next.
    before = json.dumps(shapes, sort_keys=True)
    for districts, lang in (((), "en"), (("miyun",), "zh"), (("haidian", "chaoyang"), "de")):
        shown = filter_initiatives(initiatives_df, View(lang=lang, districts=districts))
        spec = district_map.district_map(shapes, initiatives_df, shown, districts, lang).to_dict(validate=False)
        assert spec["datasets"][district_map.SHAPES_DATA][0]["properties"]["name"] == t("district.110101", lang)  # Dongcheng
    assert json.dumps(shapes, sort_keys=True) == before
    assert "selected" not in shapes["features"][0]["properties"]
