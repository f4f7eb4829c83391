"""Data text shown through Markdown renders as the characters it is, never as markup."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lib.safe_text import md_escape, md_table


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "![x](http://evil.example/x.png)", "[x](javascript:alert(1))", "**bold** _it_", "# heading", "$x^2$"],
)
def test_markup_characters_are_escaped(text):
    escaped = md_escape(text)
    for special in "<>[]()*_#$!":
        assert special not in escaped.replace("\\" + special, "")


def test_line_breaks_do_not_open_new_blocks():
    assert "\n" not in md_escape("line\n# heading\n- item")


def test_plain_words_and_chinese_are_unchanged():
    assert md_escape("海淀区 Haidian") == "海淀区 Haidian"


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_a_table_keeps_its_columns_when_cells_hold_pipes_and_markup():
    frame = pd.DataFrame({"Figure | name": ["a|b", "<b>x</b>"], "Value": ["[y](javascript:z)", "46.4%"]})
    lines = md_table(frame).splitlines()
    assert len(lines) == 4  # header, rule, two rows
    assert all(unescaped_pipes(line) == 3 for line in lines)
    assert "\\<b\\>x\\</b\\>" in lines[3] and "](javascript" not in lines[2]
    assert "46\\.4%" in lines[3]


def test_every_kind_of_line_break_becomes_one_space():
    assert md_escape("a\r\nb\nc\rd") == "a b c d"


def test_a_table_is_written_out_exactly():
    frame = pd.DataFrame({"Figure": ["GDP", "a|b"], "Value": ["5.2%", "<x>"]})
    assert md_table(frame) == "\n".join(
        [
            "| Figure | Value |",
            "|---|---|",
            "| GDP | 5\\.2% |",
            "| a\\|b | \\<x\\> |",
        ]
    )
