"""What a reader takes away: CSV files safe to open in a spreadsheet, and charts as SVG and PNG."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable

import pandas as pd
import vl_convert

from lib.charts import wrap_words
from lib.i18n import t

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_WIDTH = 720
LICENCE_NOTE_KEY = "download.licence"


def neutralise(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def table_csv(frame: pd.DataFrame, lang: str, title: str, notes: Iterable[str] = ()) -> bytes:
    """``frame`` as UTF-8 CSV (with BOM, so spreadsheets detect the encoding), after a header block."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in (
        title,
        t("download.meta_source", lang),
        t(LICENCE_NOTE_KEY, lang),
        t("download.meta_date", lang, date=dt.date.today().isoformat()),
        *notes,
    ):
        writer.writerow([neutralise(f"# {line}")])
    writer.writerow([])
    writer.writerow([neutralise(column) for column in frame.columns])
    for record in frame.itertuples(index=False):
        writer.writerow([_cell(value) for value in record])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value == int(value):
        return int(value)  # 699000.0 is 699000 in a spreadsheet
    return neutralise(value)


def figures_csv(rows: pd.DataFrame, lang: str, title: str | None = None) -> bytes:
    """Indicator rows as CSV, with the column meanings in the header block."""
    return table_csv(
        rows,
        lang,
        title or t("download.figures_title", lang),
        notes=[t("download.meta_columns", lang)],
    )


def _export_spec(chart_spec: dict, rows: pd.DataFrame, lang: str) -> dict:
    spec = copy.deepcopy(chart_spec)
    spec["width"] = EXPORT_WIDTH
    title = spec.get("title") or {}
    if isinstance(title, str):
        title = {"text": title}
    subtitle = title.get("subtitle") or []
    if isinstance(subtitle, str):
        subtitle = [subtitle] if subtitle else []
    sources = sorted({t("source.report_citation", lang) if s == "report" else c for s, c in zip(rows["source_type"], rows["citation"])})
    source_line = t("download.chart_source", lang, sources="; ".join(sources))
    title["subtitle"] = [*subtitle, *wrap_words(source_line, 90)]
    title.setdefault("anchor", "start")
    spec["title"] = title
    spec.setdefault("background", "white")
    return spec


def chart_svg(chart_spec: dict, rows: pd.DataFrame, lang: str) -> bytes:
    """The chart (a Vega-Lite spec) as SVG, with title and source line; rendered without a browser."""
    return vl_convert.vegalite_to_svg(json.dumps(_export_spec(chart_spec, rows, lang))).encode("utf-8")


def chart_png(chart_spec: dict, rows: pd.DataFrame, lang: str) -> bytes:
    return vl_convert.vegalite_to_png(json.dumps(_export_spec(chart_spec, rows, lang)), scale=2)
