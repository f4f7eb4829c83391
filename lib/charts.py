"""Chart builders: a frame of figures in, an Altair chart out. Pure: no Streamlit, no file access.

Every builder takes the output of ``lib.figures.figure_frame`` (or a frame of the same shape), so
labels, figures and sources arrive already formatted in the reader's language, and every figure's
status (bound, price basis, scope, vintage, period) arrives as columns that ``lib.status`` turns
into marks and words. No chart says more than those columns: a bound is drawn open, a line never
joins two statistical bases, rates of different price bases are never ranked together.

Channels are Altair's channel classes (``alt.Text("figure:N")``, ``alt.ColorValue(..., condition=...)``),
never bare shorthand strings or ``alt.condition`` in ``encode``: Altair resolves those against its
schema on every call (1.5 to 5 ms each, paid for every view a reader asks for first).
"""

from __future__ import annotations

import datetime as dt
import math

import altair as alt
import pandas as pd

from lib import status
from lib.chart_locale import count_label_expr, vega_locale, year_tick_format
from lib.formatting import format_percent_value
from lib.i18n import LANGUAGES, t
from lib.text_metrics import text_width, wrap_to_width

# Okabe–Ito: told apart by readers with any common colour-vision deficiency.
REPORT_COLOUR = "#0072B2"
CONTEXT_COLOUR = "#B35C00"  # Okabe–Ito orange darkened to 4.6:1 on white, so its open marks read
DERIVED_COLOUR = "#999999"
ACCENT_COLOUR = "#D55E00"
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

# The page's own font (Streamlit's theme font), so chart text matches the text around it.
FONT = '"Source Sans", "Source Sans Pro", sans-serif'
# Chart text on white: #222 is 15.9:1, #4d4d4d 8.5:1 (WCAG AA asks 4.5:1; Streamlit's #808495 is 3.7:1).
TEXT_COLOUR = "#222222"
MUTED_TEXT_COLOUR = "#4d4d4d"
LINE_COLOUR = "#6b6b6b"
YEAR_RULE_COLOUR = "#e3e3e3"

LABEL_SIZE = 12
LINE_HEIGHT = 15
LINE_BREAK = "\n"
ROW_HEIGHT = 52  # room for a label line above each bar
TREND_HEIGHT = 260
# Labels are placed for the narrowest plot a reader has (a phone's column minus the axis): at any
# wider size the points only move apart, so labels that clear each other here clear everywhere.
NARROWEST_PLOT = 250
# How far a figure's mark reaches from its centre, stroke included (mark_point sizes 110-140).
MARK_RADIUS_PX = 8
# The least room between two year labels on the time axis.
YEAR_LABEL_GAP_PX = 6
# Titles in the app wrap to fit the phone's column; exports wrap them again to their own width.
TITLE_WIDTH = 320
TITLE_SIZE = 15
SUBTITLE_SIZE = 12


