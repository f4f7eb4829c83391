"""A fast first look at many cell texts: pass, column-wise, the cells a row model's type plainly accepts.

Calling pydantic once per distinct cell costs a second per million cells (labels, sentences and ids
hardly repeat); Arrow checks a million in milliseconds. The check is read off the pydantic core
schema of the field, so lib/schema.py stays the one definition of each column's type. It is a
screen, not a second validator: it passes a cell only when pydantic would surely accept it as it is,
and flags every other cell (or gives up on a type it does not know), so that pydantic decides those
and words the message. It may flag too much, never too little.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# The characters Python's str.strip() removes (all lie below U+3001; a test checks). The validator
# strips every cell before pydantic sees it; a cell that starts or ends with one of these goes to
# that careful path instead, so the screen never has to strip.
_WHITESPACE = np.array([code for code in range(0x3001) if chr(code).isspace()], dtype=np.int32)
_FIRST_BYTE_OF_SPACE = np.zeros(256, dtype=bool)
_LAST_BYTE_OF_SPACE = np.zeros(256, dtype=bool)
for _encoded in (chr(_code).encode() for _code in _WHITESPACE):
    _FIRST_BYTE_OF_SPACE[_encoded[0]] = _LAST_BYTE_OF_SPACE[_encoded[-1]] = True
# A number in plain decimal notation, ASCII digits only. pydantic reads more ("1_000"), and Arrow
# might read some texts pydantic does not: anything else is left to pydantic.
_PLAIN_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
# Schema keys that change nothing about which texts pass.
_HARMLESS_KEYS = {"type", "metadata", "ref"}


@dataclass
class Screened:
    """Each cell's value if it passed, and which cells did not."""

    values: np.ndarray  # object (the text) or float (NaN where empty); flagged cells hold a placeholder
    flagged: np.ndarray  # bool: pydantic must look at these cells


def screen(schema: dict[str, Any], cells: pa.Array, blank_to_none: Any) -> Screened | None:
    """Screen ``cells`` against the core schema of one field; None if the schema holds anything unknown.

    ``blank_to_none`` is the before-validator that turns an empty cell into None (lib.schema), the one
    function a schema may hold that the screen knows what it does.
    """
    if cells.type != pa.string():
        return None
    optional = False
    if schema["type"] == "function-before" and schema["function"].get("function") is blank_to_none:
        schema, optional = schema["schema"], True
        if schema["type"] != "nullable" or set(schema) - _HARMLESS_KEYS - {"schema"}:
            return None
        schema = schema["schema"]
    if schema["type"] == "str":
        screened = _screen_text(schema, cells)
    elif schema["type"] == "float":
        screened = _screen_number(schema, cells)
    else:
        return None
    if screened is None:
        return None
    screened.flagged |= _has_edge_character(cells)
    if optional:  # an empty cell means "not given": valid, whatever the type says of ""
        screened.flagged &= ~_mask(pc.equal(pc.binary_length(cells), 0))
    return screened


def _screen_text(schema: dict[str, Any], cells: pa.Array) -> Screened | None:
    if set(schema) - _HARMLESS_KEYS - {"min_length", "max_length", "pattern"}:
        return None  # strict, lower-casing, ...: not this screen's business
    flagged = np.zeros(len(cells), dtype=bool)
    # Lengths in characters (code points), as pydantic counts them.
    length = pc.utf8_length(cells)
    if "min_length" in schema:
        flagged |= _mask(pc.less(length, schema["min_length"]))
    if "max_length" in schema:
        flagged |= _mask(pc.greater(length, schema["max_length"]))
    if "pattern" in schema:
        # Arrow's RE2 and pydantic's Rust regex share this syntax, and both search rather than match;
        # where they differ (\d is any Unicode digit in Rust, ASCII in RE2), RE2 is the stricter one.
        flagged |= ~_mask(pc.match_substring_regex(cells, schema["pattern"]))
    return Screened(cells.to_numpy(zero_copy_only=False), flagged)


def _screen_number(schema: dict[str, Any], cells: pa.Array) -> Screened | None:
    if set(schema) - _HARMLESS_KEYS - {"allow_inf_nan"} or schema.get("allow_inf_nan", True):
        return None
    plain = _mask(pc.match_substring_regex(cells, _PLAIN_NUMBER))
    numbers = np.full(len(cells), np.nan)
    if plain.any():
        numbers[plain] = pc.cast(cells.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
    # "1e999" is plain but not finite: pydantic says so.
    return Screened(numbers, ~plain | ~np.isfinite(numbers))


def _has_edge_character(cells: pa.Array) -> np.ndarray:
    """Which cells start or end with whitespace, read off the UTF-8 bytes of their first and last
    character (slicing a million cells into new strings and matching a regex took a second)."""
    offsets = np.frombuffer(cells.buffers()[1], dtype=np.int32)[cells.offset : cells.offset + len(cells) + 1]
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if not filled.any():
        return np.zeros(len(cells), dtype=bool)
    data = np.frombuffer(cells.buffers()[2], dtype=np.uint8)
    # Most cells start and end with a byte no whitespace has: only the others are decoded.
    first = filled & _FIRST_BYTE_OF_SPACE[data[np.minimum(starts, len(data) - 1)]]
    last = filled & _LAST_BYTE_OF_SPACE[data[np.maximum(ends - 1, 0)]]
    edge = np.zeros(len(cells), dtype=bool)
    edge[first] = np.isin(_code_point_at(data, starts[first]), _WHITESPACE)
    last_starts = ends[last] - 1
    for _ in range(3):  # back over continuation bytes (0b10xxxxxx) to where the last character starts
        last_starts = np.where((data[last_starts] & 0xC0) == 0x80, last_starts - 1, last_starts)
    edge[last] |= np.isin(_code_point_at(data, last_starts), _WHITESPACE)
    return edge


def _code_point_at(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    # UTF-8: the lead byte says how many bytes follow; none of the whitespace needs four bytes.
    end = len(data) - 1
    lead = data[at].astype(np.int32)
    second = (data[np.minimum(at + 1, end)] & 0x3F).astype(np.int32)
    third = (data[np.minimum(at + 2, end)] & 0x3F).astype(np.int32)
    two_bytes = ((lead & 0x1F) << 6) | second
    three_bytes = ((lead & 0x0F) << 12) | (second << 6) | third
    return np.select([lead < 0x80, lead < 0xE0, lead < 0xF0], [lead, two_bytes, three_bytes], default=0x10000)


def _mask(booleans: pa.Array) -> np.ndarray:
    return booleans.to_numpy(zero_copy_only=False).astype(bool, copy=False)
