"""Data text shown through Markdown renders as the characters it is, never as markup."""

from __future__ import annotations

import pytest

from lib.safe_text import md_escape


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
