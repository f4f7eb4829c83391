"""lib.page.per_view: a block's result is reused for the same view and data, and only then."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lib.data import data_version
from lib.filters import View
from lib.components import ChartModel
from lib.page import PageContext, _call, per_view

calls: list[tuple[str, str]] = []


@per_view
def _labels(ctx: PageContext, section: str) -> list[str]:
    calls.append((ctx.lang, section))
    rows = ctx.indicators_df
    return list(rows.loc[rows["section"] == section, f"label_{ctx.lang}"])


def context(indicators_df: pd.DataFrame, view: View, version: tuple) -> PageContext:
    return PageContext("overview", view, indicators_df, pd.DataFrame(), indicators_df, pd.DataFrame(), pd.DataFrame(), {}, version)


@pytest.fixture(autouse=True)
def fresh_cache():
    _call.clear()
    calls.clear()


def test_the_same_view_of_the_same_data_is_computed_once(indicators_df):
    ctx = context(indicators_df, View(lang="en"), data_version())
    first = _labels(ctx, "overview")
    second = _labels(ctx, "overview")
    assert first == second and "Digital economy value added" in first
    assert calls == [("en", "overview")]


def test_another_language_section_or_filter_is_computed_anew(indicators_df):
    version = data_version()
    _labels(context(indicators_df, View(lang="en"), version), "overview")
    _labels(context(indicators_df, View(lang="de"), version), "overview")
    _labels(context(indicators_df, View(lang="de"), version), "ai")
    _labels(context(indicators_df, View(lang="de", sectors=("ai",)), version), "ai")
    assert calls == [("en", "overview"), ("de", "overview"), ("de", "ai"), ("de", "ai")]


def test_an_edited_data_file_is_read_into_the_result(indicators_df, data_copy, monkeypatch):
    monkeypatch.setenv("BDE_DATA_DIR", str(data_copy))
    before = data_version()
    _labels(context(indicators_df, View(), before), "overview")
    path = data_copy / "indicators.csv"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = data_version()
    assert after != before
    _labels(context(indicators_df, View(), after), "overview")
    assert len(calls) == 2


def test_rows_as_an_argument_are_refused(indicators_df):
    ctx = context(indicators_df, View(), data_version())
    with pytest.raises(TypeError, match="names"):
        _labels(ctx, indicators_df)


def test_a_caller_changing_its_result_does_not_change_the_next_readers(indicators_df):
    ctx = context(indicators_df, View(lang="en"), data_version())
    first = _labels(ctx, "overview")
    first.append("spoiled")
    assert "spoiled" not in _labels(ctx, "overview")
    assert calls == [("en", "overview")]


@per_view
def _model(ctx: PageContext, section: str) -> ChartModel:
    calls.append((ctx.lang, section))
    rows = ctx.indicators_df.loc[ctx.indicators_df["section"] == section, ["id", "value"]].reset_index(drop=True)
    return ChartModel(spec={"title": "Value added", "layer": [{"mark": "line"}]}, alt_text="a line", rows=rows, data=rows)


def test_a_caller_changing_a_kept_charts_frames_or_spec_does_not_change_the_next_readers(indicators_df):
    ctx = context(indicators_df, View(lang="en"), data_version())
    first = _model(ctx, "overview")
    value = first.rows.loc[0, "value"]
    first.rows.loc[0, "value"] = -1.0
    first.data["extra"] = "spoiled"
    first.spec["title"] = "spoiled"
    second = _model(ctx, "overview")
    assert second.rows.loc[0, "value"] == value != -1.0
    assert "extra" not in second.data.columns
    assert second.spec["title"] == "Value added"
    assert calls == [("en", "overview")]


def test_the_cache_holds_at_most_its_bound_and_drops_the_oldest_view(indicators_df, monkeypatch):
    monkeypatch.setattr(_call, "MAX_ENTRIES", 2)
    version = data_version()
    for lang in ("en", "de", "zh"):
        _labels(context(indicators_df, View(lang=lang), version), "overview")
    assert len(_call) == 2
    _labels(context(indicators_df, View(lang="zh"), version), "overview")  # kept: not computed again
    _labels(context(indicators_df, View(lang="en"), version), "overview")  # dropped: computed again
    assert calls == [("en", "overview"), ("de", "overview"), ("zh", "overview"), ("en", "overview")]
