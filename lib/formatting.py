"""Figures, periods and citations written the way a reader of each language expects (Babel/CLDR).

The one formatting layer: cards, tables, charts, exports and the glossary all take their numbers
from here, so a figure reads the same wherever it appears. What CLDR decides is taken from it
(digit grouping, decimal mark, percent spacing, date order, 万/亿 for large Chinese counts);
where CLDR's data for these locales falls short of what an editor writes, the rule is here:
a true minus sign (U+2212), never a hyphen; no plus sign on a bound ("more than 10%").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from lib.i18n import BABEL_LOCALES, catalogue, t
from lib.vocab import REPORT_REFERENCE

PERCENT_MEASURES = frozenset({"growth_yoy", "share", "rate"})
MINUS = "\u2212"
# CLDR gives these locales a hyphen-minus; typeset text, and every style guide, wants U+2212.
_HYPHEN = "-"

# Some units read better at another scale in some languages: English and German readers expect
# 亿元 as trillions; Chinese counts kilometres and people in 万, so those go back to plain
# kilometres and people, and CLDR's compact forms write them with 万/亿.
DISPLAY_SCALE: dict[tuple[str, str], float] = {
    ("million_km", "zh"): 1e6,
    ("million_people", "zh"): 1e6,
    ("hundred_million_yuan", "en"): 1e-4,
    ("hundred_million_yuan", "de"): 1e-4,
}
# Money already comes in 亿元 or 万亿元, the units a Chinese editor writes; percentages are not counts.
_NOT_COMPACT = frozenset({"trillion_yuan", "hundred_million_yuan", "percent"})
# A Chinese count of 1万 or more is written with 万/亿 (15.34万); below it, in full (9999).
_COMPACT_FROM = {"zh": 10_000}


def _with_minus(text: str) -> str:
    # Formatted numbers hold no other hyphen, so every one is a minus sign.
    return text.replace(_HYPHEN, MINUS)


def _signed(text: str, value: float, signed: bool) -> str:
    return "+" + text if signed and value > 0 else text


def round_significant(value: float, digits: int, toward: str = "nearest") -> float:
    """``value`` to ``digits`` significant digits: a derived figure is no more exact than its inputs.

    ``toward`` "down" or "up" rounds a bound the way that keeps it true (lib.status.rounding_toward):
    "more than 696.7" may become "more than 696", never "more than 697".
    """
    if value == 0 or not math.isfinite(value):
        return value
    return round_places(value, digits - 1 - math.floor(math.log10(abs(value))), toward)


def round_places(value: float, places: int, toward: str = "nearest") -> float:
    """``value`` to ``places`` decimal places (negative: tens, hundreds), to the nearest or ``toward``
    "down" or "up"."""
    if toward == "nearest" or not math.isfinite(value):
        return round(value, places)
    scaled = value * 10.0**places
    # Floating point gives 2.4 / 0.4 as 5.999...: a value on a step stays on it, not one step down.
    if math.isclose(scaled, round(scaled), rel_tol=1e-9):
        scaled = round(scaled)
    stepped = math.floor(scaled) if toward == "down" else math.ceil(scaled)
    return round(stepped / 10.0**places, max(places, 0))


def format_number(value: float, lang: str, max_decimals: int = 3, signed: bool = False) -> str:
    """A plain number in the locale's digits and separators, without trailing zeros."""
    rounded = round(float(value), max_decimals)
    if rounded == int(rounded):
        rounded = int(rounded)
    text = format_decimal(rounded, locale=BABEL_LOCALES[lang], decimal_quantization=False)
    return _signed(_with_minus(text), rounded, signed)


