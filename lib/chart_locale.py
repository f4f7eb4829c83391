"""Vega's number and time locale for each UI language, taken from Babel so axes match the text.

Also the axis formats charts need per language, derived from CLDR like the text's: a month tick
is ``Jan 2025`` in English, ``Jan. 2025`` in German and ``2025年1月`` in Chinese (year first).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.dates import get_day_names, get_month_names

from lib.formatting import MINUS
from lib.i18n import BABEL_LOCALES

# CLDR date-pattern letters and the d3-time-format directive for each (those our skeletons use).
_LDML_TO_D3 = {"y": "%Y", "yyyy": "%Y", "MMMM": "%B", "MMM": "%b", "MM": "%m", "M": "%-m", "LLL": "%b", "L": "%-m", "dd": "%d", "d": "%-d"}
_LDML_TOKEN = re.compile(r"'[^']*'|([A-Za-z])\1*")


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
            "minus": MINUS,  # as in the text (lib.formatting), never a hyphen
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


def d3_time_format(skeleton: str, lang: str) -> str:
    """The d3 time format writing a CLDR skeleton (``yMMM``) as the language does."""
    pattern = Locale.parse(BABEL_LOCALES[lang]).datetime_skeletons[skeleton].pattern
    out, position = [], 0
    for match in _LDML_TOKEN.finditer(pattern):
        # Literal text between tokens (spaces, 年, 月) is kept as it stands; quoted text too.
        out.append(pattern[position : match.start()].replace("%", "%%"))
        token = match.group(0)
        out.append(token.strip("'").replace("%", "%%") if token.startswith("'") else _LDML_TO_D3[token])
        position = match.end()
    out.append(pattern[position:].replace("%", "%%"))
    return "".join(out)


def month_tick_format(lang: str) -> str:
    """The d3 format for a month on a time axis: ``%b %Y`` (en, de), ``%Y年%-m月`` (zh).

    For ``alt.Axis(format=...)`` on a temporal axis; never hard-code ``%b %Y``, which prints
    "1月 2025" in Chinese.
    """
    return d3_time_format("yMMM", lang)


def year_tick_format(lang: str) -> str:
    """The d3 format for a year on a time axis (``%Y``; ``%Y年`` in Chinese)."""
    return d3_time_format("y", lang)


def count_label_expr(lang: str) -> str | None:
    """A Vega ``labelExpr`` writing a count axis's ticks as the text writes counts, or None.

    Chinese axes count in 万 and 亿 like the labels (15万, not 150,000); other languages need
    nothing beyond the locale's grouping.
    """
    if lang != "zh":
        return None
    return (
        "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, ',.4~f') + '亿'"
        " : abs(datum.value) >= 1e4 ? format(datum.value / 1e4, ',.4~f') + '万'"
        " : datum.label"
    )
