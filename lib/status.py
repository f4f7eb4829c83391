"""The status of a figure as a reader sees it: bound, price basis, scope, vintage and period turned
into marks, words, legends, line breaks and export columns. Chart builders, the exports and the
derived-figures table take all of it from here, so a bound is drawn open everywhere or nowhere.

Pure: rows and frames in, values and Altair encodings out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from lib.formatting import format_date_text
from lib.i18n import t

QUALIFIERS = ("exact", "more_than", "nearly", "about")
# A bound is drawn open and points the way the true value lies: up (more than) or down (nearly).
POINT_SHAPES = {"exact": "circle", "about": "diamond", "more_than": "triangle-up", "nearly": "triangle-down"}
# At the end of a bar the way the true value lies is right (more than) or left (nearly).
BAR_END_SHAPES = {"exact": "square", "about": "diamond", "more_than": "triangle-right", "nearly": "triangle-left"}

# Growth rates are grouped, never ranked across these; the order is the order of the groups.
PRICE_BASIS_ORDER = ("current", "constant", "physical", "not_stated")


def is_bound(qualifier: str) -> bool:
    return qualifier != "exact"


# Which way the true value lies from a figure worded as a bound: above "more than", below "nearly".
_BOUND_SIDE = {"more_than": 1, "nearly": -1}


def difference_side(derived_qualifier: str, compare_qualifier: str) -> int | None:
    """Whether the difference of a derived figure from another one is a lower bound (1), an upper
    bound (-1) or a plain figure (0); None when the two bounds pull it opposite ways.

    The difference grows with the derived figure and shrinks as the other figure grows, so
    "more than" on the derived side makes a lower bound, "more than" on the other side an upper one.
    """
    ours, theirs = _BOUND_SIDE.get(derived_qualifier, 0), -_BOUND_SIDE.get(compare_qualifier, 0)
    if ours and theirs and ours != theirs:
        return None
    return ours or theirs


def rounding_for_side(side: int) -> str:
    """Which way a computed figure on ``side`` of the truth may be rounded and stay true: a lower
    bound (1) down, an upper bound (-1) up, a plain figure (0) to the nearest."""
    return {1: "down", -1: "up"}.get(side, "nearest")


def rounding_toward(qualifier: str) -> str:
    """``rounding_for_side`` for a figure worded with ``qualifier`` ("more than" rounds down)."""
    return rounding_for_side(_BOUND_SIDE.get(qualifier, 0))


def status_fields(row: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What a mark, a tooltip and an export need to know about a figure beyond its value."""
    basis, scope, vintage = row.get("price_basis") or "", row.get("scope") or "", row.get("vintage") or ""
    return {
        "bound": row["qualifier"],
        "bound_label": t(f"status.bound.{row['qualifier']}", lang),
        "basis": basis,
        "basis_label": t(f"status.price_basis.{basis}", lang) if basis else "",
        "scope": scope,
        "scope_label": t(f"status.scope.{scope}", lang) if scope else "",
        "vintage": vintage,
        "vintage_label": t(f"vintage.{vintage}", lang) if vintage else "",
        "period_type": row["period_type"],
    }


def segments(frame: pd.DataFrame) -> list[int]:
    """A line group for each point, in date order: neighbours share a group only when a line may
    join them — the same vintage (statistical basis) and price basis, and both with a stated date.

    A figure whose date the source does not state stands alone: a line to it would invent a date.
    """
    groups, group, previous = [], 0, None
    for basis, period_type in zip(zip(frame["vintage"], frame["basis"]), frame["period_type"]):
        joined = previous is not None and basis == previous[0] and "not_stated" not in (period_type, previous[1])
        if previous is not None and not joined:
            group += 1
        groups.append(group)
        previous = (basis, period_type)
    return groups


def line_runs(frame: pd.DataFrame) -> tuple[list[int | None], list[int | None]]:
    """For each point (in date order, with its ``segment``), the solid run and the dashed run of
    line it belongs to, or None.

    A piece of line joining a figure that is not exact is dashed: from "more than 2.2" to "more
    than 2.4" the slope is one neither source states, and drawn solid it read as measured growth.
    Consecutive pieces of one style form a run; a point between a solid and a dashed piece ends
    one run and starts the other, so it is in both.
    """
    segment, exact = frame["segment"].tolist(), (frame["bound"] == "exact").tolist()
    solid: list[int | None] = [None] * len(frame)
    dashed: list[int | None] = [None] * len(frame)
    run, previous = 0, None
    for i in range(len(frame) - 1):
        if segment[i] != segment[i + 1]:
            previous = None
            continue
        style = "solid" if exact[i] and exact[i + 1] else "dashed"
        if style != previous:
            run += 1
        runs = solid if style == "solid" else dashed
        runs[i] = runs[i + 1] = run
        previous = style
    return solid, dashed