def format_quantity(value: float, lang: str, max_decimals: int = 3) -> str:
    """A count or amount as the language writes it: ``153,400`` / ``153.400`` / ``15.34万``.

    In Chinese, CLDR's short compact forms (万, 亿) with up to four decimals: exactly the figure,
    never rounded away (153,400 is 15.34万, 699,000 is 69.9万, 60,000 is 6万).
    """
    threshold = _COMPACT_FROM.get(lang)
    if threshold is None or abs(value) < threshold:
        return format_number(value, lang, max_decimals)
    text = format_compact_decimal(round(float(value), max_decimals), format_type="short", locale=BABEL_LOCALES[lang], fraction_digits=4)
    return _with_minus(text)


def format_percent_value(value: float, lang: str, signed: bool = False) -> str:
    """``46.4%`` / ``46,4 %`` / ``46.4%``: CLDR's percent pattern (German puts a no-break space)."""
    # Decimal, not float: 46.4 / 100 as a float prints as 46.399999999999997 %.
    fraction = Decimal(str(round(float(value), 3))) / 100
    text = format_percent(fraction, locale=BABEL_LOCALES[lang], decimal_quantization=False)
    return _signed(_with_minus(text), value, signed)


def format_amount(value: float, unit: str, measure: str, lang: str, signed: bool | None = None) -> str:
    """A value with its unit, but without the qualifier: ``2.4 trillion yuan``, ``+8,7 %``.

    A growth rate carries its sign unless told otherwise (``signed=False`` for a bound).
    """
    if measure in PERCENT_MEASURES:
        return format_percent_value(value, lang, signed=measure == "growth_yoy" if signed is None else signed)
    scale = DISPLAY_SCALE.get((unit, lang), 1)
    unit_key = f"unit.{unit}.scaled" if scale != 1 else f"unit.{unit}"
    number = format_number(value * scale, lang) if unit in _NOT_COMPACT else format_quantity(value * scale, lang)
    return t(unit_key, lang, value=number)


def format_figure(row: Mapping[str, Any], lang: str) -> str:
    """The figure as the source words it, qualifier included: ``more than 2.4 trillion yuan``.

    A bound on a growth rate goes without the plus: "more than 10%", not "more than +10%".
    """
    exact = row.get("qualifier", "exact") == "exact"
    signed = None if exact else False
    amount = format_amount(row["value"], row["unit"], row["measure"], lang, signed=signed)
    return t(f"qualifier.{row['qualifier']}", lang, figure=amount)


def chart_label(row: Mapping[str, Any], value: float, unit: str, lang: str) -> str:
    """A chart's label for a figure: qualifier and number on the chart's scale (``value`` in
    ``unit``), the unit left to the axis; percentages in full (``+8.7%``), Chinese counts in 万."""
    if row["measure"] in PERCENT_MEASURES:
        return format_figure(row, lang)
    number = format_number(value, lang, max_decimals=2) if unit in _NOT_COMPACT else format_quantity(value, lang, max_decimals=2)
    return t(f"qualifier.{row['qualifier']}", lang, figure=number)


def _parse_period(period: str) -> tuple[dt.date, str]:
    parts = [int(part) for part in period.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts), precision


def format_date_text(period: str, lang: str) -> str:
    """A year, a month or a day, in the locale's own way of writing it (``2025年1月``, ``Jan 2025``)."""
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
        # Said in words, as statistical releases say it (同比增长8.7%, "up 8.7%"): the size
        # without its sign, the direction in the text.
        size = format_figure({**growth_row, "value": abs(growth_row["value"])}, lang).lstrip("+")
        return t("kpi.change_growth" if growth_row["value"] >= 0 else "kpi.change_decline", lang, size=size)
    if row.get("base_period") and row.get("base_value") == row.get("base_value"):  # NaN != NaN
        base = {**row, "value": row["base_value"], "qualifier": "exact"}
        return t(
            "kpi.change_from_base",
            lang,
            base=format_figure(base, lang),
            base_period=format_date_text(row["base_period"], lang),
        )
    return None


def publisher_name(publisher: str, lang: str) -> str:
    """A publisher as the reader's language names it (北京市统计局, Statistikamt Beijing).

    The data names publishers in English; a name the catalogue does not know is shown as given.
    """
    return catalogue(lang).get(f"publisher.{publisher}", publisher)


