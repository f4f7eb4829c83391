"""What a reader takes away: CSV files safe to open in a spreadsheet, and charts as SVG and PNG."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from pathlib import Path

import pandas as pd
import vl_convert

from lib.charts import MUTED_TEXT_COLOUR, SUBTITLE_SIZE, TITLE_SIZE
from lib.formatting import publisher_name, reference_sites, references_text
from lib.i18n import t
from lib.text_metrics import wrap_to_width

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_WIDTH = 720
LICENCE_NOTE_KEY = "download.licence"


# Longest stem of a download's name: a long chart title still leaves a name a file system takes.
MAX_FILE_STEM = 80


def file_name(stem: str, extension: str) -> str:
    """A download's name from words in the reader's language: lower case, joined by hyphens, with
    nothing a file system refuses or a shell must quote (no "/", no space, no colon)."""
    words = re.findall(r"\w+", stem.casefold())  # \w is any letter or digit: ä and 数 stay
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > MAX_FILE_STEM and name:
            break
        name = f"{name}-{word}" if name else word
    return f"{name[:MAX_FILE_STEM] or 'download'}.{extension}"


def table_file_name(kind: str, lang: str, filtered: bool = False) -> str:
    """``beijing-digital-economy-figures.csv``, ``beijing-digitalwirtschaft-kennzahlen-gefiltert.csv``."""
    stem = t(f"download.file_{kind}", lang)
    return file_name(t("download.file_filtered", lang, name=stem) if filtered else stem, "csv")


def chart_file_name(chart_spec: dict, lang: str, extension: str) -> str:
    """A chart's download named by its title in the reader's language."""
    title = (chart_spec.get("usermeta") or {}).get("title") or _title_text(chart_spec.get("title"))
    return file_name(t("download.file_chart", lang, title=title), extension)


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


def initiatives_csv(rows: pd.DataFrame, references: Mapping[str, Mapping[str, Any]], lang: str) -> bytes:
    """Initiative rows as CSV: where each official name comes from, cited in the reader's language
    (``citation``) with the sites the sources are on (``citation_sites``), instead of the ids."""
    cited = rows["references"]
    frame = rows.drop(columns="references").assign(
        citation=[references_text(value, references, lang) for value in cited],
        citation_sites=[reference_sites(value, references) for value in cited],
    )
    return table_csv(frame, lang, t("download.initiatives_title", lang))


def figures_csv(rows: pd.DataFrame, lang: str, title: str | None = None) -> bytes:
    """Indicator rows as CSV, with the column meanings in the header block."""
    return table_csv(
        rows,
        lang,
        title or t("download.figures_title", lang),
        notes=[t("download.meta_columns", lang)],
    )


def chart_csv(data: pd.DataFrame, lang: str, chart_spec: dict) -> bytes:
    """A chart's CSV: the values as charted (lib.status.export_frame), titled like the chart."""
    meta = chart_spec.get("usermeta") or {}
    return table_csv(data, lang, meta.get("title") or t("download.figures_title", lang), notes=meta.get("notes", []))


# One font for every line of an exported chart, Latin and Chinese alike, shipped with a package
# (pylopdf-fonts-zh-cn: Noto Sans SC, SIL OFL) so nothing is fetched and no line falls back to a
# serif face. The browser shows charts in the page's font; images carry this one.
EXPORT_FONT = "Noto Sans SC"
EXPORT_PADDING = 24
_FONTS_REGISTERED = False


def _register_fonts() -> None:
    global _FONTS_REGISTERED
    if not _FONTS_REGISTERED:
        import pylopdf_fonts_zh_cn

        vl_convert.register_font_directory(str(Path(pylopdf_fonts_zh_cn.__file__).parent))
        _FONTS_REGISTERED = True


def source_line(rows: pd.DataFrame, lang: str) -> str:
    """One short "Source: …" line: the report first, then each other publisher once, oldest first."""
    publishers = []
    if (rows["source_type"] == "report").any():
        publishers.append(t("source.report_citation", lang))
    context = rows[rows["source_type"] != "report"]
    if "published" in context and len(context):
        context = context.sort_values("published")
    column = "publisher" if "publisher" in context else "citation"
    for publisher in context[column] if len(context) else []:
        name = publisher_name(publisher, lang) if column == "publisher" else publisher
        if name and name not in publishers:
            publishers.append(name)
    return t("download.chart_source", lang, sources=t("download.source_separator", lang).join(publishers))


