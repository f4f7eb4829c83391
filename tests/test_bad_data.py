"""The corpus of broken files in tests/bad_data: each gets its own clear line from the validator."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lib.validate import validate_file

from support import ROOT

BAD_DATA = ROOT / "tests" / "bad_data"

# file -> (line, column, words the message must contain)
EXPECTED = {
    "indicators_missing_column.csv": (1, "qualifier", "column is missing"),
    "indicators_extra_column.csv": (1, "remarks", "unexpected column"),
    "indicators_wrong_type.csv": (4, "value", "valid number"),
    "indicators_out_of_range.csv": (4, "value", "between 0 and 100"),
    "indicators_unknown_district.csv": (2, "district_code", "'110199' is not allowed"),
    "initiatives_unknown_sector.csv": (3, "sector", "'space_travel' is not allowed"),
    "indicators_duplicate_id.csv": (6, "id", "used already on line 3"),
    "indicators_empty.csv": (1, "(file)", "is empty"),
    "indicators_header_only.csv": (1, "(file)", "no data rows"),
    "indicators_latin1.csv": (2, "(file)", "not UTF-8"),
    "indicators_truncated_line.csv": (7, "measure", "truncated line"),
    "indicators_huge_field.csv": (3, "label_en", "at most 2000 characters"),
    "indicators_binary_garbage.csv": (1, "(file)", "binary data"),
    "indicators_unclosed_quote.csv": (8, "(line)", "closing quote is missing"),
    "glossary_unknown_reference.csv": (4, "references", "'bmbs_release_2026012' is not an id of references.csv"),
    "references_repost_without_site.csv": (4, "site", "a repost needs the site it is on"),
}
# Not broken: the sources the corpus's glossary and initiatives files cite, as data/ keeps them beside.
CITED = "references.csv"


def test_every_file_of_the_corpus_has_an_expectation():
    assert {path.name for path in BAD_DATA.glob("*.csv")} - {CITED} == set(EXPECTED)


def test_the_references_the_corpus_cites_are_valid():
    assert validate_file(BAD_DATA / CITED).ok


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validator_names_line_column_and_problem(name):
    line, column, words = EXPECTED[name]
    [first, *_] = validate_file(BAD_DATA / name).problems
    assert (first.line, first.column) == (line, column)
    assert words in first.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_prints_the_problem_and_exits_1_without_traceback(name):
    line, column, words = EXPECTED[name]
    result = subprocess.run([sys.executable, "-m", "lib.validate", f"tests/bad_data/{name}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith(f"tests/bad_data/{name}:{line}: {column}: ")
    assert words in result.stdout.splitlines()[0]
    assert "Traceback" not in result.stdout + result.stderr
