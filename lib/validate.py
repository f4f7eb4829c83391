"""Read and validate the data files; run as ``python -m lib.validate FILE...`` to check them by hand.

Every problem is reported as ``FILE:LINE: COLUMN: what is wrong``, with LINE counted as a text editor
counts it (the header is line 1), so the person fixing the file can go straight to it.

Speed matters for large files (a million rows must take seconds, not minutes), so a file is read
by Arrow's CSV reader into one dictionary per column, pydantic validates each distinct cell value
once with the type its model declares, and the rules across columns (lib/rules.py) run as array
operations. Files Arrow cannot map to editor lines (a cell spanning lines, a blank line, a row with
the wrong number of fields) are read again by Python's csv module, which knows every line.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
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
BOM = b"\xef\xbb\xbf"


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

    def __init__(self, values: list[Any], indices: np.ndarray):
        self.values = values  # None where a cell is empty (or failed validation)
        self.indices = indices

    def _mask(self, hits: np.ndarray) -> np.ndarray:
        return hits[self.indices] if len(hits) else np.zeros(len(self.indices), dtype=bool)

    def equals(self, value: object) -> np.ndarray:
        return self._mask(np.array([v == value for v in self.values], dtype=bool))

    def isin(self, values: object) -> np.ndarray:
        wanted = set(values)  # type: ignore[arg-type]
        return self._mask(np.array([v in wanted for v in self.values], dtype=bool))

    def blank(self) -> np.ndarray:
        return self._mask(np.array([v is None or v == "" for v in self.values], dtype=bool))

    def numbers(self) -> np.ndarray:
        table = np.array([np.nan if v is None else float(v) for v in self.values], dtype=float)
        return table[self.indices] if len(table) else np.zeros(len(self.indices))

    def value_at(self, row: int) -> object:
        return self.values[self.indices[row]]

    def as_array(self, numeric: bool) -> np.ndarray:
        if numeric:
            return self.numbers()
        table = np.array(["" if v is None else v for v in self.values] or [""], dtype=object)
        return table[self.indices]


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
        # Text as plain Python strings (object columns), not pandas' Arrow-backed default: the app
        # filters these frames many times a run, and converting a million cells into Arrow and
        # back cost a second of the loader's time.
        return pd.DataFrame(
            {name: pd.Series(self.columns[name].as_array(name in NUMBER_COLUMNS), dtype=float if name in NUMBER_COLUMNS else object) for name in names}
        )

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
        raw = Path(path).read_bytes()
    except OSError as error:
        result.problems.append(Problem(name, 1, WHOLE_FILE, f"cannot be read: {error.strerror or error}"))
        return result
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    if not _looks_like_text(raw, name, result):
        return result
    header = _read_header(raw)
    kind = _recognise_kind(header, name, result)
    if kind is None:
        return result
    result.kind = kind
    table = _read_with_arrow(raw, header) or _read_with_csv_module(raw, name, header, result)
    if table is None:
        return result
    raw_columns, lines = table
    if len(lines) == 0:
        result.problems.append(Problem(name, 1, WHOLE_FILE, "has a header but no data rows"))
        return result
    if kind in CITING_KINDS and reference_ids is None:
        reference_ids = _references_beside(Path(path), name, result)
    _check(kind, raw_columns, lines, name, result, reference_ids)
    return result


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


def _looks_like_text(raw: bytes, name: str, result: FileResult) -> bool:
    if not re.search(rb"\S", raw):  # stops at the first visible byte; raw.strip() would copy the file
        result.problems.append(Problem(name, 1, WHOLE_FILE, "is empty: expected a header line and data rows"))
        return False
    nul = raw.find(b"\x00")
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        result.problems.append(Problem(name, line, WHOLE_FILE, "contains binary data (a NUL byte): this is not a CSV text file"))
        return False
    return True


def _read_header(raw: bytes) -> list[str]:
    end = raw.find(b"\n")
    first_line = (raw if end == -1 else raw[:end]).decode("utf-8", errors="replace")
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


RawColumns = dict[str, tuple[list[str], np.ndarray]]


def _read_with_arrow(raw: bytes, header: list[str]) -> tuple[RawColumns, np.ndarray] | None:
    """The fast path: Arrow parses and dictionary-encodes every column; None if lines would be off."""
    try:
        table = pa_csv.read_csv(
            io.BytesIO(raw),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1),
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
    if raw.count(b"\n", 0, end) != table.num_rows:
        return None
    columns: RawColumns = {}
    for column in header:
        # Encoded per column after reading, not while reading: a dictionary per read block has to be
        # unified afterwards, which took longer than reading a file whose text hardly repeats.
        encoded = pc.dictionary_encode(table[column]).combine_chunks()
        columns[column] = (encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False))
    return columns, np.arange(table.num_rows) + 2


def _read_with_csv_module(raw: bytes, name: str, header: list[str], result: FileResult) -> tuple[RawColumns, np.ndarray] | None:
    """The careful path: every record with the editor line it starts on, every broken line named."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
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


def _encode(cells: list[str]) -> tuple[list[str], np.ndarray]:
    codes, distinct = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
    return list(distinct), codes.astype(np.int32)


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


def _validate_distinct(kind: str, column: str, distinct: list[str]) -> tuple[list[Any], dict[int, str]]:
    """Each distinct cell text validated once; the values, and a message for each that failed."""
    adapter = _FIELD_ADAPTERS[kind][column]
    cells = [cell.strip() for cell in distinct]  # the models strip whitespace too
    try:
        return adapter.validate_python(cells), {}
    except ValidationError as error:
        bad = {item["loc"][0]: _message(item) for item in error.errors(include_url=False)}
    values = [None if position in bad else adapter.validate_python([cell])[0] for position, cell in enumerate(cells)]
    return values, bad


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
        parent = typed["parent_id"]
        # Map each distinct parent to the position of that id (-1: no such id), then compare per row.
        position_of = {value: position for position, value in enumerate(ids.values)}
        target = np.array([position_of.get(value, -1) if value else -2 for value in parent.values] or [-2])[parent.indices]
        for row in np.flatnonzero(target == -1)[:MAX_PROBLEMS_PER_FILE]:
            problems.append(Problem(name, int(lines[row]), "parent_id", f"refers to id {parent.value_at(row)!r}, which is not in this file"))
        for row in np.flatnonzero(target == ids.indices)[:MAX_PROBLEMS_PER_FILE]:
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
