"""Helpers the test modules share (imported by name: pytest gives every conftest.py the same one)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA_DIR = ROOT / "data"


def read_shipped(file_name: str):
    """A shipped data file as the app sees it: validated, empty text cells as ""."""
    from lib.data import read_table
    from lib.schema import GLOSSARY_COLUMNS, INDICATOR_COLUMNS, INITIATIVE_COLUMNS, REFERENCE_COLUMNS

    columns = {
        "indicators.csv": INDICATOR_COLUMNS, "initiatives.csv": INITIATIVE_COLUMNS, "glossary.csv": GLOSSARY_COLUMNS,
        "references.csv": REFERENCE_COLUMNS,
    }[file_name]
    loaded = read_table(DATA_DIR / file_name, columns)
    assert loaded.frame is not None, loaded.problems
    return loaded.frame


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of a #rgb or #rrggbb colour."""
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours (4.5 is AA for normal text)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def kpi_parts(markdown: str) -> tuple[str, str, str]:
    """A KPI card's one Markdown block as its reader reads it, still escaped: the heading, the
    figure and the change badge ("" without one). Fails when the card is not laid out that way."""
    heading, figure, rest = markdown.split("\n\n", 2)
    badge = re.match(r":\w+-badge\[(.*?)\]  \n", rest)
    return (
        re.fullmatch(r":small\[:gray\[(.*)\]\]", heading, re.S).group(1),
        re.fullmatch(r"\*\*(.*)\*\*", figure, re.S).group(1),
        badge.group(1) if badge else "",
    )


def blocks_keyed(at, prefix: str) -> dict[str, object]:
    """The page's containers keyed ``<prefix><name>``, by name, in page order (a block id ends with its key)."""
    found: dict[str, object] = {}

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            block_id = getattr(child.proto, "id", "") or ""
            if f"-{prefix}" in block_id and not block_id.endswith(f"-{prefix}grid"):  # the cards' grid holds them all
                found[block_id.split(f"-{prefix}", 1)[1]] = child
            walk(child)

    walk(at.main)
    return found


def kpi_figures(at) -> list[str]:
    """The figures of a page's KPI cards (escaped, as sent), in page order."""
    return [kpi_parts(card.get("markdown")[0].value)[1] for card in blocks_keyed(at, "kpi_").values()]


def tab_labels(at) -> tuple[str | None, list[str]]:
    """The key and labels of the page's tabs (a page has at most one set), or (None, [])."""
    containers = at.get("tab_container")
    if not containers:
        return None, []
    [container] = containers
    return container.proto.id.split("-", 2)[2], [tab.label for tab in container.children.values()]


def each_tab(at):
    """The page once per tab, in order, as a reader clicking each tab in turn sees it (a page
    without tabs once). Only the open tab's content is built, so a test of every chart walks them."""
    key, labels = tab_labels(at)
    if key is None:
        yield at
        return
    for label in labels:
        at.session_state[key] = label
        at.run()
        yield at


def each_kpi_source(at):
    """The page once per KPI card, in page order, with that card's source open, as a reader pressing
    each card's Source button in turn sees it (one source is open at a time)."""
    keys = [button.key for button in at.button if (button.key or "").startswith("src_")]
    for key in keys:
        at.button(key=key).click().run()
        yield at


def charts_of_every_tab(at) -> list:
    """Every chart element of the page, tab after tab."""
    return [chart for tab in each_tab(at) for chart in tab.get("vega_lite_chart")]
