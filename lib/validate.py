"""Read and validate the data files; run as ``python -m lib.validate FILE...`` to check them by hand.

Every problem is reported as ``FILE:LINE: COLUMN: what is wrong``, with LINE counted as a text editor
counts it (the header is line 1), so the person fixing the file can go straight to it.
"""

from __future__ import annotations

import csv
import gc
import io
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from lib.schema import (
    GLOSSARY_COLUMNS,
    INDICATOR_COLUMNS,
    INITIATIVE_COLUMNS,
    GlossaryRow,
    IndicatorRow,
    InitiativeRow,
)

FILE_KINDS: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "indicators": (IndicatorRow, INDICATOR_COLUMNS),
    "initiatives": (InitiativeRow, INITIATIVE_COLUMNS),
    "glossary": (GlossaryRow, GLOSSARY_COLUMNS),
}
_ADAPTERS = {kind: TypeAdapter(list[model]) for kind, (model, _) in FILE_KINDS.items()}

# Column names used where a problem concerns the file or a whole line rather than one cell.
WHOLE_FILE = "(file)"
WHOLE_LINE = "(line)"
HEADER = "(header)"

# A cell longer than this is not data but a broken file (an unclosed quote swallowing lines).
MAX_FIELD_CHARS = 100_000
MAX_PROBLEMS_PER_FILE = 200


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass
class FileResult:
    """What validating one file gave: its kind, its rows (when valid) and its problems."""

    path: str
    kind: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_file(path: str | Path, display_name: str | None = None) -> FileResult:
    """Validate one data file in a single pass and collect every problem it has."""
    name = display_name or str(path)
    result = FileResult(path=name)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        result.problems.append(Problem(name, 1, WHOLE_FILE, f"cannot be read: {error.strerror or error}"))
        return result
    text = _decode(raw, name, result)
    if text is None:
        return result
    records = _read_records(text, name, result)
    if records is None:
        return result
    header, header_line_count, lines, rows = records
    kind = _recognise_kind(header, name, result)
    if kind is None:
        return result
    result.kind = kind
    _, columns = FILE_KINDS[kind]
    if not rows:
        result.problems.append(Problem(name, header_line_count, WHOLE_FILE, "has a header but no data rows"))
        return result
    result.problems.extend(_validate_rows(kind, rows, lines, name))
    result.problems.extend(_check_across_rows(rows, lines, name, kind))
    result.problems.sort(key=lambda problem: (problem.line, columns.index(problem.column) if problem.column in columns else -1))
    if result.ok:
        result.rows = rows
    elif len(result.problems) > MAX_PROBLEMS_PER_FILE:
        hidden = len(result.problems) - MAX_PROBLEMS_PER_FILE
        last_line = result.problems[MAX_PROBLEMS_PER_FILE].line
        result.problems = result.problems[:MAX_PROBLEMS_PER_FILE]
        result.problems.append(Problem(name, last_line, WHOLE_FILE, f"{hidden} more problems not shown"))
    return result


def _decode(raw: bytes, name: str, result: FileResult) -> str | None:
    if not raw.strip():
        result.problems.append(Problem(name, 1, WHOLE_FILE, "is empty: expected a header line and data rows"))
        return None
    nul = raw.find(b"\x00")
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        result.problems.append(Problem(name, line, WHOLE_FILE, "contains binary data (a NUL byte): this is not a CSV text file"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        result.problems.append(
            Problem(name, line, WHOLE_FILE, f"is not UTF-8 (byte 0x{byte} on this line): save the file as UTF-8")
        )
        return None


def _read_records(text: str, name: str, result: FileResult):
    """Split the text into a header and row dicts, remembering the line each row starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    header_lines = 1
    previous_end = 0
    old_limit = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if header is None:
                header = [column.strip() for column in record]
                header_lines = reader.line_num
                continue
            if not record or record == [""]:
                continue  # blank lines carry nothing
            if len(record) != len(header):
                result.problems.append(_field_count_problem(name, start, header, record))
                continue
            rows.append(dict(zip(header, record)))
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
    if header is None:
        result.problems.append(Problem(name, 1, WHOLE_FILE, "is empty: expected a header line and data rows"))
        return None
    return header, header_lines, lines, rows


def _field_count_problem(name: str, line: int, header: list[str], record: list[str]) -> Problem:
    if len(record) < len(header):
        missing = header[len(record)]
        return Problem(
            name, line, missing,
            f"line has {len(record)} fields but the header has {len(header)}: it ends before column {missing} (truncated line?)",
        )
    return Problem(name, line, WHOLE_LINE, f"line has {len(record)} fields but the header has {len(header)}: too many fields")


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


def _validate_rows(kind: str, rows: list[dict[str, str]], lines: list[int], name: str) -> list[Problem]:
    # Validating a list in one call is fastest; pausing the garbage collector roughly halves
    # the time for large files, because pydantic creates many small objects that never cycle.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        validated = _ADAPTERS[kind].validate_python(rows)
    except ValidationError as error:
        return [_problem_from_error(item, lines, name) for item in error.errors(include_url=False)]
    finally:
        if gc_was_enabled:
            gc.enable()
    rows[:] = [row.model_dump() for row in validated]
    return []


def _problem_from_error(item: dict[str, Any], lines: list[int], name: str) -> Problem:
    location = item["loc"]
    index = location[0] if location and isinstance(location[0], int) else 0
    column = next((str(part) for part in location[1:] if isinstance(part, str)), None)
    context = item.get("ctx") or {}
    if column is None:
        column = str(context.get("column", WHOLE_LINE))
    message = item["msg"]
    if item["type"] == "literal_error":
        # pydantic says "Input should be 'a', 'b' or 'c'"; lead with what the cell holds instead.
        message = f"{_shorten(str(item['input']))!r} is not allowed here; expected {context.get('expected', '')}"
    elif item["type"] not in ("row_rule", "missing") and "input" in item and isinstance(item["input"], str):
        message = f"{message}; got {_shorten(item['input'])!r}"
    return Problem(name, lines[index], column, message)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_across_rows(rows: list[dict[str, Any]], lines: list[int], name: str, kind: str) -> list[Problem]:
    """Rules no single row can check: unique ids, and references that point at a real row."""
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for row, line in zip(rows, lines):
        row_id = row.get("id")
        if row_id in first_line:
            problems.append(Problem(name, line, "id", f"id {row_id!r} is used already on line {first_line[row_id]}"))
        else:
            first_line[row_id] = line
    if kind == "indicators":
        for row, line in zip(rows, lines):
            parent = row.get("parent_id")
            if parent and parent not in first_line:
                problems.append(Problem(name, line, "parent_id", f"refers to id {parent!r}, which is not in this file"))
    return problems


SOURCE_WORDS = {"report": "from the report", "context": "context figures from other sources"}


def summary(result: FileResult) -> str:
    if result.kind == "indicators":
        by_source = Counter(row["source_type"] for row in result.rows)
        detail = ", ".join(f"{count} {SOURCE_WORDS[source]}" for source, count in sorted(by_source.items(), reverse=True))
        return f"{result.path}: valid, {len(result.rows)} indicators ({detail})"
    if result.kind == "glossary":
        return f"{result.path}: valid, {len(result.rows)} glossary terms"
    districts = {row["district_code"] for row in result.rows if row["district_code"]}
    return f"{result.path}: valid, {len(result.rows)} initiatives in {len(districts)} districts"


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
