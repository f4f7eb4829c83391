"""UI text in three languages: one catalogue per language in lib/locales, looked up by key."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

LANGUAGES: tuple[str, ...] = ("en", "de", "zh")
DEFAULT_LANGUAGE = "en"
# Babel locale for each UI language: number and date conventions follow it.
BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "de": "de_DE", "zh": "zh_Hans_CN"}
# The page's language tag (BCP 47) for <html lang>: screen readers and font choice follow it.
HTML_LANG: dict[str, str] = {"en": "en", "de": "de", "zh": "zh-CN"}

_LOCALE_DIR = Path(__file__).resolve().parent / "locales"

Entry = str | dict[str, str]


@cache
def catalogue(lang: str) -> dict[str, Entry]:
    with open(_LOCALE_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    An entry that counts something is a dict of forms, one per plural category of the language
    (CLDR: English and German have ``one`` and ``other``, Chinese only ``other``), and may add
    exact matches such as ``=0``; it needs ``count=``, which picks the form and is written with
    the locale's digit grouping. So no text ever says "figure(s)" or "1 initiatives".

    A missing key raises: a test walks every page in every language, so a gap fails CI instead
    of showing an English word on a German screen.
    """
    entry = catalogue(lang)[key]
    if isinstance(entry, dict):
        if "count" not in values:
            raise TypeError(f"{key} counts something: pass count=")
        count = values["count"]
        entry = plural_form(entry, count, lang)
        values = {**values, "count": format_decimal(count, locale=BABEL_LOCALES[lang])}
    return entry.format(**values) if values else entry


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang``: ``one``, ``other``, ..."""
    return Locale.parse(BABEL_LOCALES[lang]).plural_form(count)


def plural_categories(lang: str) -> set[str]:
    """Every plural category the language distinguishes (``other`` always)."""
    return {*Locale.parse(BABEL_LOCALES[lang]).plural_form.rules, "other"}


def plural_form(forms: dict[str, str], count: float, lang: str) -> str:
    exact = forms.get(f"={count:g}")
    return exact if exact is not None else forms[plural_category(count, lang)]


def language_from_locale(browser_locale: str | None) -> str:
    """The UI language matching the browser's locale (``de-AT`` → ``de``), else the default."""
    if not browser_locale:
        return DEFAULT_LANGUAGE
    primary = browser_locale.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE
