"""Shared test set-up: the app root on sys.path, paths to the data, and copies of it to break."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA_DIR = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder, for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def read_shipped(file_name: str):
    """A shipped data file as the app sees it: validated, empty text cells as ""."""
    from lib.data import read_table
    from lib.schema import GLOSSARY_COLUMNS, INDICATOR_COLUMNS, INITIATIVE_COLUMNS

    columns = {"indicators.csv": INDICATOR_COLUMNS, "initiatives.csv": INITIATIVE_COLUMNS, "glossary.csv": GLOSSARY_COLUMNS}[file_name]
    loaded = read_table(DATA_DIR / file_name, columns)
    assert loaded.frame is not None, loaded.problems
    return loaded.frame


@pytest.fixture(scope="session")
def indicators_df():
    return read_shipped("indicators.csv")


@pytest.fixture(scope="session")
def initiatives_df():
    return read_shipped("initiatives.csv")
