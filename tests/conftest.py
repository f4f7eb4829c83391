"""Shared fixtures: the shipped data as the app sees it, and copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DATA_DIR, read_shipped


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder, for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def indicators_df():
    return read_shipped("indicators.csv")


@pytest.fixture(scope="session")
def initiatives_df():
    return read_shipped("initiatives.csv")