def chart_config(lang: str) -> alt.Config:
    """Locale, font and readable text colours every chart (and the map) shares."""
    axis = {"labelColor": MUTED_TEXT_COLOUR, "titleColor": TEXT_COLOUR, "labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12}
    return alt.Config(
        locale=vega_locale(lang),
        font=FONT,
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(**axis),
        legend=alt.LegendConfig(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR, labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12),
        title=alt.TitleConfig(color=TEXT_COLOUR, subtitleColor=MUTED_TEXT_COLOUR, font=FONT, subtitleFont=FONT, fontSize=TITLE_SIZE, subtitleFontSize=SUBTITLE_SIZE),
        text=alt.MarkConfig(color=TEXT_COLOUR, font=FONT),
    )


def chart_title(title: str, subtitle_lines: list[str] | None = None) -> alt.Title:
    subtitle = [line for text in subtitle_lines or [] for line in wrap_to_width(text, TITLE_WIDTH, SUBTITLE_SIZE)]
    return alt.Title(wrap_to_width(title, TITLE_WIDTH, TITLE_SIZE), subtitle=subtitle, anchor="start")


def layered(
    frame: pd.DataFrame,
    layers: list[alt.Chart],
    lang: str,
    title: str,
    height: int,
    subtitle: str | list[str] | None = None,
    bottom: int = 5,
) -> alt.LayerChart:
    """Layers drawn from one dataset, with title, locale and the looks all charts share.

    Built in one step, not by chaining ``+``, ``.properties()`` and ``.configure()``: Altair
    copies, hashes and validates the whole chart, data included, at each of those steps (about
    90 ms a chart here, against ~15 ms this way). The layers carry no data of their own.
    The unwrapped title and notes ride along in ``usermeta``, so an export can wrap them anew.
    """
    notes = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    notes = [note for note in notes if note]
    return alt.LayerChart(
        data=frame,
        layer=layers,
        height=height,
        title=chart_title(title, notes),
        width="container",
        # Fit the width only: fitting the height too would squeeze the plot under title and legend.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        # Room below the plot for legends placed there by hand (autosize does not count them).
        padding={"left": 5, "right": 5, "top": 5, "bottom": bottom},
        config=chart_config(lang),
        usermeta={"title": title, "notes": notes},
    )


def wrap_words(text: str, width: int) -> list[str]:
    """Break a title into lines of at most ``width`` characters (Vega cuts a long title instead)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def percent_suffix(lang: str) -> str:
    """What follows a number to make it a percentage in the reader's language ("%", " %")."""
    return format_percent_value(1, lang)[1:]


def _source_encoding(lang: str, channel=alt.Color, legend_y: float | None = None) -> alt.Color:
    placed = {"orient": "none", "legendX": 0, "legendY": legend_y} if legend_y is not None else {"orient": "bottom"}
    return channel(
        "source:N",
        title=t("chart.legend_source", lang),
        scale=alt.Scale(
            domain=[t("chart.source_report", lang), t("chart.source_context", lang)],
            range=[REPORT_COLOUR, CONTEXT_COLOUR],
        ),
        legend=alt.Legend(direction="vertical", labelLimit=360, symbolType="circle", symbolSize=LEGEND_SYMBOL, rowPadding=5, **placed),
    )


# Legends under a trend chart stand one below the other at fixed places: side by side (Vega's
# way for two bottom legends) they ran out of a half-page chart.
LEGEND_TOP = 34  # below the plot and its axis labels
LEGEND_TITLE = 22
LEGEND_ENTRY = 21
LEGEND_SYMBOL = 90  # one symbol size in both legends, so their rows are as tall as planned


def _tooltip(lang: str, frame: pd.DataFrame, extra: list | None = None) -> list:
    tips = [
        alt.Tooltip("label:N", title=t("chart.tooltip_figure", lang)),
        alt.Tooltip("figure:N", title=t("chart.tooltip_value", lang)),
        alt.Tooltip("period:N", title=t("chart.tooltip_period", lang)),
        alt.Tooltip("bound_label:N", title=t("chart.tooltip_status", lang)),
    ]
    # Only rows a chart can have: a tooltip never shows an empty line.
    if "basis_label" in frame and frame["basis_label"].astype(bool).all():
        tips.append(alt.Tooltip("basis_label:N", title=t("chart.tooltip_basis", lang)))
    if "vintage_label" in frame and frame["vintage_label"].astype(bool).all():
        tips.append(alt.Tooltip("vintage_label:N", title=t("chart.tooltip_vintage", lang)))
    return [*tips, alt.Tooltip("citation:N", title=t("chart.tooltip_source", lang)), *(extra or [])]


# --- time ---------------------------------------------------------------------------------------


def year_label_px(lang: str) -> float:
    """How wide a year label on the time axis is in ``lang`` ("2026", "2026年")."""
    return text_width(year_tick_format(lang).replace("%Y", "2026").replace("%%", "%"), LABEL_SIZE)


def time_domain(dates: list[pd.Timestamp]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From the start of the first year to just past the last figure: a year is drawn as a year.

    A figure in the first days of its year would sit on the value axis, its mark over the axis's
    labels: the range then starts far enough before it for the mark to clear the axis on the
    narrowest plot (that lead-in, a part of the year before, gets no label of its own).

    The last figure's year is labelled in the middle of what is shown of it, so the range goes on
    until that stretch holds the label on the narrowest plot, in every language. Cut shorter, Vega
    hid the label (it would have run past the axis's end) and a figure of January 2026 stood beside
    the label "2025", read as a figure of 2025.
    """
    first, last = min(dates), max(dates)
    span = max((last - first).days, 365)
    start, end = pd.Timestamp(first.year, 1, 1), last + pd.Timedelta(days=max(45, round(span * 0.06)))
    share = max(year_label_px(lang) for lang in LANGUAGES) / NARROWEST_PLOT
    last_year = pd.Timestamp(last.year, 1, 1)

    def room_for_last_label(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
        # The last year's stretch is d days of a range a + d days long: on the plot it is
        # d / (a + d) * NARROWEST_PLOT pixels, which holds the label once d >= a * share / (1 - share).
        return max(end, last_year + (last_year - start) * share / (1 - share))

    end = room_for_last_label(start, end)
    clearance = pd.Timedelta(days=(end - start).days * MARK_RADIUS_PX / NARROWEST_PLOT)
    if first - clearance < start:
        start = (first - clearance).floor("D")
        end = room_for_last_label(start, end)  # the lead-in lengthens the range: the last year's share shrinks
    return start, end.ceil("D")


def _year_ticks(start: pd.Timestamp, end: pd.Timestamp, label_px: float) -> tuple[list[dt.datetime], str | None]:
    """Year labels for the years that begin in view, and, where the narrowest plot cannot hold
    them all, a label expression naming fewer there (Vega would otherwise drop some itself, the
    latest figure's year among them).

    A label sits in the middle of its year's visible stretch, moved in just enough to end inside
    the range (Vega hides one that runs past it); a year where it would then leave its own stretch
    gets none (a sliver after the last figure). Where labels a year apart would touch on the
    narrowest plot, every second (third...) year is named there, counted back from the latest, so
    the latest figure's year always is; a plot wide enough for all names them all.
    """
    one_day = pd.Timedelta(days=1)
    range_days = (end - start) / one_day
    px_per_day = NARROWEST_PLOT / range_days
    half = pd.Timedelta(days=label_px / 2 / px_per_day)
    places = []
    for year in range(start.year if (start.month, start.day) == (1, 1) else start.year + 1, end.year + 1):
        left, right = max(pd.Timestamp(year, 1, 1), start), min(pd.Timestamp(year + 1, 1, 1), end)
        place = min(max(left + (right - left) / 2, start + half), end - half)
        if left <= place <= right:
            places.append(place)
    ticks = [place.round("h").to_pydatetime() for place in places]
    room = label_px + YEAR_LABEL_GAP_PX
    named: list[pd.Timestamp] = []
    for place in reversed(places):
        if not named or (named[-1] - place) / one_day * px_per_day >= room:
            named.append(place)
    if len(named) == len(places):
        return ticks, None
    closest = min((later - earlier) / one_day for earlier, later in zip(places, places[1:]))
    all_fit = math.ceil(room * range_days / closest)  # the plot width, in pixels, that holds every label
    years = sorted(place.year for place in named)
    return ticks, f"width >= {all_fit} || indexof({years}, year(datum.value)) >= 0 ? datum.label : ''"


def nice_max(value: float) -> float:
    """A round top for a value axis starting at zero, with room above the highest label."""
    if value <= 0:
        return 1.0
    raw = value * 1.18
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= raw:
            return step * magnitude
    return 10 * magnitude


# --- labels -------------------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def plan_labels(frame: pd.DataFrame, x_of, y_of, width: float, height: float) -> pd.DataFrame:
    """Where each point's label goes (above, below) and how it is anchored, or no label at all.

    Labels are placed most important first (the report's figures, then the first and the latest
    of the others) and a label that would touch another label or another point is left out: the
    point keeps its tooltip and the chart's CSV has its value. Placed at the narrowest width a
    reader has, the plan holds at every wider one.
    """
    marker = 7.0
    points = [(x_of(row.date), y_of(row.value)) for row in frame.itertuples()]
    taken: list[Box] = []
    order = sorted(
        range(len(frame)),
        key=lambda i: (frame["source_type"].iloc[i] != "report", i not in (0, len(frame) - 1), -i),
    )
    placement = {i: ("", "center") for i in range(len(frame))}
    for i in order:
        text = frame["short"].iloc[i]
        x, y = points[i]
        label_width = text_width(text, LABEL_SIZE) + 4
        # Centred over or under its point if it can be, else reaching to one side of it (a label
        # centred between two close points touched a neighbour's and was left out).
        anchors = [("center", x - label_width / 2), ("right", x + 6 - label_width), ("left", x - 6)]
        anchors = [(align, left) for align, left in anchors if left >= -4 and left + label_width <= width + 4]
        sides = {"above": y - 11 - LABEL_SIZE * 1.25, "below": y + 11}
        for position in _sides_first(points, i):
            top = sides[position]
            for align, left in anchors:
                box = (left, top, left + label_width, top + LABEL_SIZE * 1.25)
                if box[1] < -16 or box[3] > height + 4:
                    continue
                hits_point = any(_overlaps(box, (px - marker, py - marker, px + marker, py + marker)) for j, (px, py) in enumerate(points) if j != i)
                if not hits_point and not any(_overlaps(box, other) for other in taken):
                    taken.append(box)
                    placement[i] = (position, align)
                    break
            if placement[i][0]:
                break
    return frame.assign(
        label_position=[placement[i][0] for i in range(len(frame))],
        label_align=[placement[i][1] for i in range(len(frame))],
    )


def _sides_first(points: list[tuple[float, float]], i: int, near_px: float = 40) -> tuple[str, str]:
    """Which side of point ``i`` its label tries first: away from its nearest neighbour in x.

    Two figures a month apart sit almost on one spot; the first placed took the place above, and
    45,700 was written above 47,000, as if it were the larger.
    """
    x, y = points[i]
    near = [(abs(px - x), py) for j, (px, py) in enumerate(points) if j != i and abs(px - x) < near_px and py != y]
    if near and min(near)[1] < y:  # the neighbour is drawn higher: it is the larger
        return ("below", "above")
    return ("above", "below")


def _label_layers(base: alt.Chart, frame: pd.DataFrame) -> list[alt.Chart]:
    """The points' labels where the planner put them, as one text layer whose offset, anchor and
    baseline each label reads from its own row: a layer per placement was a mark and a data flow
    more for the browser to build and for the server to send on every run."""
    if not frame["label_position"].astype(bool).any():
        return []
    return [
        base.transform_filter("datum.label_position != ''")
        .mark_text(
            dy=alt.expr("datum.label_position == 'above' ? -11 : 11"),
            dx=alt.expr("datum.label_align == 'left' ? -6 : datum.label_align == 'right' ? 6 : 0"),
            align=alt.expr("datum.label_align"),
            baseline=alt.expr("datum.label_position == 'above' ? 'bottom' : 'top'"),
            fontSize=LABEL_SIZE,
            color=TEXT_COLOUR,
        )
        .encode(text=alt.Text("short:N"))
    ]


# --- builders -----------------------------------------------------------------------------------


def trend_chart(
    frame: pd.DataFrame,
    lang: str,
    title: str,
    y_title: str,
    subtitle: str | None = None,
    x_domain: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> alt.TopLevelMixin:
    """A series over time: the report's figure and the context figures marked apart, lines only
    between figures on one statistical basis, bounds open and pointing the way the value lies."""
    frame = frame.sort_values("date").reset_index(drop=True)
    frame = frame.assign(segment=status.segments(frame))
    solid_run, dashed_run = status.line_runs(frame)
    frame = frame.assign(solid_run=pd.array(solid_run, dtype="Int64"), dashed_run=pd.array(dashed_run, dtype="Int64"))
    start, end = x_domain or time_domain(frame["date"].tolist())
    top = nice_max(float(frame["value"].max()))
    span = (end - start).total_seconds()
    frame = plan_labels(
        frame,
        x_of=lambda date: (date - start).total_seconds() / span * NARROWEST_PLOT,
        y_of=lambda value: TREND_HEIGHT - value / top * TREND_HEIGHT,
        width=NARROWEST_PLOT,
        height=TREND_HEIGHT,
    )
    is_percent = frame["unit_label"].eq(t("unit_axis.percent", lang)).all()
    year_labels, thinned = _year_ticks(start, end, year_label_px(lang))
    year_format = year_tick_format(lang)
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(domain=[start.isoformat(), end.isoformat()], nice=False),
        # The labels are chosen to fit the narrowest plot (_year_ticks); should one still not fit,
        # Vega hides it rather than cutting it.
        axis=alt.Axis(values=year_labels, format=year_format, labelAngle=0, grid=False, ticks=False, domainColor="#999", labelBound=True, labelOverlap=True,
                      **({"labelExpr": thinned} if thinned else {})),
    )
    counts = count_label_expr(lang)
    y_axis = alt.Axis(tickCount=5, grid=True, gridColor="#eeeeee", domain=False, ticks=False, **({"labelExpr": counts} if counts else {}))
    if is_percent:
        y_axis = alt.Axis(tickCount=5, grid=True, gridColor="#eeeeee", domain=False, ticks=False, labelExpr=f"datum.label + '{percent_suffix(lang)}'")
    y = alt.Y("value:Q", title=None if is_percent else y_title, scale=alt.Scale(domain=[0, top], nice=False), axis=y_axis)
    base = alt.Chart().encode(x=x, y=y)
    # Rules where years meet, from a sequence rather than a dataset: the chart keeps one dataset.
    rules = (
        alt.Chart(alt.SequenceGenerator(sequence=alt.SequenceParams(start=start.year + 1, stop=end.year + 1, **{"as": "year"})))
        .transform_calculate(date="datetime(datum.year, 0, 1)")
        .mark_rule(color=YEAR_RULE_COLOUR, strokeWidth=1)
        .encode(x=alt.X("date:T"))
    )
    lines = [
        base.transform_filter(f"isValid(datum.{run})").mark_line(color=LINE_COLOUR, strokeWidth=1.5, **style).encode(detail=alt.Detail(f"{run}:N"))
        for run, style in (("solid_run", {}), ("dashed_run", {"strokeDash": [5, 4]}))
        if frame[run].notna().any()
    ]
    tooltip = _tooltip(lang, frame)
    source_y = TREND_HEIGHT + LEGEND_TOP
    bound_y = source_y + LEGEND_TITLE + LEGEND_ENTRY * frame["source"].nunique() + 10
    colour = _source_encoding(lang, legend_y=source_y)
    points = []
    if not frame["bound"].ne("exact").all():
        points.append(base.transform_filter(status.EXACT).mark_point(size=120, filled=True, shape="circle", opacity=1).encode(color=colour, tooltip=tooltip))
    if status.has_bounds(frame):
        points.append(
            base.transform_filter(status.BOUND)
            .mark_point(size=130, filled=False, strokeWidth=2.2, opacity=1)
            .encode(color=colour, shape=status.bound_shape(frame, lang, legend_y=bound_y), tooltip=tooltip)
        )
    # The legend says which points are the report's; the notes say only what the marks cannot.
    notes = [subtitle or "", *status.notes(frame, lang)]
    layers = [*([rules] if end.year > start.year else []), *lines, *points, *_label_layers(base, frame)]
    legends_end = (bound_y + LEGEND_TITLE + LEGEND_ENTRY * frame.loc[frame["bound"] != "exact", "bound"].nunique()) if status.has_bounds(frame) else bound_y
    return layered(frame, layers, lang, title, height=TREND_HEIGHT, subtitle=notes, bottom=int(legends_end - TREND_HEIGHT - 14))


def slope_chart(frame: pd.DataFrame, lang: str, title: str, y_title: str) -> alt.TopLevelMixin:
    """A start value and an end value: the change is the slope between them."""
    x = alt.X("period:O", title=None, sort=alt.SortField("date"), axis=alt.Axis(labelAngle=0, labelFontSize=12, ticks=False))
    y = alt.Y(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], labelExpr=f"datum.label + '{percent_suffix(lang)}'", gridColor="#eeeeee", domain=False, ticks=False),
    )
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(color=REPORT_COLOUR, strokeWidth=3)
    points = base.mark_point(size=140, filled=True, shape="circle", color=REPORT_COLOUR, opacity=1).encode(tooltip=_tooltip(lang, frame))
    labels = base.mark_text(dy=-16, fontSize=13, fontWeight="bold", color=TEXT_COLOUR).encode(text=alt.Text("figure:N"))
    scopes = [label for label in frame["scope_label"].drop_duplicates() if label]
    return layered(frame, [line, points, labels], lang, title, height=260, subtitle=scopes)


def bar_comparison_chart(
    frame: pd.DataFrame, lang: str, title: str, subtitle: str | None = None, colour: str = REPORT_COLOUR
) -> alt.TopLevelMixin:
    """Figures of one kind side by side, each labelled above its bar so long names never get cut.

    Growth rates come in groups of one price basis and scope, each under its own heading, and are
    ranked only within a group whose basis the sources state. A figure the source gives only as
    a bound ("more than 10 %") is a hollow dashed bar ending in an open arrow head pointing the way
    the value lies.
    """
    slots = _bar_slots(frame, lang)
    # Names and headings wrap to the narrowest column; every row is as tall as the longest needs.
    slots["lines"] = [LINE_BREAK.join(wrap_to_width(label, NARROWEST_PLOT + 40, LABEL_SIZE)) for label in slots["label"]]
    line_counts = [text.count(LINE_BREAK) + 1 for text in slots["lines"]]
    most_lines = max(line_counts)
    row_height = ROW_HEIGHT + (most_lines - 1) * LINE_HEIGHT
    # Text is placed from the top of its row (yOffset counts from the band's start): a bar's name
    # ends just above the bar in the row's middle, a heading in the middle of its own row.
    slots["name_offset"] = [
        (row_height / 2 - 9 - LINE_HEIGHT * count) if kind == "bar" else ((row_height - LINE_HEIGHT * count) / 2 + 4)
        for kind, count in zip(slots["kind"], line_counts)
    ]
    order = slots["slot"].tolist()
    y = alt.Y("slot:N", sort=order, axis=None, title=None)
    bars = slots[slots["kind"] == "bar"]
    longest = max((text_width(text, LABEL_SIZE) for text in bars["figure"]), default=0)
    # Room right of the longest bar for its value label at the narrowest width.
    share_for_bars = max(0.3, 1 - (longest + 24) / NARROWEST_PLOT)
    x_max = float(bars["value"].max()) / share_for_bars if len(bars) else 1.0
    x = alt.X("value:Q", title=None, axis=None, scale=alt.Scale(domain=[0, x_max]))
    base = alt.Chart().encode(y=y)
    is_bar = "datum.kind == 'bar'"
    # Two layers rather than conditional stroke encodings, which Vega draws on every bar.
    exact = base.transform_filter(f"{is_bar} && {status.EXACT}").mark_bar(height=14, cornerRadiusEnd=2, color=colour)
    bound = base.transform_filter(f"{is_bar} && {status.BOUND}").mark_bar(
        height=14, color="white", stroke=colour, strokeWidth=2, strokeDash=[4, 2]
    )
    bound_rows = bars[bars["bound"] != "exact"]
    ends = (
        base.transform_filter(f"{is_bar} && {status.BOUND}")
        .mark_point(size=110, filled=False, color=colour, strokeWidth=2.2, opacity=1)
        .encode(x=x, shape=status.bound_shape(bound_rows if len(bound_rows) else bars, lang, shapes=status.BAR_END_SHAPES))
    )
    headers = base.transform_filter("datum.kind == 'header'").mark_text(
        align="left", baseline="top", fontSize=LABEL_SIZE, fontWeight="bold", color=MUTED_TEXT_COLOUR, limit=0,
        lineBreak=LINE_BREAK, lineHeight=LINE_HEIGHT,
    ).encode(x=alt.XValue(0), text=alt.Text("lines:N"), yOffset=alt.YOffset("name_offset:Q", scale=None))
    # A name of several lines ends just above its bar: its first line starts higher the more it has.
    names = base.transform_filter(is_bar).mark_text(
        align="left", baseline="top", fontSize=LABEL_SIZE, color=TEXT_COLOUR, limit=0, lineBreak=LINE_BREAK, lineHeight=LINE_HEIGHT
    ).encode(x=alt.XValue(0), text=alt.Text("lines:N"), yOffset=alt.YOffset("name_offset:Q", scale=None))
    values = base.transform_filter(is_bar).mark_text(align="left", dx=12, fontSize=12, fontWeight="bold", color=TEXT_COLOUR).encode(
        x=x, text=alt.Text("figure:N")
    )
    tooltip = _tooltip(lang, bars)
    grouped = (slots["kind"] == "header").any()
    # Only the layers this chart draws: an empty layer still costs the browser a mark and a data flow.
    layers = [
        *([exact.encode(x=x, tooltip=tooltip)] if len(bound_rows) < len(bars) else []),
        *([bound.encode(x=x, tooltip=tooltip), ends] if len(bound_rows) else []),
        *([headers] if grouped else []),
        names,
        values,
    ]
    notes = [subtitle or "", t("chart.note_grouped", lang) if grouped else ""]
    return layered(slots, layers, lang, title, height=max(row_height * len(slots), 80), subtitle=notes)


def _bar_slots(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of a bar chart: a heading per group of growth rates, then the group's bars."""
    records = frame.to_dict("records")
    has_basis = any(record.get("basis") for record in records)
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        key = status.group_key(record) if has_basis else (0, "", "")
        groups.setdefault(key, []).append(record)
    many = len(groups) > 1
    slots: list[dict] = []
    for (_, basis, scope), members in sorted(groups.items()):
        if many:
            slots.append({"kind": "header", "label": status.group_title(basis, scope, lang), "value": 0.0, "bound": "exact", "figure": ""})
        if not has_basis or status.ranked(basis):
            members = sorted(members, key=lambda record: -record["value"])
        slots.extend({**member, "kind": "bar"} for member in members)
    for index, slot in enumerate(slots):
        slot["slot"] = f"{index:02d}"
    return pd.DataFrame.from_records(slots)


def part_of_whole_chart(parts: pd.DataFrame, lang: str, title: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """Shares of one whole as one 100 % bar; derived parts are paler and say how they were derived.

    ``parts`` has columns ``label``, ``value`` (percent), ``figure`` (formatted), ``derived`` (bool),
    ``note`` (source or formula), ``order`` and ``bound`` (the qualifier); a part known only as a
    bound ("nearly 30 %") keeps its colour and gets a dashed edge.
    """
    with_mid = parts.sort_values("order").assign(mid=lambda p: p["value"].cumsum() - p["value"] / 2)
    domain = with_mid["label"].tolist()
    colours = [REPORT_COLOUR, "#56B4E9", "#D9D9D9"][: len(domain)]
    base = alt.Chart().encode(
        x=alt.X(
            "value:Q",
            stack="zero",
            title=None,
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(values=[0, 25, 50, 75, 100], labelExpr=f"datum.label + '{percent_suffix(lang)}'", ticks=False, domain=False),
        ),
        order=alt.Order("order:Q"),
    )
    # One meaning per mark property: the colour says whose part it is (as its legend entry does),
    # paler says derived, a dashed edge says the source gives only a bound (lib.status.parts_note).
    bars = base.transform_calculate(shade="datum.derived ? 0.75 : 1").mark_bar(height=44, strokeWidth=2).encode(
        color=alt.Color(
            "label:N",
            title=None,
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420, symbolType="square"),
        ),
        opacity=alt.Opacity("shade:Q", scale=None, legend=None),
        stroke=alt.StrokeValue("white", condition={"test": status.BOUND, "value": TEXT_COLOUR}),
        strokeDash=alt.StrokeDashValue([1, 0], condition={"test": status.BOUND, "value": [4, 3]}),
        tooltip=[
            alt.Tooltip("label:N", title=t("chart.tooltip_figure", lang)),
            alt.Tooltip("figure:N", title=t("chart.tooltip_value", lang)),
            alt.Tooltip("note:N", title=t("chart.tooltip_source", lang)),
        ],
    )
    text = base.mark_text(align="center", fontSize=12, fontWeight="bold").encode(
        x=alt.X("mid:Q"),
        text=alt.Text("figure:N"),
        color=alt.ColorValue(TEXT_COLOUR, condition={"test": "datum.order == 0 && !datum.derived", "value": "white"}),
    )
    chart = layered(with_mid, [bars, text], lang, title, height=110, subtitle=subtitle)
    chart.usermeta["kind"] = "part_of_whole"  # its labels sit on their bars by design
    return chart


def describe(frame: pd.DataFrame, lang: str, title: str) -> str:
    """A text alternative for a chart, built from the same rows the chart draws."""
    items = "; ".join(
        t("chart.alt_item", lang, label=row["label"], figure=row["figure"], period=row.get("period", ""), source=row.get("source", ""))
        for row in frame.to_dict("records")
    )
    return t("chart.alt_text", lang, title=title, items=items)