def _export_spec(chart_spec: dict, rows: pd.DataFrame, lang: str) -> dict:
    """The chart at a fixed width with its title wrapped to that width, the plot, and the source
    line under the plot; every text in one font, a margin all round."""
    spec = copy.deepcopy(chart_spec)
    meta = spec.pop("usermeta", None) or {}
    title_text = meta.get("title") or _title_text(spec.get("title"))
    notes = meta.get("notes", [])
    top_level = {"$schema", "config", "datasets", "title", "autosize", "width", "background", "padding"}
    plot = {key: value for key, value in spec.items() if key not in top_level}
    plot["width"] = EXPORT_WIDTH
    footer_lines = wrap_to_width(source_line(rows, lang), EXPORT_WIDTH, 11)
    footer = {
        "data": {"values": [{}]},
        "mark": {"type": "text", "text": footer_lines, "align": "left", "baseline": "top", "fontSize": 11, "lineHeight": 15, "color": MUTED_TEXT_COLOUR},
        "encoding": {"x": {"value": 0}, "y": {"value": 0}},
        "width": EXPORT_WIDTH,
        "height": 15 * len(footer_lines),
    }
    _legends_on_top(plot)
    config = _in_export_font(spec.get("config") or {})
    exported = {
        "$schema": spec.get("$schema"),
        "config": config,
        "title": {
            "text": wrap_to_width(title_text, EXPORT_WIDTH, TITLE_SIZE),
            "subtitle": [line for note in notes for line in wrap_to_width(note, EXPORT_WIDTH, SUBTITLE_SIZE)],
            "anchor": "start",
            "offset": 12,
        },
        "vconcat": [plot, footer],
        "spacing": 16,
        "padding": EXPORT_PADDING,
        "background": "white",
    }
    if "datasets" in spec:
        exported["datasets"] = spec["datasets"]
    return exported


def _legends_on_top(node: object) -> None:
    """Legends go between title and plot in an image, so the source line is the image's last line."""
    if isinstance(node, dict):
        legend = node.get("legend")
        if isinstance(legend, dict) and legend.get("orient") in ("bottom", "none"):
            legend["orient"] = "top"
            legend.pop("legendX", None)
            legend.pop("legendY", None)
        for value in node.values():
            _legends_on_top(value)
    elif isinstance(node, list):
        for value in node:
            _legends_on_top(value)


def _title_text(title: object) -> str:
    if isinstance(title, dict):
        title = title.get("text", "")
    return " ".join(title) if isinstance(title, list) else str(title or "")


def _in_export_font(config: dict) -> dict:
    """The chart's config with every font set to the export font."""
    config = copy.deepcopy(config)
    config["font"] = EXPORT_FONT
    for part, keys in (("axis", ("labelFont", "titleFont")), ("legend", ("labelFont", "titleFont")), ("title", ("font", "subtitleFont")), ("text", ("font",))):
        config.setdefault(part, {})
        for key in keys:
            config[part][key] = EXPORT_FONT
    return config


def chart_svg(chart_spec: dict, rows: pd.DataFrame, lang: str) -> bytes:
    """The chart (a Vega-Lite spec) as SVG, with title and source line; rendered without a browser."""
    _register_fonts()
    return vl_convert.vegalite_to_svg(json.dumps(_export_spec(chart_spec, rows, lang))).encode("utf-8")


def chart_png(chart_spec: dict, rows: pd.DataFrame, lang: str) -> bytes:
    return png_from_svg(chart_svg(chart_spec, rows, lang))


def png_from_svg(svg: bytes) -> bytes:
    """The chart's SVG drawn at twice its size: the same picture as rendering the spec to PNG
    (compared pixel for pixel), in half the time, as the spec is not compiled and laid out again."""
    _register_fonts()
    return vl_convert.svg_to_png(svg.decode("utf-8"), scale=2)
