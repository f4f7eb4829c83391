"""Content tests of data/indicators.csv and data/initiatives.csv against the German report.

The report is shared/source/report-de.txt, beside the repo (in CI: a clone with shared/ next to it).
The CSVs are read with the csv module so these tests do not depend on the app's loader.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REPORT = Path(__file__).resolve().parents[2] / "shared" / "source" / "report-de.txt"
INDICATORS = REPO_ROOT / "data" / "indicators.csv"
INITIATIVES = REPO_ROOT / "data" / "initiatives.csv"

# Lines of the report that carry no figure of their own.
PHOTO_LINE_PREFIX = "[Foto"
SOURCE_LINE_PREFIX = "(Inhaltsquelle"

# shared/source/context.md: the 16 districts by statistical division code.
DISTRICT_CODES = {
    "Dongcheng": "110101", "Xicheng": "110102", "Chaoyang": "110105", "Fengtai": "110106",
    "Shijingshan": "110107", "Haidian": "110108", "Mentougou": "110109", "Fangshan": "110111",
    "Tongzhou": "110112", "Shunyi": "110113", "Changping": "110114", "Daxing": "110115",
    "Huairou": "110116", "Pinggu": "110117", "Miyun": "110118", "Yanqing": "110119",
}  # fmt: skip

# How the report writes small whole numbers: as words ("elf Prozent", "mehr als zehn Prozent").
NUMBER_WORDS = {
    1: "eins", 2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs",
    7: "sieben", 8: "acht", 9: "neun", 10: "zehn", 11: "elf", 12: "zwölf",
}  # fmt: skip

# The German wording of a qualifier, and the qualifier it means.
QUALIFIER_WORDS = {"überstieg": "more_than", "überschritt": "more_than", "mehr als": "more_than", "fast": "nearly"}

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„(\[])")
_DAY_ORDINAL_END = re.compile(r"(?<![\d.,])\d{1,2}\.$")
# A figure in a sentence: digits with German separators ("153.400", "2,4") or a number word.
_NUMBER_TOKEN = re.compile(
    r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])|\b(?:" + "|".join(NUMBER_WORDS.values()) + r")\b"
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def split_sentences(text: str) -> list[str]:
    """The report's sentences: each line split at a full stop followed by a capital.

    A day ordinal before a month ("Am 8. Januar") does not end a sentence; thousands separators
    ("153.400") and abbreviations followed by lower case ("Co., Ltd. offiziell") never match.
    """
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for match in _BOUNDARY.finditer(line):
            before, after = line[start : match.start()], line[match.end() :]
            if _DAY_ORDINAL_END.search(before) and after.startswith(MONTHS):
                continue
            sentences.append(before)
            start = match.end()
        sentences.append(line[start:])
    return sentences


def german_forms(value: str) -> list[str]:
    """The ways the report may write a value: "2.4" -> "2,4", "153400" -> "153.400", "11" -> "elf"."""
    number = Decimal(value).normalize()
    whole, _, fraction = format(number, "f").partition(".")
    digits = f"{int(whole):,}".replace(",", ".")
    if fraction:
        return [f"{digits},{fraction}"]
    forms = [digits]
    if int(whole) in NUMBER_WORDS:
        forms.append(NUMBER_WORDS[int(whole)])
    return forms


def find_value(sentence: str, value: str) -> re.Match[str] | None:
    """The first place where the sentence writes the value as a whole figure, in any of its forms."""
    matches = []
    for form in german_forms(value):
        if form[0].isdigit():
            pattern = r"(?<![\d.,])" + re.escape(form) + r"(?!\d|[.,]\d)"
        else:
            pattern = r"\b" + re.escape(form) + r"\b"
        match = re.search(pattern, sentence)
        if match:
            matches.append(match)
    return min(matches, key=lambda m: m.start()) if matches else None


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


REPORT_TEXT = REPORT.read_text(encoding="utf-8")
SENTENCES = split_sentences(REPORT_TEXT)
INDICATOR_ROWS = read_rows(INDICATORS)
INITIATIVE_ROWS = read_rows(INITIATIVES)
REPORT_INDICATORS = [row for row in INDICATOR_ROWS if row["source_type"] == "report"]
CONTEXT_INDICATORS = [row for row in INDICATOR_ROWS if row["source_type"] == "context"]
REPORT_ROWS = REPORT_INDICATORS + INITIATIVE_ROWS


def by_id(rows: list[dict[str, str]]):
    return pytest.mark.parametrize("row", rows, ids=[row["id"] for row in rows])


def test_report_sentences_are_read() -> None:
    assert len(SENTENCES) > 20
    assert REPORT_INDICATORS and CONTEXT_INDICATORS and INITIATIVE_ROWS


@pytest.mark.parametrize("path", [INDICATORS, INITIATIVES], ids=lambda p: p.name)
def test_data_file_is_utf8_without_bom_with_lf_line_ends(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    raw.decode("utf-8")


@by_id(REPORT_ROWS)
def test_report_row_source_de_occurs_verbatim_in_report(row: dict[str, str]) -> None:
    assert row["source_de"], "a report row needs its German sentence"
    assert row["source_de"] in REPORT_TEXT


@by_id(REPORT_ROWS)
def test_report_row_source_de_is_one_whole_sentence(row: dict[str, str]) -> None:
    assert row["source_de"] in SENTENCES


@by_id(REPORT_INDICATORS)
def test_report_indicator_value_appears_in_its_german_sentence(row: dict[str, str]) -> None:
    assert find_value(row["source_de"], row["value"]), (
        f"{row['value']} (as {german_forms(row['value'])}) not in: {row['source_de']}"
    )


@by_id([row for row in REPORT_INDICATORS if row["base_value"]])
def test_report_indicator_base_value_and_period_appear_in_its_german_sentence(row: dict[str, str]) -> None:
    assert find_value(row["source_de"], row["base_value"])
    assert row["base_period"] in row["source_de"]


def test_every_report_sentence_with_a_digit_is_the_source_of_a_row() -> None:
    sources = {row["source_de"] for row in REPORT_ROWS}
    missing = [
        sentence
        for sentence in SENTENCES
        if re.search(r"\d", sentence)
        and not sentence.startswith((PHOTO_LINE_PREFIX, SOURCE_LINE_PREFIX))
        and sentence not in sources
    ]
    assert not missing, missing


def test_every_district_named_in_report_has_an_initiative_under_its_code() -> None:
    named = [name for name in DISTRICT_CODES if re.search(rf"\b{name}\b", REPORT_TEXT)]
    assert named, "the report names districts"
    missing = [
        name
        for name in named
        if not any(
            row["district_code"] == DISTRICT_CODES[name] and re.search(rf"\b{name}\b", row["source_de"])
            for row in INITIATIVE_ROWS
        )
    ]
    assert not missing, missing


@by_id(CONTEXT_INDICATORS)
def test_context_row_carries_a_citation_and_no_report_sentence(row: dict[str, str]) -> None:
    assert row["citation"].strip()
    assert not row["source_de"] and not row["source_en"] and not row["source_zh"]


@by_id(CONTEXT_INDICATORS)
def test_context_row_label_does_not_claim_the_report(row: dict[str, str]) -> None:
    labels = " ".join((row["label_en"], row["label_de"], row["label_zh"])).lower()
    assert not any(word in labels for word in ("report", "bericht", "报道", "beijing daily"))


@by_id(REPORT_INDICATORS)
def test_report_indicator_qualifier_matches_german_wording(row: dict[str, str]) -> None:
    """The wording between the previous figure (years aside) and this one decides the qualifier."""
    sentence = row["source_de"]
    found = find_value(sentence, row["value"])
    assert found
    start = 0
    for token in _NUMBER_TOKEN.finditer(sentence[: found.start()]):
        if not _YEAR.fullmatch(token.group()):
            start = token.end()
    lead = sentence[start : found.start()]
    expected = "exact"
    for word, qualifier in QUALIFIER_WORDS.items():
        if re.search(rf"\b{word}\b", lead):
            expected = qualifier
    assert row["qualifier"] == expected, f"{lead!r} before {found.group()!r}"


@by_id([row for row in INITIATIVE_ROWS if row["claim"] == "world_first"])
def test_initiative_world_first_claim_is_worded_in_its_sentence(row: dict[str, str]) -> None:
    assert "weltweit erste" in row["source_de"]


@pytest.mark.parametrize("rows", [INDICATOR_ROWS, INITIATIVE_ROWS], ids=["indicators", "initiatives"])
def test_ids_are_unique_within_each_file(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_parent_id_refers_to_an_existing_indicator() -> None:
    ids = {row["id"] for row in INDICATOR_ROWS}
    dangling = [(row["id"], row["parent_id"]) for row in INDICATOR_ROWS if row["parent_id"] and row["parent_id"] not in ids]
    assert not dangling, dangling


def test_parent_comes_from_the_same_kind_of_source() -> None:
    source_type = {row["id"]: row["source_type"] for row in INDICATOR_ROWS}
    mixed = [
        row["id"]
        for row in INDICATOR_ROWS
        if row["parent_id"] and source_type.get(row["parent_id"], row["source_type"]) != row["source_type"]
    ]
    assert not mixed, mixed