def initiative_name(row: Mapping[str, Any], lang: str) -> str:
    """An initiative's name standing on its own (a card heading, a table cell, a tooltip).

    German readers get the report's own words; the report writes them inside its sentences
    ("... zur globalen Benchmark-Stadt"), so a name that starts there with a small letter is given
    the capital a German name standing alone starts with.
    """
    if lang != "de":
        return row[f"name_{lang}"]
    name = row["name_report"]
    return name[:1].upper() + name[1:]


def source_name(row: Mapping[str, Any], lang: str) -> str:
    """Who a figure comes from, in a word: this report, or the context figure's publisher."""
    if row["source_type"] == "report":
        return t("source.report_short", lang)
    return publisher_name(row.get("publisher") or "", lang) or row["citation"]


def citation_text(row: Mapping[str, Any], lang: str) -> str:
    """Where a figure comes from, in the reader's language.

    The report's citation is the app's own words in every language. A context figure's English
    citation is the data's ``citation`` column; in German and Chinese it is a reference in the
    reader's words, built from the row's publisher, date and address.
    """
    if row["source_type"] == "report":
        return t("source.report_citation", lang)
    if lang == "en" or not (row.get("publisher") and row.get("published") and row.get("url")):
        return row["citation"]
    site = urlsplit(row["url"]).hostname or row["url"]
    return reference_text({"publisher": row["publisher"], "published": row["published"], "site": site}, lang)


def reference_text(reference: Mapping[str, Any], lang: str) -> str:
    """One source in the reader's words: who (and which document), when, on which site, then the
    title or the names it gives, as published and never translated (``北京市统计局，2024年8月1日：
    《西城加快建设“马连道中国数据街”》``).

    Each part that the reference has wraps what comes before it in the language's frame, so the
    punctuation is the language's own (a Chinese citation has no English comma or parenthesis).
    """
    text = publisher = publisher_name(reference["publisher"], lang)
    if reference.get("document"):
        document = t(f"reference.document.{reference['document']}", lang, year=reference.get("document_year") or "")
        text = t("reference.document", lang, document=document, publisher=publisher)
    if reference.get("published"):
        text = t("reference.dated", lang, source=text, date=format_date_text(reference["published"], lang))
    if reference.get("site"):
        text = t("reference.repost" if reference.get("repost") else "reference.site", lang, source=text, site=reference["site"])
    if reference.get("title"):
        text = t("reference.title", lang, source=text, title=reference["title"])
    if reference.get("names"):
        text = t("reference.names", lang, source=text, names=reference["names"])
    return text


def reference_ids(cited: str) -> list[str]:
    """The ids in a ``references`` cell (``report;bmbs_release_20260121``), in the order cited."""
    return [part.strip() for part in (cited or "").split(";") if part.strip()]


def references_text(cited: str, references: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    """The sources a glossary term or an initiative cites, each in the reader's words, joined as
    the language joins a list of sources; the report is cited as everywhere else in the app."""
    texts = [t("source.report_citation", lang) if ref == REPORT_REFERENCE else reference_text(references[ref], lang) for ref in reference_ids(cited)]
    return t("reference.separator", lang).join(texts)


def reference_sites(cited: str, references: Mapping[str, Mapping[str, Any]]) -> str:
    """The sites of the cited sources, for a download that keeps where each can be found."""
    sites = [references[ref].get("site") or "" for ref in reference_ids(cited) if ref != REPORT_REFERENCE]
    return "; ".join(site for site in sites if site)


def citation_line(row: Mapping[str, Any], lang: str) -> str:
    """One line a journalist can paste: label, figure, period and source."""
    label = row.get(f"label_{lang}") or row.get("label_en", "")
    return t(
        "source.citation_line",
        lang,
        label=label,
        figure=format_figure(row, lang),
        period=format_period(row["period"], row["period_type"], lang),
        source=citation_text(row, lang),
    )
