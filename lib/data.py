"""The one way into the data: cached loaders that validate each file before anyone sees it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.schema import GLOSSARY_COLUMNS, INDICATOR_COLUMNS, INITIATIVE_COLUMNS, REFERENCE_COLUMNS
from lib.validate import CITING_KINDS, REFERENCES_FILE, Problem, validate_file

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
INDICATORS_FILE = "indicators.csv"
INITIATIVES_FILE = "initiatives.csv"
GLOSSARY_FILE = "glossary.csv"
# Files whose cited ids are checked against REFERENCES_FILE: an edit of it must read them again.
CITING_FILES = frozenset(f"{kind}.csv" for kind in CITING_KINDS)
NUMBER_COLUMNS = frozenset({"value", "base_value"})
DISTRICTS_FILE = "districts.geojson"


class DataProblems(Exception):
    """The data files do not validate; carries every problem, ready to show."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class _Loaded:
    frame: pd.DataFrame | None
    problems: tuple[Problem, ...]


def _display_name(path: Path) -> str:
    # Name files as the maintainer sees them in the repo (data/indicators.csv), not by absolute path.
    try:
        return str(path.relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _modified(path: Path) -> float:
    # Part of the cache key, so that an edited file is read again without restarting the app.
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def read_table(path: Path, columns: tuple[str, ...]) -> _Loaded:
    """Validate one file and give its rows as a frame (not cached: tests and tools call this)."""
    result = validate_file(path, display_name=_display_name(path))
    if not result.ok:
        return _Loaded(None, tuple(result.problems))
    # The validator's columns as they are: numbers as floats, text as plain Python strings with ""
    # for an empty cell (pages test text for emptiness, not for NaN; and filtering object columns
    # of a few dozen rows is several times faster than Arrow-backed ones). A round trip through one
    # dict per row here cost ~60 s for a million rows (benchmark: "load ... through the app's loader").
    frame = result.frame[list(columns)]
    return _Loaded(frame, ())


@st.cache_data(show_spinner=False, max_entries=8)
def _load_table(path_text: str, modified: tuple[float, ...], columns: tuple[str, ...]) -> _Loaded:
    return read_table(Path(path_text), columns)


def data_dir() -> Path:
    """The data folder: ``data/`` beside the code, or ``BDE_DATA_DIR`` (tests and benchmark use it)."""
    override = os.environ.get("BDE_DATA_DIR")
    return Path(override) if override else DATA_DIR


def data_version() -> tuple[str, tuple[float, ...]]:
    """Where the data is read from and when each file last changed: part of every cache key that
    stands for something computed from the data (lib.page.per_view)."""
    folder = data_dir()
    names = (INDICATORS_FILE, INITIATIVES_FILE, GLOSSARY_FILE, REFERENCES_FILE, DISTRICTS_FILE)
    return str(folder), tuple(_modified(folder / name) for name in names)


def _load(file_name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    path = data_dir() / file_name
    modified = (_modified(path), _modified(path.with_name(REFERENCES_FILE))) if file_name in CITING_FILES else (_modified(path),)
    loaded = _load_table(str(path), modified, columns)
    if loaded.problems:
        raise DataProblems(list(loaded.problems))
    return loaded.frame


def load_indicators() -> pd.DataFrame:
    """Every figure, validated: one row per figure, columns as in ``lib.schema.IndicatorRow``."""
    return _load(INDICATORS_FILE, INDICATOR_COLUMNS)


def load_initiatives() -> pd.DataFrame:
    """Every named initiative, validated: columns as in ``lib.schema.InitiativeRow``."""
    return _load(INITIATIVES_FILE, INITIATIVE_COLUMNS)


def load_glossary() -> pd.DataFrame:
    """The glossary of the report's terms, validated: columns as in ``lib.schema.GlossaryRow``."""
    return _load(GLOSSARY_FILE, GLOSSARY_COLUMNS)


def load_references() -> pd.DataFrame:
    """The sources the glossary and the initiatives cite, validated: columns as in ``lib.schema.ReferenceRow``."""
    return _load(REFERENCES_FILE, REFERENCE_COLUMNS)


def references_by_id(references_df: pd.DataFrame) -> dict[str, dict]:
    """Each reference's row by its id: what ``lib.formatting.references_text`` looks cited ids up in."""
    return {row["id"]: row for row in references_df.to_dict("records")}


@st.cache_data(show_spinner=False)
def load_district_shapes() -> dict:
    """The 16 district polygons (GeoJSON FeatureCollection, rings wound for Vega)."""
    with open(data_dir() / DISTRICTS_FILE, encoding="utf-8") as handle:
        return json.load(handle)