def _dashed_line_drawn(frame: pd.DataFrame) -> bool:
    return any(run is not None for run in line_runs(frame.assign(segment=segments(frame)))[1])


def breaks(frame: pd.DataFrame) -> int:
    """How many times a line stops between neighbours because their vintage or price basis differs."""
    bases = list(zip(frame["vintage"], frame["basis"]))
    return sum(1 for before, after in zip(bases, bases[1:]) if before != after)


def bound_shape(
    frame: pd.DataFrame, lang: str, *, shapes: Mapping[str, str] = POINT_SHAPES, legend_y: float | None = None
) -> alt.Shape:
    """The shape of an open mark by its bound, with the legend that explains it.

    Exact figures are drawn filled and need no legend entry; the bounds' marks are drawn open
    (``filled=False``), so their legend symbols are open too.
    """
    present = [q for q in QUALIFIERS if is_bound(q) and q in set(frame["bound"])]
    return alt.Shape(
        "bound_label:N",
        scale=alt.Scale(domain=[t(f"status.bound.{q}", lang) for q in present], range=[shapes[q] for q in present]),
        legend=alt.Legend(
            title=t("status.legend_title", lang),
            direction="vertical",
            **({"orient": "none", "legendX": 0, "legendY": legend_y} if legend_y is not None else {"orient": "bottom"}),
            labelLimit=360,
            symbolStrokeWidth=2,
            symbolStrokeColor="#222222",
            symbolSize=90,
            rowPadding=5,
        ),
    )


def has_bounds(frame: pd.DataFrame) -> bool:
    return bool((frame["bound"] != "exact").any())


EXACT = "datum.bound == 'exact'"
BOUND = "datum.bound != 'exact'"


def group_key(row: Mapping[str, Any]) -> tuple[int, str, str]:
    """The group a growth rate is shown in: rates of one price basis and one scope."""
    basis = row.get("basis") or "not_stated"
    return (PRICE_BASIS_ORDER.index(basis), basis, row.get("scope") or "")


def group_title(basis: str, scope: str, lang: str) -> str:
    title = t(f"chart.group.{basis}", lang)
    return t("chart.group_with_scope", lang, group=title, scope=t(f"status.scope.{scope}", lang)) if scope else title


def ranked(basis: str) -> bool:
    """Rates of a stated common basis may be ranked; rates whose basis is not stated may not."""
    return basis != "not_stated"


def notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """The chart's notes on what its lines and points do not say, from the figures' status."""
    lines = []
    if breaks(frame):
        lines.append(t("chart.note_break", lang))
    if _dashed_line_drawn(frame):
        lines.append(t("chart.note_dashed_line", lang))
    # The day each undated figure was reported, where it is drawn; said once, not as "no date
    # (date not stated, reported ...)", which named the missing date twice.
    reported = [format_date_text(day.date().isoformat(), lang) for day in frame.loc[frame["period_type"] == "not_stated", "date"].drop_duplicates()]
    if len(reported) == 1:
        lines.append(t("chart.note_not_stated", lang, date=reported[0]))
    elif reported:  # one note for all, not the same sentence once per figure
        lines.append(t("chart.note_not_stated_many", lang, dates=t("chart.note_period_separator", lang).join(reported)))
    return lines


EXPORT_COLUMNS = (
    "id", "label", "period", "value", "unit", "qualifier", "price_basis", "scope", "vintage",
    "source_type", "source_value", "source_unit", "publisher", "url", "citation",
)  # fmt: skip


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A chart's CSV: the values exactly as charted, in the chart's unit, with every status flag;
    the value as the source gives it stands beside it."""
    return pd.DataFrame(
        {
            "id": frame["id"],
            "label": frame["label"],
            "period": frame["period"],
            "value": frame["value"],
            "unit": frame["unit_label"],
            "qualifier": frame["bound_label"],
            "price_basis": frame["basis_label"],
            "scope": frame["scope_label"],
            "vintage": frame["vintage_label"],
            "source_type": frame["source"],
            "source_value": frame["source_value"],
            "source_unit": frame["source_unit_label"],
            "publisher": frame["publisher"],
            "url": frame["url"],
            "citation": frame["citation"],
        },
        columns=list(EXPORT_COLUMNS),
    )


def parts_note(parts: pd.DataFrame, lang: str) -> str:
    """What a part-of-whole bar's shading and edges mean, for the encodings this chart uses:
    paler for a part derived by subtraction, a dashed edge for a part known only as a bound."""
    notes = []
    if parts["derived"].any():
        notes.append(t("chart.derived_parts_note", lang))
    if parts["bound"].map(is_bound).any():
        notes.append(t("chart.bound_parts_note", lang))
    return ("" if lang == "zh" else " ").join(notes)
