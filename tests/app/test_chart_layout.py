"""Every chart the pages draw, rendered by vl-convert (the Vega the browser runs) at a phone's and a
desktop's width in every language: no two labels overlap, no label covers another point, and no
label runs out of the chart.

Text widths are estimated here with their own rule (not lib.text_metrics, which places the labels).
"""

from __future__ import annotations

import json
import unicodedata

import pyarrow as pa
import pytest
import vl_convert

from lib.i18n import LANGUAGES

from support import charts_of_every_tab
from test_pages import chart_specs, open_page

CHART_PAGES = ["overview", "ai", "manufacturing", "public_services", "infrastructure"]
# The column a chart gets: a phone's (390 px less the page's margins) and half a desktop page.
WIDTHS = [340, 560]


def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.62 if char.isupper() else 0.52


def _width(text: str, size: float) -> float:
    return sum(_em(char) for char in text) * size


def _with_data(element) -> dict:
    spec = json.loads(element.proto.spec)
    datasets = {dataset.name: pa.ipc.open_stream(dataset.data.data).read_all().to_pylist() for dataset in element.proto.datasets}
    for rows in datasets.values():
        for row in rows:
            for key, value in row.items():
                if hasattr(value, "isoformat"):
                    row[key] = value.isoformat()
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec


def _boxes(graph: dict):
    """Text boxes and point boxes of the data marks, in chart pixels."""
    texts, points, rects = [], [], []

    def walk(node, dx=0.0, dy=0.0):
        if isinstance(node, list):
            for value in node:
                walk(value, dx, dy)
            return
        if not isinstance(node, dict):
            return
        if not node.get("marktype"):
            for key in ("scenegraph", "root", "items"):
                if key in node:
                    walk(node[key], dx, dy)
            return
        for item in node.get("items", []):
            if node["marktype"] == "group":
                walk(item.get("items", []), dx + (item.get("x") or 0), dy + (item.get("y") or 0))
            elif node.get("role") == "mark" and node["marktype"] == "text" and str(item.get("text", "")).strip():
                size = item.get("fontSize", 11)
                lines = str(item["text"]).split(item["lineBreak"]) if item.get("lineBreak") else [str(item["text"])]
                height = size + (len(lines) - 1) * (item.get("lineHeight") or size)
                width = max(_width(line, size) for line in lines)
                x = dx + (item.get("x") or 0) + (item.get("dx") or 0)
                y = dy + (item.get("y") or 0) + (item.get("dy") or 0)
                left = {"left": x, "right": x - width}.get(item.get("align"), x - width / 2)
                # Vega sets the first line at the baseline and the others below it.
                top = {"top": y, "bottom": y - size, "alphabetic": y - size * 0.8}.get(item.get("baseline"), y - size / 2)
                texts.append((str(item["text"]), (left, top, left + width, top + height)))
            elif node.get("role") == "mark" and node["marktype"] == "symbol":
                x, y = dx + (item.get("x") or 0), dy + (item.get("y") or 0)
                points.append((x - 5, y - 5, x + 5, y + 5))
            elif node.get("role") == "mark" and node["marktype"] == "rect":
                x, y = dx + (item.get("x") or 0), dy + (item.get("y") or 0)
                rects.append((x, y, x + (item.get("width") or 0), y + (item.get("height") or 0)))

    walk(graph["scenegraph"])
    return texts, points, rects


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _charts(page: str, lang: str):
    at = open_page(page, {"lang": lang})
    return [_with_data(element) for element in charts_of_every_tab(at) if "projection" not in json.loads(element.proto.spec)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", CHART_PAGES)
def test_no_chart_label_overlaps_another_label_or_point(page, lang):
    specs = _charts(page, lang)
    assert specs
    for spec in specs:
        for width in WIDTHS:
            spec["width"] = width
            graph = vl_convert.vegalite_to_scenegraph(json.dumps(spec))
            texts, points, rects = _boxes(graph)
            title = spec["usermeta"]["title"]
            for i, (text, box) in enumerate(texts):
                for other, other_box in texts[i + 1 :]:
                    assert not _overlap(box, other_box), f"{title} at {width}px: '{text}' overlaps '{other}'"
                covered = [p for p in points if _overlap(box, p)]
                assert not covered, f"{title} at {width}px: '{text}' covers a point"
                # Labels inside a part-of-whole bar are meant to sit on it; every other text keeps off bars.
                if "part" not in spec["usermeta"].get("kind", ""):
                    on_bar = [r for r in rects if _overlap(box, r)]
                    assert not on_bar, f"{title} at {width}px: '{text}' runs into a bar"
                assert box[0] >= -40 and box[2] <= width + 40, f"{title} at {width}px: '{text}' runs out of the chart"


@pytest.mark.parametrize(
    "lang, title",
    [
        ("en", "Smart factories by tier, end\u00a0of\u00a02025"),
        ("de", "Intelligente Fabriken nach Stufe, Ende\u00a02025"),
        ("zh", "各级智能工厂数量（2025年底）"),
    ],
)
def test_a_chart_title_takes_its_period_from_the_data(lang, title):
    # The factories are counted at the end of 2025 (indicators.csv: period 2025, end_of); the
    # title says so from those rows, on one line, and would follow a new year in the data.
    at = open_page("manufacturing", {"lang": lang})
    titles = [" ".join(spec["title"]["text"]) if isinstance(spec["title"]["text"], list) else spec["title"]["text"] for spec in chart_specs(at)]
    assert title in titles
