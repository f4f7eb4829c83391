"""Context figures are as checkable as the report's: each value stands in its source's quoted sentence,
worded as the source words it, and no reader-facing text points at a file of this repository.

The CSVs are read with the csv module; the ways a source may write a number are listed here by hand,
not taken from the app's formatter.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from test_data_content import CONTEXT_INDICATORS, INDICATOR_ROWS, INITIATIVE_ROWS, by_id, read_rows

from support import DATA_DIR

# How sources word a bound, in the languages quoted (zh simplified and traditional, en, ja).
MORE_THAN_WORDS = ("超", "突破", "逾", "more than", "over ", "exceed", "を超え")
ABOUT_WORDS = ("约", "約", "左右", "about", "around", "approximately", "約")
NEARLY_WORDS = ("近", "接近", "nearly", "almost", "ほぼ")
BOUND_WORDS = {"more_than": MORE_THAN_WORDS, "about": ABOUT_WORDS, "nearly": NEARLY_WORDS}
# How far from the number a bound word may stand ("超1.3萬億元", "200件を超え").
WINDOW = 6


def _trim(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def spellings(raw: str, unit: str) -> list[str]:
    """Ways a source writes ``raw`` (the CSV cell) in ``unit``: 90000 as 90,000 or 9万, 2183.2万 people."""
    value = Decimal(raw)
    plain = {raw, _trim(value)}
    forms = set(plain)
    if value == value.to_integral_value() and value >= 1000:
        forms.add(f"{int(value):,}")
    if value >= 10_000:
        forms |= {f"{_trim(value / 10_000)}{wan}" for wan in ("万", "萬")}
    if unit == "trillion_yuan":
        forms |= {f"{p}{word}" for p in plain for word in ("万亿", "萬億", " trillion", "兆")}
    if unit == "hundred_million_yuan":
        forms |= {f"{p}亿" for p in plain}
    if unit in ("million_people", "million_km"):
        forms |= {f"{_trim(value * 100)}{wan}" for wan in ("万", "萬")}
    if unit == "percent":
        forms |= {f"{p}{sign}" for p in plain for sign in ("%", "％", " percent")}
        # Chinese statistics write a rise of 190 % as "增长1.9倍" (grew by 1.9 times).
        if value >= 100:
            forms.add(f"{_trim(value / 100)}倍")
    return sorted(forms, key=len, reverse=True)


def find_value(quote: str, raw: str, unit: str) -> re.Match | None:
    for form in spellings(raw, unit):
        match = re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", quote)
        if match:
            return match
    return None


@by_id(CONTEXT_INDICATORS)
def test_context_value_stands_in_its_quoted_sentence(row: dict[str, str]) -> None:
    assert find_value(row["quote"], row["value"], row["unit"]), (row["value"], row["unit"], row["quote"])


@by_id(CONTEXT_INDICATORS)
def test_context_qualifier_is_worded_as_the_source_words_it(row: dict[str, str]) -> None:
    match = find_value(row["quote"], row["value"], row["unit"])
    assert match
    around = row["quote"][max(0, match.start() - WINDOW) : match.end() + WINDOW].lower()
    worded = {qualifier for qualifier, words in BOUND_WORDS.items() if any(word in around for word in words)}
    expected = set() if row["qualifier"] == "exact" else {row["qualifier"]}
    assert worded == expected, (row["qualifier"], around)


@by_id([row for row in CONTEXT_INDICATORS if row["measure"] == "growth_yoy"])
def test_context_growth_price_basis_is_only_what_the_source_says(row: dict[str, str]) -> None:
    # "At current prices" was once inferred for a rate whose source never said it.
    says_current = any(word in row["quote"] for word in ("按现价", "現価", "at current prices"))
    says_constant = any(word in row["quote"] for word in ("按不变价", "不変価格", "at constant prices"))
    if row["price_basis"] == "current":
        assert says_current
    elif row["price_basis"] == "constant":
        assert says_constant
    else:
        assert not says_current and not says_constant


@by_id(CONTEXT_INDICATORS)
def test_context_source_has_an_address_and_a_date(row: dict[str, str]) -> None:
    assert re.match(r"https?://[^\s]+$", row["url"])
    assert re.match(r"\d{4}-\d{2}(-\d{2})?$", row["published"])
    assert row["publisher"].strip() and row["citation"].strip()


# The glossary and the initiatives cite data/references.csv: its text columns are what readers see.
REFERENCE_ROWS = read_rows(DATA_DIR / "references.csv")


@pytest.mark.parametrize(
    "text",
    [row["citation"] for row in INDICATOR_ROWS]
    + [row[column] for row in REFERENCE_ROWS for column in ("publisher", "site", "title", "names")],
)
def test_no_reader_facing_source_names_a_file_of_this_repository(text: str) -> None:
    assert not re.search(r"\bcontext\.md\b|\.csv\b|\.txt\b", text), text
