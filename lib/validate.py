"""Read and validate the data files; run as ``python -m lib.validate FILE...`` to check them by hand.

Every problem is reported as ``FILE:LINE: COLUMN: what is wrong``, with LINE counted as a text editor
counts it (the header is line 1), so the person fixing the file can go straight to it.

Speed matters for large files (a million rows must take seconds, not minutes), so a file is read
by Arrow's CSV reader into one dictionary per column; Arrow screens the distinct cell texts against
the type the model declares (lib/cell_screen.py) and pydantic validates the few it flags, once each,
which also words their messages; the rules across columns (lib/rules.py) run as array operations.
Files Arrow cannot map to editor lines (a cell spanning lines, a blank line, a row with the wrong
number of fields) are read again by Python's csv module, which knows every line.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
import re
import stat
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from pydantic import BaseModel, TypeAdapter, ValidationError

from lib import schema
from lib.cell_screen import screen
from lib.rules import RULES
from lib.schema import (
    GLOSSARY_COLUMNS,
    INDICATOR_COLUMNS,
    INITIATIVE_COLUMNS,
    REFERENCE_COLUMNS,
    GlossaryRow,
    IndicatorRow,
    InitiativeRow,
    ReferenceRow,
)
from lib.vocab import REPORT_REFERENCE

FILE_KINDS: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "indicators": (IndicatorRow, INDICATOR_COLUMNS),
    "initiatives": (InitiativeRow, INITIATIVE_COLUMNS),
    "glossary": (GlossaryRow, GLOSSARY_COLUMNS),
    "references": (ReferenceRow, REFERENCE_COLUMNS),
}
# Files that cite sources by the ids of the references file, which lies in the same folder.
CITING_KINDS = frozenset({"initiatives", "glossary"})
REFERENCES_FILE = "references.csv"
# Columns holding numbers; every other column holds text ("" where a cell is empty).
NUMBER_COLUMNS = frozenset({"value", "base_value"})

# Column names used where a problem concerns the file or a whole line rather than one cell.
WHOLE_FILE = "(file)"
WHOLE_LINE = "(line)"
HEADER = "(header)"

# A cell longer than this is not data but a broken file (an unclosed quote swallowing lines).
MAX_FIELD_CHARS = 100_000
MAX_PROBLEMS_PER_FILE = 200
ARROW_BLOCK_BYTES = 32 << 20
BOM = b"\xef\xbb\xbf"
COUNT_SLICE_BYTES = 16 << 20
MAP_FROM_BYTES = 8 << 20


def _field_adapter(model: type[BaseModel], column: str) -> TypeAdapter:
    # The type a model declares for one column, constraints and validators included.
    info = model.model_fields[column]
    field_type = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(list[field_type])


_FIELD_ADAPTERS: dict[str, dict[str, TypeAdapter]] = {
    kind: {column: _field_adapter(model, column) for column in columns} for kind, (model, columns) in FILE_KINDS.items()
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class Column:
    """One column as its distinct validated values and, per row, which of them the row holds."""

    def __init__(self, values: np.ndarray, indices: np.ndarray):
        # Text: an object array, "" where a cell is empty, None where it failed validation.
        # Numbers: a float array, NaN where a cell is empty or failed validation.
        self.values = values
        self.indices = indices

    @property
    def numeric(self) -> bool:
        return self.values.dtype.kind == "f"

    def _mask(self, hits: np.ndarray) -> np.ndarray:
        return hits[self.indices] if len(hits) else np.zeros(len(self.indices), dtype=bool)

    def equals(self, value: object) -> np.ndarray:
        return self._mask(np.array([v == value for v in self.values], dtype=bool))

    def isin(self, values: object) -> np.ndarray:
        wanted = set(values)  # type: ignore[arg-type]
        return self._mask(np.array([v in wanted for v in self.values], dtype=bool))

    def blank_values(self) -> np.ndarray:
        """Which distinct values are empty (or failed)."""
        # Whole arrays at once: a column of sentences has hundreds of thousands of distinct values.
        if self.numeric:
            return np.isnan(self.values)
        return pd.isna(self.values) | (self.values == "")

    def blank(self) -> np.ndarray:
        return self._mask(self.blank_values())

    def numbers(self) -> np.ndarray:
        table = self.values if self.numeric else np.array([np.nan if v is None else float(v) for v in self.values], dtype=float)
        return table[self.indices] if len(table) else np.zeros(len(self.indices))

    def value_at(self, row: int) -> object:
        value = self.values[self.indices[row]]
        if self.numeric:
            return None if np.isnan(value) else float(value)
        return value

    def texts_into(self, out: np.ndarray) -> None:
        """Each row's text, written into ``out`` (a valid column holds no None)."""
        np.take(self.values, self.indices, out=out)


