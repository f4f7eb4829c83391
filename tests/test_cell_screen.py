"""The screen: Arrow passes the cells a model's type plainly accepts and flags every other one for pydantic."""

from __future__ import annotations

import sys

import numpy as np
import pyarrow as pa

from lib.cell_screen import screen
from lib.schema import IndicatorRow, blank_to_none
from lib.validate import _field_adapter


def _screen(column: str, cells: list[str]):
    schema = _field_adapter(IndicatorRow, column).core_schema["items_schema"]
    return screen(schema, pa.array(cells, type=pa.string()), blank_to_none)


def test_every_character_str_strip_removes_lies_below_u3001():
    # The screen knows whitespace by the characters below U+3001; a new Python must not add one above.
    assert max(code for code in range(sys.maxunicode + 1) if chr(code).isspace()) == 0x3000


def test_valid_ids_pass_and_each_broken_one_is_flagged():
    screened = _screen("id", ["de_value", "De_value", "de-value", "", "x" * 81, "x" * 80])
    assert screened.flagged.tolist() == [False, True, True, True, True, False]
    assert screened.values[0] == "de_value"


def test_text_longer_than_its_model_allows_is_flagged_by_characters_not_bytes():
    screened = _screen("label_zh", ["数" * 2000, "数" * 2001, ""])
    assert screened.flagged.tolist() == [False, True, True]


def test_whitespace_at_either_end_of_a_cell_leaves_it_to_pydantic():
    cells = ["plain", " lead", "trail\u3000", "\u00a0nbsp", "in side", "数字。", "tab\t"]
    assert _screen("label_en", cells).flagged.tolist() == [False, True, True, True, False, False, True]


def test_numbers_in_plain_decimals_pass_and_the_rest_are_left_to_pydantic():
    screened = _screen("value", ["2.4", "-3", "1e3", ".5", "1_000", "zwei", "1e999", "nan", ""])
    assert screened.flagged.tolist() == [False, False, False, False, True, True, True, True, True]
    assert screened.values[:4].tolist() == [2.4, -3.0, 1000.0, 0.5]


def test_an_empty_optional_cell_passes_as_not_given():
    assert _screen("base_value", ["", "12.5"]).flagged.tolist() == [False, False]
    assert np.isnan(_screen("base_value", [""]).values[0])
    assert _screen("parent_id", ["", "x y"]).flagged.tolist() == [False, True]


def test_a_type_the_screen_does_not_know_is_left_to_pydantic():
    assert _screen("unit", ["percent"]) is None  # a Literal: few distinct values, pydantic checks them
