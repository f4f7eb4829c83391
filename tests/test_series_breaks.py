"""Breaks in a series, found in the data: where two published levels and the growth rate published
between them disagree beyond rounding, the levels cannot be on one statistical basis, and the data
must give them different vintages (so no chart joins them with a line).

Read with the csv module; the arithmetic is here, not in the app.
"""

from __future__ import annotations

import math

from test_data_content import INDICATOR_ROWS

# Growth rates whose levels are money at current prices can be checked against the levels' ratio;
# a rate whose basis is not stated may be real, so it is allowed a price change of a few points.
PRICE_ALLOWANCE = {"current": 0.0, "not_stated": 3.0}
ROUNDING = 0.05  # a rate is published to one decimal


def _interval(row: dict[str, str]) -> tuple[float, float]:
    value = float(row["value"])
    decimals = len(row["value"].split(".")[1]) if "." in row["value"] else 0
    half_unit = 0.5 * 10**-decimals
    return {
        "exact": (value - half_unit, value + half_unit),
        "more_than": (value, math.inf),
        "nearly": (0.0, value),
        "about": (value * 0.95, value * 1.05),
    }[row["qualifier"]]


def _to_common_unit(row: dict[str, str], bounds: tuple[float, float]) -> tuple[float, float]:
    scale = {"hundred_million_yuan": 1e-4}.get(row["unit"], 1.0)
    return bounds[0] * scale, bounds[1] * scale


def disagreements() -> list[tuple[str, str, str, str]]:
    """(series, earlier period, later period, what disagrees) for every level pair and its rate."""
    current = [row for row in INDICATOR_ROWS if row["status"] == "current"]
    by_id = {row["id"]: row for row in current}
    found = []
    for rate in current:
        if rate["measure"] != "growth_yoy" or rate["price_basis"] not in PRICE_ALLOWANCE:
            continue
        level = by_id.get(rate["parent_id"])
        if level is None or level["measure"] != "level":
            continue
        year = int(level["period"][:4])
        earlier = [row for row in current if row["series"] == level["series"] and row["period"] == str(year - 1)]
        if not earlier:
            continue
        low_now, high_now = _to_common_unit(level, _interval(level))
        low_then, high_then = _to_common_unit(earlier[0], _interval(earlier[0]))
        implied = ((low_now / high_then - 1) * 100, (high_now / low_then - 1) * 100)
        allowance = PRICE_ALLOWANCE[rate["price_basis"]] + ROUNDING
        published = (float(rate["value"]) - allowance, float(rate["value"]) + allowance)
        if implied[1] < published[0] or implied[0] > published[1]:
            found.append((level["series"], earlier[0]["period"], level["period"], f"levels imply {implied[0]:+.1f}…{implied[1]:+.1f} %, published {rate['value']} %"))
    return found


def test_the_breaks_found_are_the_ones_known():
    # Written by hand after reading the bulletins: each bulletin's growth is against a revised
    # previous year (2022: +4.4 % published, the first-published levels imply +6.6 %; 2023: +8.5 %
    # against +8.3 %), and the 2024 level is on a higher basis than 2023 as first published
    # (+7.7 % published, the levels imply at least +17.2 %).
    assert [(series, before, after) for series, before, after, _ in disagreements()] == [
        ("de_value_added", "2021", "2022"),
        ("de_value_added", "2022", "2023"),
        ("de_value_added", "2023", "2024"),
    ]


def test_levels_that_disagree_with_their_growth_rate_have_different_vintages():
    rows = {(row["series"], row["period"]): row for row in INDICATOR_ROWS if row["status"] == "current" and row["measure"] == "level"}
    for series, before, after, why in disagreements():
        assert rows[(series, before)]["vintage"] != rows[(series, after)]["vintage"], (series, before, after, why)
        assert rows[(series, before)]["vintage"] and rows[(series, after)]["vintage"]
