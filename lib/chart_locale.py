"""Vega's number and time locale for each UI language, taken from Babel so axes match the text."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.dates import get_day_names, get_month_names

from lib.i18n import BABEL_LOCALES


@cache
def vega_locale(lang: str) -> dict:
    locale = Locale.parse(BABEL_LOCALES[lang])
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    months = get_month_names("wide", locale=locale)
    short_months = get_month_names("abbreviated", locale=locale)
    days = get_day_names("wide", locale=locale)
    short_days = get_day_names("abbreviated", locale=locale)
    # Babel counts weekdays from Monday (0); d3 from Sunday.
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", ""],
        },
        "time": {
            "dateTime": "%x, %X",
            "date": "%Y-%m-%d",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days[i] for i in sunday_first],
            "shortDays": [short_days[i] for i in sunday_first],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short_months[i] for i in range(1, 13)],
        },
    }
