"""Line breaking of chart titles and notes (lib/text_metrics.py), by the rules a Chinese reader expects."""

from __future__ import annotations

import pytest

from lib.text_metrics import wrap_to_width

# The Chinese note under a chart of undated figures, as the page shows it (written out by hand).
NOTE = "该数据未注明统计时点，按发布日期（2026年1月27日）标注，不与前期数据连线。"


@pytest.mark.parametrize("width", range(60, 420, 7))
def test_no_chinese_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(width):
    lines = wrap_to_width(NOTE, width, 12)
    assert "".join(lines) == NOTE
    assert not any(line[0] in "，。；：、）》”" for line in lines[1:]), lines
    assert not any(line[-1] in "（《“" for line in lines), lines


@pytest.mark.parametrize("width", range(60, 420, 7))
def test_a_year_month_or_day_stays_with_its_number(width):
    lines = wrap_to_width(NOTE, width, 12)
    assert not any(line[0] in "年月日" and previous[-1].isdigit() for previous, line in zip(lines, lines[1:])), lines


def test_words_still_break_at_spaces():
    assert wrap_to_width("Lines join only figures on the same basis", 120, 12) == ["Lines join only", "figures on the same", "basis"]


# The dashed-line note as the Chinese chart shows it (written out by hand).
DASHED = "虚线所连数据中至少有一项并非确数，其斜率不代表实测变化。"


@pytest.mark.parametrize("width", range(60, 420, 7))
def test_no_chinese_last_line_is_a_lone_character(width):
    lines = wrap_to_width(DASHED, width, 12)
    assert "".join(lines) == DASHED
    if len(lines) > 1:
        assert len(lines[-1].rstrip("。")) >= 2, lines
