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
    from lib.schema import GLOSSARY_COLUMNS, INDICATOR_COLUMNS, INITIATIVE_COLUMNS

    columns = {"indicators.csv": INDICATOR_COLUMNS, "initiatives.csv": INITIATIVE_COLUMNS, "glossary.csv": GLOSSARY_COLUMNS}[file_name]
    loaded = read_table(DATA_DIR / file_name, columns)
    assert loaded.frame is not None, loaded.problems
    return loaded.frame
