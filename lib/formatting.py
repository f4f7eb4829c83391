"""Figures, periods and citations written the way a reader of each language expects (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

from lib.i18n import BABEL_LOCALES, t

PERCENT_MEASURES = frozenset({"growth_yoy", "share", "rate"})

# Some units read better at another scale in some languages: Chinese counts in 万 (10,000),
# so 48 million km is 4,800万公里; English and German readers expect 亿元 as trillions.
DISPLAY_SCALE: dict[tuple[str, str], float] = {
    ("million_km", "zh"): 100,
    ("million_people", "zh"): 100,
    ("hundred_million_yuan", "en"): 1e-4,
    ("hundred_million_yuan", "de"): 1e-4,
}


def format_number(value: float, lang: str, max_decimals: int = 3) -> str:
    """A plain number in the locale's digits and separators, without trailing zeros."""
    rounded = round(float(value), max_decimals)
    if rounded == int(rounded):
        rounded = int(rounded)
    return format_decimal(rounded, locale=BABEL_LOCALES[lang], decimal_quantization=False)


def format_percent_value(value: float, lang: str, signed: bool = False) -> str:
    # Decimal, not float: 46.4 / 100 as a float prints as 46.399999999999997 %.
    fraction = Decimal(str(round(float(value), 3))) / 100
    text = format_percent(fraction, locale=BABEL_LOCALES[lang], decimal_quantization=False)
    if signed and value > 0:
        text = "+" + text
    return text


def format_amount(value: float, unit: str, measure: str, lang: str) -> str:
    """A value with its unit, but without the qualifier: ``2.4 trillion yuan``, ``+8,7 %``."""
    if measure in PERCENT_MEASURES:
        return format_percent_value(value, lang, signed=measure == "growth_yoy")
    scale = DISPLAY_SCALE.get((unit, lang), 1)
    unit_key = f"unit.{unit}.scaled" if scale != 1 else f"unit.{unit}"
    return t(unit_key, lang, value=format_number(value * scale, lang))


def format_figure(row: Mapping[str, Any], lang: str) -> str:
    """The figure as the source words it, qualifier included: ``more than 2.4 trillion yuan``."""
    amount = format_amount(row["value"], row["unit"], row["measure"], lang)
    return t(f"qualifier.{row['qualifier']}", lang, figure=amount)


def _parse_period(period: str) -> tuple[dt.date, str]:
    parts = [int(part) for part in period.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts), precision


def format_date_text(period: str, lang: str) -> str:
    """A year, a month or a day, in the locale's own way of writing it."""
    date, precision = _parse_period(period)
    locale = BABEL_LOCALES[lang]
    if precision == "year":
        return format_skeleton("y", date, locale=locale)
    if precision == "month":
        return format_skeleton("yMMM", date, locale=locale)
    return format_date(date, "long", locale=locale)


def format_period(period: str, period_type: str, lang: str) -> str:
    """What the figure refers to: ``2025``, ``end of 2025``, ``as of 8 January 2026``."""
    return t(f"period.{period_type}", lang, date=format_date_text(period, lang))


def format_change(row: Mapping[str, Any], growth_row: Mapping[str, Any] | None, lang: str) -> str | None:
    """The change a KPI card shows under its figure, when the data gives one."""
    if growth_row is not None:
        return t(
            "kpi.change_growth",
            lang,
            change=format_figure(growth_row, lang),
        )
    if row.get("base_period") and row.get("base_value") == row.get("base_value"):  # NaN != NaN
        base = {**row, "value": row["base_value"], "qualifier": "exact"}
        return t(
            "kpi.change_from_base",
            lang,
            base=format_figure(base, lang),
            base_period=format_date_text(row["base_period"], lang),
        )
    return None


def citation_line(row: Mapping[str, Any], lang: str) -> str:
    """One line a journalist can paste: label, figure, period and source."""
    label = row.get(f"label_{lang}") or row.get("label_en", "")
    source = t("source.report_citation", lang) if row["source_type"] == "report" else row["citation"]
    return t(
        "source.citation_line",
        lang,
        label=label,
        figure=format_figure(row, lang),
        period=format_period(row["period"], row["period_type"], lang),
        source=source,
    )
