"""UI text in three languages: one catalogue per language in lib/locales, looked up by key."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "de", "zh")
DEFAULT_LANGUAGE = "en"
# Babel locale for each UI language: number and date conventions follow it.
BABEL_LOCALES: dict[str, str] = {"en": "en_US", "de": "de_DE", "zh": "zh_Hans_CN"}

_LOCALE_DIR = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    with open(_LOCALE_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    A missing key raises: a test walks every page in every language, so a gap fails CI instead
    of showing an English word on a German screen.
    """
    text = catalogue(lang)[key]
    return text.format(**values) if values else text


def language_from_locale(browser_locale: str | None) -> str:
    """The UI language matching the browser's locale (``de-AT`` → ``de``), else the default."""
    if not browser_locale:
        return DEFAULT_LANGUAGE
    primary = browser_locale.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE
