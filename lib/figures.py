"""Figures ready to show: series picked from the validated frame, put on one scale, labelled in the reader's language."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from lib.formatting import chart_label, citation_text, format_figure, format_period, publisher_name
from lib.i18n import t
from lib.status import status_fields

# Money figures come as 亿元 (100 million yuan) or trillion yuan; charts put them on one scale.
CHART_SCALE: dict[str, tuple[str, float]] = {"hundred_million_yuan": ("trillion_yuan", 1e-4)}


def period_date(period: str, period_type: str) -> dt.date:
    """The day a figure stands for on a time axis: a stock at the end of its period, a flow mid-year."""
    parts = [int(part) for part in period.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    (year,) = parts
    if period_type == "year":
        return dt.date(year, 7, 1)
    return dt.date(year, 12, 31)


def chart_unit(unit: str) -> str:
    return CHART_SCALE.get(unit, (unit, 1.0))[0]


def chart_value(value: float, unit: str) -> float:
    # Rounded past any digit a source prints: 16251.9 × 1e-4 is 1.62519, not 1.6251900000000001.
    return round(value * CHART_SCALE.get(unit, (unit, 1.0))[1], 10)


def series_rows(indicators_df: pd.DataFrame, series: str, include_superseded: bool = False) -> pd.DataFrame:
    """One series' figures, oldest first; superseded vintages only when asked for."""
    rows = indicators_df[indicators_df["series"] == series]
    if not include_superseded:
        rows = rows[rows["status"] == "current"]
    dates = [period_date(p, pt) for p, pt in zip(rows["period"], rows["period_type"])]
    return rows.assign(_date=dates).sort_values("_date").drop(columns="_date")


FRAME_COLUMNS = [
    "id", "label", "value", "figure", "short", "period", "date", "year", "source_type", "source", "citation",
    "qualifier", "bound", "bound_label", "basis", "basis_label", "scope", "scope_label", "vintage", "vintage_label",
    "period_type", "unit_label", "source_value", "source_unit_label", "publisher", "url",
]  # fmt: skip


def figure_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per figure with what a mark, a label, a tooltip and an export need, in the reader's language."""
    records = []
    for row in rows.to_dict("records"):
        is_report = row["source_type"] == "report"
        records.append(
            {
                "id": row["id"],
                "label": row[f"label_{lang}"],
                "value": chart_value(row["value"], row["unit"]),
                "figure": format_figure(row, lang),
                "short": short_figure(row, lang),
                "period": format_period(row["period"], row["period_type"], lang),
                "date": pd.Timestamp(period_date(row["period"], row["period_type"])),
                "year": int(row["period"][:4]),
                "source_type": row["source_type"],
                "source": t("chart.source_report", lang) if is_report else t("chart.source_context", lang),
                "citation": citation_text(row, lang),
                "qualifier": row["qualifier"],
                **status_fields(row, lang),
                "unit_label": t(f"unit_axis.{chart_unit(row['unit'])}", lang),
                "source_value": row["value"],
                "source_unit_label": t(f"unit_axis.{row['unit']}", lang),
                "publisher": publisher_name(row.get("publisher") or "", lang),
                "url": row.get("url") or "",
            }
        )
    return pd.DataFrame.from_records(records, columns=FRAME_COLUMNS)


def short_figure(row: dict, lang: str) -> str:
    """The figure as a chart label: qualifier and number on the chart's scale, the unit on the axis."""
    return chart_label(row, chart_value(row["value"], row["unit"]), chart_unit(row["unit"]), lang)


def child(indicators_df: pd.DataFrame, parent_id: str, measure: str) -> dict | None:
    """The figure that qualifies ``parent_id`` with ``measure`` (its growth, its share), if any."""
    rows = indicators_df[(indicators_df["parent_id"] == parent_id) & (indicators_df["measure"] == measure)]
    return rows.iloc[0].to_dict() if len(rows) else None