@dataclass
class FileResult:
    """What validating one file gave: its kind, its columns (when valid) and its problems."""

    path: str
    kind: str | None = None
    columns: dict[str, Column] = field(default_factory=dict)
    row_count: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The valid rows: numbers as floats (NaN where empty), text as str ("" where empty)."""
        if not self.ok or self.kind is None:
            return pd.DataFrame()
        names = FILE_KINDS[self.kind][1]
        texts = [name for name in names if name not in NUMBER_COLUMNS]
        # Text as plain Python strings (object columns), not pandas' Arrow-backed default: the app
        # filters these frames many times a run, and converting a million cells into Arrow and
        # back cost a second of the loader's time. All text columns are written into one 2-D
        # array, the one block pandas keeps them in: built column by column, pandas copied them.
        block = np.empty((len(texts), self.row_count), dtype=object)
        for position, name in enumerate(texts):
            self.columns[name].texts_into(block[position])
        frame = pd.DataFrame(block.T, columns=texts, dtype=object, copy=False)
        for name in names:
            if name in NUMBER_COLUMNS:
                frame.insert(names.index(name), name, self.columns[name].numbers())
        return frame

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.frame.to_dict("records")


def validate_file(path: str | Path, display_name: str | None = None, reference_ids: Collection[str] | None = None) -> FileResult:
    """Validate one data file in a single pass and collect every problem it has.

    A file that cites references is checked against ``reference_ids``, by default the ids of the
    references.csv beside it (as the data folder keeps them).
    """
    name = display_name or str(path)
    result = FileResult(path=name)
    try:
        mapped = _map(path)
    except OSError as error:
        result.problems.append(Problem(name, 1, WHOLE_FILE, f"cannot be read: {error.strerror or error}"))
        return result
    try:
        # A file that starts with a BOM is sliced past it, which copies it: slower, still right.
        _validate_bytes(mapped[len(BOM) :] if mapped[: len(BOM)] == BOM else mapped, path, name, result, reference_ids)
    finally:
        if isinstance(mapped, mmap.mmap):
            mapped.close()  # at once: on Windows a mapped file cannot be saved by the maintainer's editor
    return result


def _map(path: str | Path) -> bytes | mmap.mmap:
    """The file's bytes; a large file mapped rather than read: Arrow parses the mapping in place, so
    it is not first copied into memory (a tenth of the loader's time at 100,000 rows). Small files
    (the app's own) are read: a file cut short by an editor while mapped would crash the server,
    while a short read is only a file with problems to show."""
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        if status.st_size < MAP_FROM_BYTES or not stat.S_ISREG(status.st_mode):
            return handle.read()  # nor can a pipe be mapped
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _validate_bytes(
    raw: bytes | mmap.mmap, path: str | Path, name: str, result: FileResult, reference_ids: Collection[str] | None
) -> None:
    if not _looks_like_text(raw, name, result):
        return
    header = _read_header(raw)
    kind = _recognise_kind(header, name, result)
    if kind is None:
        return
    result.kind = kind
    table = _read_with_arrow(raw, header, path) or _read_with_csv_module(raw, name, header, result)
    if table is None:
        return
    raw_columns, lines = table
    if len(lines) == 0:
        result.problems.append(Problem(name, 1, WHOLE_FILE, "has a header but no data rows"))
        return
    if kind in CITING_KINDS and reference_ids is None:
        reference_ids = _references_beside(Path(path), name, result)
    _check(kind, raw_columns, lines, name, result, reference_ids)


def validate_records(
    kind: str, records: list[dict[str, str]], name: str = "<rows>", reference_ids: Collection[str] | None = None
) -> FileResult:
    """Validate rows given as dicts of cell texts (line numbers as if written below a header).

    Rows have no folder to find references.csv in: cited ids are checked only against
    ``reference_ids`` when given.
    """
    columns = FILE_KINDS[kind][1]
    raw_columns = {column: _encode([str(record.get(column, "")) for record in records]) for column in columns}
    result = FileResult(path=name, kind=kind)
    _check(kind, raw_columns, np.arange(len(records)) + 2, name, result, reference_ids)
    return result


def _references_beside(path: Path, name: str, result: FileResult) -> frozenset[str] | None:
    """The ids of the references file beside ``path``; else one problem on the citing file (not one
    per cited id: the ids are not wrong, the file they point into is)."""
    beside = path.with_name(REFERENCES_FILE)
    references = validate_file(beside, display_name=str(Path(name).with_name(REFERENCES_FILE)))
    if references.ok and references.kind == "references":
        return frozenset(value for value in references.columns["id"].values if value)
    why = "is missing" if not beside.exists() else "has problems of its own: fix those first"
    result.problems.append(Problem(name, 1, "references", f"cites sources by id, but {REFERENCES_FILE} beside it {why}"))
    return None


def _looks_like_text(raw: bytes | mmap.mmap, name: str, result: FileResult) -> bool:
    if not re.search(rb"\S", raw):  # stops at the first visible byte; raw.strip() would copy the file
        result.problems.append(Problem(name, 1, WHOLE_FILE, "is empty: expected a header line and data rows"))
        return False
    nul = raw.find(b"\x00")
    if nul != -1:
        line = _count_newlines(raw, nul) + 1
        result.problems.append(Problem(name, line, WHOLE_FILE, "contains binary data (a NUL byte): this is not a CSV text file"))
        return False
    return True


def _count_newlines(raw: bytes | mmap.mmap, end: int) -> int:
    """How many line feeds come before byte ``end``. A mapped file has no ``count``; numpy counts a
    slice at a time (twice as fast as bytes.count, and never a mask the size of the file)."""
    data = np.frombuffer(raw, dtype=np.uint8, count=end)
    return sum(int(np.count_nonzero(data[start : start + COUNT_SLICE_BYTES] == 10)) for start in range(0, end, COUNT_SLICE_BYTES))


def _read_header(raw: bytes | mmap.mmap) -> list[str]:
    end = raw.find(b"\n")
    first_line = raw[: None if end == -1 else end].decode("utf-8", errors="replace")
    return [column.strip() for column in next(csv.reader([first_line]), [])]


def _recognise_kind(header: list[str], name: str, result: FileResult) -> str | None:
    overlap = {kind: len(set(header) & set(columns)) for kind, (_, columns) in FILE_KINDS.items()}
    kind = max(overlap, key=overlap.__getitem__)
    columns = FILE_KINDS[kind][1]
    if overlap[kind] < 3:
        known = " or ".join(f"{k} ({', '.join(c[:3])}, ...)" for k, (_, c) in FILE_KINDS.items())
        result.problems.append(Problem(name, 1, HEADER, f"is not a known data file: expected the header of {known}"))
        return None
    for column, count in Counter(header).items():
        if count > 1:
            result.problems.append(Problem(name, 1, column, f"column appears {count} times in the header"))
    for column in columns:
        if column not in header:
            result.problems.append(Problem(name, 1, column, f"column is missing from the header (this looks like the {kind} file)"))
    for column in header:
        if column not in columns:
            result.problems.append(Problem(name, 1, column or "(empty)", f"unexpected column (this looks like the {kind} file)"))
    return None if result.problems else kind


# Per column: its distinct cell texts (an Arrow string array), and per row which of them it holds.
RawColumns = dict[str, tuple[pa.Array, np.ndarray]]


def _read_with_arrow(raw: bytes | mmap.mmap, header: list[str], path: str | Path) -> tuple[RawColumns, np.ndarray] | None:
    """The fast path: Arrow parses and dictionary-encodes every column; None if lines would be off."""
    # Arrow reads the bytes in place (through a Python file it would copy them). A mapped file gets
    # a mapping of Arrow's own, not a view of ours: Arrow's reader threads may hold their input a
    # moment after read_csv returns, and ours is closed as soon as the file is validated.
    source = pa.memory_map(str(path)) if isinstance(raw, mmap.mmap) else pa.BufferReader(raw)
    try:
        table = pa_csv.read_csv(
            source,
            # Large blocks: with the default 1 MB, a 800 MB file came in 800 pieces that took longer
            # to read and to put together than a few big ones.
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1, block_size=ARROW_BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={column: pa.string() for column in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowException):
        return None  # wrong field count, bad UTF-8, unclosed quote: the csv module says where
    # Row i sits on line i + 2 only if every row is one line and no blank line hides in between.
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1
    if _count_newlines(raw, end) != table.num_rows:
        return None
    # Encoded per column after reading, not while reading: a dictionary per read block has to be
    # unified afterwards, which took longer than reading a file whose text hardly repeats. Arrow
    # encodes without Python's lock, so two threads encode the columns while this one checks them.
    pool = ThreadPoolExecutor(max_workers=2)
    columns = _Encoding({column: pool.submit(_encode_arrow, table[column]) for column in header})
    pool.shutdown(wait=False)  # its threads end once the last column is encoded
    return columns, np.arange(table.num_rows) + 2


class _Encoding(dict):
    """Columns still being encoded in the background: reading one waits for it."""

    def __getitem__(self, column: str) -> tuple[pa.Array, np.ndarray]:
        return super().__getitem__(column).result()


def _encode_arrow(cells: pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    # The blocks are joined before encoding: encoding them one by one and joining the dictionaries
    # afterwards took longer.
    encoded = pc.dictionary_encode(cells.combine_chunks())
    return encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)


def _read_with_csv_module(raw: bytes | mmap.mmap, name: str, header: list[str], result: FileResult) -> tuple[RawColumns, np.ndarray] | None:
    """The careful path: every record with the editor line it starts on, every broken line named."""
    try:
        text = raw[:].decode("utf-8")  # raw[:]: a mapped file has no decode
    except UnicodeDecodeError as error:
        line = _count_newlines(raw, error.start) + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        result.problems.append(Problem(name, line, WHOLE_FILE, f"is not UTF-8 (byte 0x{byte} on this line): save the file as UTF-8"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    previous_end = 0
    old_limit = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        for number, record in enumerate(reader):
            start = previous_end + 1
            previous_end = reader.line_num
            if number == 0 or not record or record == [""]:
                continue  # the header was read already; blank lines carry nothing
            if len(record) != len(header):
                result.problems.append(_field_count_problem(name, start, header, record))
                continue
            records.append(record)
            lines.append(start)
    except csv.Error as error:
        message = str(error)
        if "field larger" in message:
            message = f"has a field longer than {MAX_FIELD_CHARS:,} characters (an unclosed quote?)"
        elif "unexpected end of data" in message:
            message = "ends inside a quoted field: a closing quote is missing"
        result.problems.append(Problem(name, previous_end + 1, WHOLE_LINE, f"cannot be read as CSV: {message}"))
        return None
    finally:
        csv.field_size_limit(old_limit)
    columns = {column: _encode([record[position] for record in records]) for position, column in enumerate(header)}
    return columns, np.array(lines, dtype=np.int64)


def _encode(cells: list[str]) -> tuple[pa.Array, np.ndarray]:
    codes, distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
    return pa.array(list(distinct), type=pa.string()), codes.astype(np.int32)


def _field_count_problem(name: str, line: int, header: list[str], record: list[str]) -> Problem:
    if len(record) < len(header):
        missing = header[len(record)]
        return Problem(
            name, line, missing,
            f"line has {len(record)} fields but the header has {len(header)}: it ends before column {missing} (truncated line?)",
        )
    return Problem(name, line, WHOLE_LINE, f"line has {len(record)} fields but the header has {len(header)}: too many fields")


def _check(
    kind: str, raw_columns: RawColumns, lines: np.ndarray, name: str, result: FileResult, reference_ids: Collection[str] | None = None
) -> None:
    """Cells by their model's types, then rows by the rules, then the file by its references."""
    columns = FILE_KINDS[kind][1]
    problems = result.problems
    row_ok = np.ones(len(lines), dtype=bool)
    typed: dict[str, Column] = {}
    for column in columns:
        distinct, indices = raw_columns[column]
        values, bad = _validate_distinct(kind, column, distinct)
        typed[column] = Column(values, indices)
        for position, message in bad.items():
            rows = np.flatnonzero(indices == position)
            row_ok[rows] = False
            problems.extend(Problem(name, int(lines[row]), column, message) for row in rows[:MAX_PROBLEMS_PER_FILE])
    for broken in RULES[kind](typed):
        rows = np.flatnonzero(broken.rows & row_ok)
        problems.extend(Problem(name, int(lines[row]), broken.column, broken.message(int(row))) for row in rows[:MAX_PROBLEMS_PER_FILE])
    problems.extend(_check_references(kind, typed, lines, name))
    if kind in CITING_KINDS and reference_ids is not None:
        problems.extend(_check_cited_ids(typed["references"], lines, name, reference_ids))
    order = {column: position for position, column in enumerate(columns)}
    problems.sort(key=lambda problem: (problem.line, order.get(problem.column, -1)))
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        hidden = len(problems) - MAX_PROBLEMS_PER_FILE
        last_line = problems[MAX_PROBLEMS_PER_FILE].line
        del problems[MAX_PROBLEMS_PER_FILE:]
        problems.append(Problem(name, last_line, WHOLE_FILE, f"{hidden} more problems not shown"))
    if not problems:
        result.columns = typed
        result.row_count = len(lines)


def _validate_distinct(kind: str, column: str, distinct: pa.Array) -> tuple[np.ndarray, dict[int, str]]:
    """Each distinct cell text validated once; the values, and a message for each that failed.

    Arrow screens them all against the column's type; pydantic validates those the screen flags (or
    all of them, for a type the screen does not know), and words the message of each that fails.
    """
    adapter = _FIELD_ADAPTERS[kind][column]
    screened = screen(adapter.core_schema["items_schema"], distinct, schema.blank_to_none)
    if screened is None:
        values = np.full(len(distinct), np.nan) if column in NUMBER_COLUMNS else np.full(len(distinct), None, dtype=object)
        flagged = np.arange(len(distinct))
    else:
        values, flagged = screened.values, np.flatnonzero(screened.flagged)
    if not len(flagged):
        return values, {}
    cells = [cell.strip() for cell in distinct.take(pa.array(flagged)).to_pylist()]  # the models strip whitespace too
    validated, failed = _validate_cells(adapter, cells)
    numeric = values.dtype.kind == "f"
    for position, value in zip(flagged, validated):
        values[position] = value if value is not None else np.nan if numeric else ""  # None: an empty optional cell
    for index in failed:
        values[flagged[index]] = np.nan if numeric else None
    return values, {int(flagged[index]): message for index, message in failed.items()}


def _validate_cells(adapter: TypeAdapter, cells: list[str]) -> tuple[list[Any], dict[int, str]]:
    """pydantic's values for the cells (None for a failed one), and a message for each that failed."""
    try:
        return adapter.validate_python(cells), {}
    except ValidationError as error:
        failed = {item["loc"][0]: _message(item) for item in error.errors(include_url=False)}
    passed = adapter.validate_python([cell for index, cell in enumerate(cells) if index not in failed])
    passed_values = iter(passed)
    return [None if index in failed else next(passed_values) for index in range(len(cells))], failed


def _message(item: dict[str, Any]) -> str:
    if item["type"] == "literal_error":
        # pydantic says "Input should be 'a', 'b' or 'c'"; lead with what the cell holds instead.
        expected = (item.get("ctx") or {}).get("expected", "")
        return f"{_shorten(str(item['input']))!r} is not allowed here; expected {expected}"
    if item["type"] != "missing" and isinstance(item.get("input"), str):
        return f"{item['msg']}; got {_shorten(item['input'])!r}"
    return item["msg"]


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_references(kind: str, typed: dict[str, Column], lines: np.ndarray, name: str) -> list[Problem]:
    """Rules no single row can check: unique ids, and references that point at a real row."""
    problems: list[Problem] = []
    ids = typed["id"]
    rows = np.arange(len(ids.indices))
    if len(ids.values) < len(ids.indices):  # fewer distinct ids than rows: some id repeats
        _, first_rows = np.unique(ids.indices, return_index=True)
        first_row_of = np.full(len(ids.values), -1)
        first_row_of[np.unique(ids.indices)] = first_rows
        for row in np.flatnonzero(first_row_of[ids.indices] != rows)[:MAX_PROBLEMS_PER_FILE]:
            first_line = int(lines[first_row_of[ids.indices[row]]])
            problems.append(Problem(name, int(lines[row]), "id", f"id {ids.value_at(row)!r} is used already on line {first_line}"))
    if kind == "indicators":
        problems.extend(_check_parents(typed["id"], typed["parent_id"], lines, name))
    return problems


def _check_parents(ids: Column, parent: Column, lines: np.ndarray, name: str) -> list[Problem]:
    """Each parent_id names a valid id of this file, and not the row's own."""
    problems: list[Problem] = []
    # A set, not a dict of positions: a million ids in a dict took a second.
    known = set(ids.values[~ids.blank_values()].tolist())
    given = ~parent.blank_values()
    unknown = given & np.array([value not in known for value in parent.values], dtype=bool)
    for row in np.flatnonzero(parent._mask(unknown))[:MAX_PROBLEMS_PER_FILE]:
        problems.append(Problem(name, int(lines[row]), "parent_id", f"refers to id {parent.value_at(row)!r}, which is not in this file"))
    with_parent = np.flatnonzero(parent._mask(given & ~unknown))
    itself = parent.values[parent.indices[with_parent]] == ids.values[ids.indices[with_parent]]
    for row in with_parent[itself][:MAX_PROBLEMS_PER_FILE]:
        problems.append(Problem(name, int(lines[row]), "parent_id", "a figure cannot qualify itself"))
    return problems


def _check_cited_ids(cited: Column, lines: np.ndarray, name: str, reference_ids: Collection[str]) -> list[Problem]:
    """Every cited id must be a reference (or the report): a typo would cite nothing."""
    known = {*reference_ids, REPORT_REFERENCE}
    unknown = {
        position: [part for part in (piece.strip() for piece in value.split(";")) if part not in known]
        for position, value in enumerate(cited.values)
        if value
    }
    problems = []
    for position, missing in unknown.items():
        if not missing:
            continue
        names = ", ".join(repr(part) for part in missing)
        which = "is not an id" if len(missing) == 1 else "are not ids"
        for row in np.flatnonzero(cited.indices == position)[:MAX_PROBLEMS_PER_FILE]:
            problems.append(Problem(name, int(lines[row]), "references", f"{names} {which} of {REFERENCES_FILE} (or {REPORT_REFERENCE!r}, the report)"))
    return problems


SOURCE_WORDS = {"report": "from the report", "context": "context figures from other sources"}


def summary(result: FileResult) -> str:
    frame = result.frame
    if result.kind == "indicators":
        by_source = Counter(frame["source_type"])
        detail = ", ".join(f"{count} {SOURCE_WORDS[source]}" for source, count in sorted(by_source.items(), reverse=True))
        return f"{result.path}: valid, {len(frame)} indicators ({detail})"
    if result.kind == "glossary":
        return f"{result.path}: valid, {len(frame)} glossary terms"
    if result.kind == "references":
        return f"{result.path}: valid, {len(frame)} references"
    districts = set(frame["district_code"]) - {""}
    return f"{result.path}: valid, {len(frame)} initiatives in {len(districts)} districts"


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m lib.validate FILE.csv [FILE.csv ...]", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        try:
            result = validate_file(path)
        except Exception as error:  # a bug of ours must still not bury the maintainer in a traceback
            print(Problem(path, 1, WHOLE_FILE, f"could not be validated ({type(error).__name__}: {error})"))
            failed = True
            continue
        if result.ok:
            print(summary(result))
        else:
            failed = True
            for problem in result.problems:
                print(problem)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
