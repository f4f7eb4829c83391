"""Chart axes write dates and numbers as the text does: checked in the rendered chart (vl-convert)."""

from __future__ import annotations

import json
import re

import pytest
import vl_convert

from lib.chart_locale import count_label_expr, month_tick_format, vega_locale


def axis_labels(values: list[dict], x: dict, y: dict, lang: str) -> list[str]:
    spec = {
        "data": {"values": values},
        "mark": "point",
        "encoding": {"x": x, "y": y},
        "config": {"locale": vega_locale(lang)},
    }
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


MONTHS = [{"d": "2025-01-01T00:00:00", "v": 1}, {"d": "2025-03-01T00:00:00", "v": 2}]


@pytest.mark.parametrize(
    "lang, january", [("en", "Jan 2025"), ("de", "Jan. 2025"), ("zh", "2025年1月")]
)
def test_month_ticks_read_as_the_language_writes_a_month(lang, january):
    x = {"field": "d", "type": "temporal", "axis": {"format": month_tick_format(lang), "tickCount": {"interval": "month", "step": 1}}}
    labels = axis_labels(MONTHS, x, {"field": "v", "type": "quantitative"}, lang)
    assert january in labels
    assert "1月 2025" not in labels  # the month-first Chinese date a fixed "%b %Y" prints


def test_chinese_month_ticks_are_year_first():
    assert month_tick_format("zh") == "%Y年%-m月"


@pytest.mark.parametrize("lang, lowest", [("en", "\u2212200,000"), ("de", "\u2212200.000"), ("zh", "\u221220万")])
def test_negative_axis_values_carry_a_minus_sign_and_chinese_counts_are_in_wan(lang, lowest):
    values = [{"d": 1, "v": -150000}, {"d": 2, "v": 153400}]
    expr = count_label_expr(lang)
    y = {"field": "v", "type": "quantitative", "axis": {"labelExpr": expr} if expr else {}}
    labels = axis_labels(values, {"field": "d", "type": "quantitative"}, y, lang)
    assert lowest in labels
    assert not any(label.startswith("-") for label in labels)
    if lang == "zh":
        assert "15万" in labels
