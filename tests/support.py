"""Helpers the test modules share (imported by name: pytest gives every conftest.py the same one)."""

from __future__ import annotations

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
