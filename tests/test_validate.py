"""The validator: whole files in, one line per problem out, never a traceback."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lib import validate
from lib.schema import GLOSSARY_COLUMNS, INDICATOR_COLUMNS, INITIATIVE_COLUMNS
from lib.validate import REFERENCES_FILE, validate_file

from support import DATA_DIR, ROOT


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns=INDICATOR_COLUMNS, line_end: str = "\n") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator=line_end, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    if tuple(columns) in (INITIATIVE_COLUMNS, GLOSSARY_COLUMNS) and not path.with_name(REFERENCES_FILE).exists():
        # A citing file is checked against the references.csv beside it, as in data/.
        shutil.copy(DATA_DIR / REFERENCES_FILE, path.with_name(REFERENCES_FILE))
    return path


@pytest.fixture(autouse=True, params=["read", "mapped"])
def file_access(request, monkeypatch):
    """Every test twice: files read into memory (as the app's small files are) and mapped (as large
    files are, lib.validate.MAP_FROM_BYTES), so both ways give the same problems on the same lines."""
    if request.param == "mapped":
        monkeypatch.setattr(validate, "MAP_FROM_BYTES", 1)
    return request.param


def run_cli(*paths: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.validate", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )


def test_shipped_files_are_valid_and_summarised_one_line_each():
    result = run_cli(DATA_DIR / "indicators.csv", DATA_DIR / "initiatives.csv", DATA_DIR / "glossary.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(str(DATA_DIR / "indicators.csv") + ": valid")


def test_out_of_range_share_names_file_line_and_column(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    share_index = next(i for i, row in enumerate(rows) if row["measure"] == "share")
    rows[share_index]["value"] = "146.4"
    path = _write(tmp_path / "indicators.csv", rows)
    result = run_cli(path)
    assert result.returncode == 1
    expected_line = share_index + 2  # the header is line 1
    assert f"{path}:{expected_line}: value: a share must lie between 0 and 100" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_every_problem_of_a_file_is_reported_not_only_the_first(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["district_code"] = "110199"
    rows[3]["qualifier"] = "roughly"
    rows[5]["value"] = "zwei"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(2, "district_code"), (5, "qualifier"), (7, "value")]


def test_growth_above_100_percent_is_accepted_but_a_negative_count_is_not(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    growth = next(row for row in rows if row["measure"] == "growth_yoy")
    growth["value"] = "140"
    count_index = next(i for i, row in enumerate(rows) if row["measure"] == "count")
    rows[count_index]["value"] = "-3"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(count_index + 2, "value")]
    assert "whole number of 0 or more" in problems[0].message


def test_fractional_count_is_rejected(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row["measure"] == "count")
    rows[index]["value"] = "209.5"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 2, "value")]


def test_duplicate_id_points_at_the_first_use(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[4]["id"] = rows[1]["id"]
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(6, "id")]
    assert "line 3" in problems[0].message


def test_parent_id_must_exist(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row["parent_id"])
    rows[index]["parent_id"] = "no_such_figure"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 2, "parent_id")]


def test_report_row_without_german_sentence_is_rejected(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row["source_type"] == "report")
    rows[index]["source_de"] = ""
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 2, "source_de")]


def test_context_row_without_citation_is_rejected(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row["source_type"] == "context")
    rows[index]["citation"] = " "
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 2, "citation")]


def test_zone_outside_its_district_is_rejected(tmp_path):
    from lib.schema import INITIATIVE_COLUMNS

    rows = _rows(DATA_DIR / "initiatives.csv")
    index = next(i for i, row in enumerate(rows) if row["zone"] == "bda")
    rows[index]["district_code"] = "110108"
    problems = validate_file(_write(tmp_path / "initiatives.csv", rows, INITIATIVE_COLUMNS)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 2, "district_code")]


def test_bom_and_crlf_line_ends_are_accepted(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    path = _write(tmp_path / "indicators.csv", rows, line_end="\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = validate_file(path)
    assert result.ok, result.problems
    assert len(result.rows) == len(rows)


def test_line_numbers_count_physical_lines_when_a_cell_spans_lines(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["citation"] = "first line\nsecond line"
    rows[2]["unit"] = "furlongs"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    # Row 3 starts on editor line 5: the header, row 1 (two lines), row 2.
    assert [(p.line, p.column) for p in problems] == [(5, "unit")]


def test_missing_and_unexpected_columns_are_named(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    columns = [c for c in INDICATOR_COLUMNS if c != "qualifier"] + ["remarks"]
    for row in rows:
        row["remarks"] = "x"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows, columns)).problems
    assert {(p.line, p.column) for p in problems} == {(1, "qualifier"), (1, "remarks")}


def test_unknown_header_says_what_was_expected(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,age\nx,1\n", encoding="utf-8")
    [problem] = validate_file(path).problems
    assert problem.line == 1 and problem.column == "(header)"
    assert "indicators" in problem.message and "initiatives" in problem.message


@pytest.mark.parametrize(
    "content, line, words",
    [
        (b"", 1, "is empty"),
        (b"\n\n", 1, "is empty"),
        (",".join(INDICATOR_COLUMNS).encode() + b"\n", 1, "no data rows"),
        (",".join(INDICATOR_COLUMNS).encode() + b"\nabc,d\xe4f\n", 2, "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data"),
    ],
    ids=["empty", "blank-lines", "header-only", "latin-1", "binary"],
)
def test_broken_files_get_one_clear_line(tmp_path, content, line, words):
    path = tmp_path / "indicators.csv"
    path.write_bytes(content)
    result = run_cli(path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:{line}: ")
    assert words in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_truncated_line_names_the_first_missing_column(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    fields = next(csv.reader([text[2]]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields[:8])
    text[2] = buffer.getvalue()
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    problems = validate_file(path).problems
    assert [(p.line, p.column) for p in problems] == [(3, INDICATOR_COLUMNS[8])]
    assert "truncated" in problems[0].message


def test_unclosed_quote_is_reported_not_swallowed(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8")
    path = tmp_path / "indicators.csv"
    path.write_text(text + 'broken,"report,overview\n', encoding="utf-8")
    problems = validate_file(path).problems
    assert problems and problems[0].column in {"(line)", "(file)"}
    assert "quote" in problems[0].message


def test_a_huge_field_is_reported_in_its_column(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["label_en"] = "x" * 200_000
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(2, "label_en")]
    assert "at most 2000 characters" in problems[0].message


def test_an_unclosed_quote_swallowing_the_file_is_a_broken_line(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",", ',"', 1)  # opens a quote that never closes
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text * 2000) + "\n", encoding="utf-8")
    problems = validate_file(path).problems
    # The quote opened on line 4 breaks the record that starts there: the problem is on line 4.
    assert [(p.line, p.column) for p in problems] == [(4, "(line)")]
    assert "cannot be read as CSV" in problems[0].message


def test_a_missing_file_is_reported_without_traceback(tmp_path):
    result = run_cli(tmp_path / "nope.csv")
    assert result.returncode == 1
    assert "cannot be read" in result.stdout


def test_no_arguments_prints_usage():
    result = run_cli()
    assert result.returncode == 2
    assert "usage" in result.stderr


# --- records spanning several lines: a problem is reported at the line the record starts on ---


def test_a_bad_cell_in_a_record_spanning_lines_is_reported_at_its_first_line(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[2]["citation"] = "one\ntwo\nthree"  # row 3 starts on line 4 and ends on line 6
    rows[2]["unit"] = "furlongs"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(4, "unit")]


def test_a_broken_rule_in_a_record_spanning_lines_is_reported_at_its_first_line(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row["measure"] == "share")
    rows[index - 1]["source_en"] = "a\nb"  # the record before adds a line
    rows[index]["source_en"] = "first\nsecond"
    rows[index]["value"] = "146.4"
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(index + 3, "value")]


def test_a_duplicate_id_names_the_first_line_of_the_record_it_repeats(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["citation"] = "spans\ntwo lines"
    rows[1]["citation"] = "spans\nthree\nlines"  # row 2: lines 4 to 6
    rows[2]["id"] = rows[1]["id"]  # row 3 starts on line 7
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [(p.line, p.column) for p in problems] == [(7, "id")]
    assert "line 4" in problems[0].message


def test_a_short_record_spanning_lines_is_reported_at_its_first_line(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["label_en"] = "two\nlines"
    path = _write(tmp_path / "indicators.csv", rows)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    # Row 1 is lines 2-3; row 2 (line 4) gets a quoted cell over two lines and then ends early.
    fields = next(csv.reader([lines[3]]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_ALL).writerow([fields[0], "report\nreport", *fields[2:8]])
    lines[3] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    problems = validate_file(path).problems
    assert [(p.line, p.column) for p in problems] == [(4, INDICATOR_COLUMNS[8])]


def test_a_quote_error_after_a_cell_spanning_lines_is_reported_where_the_record_starts(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    # Line 3 becomes a record whose first cell spans two lines and then breaks the quoting.
    text[2] = '"broken\nid"x,' + text[2].split(",", 1)[1]
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    problems = validate_file(path).problems
    assert [(p.line, p.column) for p in problems] == [(3, "(line)")]


def test_records_as_dicts_are_numbered_as_if_below_a_header():
    from lib.validate import validate_records

    rows = _rows(DATA_DIR / "indicators.csv")
    rows[1]["value"] = "many"
    result = validate_records("indicators", rows, name="pasted")
    assert [str(p).split(": ")[0] for p in result.problems] == ["pasted:3"]


# --- the words of a problem, written out (a maintainer reads them to fix the file) -----------


def test_problem_messages_say_what_the_cell_holds_and_what_was_expected(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["qualifier"] = "roughly"
    rows[1]["value"] = "zwei"
    path = _write(tmp_path / "indicators.csv", rows)
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:2: qualifier: 'roughly' is not allowed here; expected 'exact', 'more_than', 'nearly' or 'about'",
        f"{path}:3: value: Input should be a valid number, unable to parse string as a number; got 'zwei'",
    ]


def test_a_bad_cell_is_quoted_whole_up_to_60_characters_and_cut_after(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[0]["period"] = "y" * 60
    rows[1]["period"] = "x" * 61
    problems = validate_file(_write(tmp_path / "indicators.csv", rows)).problems
    assert [p.message.split("; got ")[1] for p in problems] == ["'" + "y" * 60 + "'", "'" + "x" * 59 + "…'"]


def test_a_line_with_too_many_fields_says_so(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    text[2] += ",extra"
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:3: (line): line has 33 fields but the header has 32: too many fields"
    ]


def test_a_truncated_line_names_its_file(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    text[2] = text[2].split(",")[0]
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    [problem] = validate_file(path, display_name="data/indicators.csv").problems
    assert str(problem) == "data/indicators.csv:3: source_type: line has 1 fields but the header has 32: it ends before column source_type (truncated line?)"


def test_each_columns_checker_is_the_type_its_model_declares():
    # The checkers are built once at import; build them again to see they follow the model.
    from lib.schema import IndicatorRow
    from lib.validate import _field_adapter

    assert _field_adapter(IndicatorRow, "value").validate_python(["1.5", "2"]) == [1.5, 2.0]
    assert _field_adapter(IndicatorRow, "base_period").validate_python(["", "2021"]) == [None, "2021"]
    with pytest.raises(Exception):
        _field_adapter(IndicatorRow, "period").validate_python(["2025-1"])


# --- the command line, in process (the subprocess tests above run it as a maintainer does) ---


def _small_valid_files(tmp_path: Path) -> list[Path]:
    from lib.schema import GLOSSARY_COLUMNS, INITIATIVE_COLUMNS

    figures = _rows(DATA_DIR / "indicators.csv")
    figures = [row for row in figures if row["id"] in ("de_value_added_2025", "de_value_added_growth_2025", "ctx_de_value_added_2019")]
    initiatives = _rows(DATA_DIR / "initiatives.csv")[:3]
    for row, code in zip(initiatives, ("110108", "110108", "")):
        row["district_code"], row["zone"] = code, ""
    glossary = _rows(DATA_DIR / "glossary.csv")[:2]
    return [
        _write(tmp_path / "indicators.csv", figures),
        _write(tmp_path / "initiatives.csv", initiatives, INITIATIVE_COLUMNS),
        _write(tmp_path / "glossary.csv", glossary, GLOSSARY_COLUMNS),
    ]


def test_the_command_sums_up_each_valid_file_in_one_line(tmp_path, capsys):
    from lib.validate import main

    paths = _small_valid_files(tmp_path)
    assert main([str(path) for path in paths]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{paths[0]}: valid, 3 indicators (2 from the report, 1 context figures from other sources)",
        f"{paths[1]}: valid, 3 initiatives in 1 districts",
        f"{paths[2]}: valid, 2 glossary terms",
    ]


def test_the_command_prints_each_problem_and_exits_1(tmp_path, capsys):
    from lib.validate import main

    paths = _small_valid_files(tmp_path)
    rows = _rows(paths[0])
    rows[1]["value"] = "zwei"
    _write(paths[0], rows)
    assert main([str(paths[0]), str(paths[2])]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{paths[0]}:3: value: Input should be a valid number, unable to parse string as a number; got 'zwei'",
        f"{paths[2]}: valid, 2 glossary terms",
    ]


def test_the_command_without_files_prints_its_usage_and_exits_2(capsys, monkeypatch):
    from lib.validate import main

    monkeypatch.setattr(sys, "argv", ["validate"])
    assert main() == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "usage: python -m lib.validate FILE.csv [FILE.csv ...]\n"


def test_the_command_reads_its_files_from_the_command_line(tmp_path, capsys, monkeypatch):
    from lib.validate import main

    paths = _small_valid_files(tmp_path)
    monkeypatch.setattr(sys, "argv", ["validate", str(paths[2])])
    assert main() == 0
    assert capsys.readouterr().out == f"{paths[2]}: valid, 2 glossary terms\n"


def test_a_bug_in_the_validator_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    from lib import validate

    def broken(path):
        raise ValueError("boom")

    monkeypatch.setattr(validate, "validate_file", broken)
    assert validate.main(["a.csv", "b.csv"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "a.csv:1: (file): could not be validated (ValueError: boom)",
        "b.csv:1: (file): could not be validated (ValueError: boom)",
    ]


def test_records_as_dicts_are_checked_like_a_file():
    from lib.validate import validate_records

    rows = _rows(DATA_DIR / "glossary.csv")[:2]
    result = validate_records("glossary", rows)
    assert result.ok and result.kind == "glossary" and result.row_count == 2
    assert list(result.frame["id"]) == [rows[0]["id"], rows[1]["id"]]
    rows[1]["term_en"] = ""
    [problem] = validate_records("glossary", rows).problems
    assert str(problem).startswith("<rows>:3: term_en: String should have at least 1 character")


# --- the careful path (Python's csv module) in process, message by message -----------------


def test_a_byte_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes(",".join(INDICATOR_COLUMNS).encode() + b"\nabc,d\xe4f\n")
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:2: (file): is not UTF-8 (byte 0xE4 on this line): save the file as UTF-8"
    ]


def test_a_field_running_past_the_limit_is_called_an_unclosed_quote(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8")
    path = tmp_path / "indicators.csv"
    path.write_text(text + 'broken,"' + "x" * 150_000 + "\n", encoding="utf-8")
    [problem] = validate_file(path).problems
    assert problem.column == "(line)"
    assert problem.message == "cannot be read as CSV: has a field longer than 100,000 characters (an unclosed quote?)"


def test_a_file_ending_inside_a_quote_says_the_closing_quote_is_missing(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8")
    lines = text.count("\n")
    path = tmp_path / "indicators.csv"
    path.write_text(text + 'broken,"report,overview\n', encoding="utf-8")
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:{lines + 1}: (line): cannot be read as CSV: ends inside a quoted field: a closing quote is missing"
    ]


def test_blank_lines_between_records_are_skipped_and_lines_still_counted(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[3]["unit"] = "furlongs"
    path = _write(tmp_path / "indicators.csv", rows)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2:2] = ["", '""']  # a blank line and an empty quoted line after row 1
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = validate_file(path).problems
    assert [(p.line, p.column) for p in problems] == [(7, "unit")]


def test_every_short_line_is_reported_not_only_the_first(tmp_path):
    text = (DATA_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    text[2] = text[2].split(",")[0]
    text[4] = ",".join(text[4].split(",")[:2])
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert [(p.line, p.column) for p in validate_file(path).problems] == [(3, "source_type"), (5, "section")]


def test_records_as_dicts_may_leave_out_optional_columns():
    from lib.validate import validate_records

    rows = _rows(DATA_DIR / "indicators.csv")[:2]
    for row in rows:
        del row["claim"], row["base_value"], row["base_period"]
    result = validate_records("indicators", rows)
    assert result.ok, result.problems
    assert result.path == "<rows>"


def test_a_checker_for_a_column_without_constraints_is_its_plain_type():
    from lib.schema import IndicatorRow
    from lib.validate import _field_adapter

    assert _field_adapter(IndicatorRow, "source_type").validate_python(["report"]) == ["report"]


# --- references and the cap on problems, in their exact words ------------------------------


def test_a_figure_that_qualifies_itself_is_rejected(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[1]["parent_id"] = rows[1]["id"]
    path = _write(tmp_path / "indicators.csv", rows)
    assert [str(p) for p in validate_file(path).problems] == [f"{path}:3: parent_id: a figure cannot qualify itself"]


def test_a_missing_parent_is_named(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[1]["parent_id"] = "no_such_figure"  # row 2 is the one a wrong fallback would take for row 2 itself
    path = _write(tmp_path / "indicators.csv", rows)
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:3: parent_id: refers to id 'no_such_figure', which is not in this file"
    ]


def test_a_repeated_id_and_a_broken_rule_are_named_with_their_file(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    share = next(i for i, row in enumerate(rows) if row["measure"] == "share")
    rows[share]["value"] = "146.4"
    rows[4]["id"] = rows[0]["id"]
    rows[4]["value"] = "viel"  # on the same line as the repeated id: the id (column 1) is named first
    path = _write(tmp_path / "indicators.csv", rows)
    problems = [str(p) for p in validate_file(path).problems]
    assert problems == sorted(problems, key=lambda text: int(text.split(":")[1])) and len(problems) == 3
    assert f"{path}:{share + 2}: value: a share must lie between 0 and 100" in problems[0] + problems[1] + problems[2]
    assert problems.index(f"{path}:6: id: id '{rows[0]['id']}' is used already on line 2") + 1 == problems.index(
        f"{path}:6: value: Input should be a valid number, unable to parse string as a number; got 'viel'"
    )


def _file_with_bad_rows(tmp_path: Path, count: int) -> Path:
    """``count`` rows with two bad cells each: a value and a qualifier."""
    rows = _rows(DATA_DIR / "indicators.csv")
    template = next(row for row in rows if row["measure"] == "count" and not row["parent_id"])
    bad = [{**template, "id": f"bad_{i}", "value": "viel", "qualifier": "roughly"} for i in range(count)]
    return _write(tmp_path / "indicators.csv", bad)


def test_200_problems_are_all_shown(tmp_path):
    problems = validate_file(_file_with_bad_rows(tmp_path, 100)).problems
    assert len(problems) == 200
    assert (problems[-2].line, problems[-2].column, problems[-1].line, problems[-1].column) == (101, "value", 101, "qualifier")


def test_past_200_problems_the_rest_is_counted_in_one_line(tmp_path):
    path = _file_with_bad_rows(tmp_path, 150)
    problems = validate_file(path).problems
    assert len(problems) == 201
    assert [p.line for p in problems[:200]] == [line for line in range(2, 102) for _ in range(2)]
    assert str(problems[-1]) == f"{path}:102: (file): 100 more problems not shown"


def test_one_columns_problems_stop_at_200(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    template = next(row for row in rows if row["measure"] == "count" and not row["parent_id"])
    path = _write(tmp_path / "indicators.csv", [{**template, "id": f"bad_{i}", "value": "viel"} for i in range(250)])
    problems = validate_file(path).problems
    assert len(problems) == 200 and problems[-1].line == 201


# --- file-level problems in process, in their exact words ----------------------------------


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "1: (file): is empty: expected a header line and data rows"),
        (b"\n \n", "1: (file): is empty: expected a header line and data rows"),
        (",".join(INDICATOR_COLUMNS).encode() + b"\n", "1: (file): has a header but no data rows"),
        (b"id,x\n\n\x89PNG\x00", "3: (file): contains binary data (a NUL byte): this is not a CSV text file"),
        (b"\x00rest", "1: (file): contains binary data (a NUL byte): this is not a CSV text file"),
    ],
    ids=["empty", "blank", "header-only", "binary-line-3", "binary-line-1"],
)
def test_a_broken_file_gets_one_exact_line(tmp_path, content, expected):
    path = tmp_path / "indicators.csv"
    path.write_bytes(content)
    assert [str(p) for p in validate_file(path, display_name="data/x.csv").problems] == [f"data/x.csv:{expected}"]


def test_a_missing_file_is_named_at_line_1(tmp_path):
    [problem] = validate_file(tmp_path / "nope.csv", display_name="data/nope.csv").problems
    assert str(problem) == "data/nope.csv:1: (file): cannot be read: No such file or directory"


def test_an_unknown_header_lists_the_known_files(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,source_type,name\nx,report,y\n", encoding="utf-8")  # two known columns are not enough
    assert [str(p) for p in validate_file(path, display_name="o.csv").problems] == [
        "o.csv:1: (header): is not a known data file: expected the header of indicators (id, source_type, section, ...) "
        "or initiatives (id, section, sector, ...) or glossary (id, term_en, term_de, ...) or references (id, publisher, document, ...)"
    ]


def test_three_known_columns_are_enough_to_name_what_is_missing(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,term_en,term_de\nx,a,b\n", encoding="utf-8")
    problems = [str(p) for p in validate_file(path, display_name="g.csv").problems]
    assert problems[0] == "g.csv:1: term_zh: column is missing from the header (this looks like the glossary file)"
    assert len(problems) == 5


def test_header_problems_are_named_exactly(tmp_path):
    columns = [*INDICATOR_COLUMNS[:-1], "id", ""]  # the last column (quote_lang) missing, id twice, a column without a name
    path = tmp_path / "indicators.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(["x"] * len(columns)) + "\n", encoding="utf-8")
    assert [str(p) for p in validate_file(path, display_name="i.csv").problems] == [
        "i.csv:1: id: column appears 2 times in the header",
        "i.csv:1: quote_lang: column is missing from the header (this looks like the indicators file)",
        "i.csv:1: (empty): unexpected column (this looks like the indicators file)",
    ]


def test_a_header_without_a_line_end_is_still_read(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("id,term_en,term_de,term_zh,definition_en,definition_de,definition_zh,references", encoding="utf-8")
    assert [str(p) for p in validate_file(path, display_name="g.csv").problems] == ["g.csv:1: (file): has a header but no data rows"]


def test_a_header_that_is_not_utf8_is_read_with_replacement_characters(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes(",".join(INDICATOR_COLUMNS).replace("section", "secti\xf6n").encode("latin-1") + b"\nx\n")
    assert [str(p) for p in validate_file(path, display_name="i.csv").problems] == [
        "i.csv:1: section: column is missing from the header (this looks like the indicators file)",
        "i.csv:1: secti\ufffdn: unexpected column (this looks like the indicators file)",
    ]


def test_a_file_starting_with_a_blank_line_has_no_header(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("\n" + ",".join(INDICATOR_COLUMNS) + "\n", encoding="utf-8")
    [problem] = validate_file(path, display_name="i.csv").problems
    assert str(problem).startswith("i.csv:1: (header): is not a known data file")


def test_a_nul_byte_after_a_leading_line_end_is_placed_on_its_line(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes(b"\nid\n\x00")
    assert [p.line for p in validate_file(path).problems] == [3]


# --- references across files: the glossary and the initiatives cite data/references.csv ---


def test_a_cited_id_that_is_not_a_reference_is_named_with_its_line(tmp_path):
    rows = _rows(DATA_DIR / "glossary.csv")
    index = next(i for i, row in enumerate(rows) if row["id"] == "china_data_street")
    rows[index]["references"] = "bmbs_maliandao_2024801;report"  # a digit short
    path = _write(tmp_path / "glossary.csv", rows, GLOSSARY_COLUMNS)
    assert [str(p) for p in validate_file(path, display_name="data/glossary.csv").problems] == [
        f"data/glossary.csv:{index + 2}: references: 'bmbs_maliandao_2024801' is not an id of references.csv (or 'report', the report)"
    ]


def test_an_initiative_citing_no_reference_file_gets_one_line_not_one_per_id(tmp_path):
    rows = _rows(DATA_DIR / "initiatives.csv")
    path = _write(tmp_path / "initiatives.csv", rows, INITIATIVE_COLUMNS)
    (tmp_path / REFERENCES_FILE).unlink()
    assert [str(p) for p in validate_file(path, display_name="data/initiatives.csv").problems] == [
        "data/initiatives.csv:1: references: cites sources by id, but references.csv beside it is missing"
    ]


def test_a_broken_reference_file_is_named_on_the_files_that_cite_it(tmp_path):
    path = _write(tmp_path / "glossary.csv", _rows(DATA_DIR / "glossary.csv"), GLOSSARY_COLUMNS)
    references = _rows(DATA_DIR / REFERENCES_FILE)
    references[0]["published"] = "8 Jan 2026"
    from lib.schema import REFERENCE_COLUMNS

    _write(tmp_path / REFERENCES_FILE, references, REFERENCE_COLUMNS)
    assert [str(p) for p in validate_file(tmp_path / REFERENCES_FILE, display_name="r.csv").problems] == [
        "r.csv:2: published: String should match pattern '^\\d{4}(-\\d{2}(-\\d{2})?)?$'; got '8 Jan 2026'"
    ]
    assert [str(p) for p in validate_file(path, display_name="data/glossary.csv").problems] == [
        "data/glossary.csv:1: references: cites sources by id, but references.csv beside it has problems of its own: fix those first"
    ]


@pytest.mark.parametrize(
    "change, column, words",
    [
        ({"document": "statistical_bulletin", "document_year": ""}, "document_year", "is named by its year"),
        ({"document": "", "document_year": "2024"}, "document_year", "has a year: leave it empty"),
        ({"repost": "yes", "site": ""}, "site", "a repost needs the site it is on"),
        ({"id": "report"}, "id", "cites the report itself"),
        ({"site": "https://news.cn/a.html"}, "site", "should match pattern"),
    ],
)
def test_a_reference_says_which_of_its_parts_is_wrong(tmp_path, change, column, words):
    from lib.schema import REFERENCE_COLUMNS

    rows = _rows(DATA_DIR / REFERENCES_FILE)
    rows[1].update(change)
    [problem] = validate_file(_write(tmp_path / "r.csv", rows, REFERENCE_COLUMNS)).problems
    assert (problem.line, problem.column) == (3, column) and words in problem.message


# --- cells the Arrow screen flags (lib/cell_screen.py): still named by line and column --------


def test_broken_cells_in_columns_the_screen_checks_are_reported_in_pydantic_words(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[3]["id"] = "De-Value"  # no figure names it as its parent
    rows[1]["label_en"] = "x" * 2001
    rows[2]["value"] = "1e999"
    rows[4]["source_en"] = "  padded but fine  "
    path = _write(tmp_path / "indicators.csv", rows)
    assert [str(p) for p in validate_file(path).problems] == [
        f"{path}:3: label_en: String should have at most 2000 characters; got '" + "x" * 59 + "…'",
        f"{path}:4: value: Input should be a finite number; got '1e999'",
        f"{path}:5: id: String should match pattern '^[a-z0-9][a-z0-9_]*$'; got 'De-Value'",
    ]


def test_a_cell_with_whitespace_around_it_reaches_the_frame_stripped(tmp_path):
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[4]["label_en"] = "Core share\u3000"
    rows[5]["citation"] = " cited\t"
    frame = validate_file(_write(tmp_path / "indicators.csv", rows)).frame
    assert (frame["label_en"][4], frame["citation"][5]) == ("Core share", "cited")


def test_a_mapped_file_is_let_go_as_soon_as_it_is_validated(tmp_path, monkeypatch, file_access):
    # An editor on Windows cannot save a file that is still mapped.
    maps = []

    class Recorded(validate.mmap.mmap):
        def __new__(cls, *args, **kwargs):
            maps.append(super().__new__(cls, *args, **kwargs))
            return maps[-1]

    monkeypatch.setattr(validate.mmap, "mmap", Recorded)
    rows = _rows(DATA_DIR / "indicators.csv")
    rows[1]["unit"] = "furlongs"
    assert [(p.line, p.column) for p in validate_file(_write(tmp_path / "indicators.csv", rows)).problems] == [(3, "unit")]
    assert validate_file(DATA_DIR / "indicators.csv").ok
    if file_access == "mapped":
        assert len(maps) == 2 and all(mapped.closed for mapped in maps)
    else:
        assert maps == []


@pytest.mark.parametrize("slice_bytes", [1, 2, 3, 16 << 20])
def test_line_feeds_are_counted_across_slices_up_to_the_given_byte(monkeypatch, slice_bytes):
    # A large file is counted a slice at a time: no line feed may be lost or counted twice where
    # slices meet, and none after the byte asked for.
    monkeypatch.setattr(validate, "COUNT_SLICE_BYTES", slice_bytes)
    text = b"a\nbc\n\nd\ne"
    assert validate._count_newlines(text, len(text)) == 4
    assert validate._count_newlines(text, 5) == 2  # "a\nbc\n"
    assert validate._count_newlines(text, 4) == 1
    assert validate._count_newlines(text, 0) == 0
