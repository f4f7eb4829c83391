"""Chart builders: a frame of figures in, an Altair chart out. Pure: no Streamlit, no file access.

Every builder takes the output of ``lib.figures.figure_frame`` (or a frame of the same shape), so
labels, figures and sources arrive already formatted in the reader's language.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.chart_locale import vega_locale
from lib.i18n import t

# Okabe–Ito: told apart by readers with any common colour-vision deficiency.
REPORT_COLOUR = "#0072B2"
CONTEXT_COLOUR = "#E69F00"
DERIVED_COLOUR = "#999999"
ACCENT_COLOUR = "#D55E00"
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

ROW_HEIGHT = 52  # room for a label line above each bar
FONT = "sans-serif"


def layered(
    frame: pd.DataFrame, layers: list[alt.Chart], lang: str, title: str, height: int, subtitle: str | None = None
) -> alt.LayerChart:
    """Layers drawn from one dataset, with title, locale and the looks all charts share.

    Built in one step, not by chaining ``+``, ``.properties()`` and ``.configure()``: Altair
    copies, hashes and validates the whole chart, data included, at each of those steps (about
    90 ms a chart here, against ~15 ms this way). The layers carry no data of their own.
    """
    return alt.LayerChart(
        data=frame,
        layer=layers,
        height=height,
        title=alt.Title(wrap_words(title, 40), subtitle=wrap_words(subtitle or "", 55), anchor="start", subtitleColor="#555"),
        width="container",
        # Fit the width only: fitting the height too would squeeze the plot under title and legend.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        config=alt.Config(locale=vega_locale(lang), font=FONT, view=alt.ViewConfig(stroke=None)),
    )


def wrap_words(text: str, width: int) -> list[str]:
    """Break a title into lines: Vega cuts a long title with an ellipsis instead of wrapping it."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _source_encoding(lang: str) -> alt.Color:
    return alt.Color(
        "source:N",
        title=t("chart.legend_source", lang),
        scale=alt.Scale(
            domain=[t("chart.source_report", lang), t("chart.source_context", lang)],
            range=[REPORT_COLOUR, CONTEXT_COLOUR],
        ),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
    )


def _source_shape(lang: str) -> alt.Shape:
    # Shape repeats what colour says, so the source is never told by colour alone; the same title
    # and legend make Vega merge both into one legend.
    return alt.Shape(
        "source:N",
        title=t("chart.legend_source", lang),
        scale=alt.Scale(
            domain=[t("chart.source_report", lang), t("chart.source_context", lang)],
            range=["circle", "diamond"],
        ),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
    )


def _tooltip(lang: str, extra: list | None = None) -> list:
    return [
        alt.Tooltip("label:N", title=t("chart.tooltip_figure", lang)),
        alt.Tooltip("figure:N", title=t("chart.tooltip_value", lang)),
        alt.Tooltip("period:N", title=t("chart.tooltip_period", lang)),
        alt.Tooltip("citation:N", title=t("chart.tooltip_source", lang)),
        *(extra or []),
    ]


def trend_chart(frame: pd.DataFrame, lang: str, title: str, y_title: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """A series over time; this report's figure and the context years are marked apart."""
    # Yearly flows sit on a year axis with their gaps (2020 is missing on purpose); figures with
    # dates (as of April 2024) sit on a time axis.
    by_year = frame["date"].dt.month.eq(7).all()
    if by_year:
        x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0, grid=False), scale=alt.Scale(zero=False, nice=False, padding=28))
    else:
        x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=5, grid=False), scale=alt.Scale(padding=28))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True), axis=alt.Axis(tickCount=5))
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(color="#888", strokeWidth=1.5, strokeDash=[4, 3])
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        color=_source_encoding(lang), shape=_source_shape(lang), tooltip=_tooltip(lang)
    )
    placed = base.transform_calculate(below=f"indexof({_labels_below(frame)}, datum.id) >= 0")
    above = placed.transform_filter("!datum.below").mark_text(dy=-14, fontSize=11, color="#222").encode(text="short:N")
    below = placed.transform_filter("datum.below").mark_text(dy=20, fontSize=11, color="#222").encode(text="short:N")
    return layered(frame, [line, points, above, below], lang, title, height=300, subtitle=subtitle)


def _labels_below(frame: pd.DataFrame, crowded_share: float = 0.12) -> list[str]:
    """Ids of points whose label goes under the point: those crowding the point before them.

    Figures weeks apart (201 in December, more than 200 on 8 January, 209 in the report) would
    print their labels over each other; alternating above and below keeps each one readable.
    """
    ordered = frame.sort_values("date")
    dates = ordered["date"].tolist()
    span = (dates[-1] - dates[0]).total_seconds() if len(dates) > 1 else 0
    below, previous_below = [], False
    for index in range(1, len(dates)):
        crowded = span and (dates[index] - dates[index - 1]).total_seconds() < crowded_share * span
        previous_below = bool(crowded) and not previous_below
        if previous_below:
            below.append(ordered["id"].iloc[index])
    return below


def slope_chart(frame: pd.DataFrame, lang: str, title: str, y_title: str) -> alt.TopLevelMixin:
    """A start value and an end value: the change is the slope between them."""
    x = alt.X("period:O", title=None, sort=alt.SortField("date"), axis=alt.Axis(labelAngle=0, labelFontSize=12))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(color=REPORT_COLOUR, strokeWidth=3)
    points = base.mark_point(size=140, filled=True, color=REPORT_COLOUR).encode(tooltip=_tooltip(lang))
    labels = base.mark_text(dy=-16, fontSize=13, fontWeight="bold", color="#222").encode(text="figure:N")
    return layered(frame, [line, points, labels], lang, title, height=280)


def bar_comparison_chart(
    frame: pd.DataFrame, lang: str, title: str, subtitle: str | None = None, colour: str = REPORT_COLOUR
) -> alt.TopLevelMixin:
    """Figures of one kind side by side, each labelled above its bar so long names never get cut.

    A figure the source gives only as a bound ("more than 10 %") is drawn hollow and dashed:
    its bar shows the bound, not the value.
    """
    order = frame.sort_values("value", ascending=False)["label"].tolist()
    y = alt.Y("label:N", sort=order, axis=None, title=None)
    x_max = float(frame["value"].max()) * 1.18 if len(frame) else 1.0
    x = alt.X("value:Q", title=None, axis=None, scale=alt.Scale(domain=[0, x_max]))
    base = alt.Chart().encode(y=y)
    # Two layers rather than conditional stroke encodings, which Vega draws on every bar.
    exact = base.transform_filter("datum.qualifier == 'exact'").mark_bar(height=14, cornerRadiusEnd=2, color=colour)
    bound = base.transform_filter("datum.qualifier != 'exact'").mark_bar(
        height=14, color="white", stroke=colour, strokeWidth=2, strokeDash=[4, 2]
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-10, fontSize=12, color="#222", limit=0).encode(
        x=alt.value(0), text="label:N"
    )
    values = base.mark_text(align="left", dx=5, fontSize=12, fontWeight="bold", color="#222").encode(x=x, text="figure:N")
    layers = [exact.encode(x=x, tooltip=_tooltip(lang)), bound.encode(x=x, tooltip=_tooltip(lang)), names, values]
    return layered(frame, layers, lang, title, height=max(ROW_HEIGHT * len(frame), 80), subtitle=subtitle)


def part_of_whole_chart(parts: pd.DataFrame, lang: str, title: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """Shares of one whole as one 100 % bar; derived parts are paler and say how they were derived.

    ``parts`` has columns ``label``, ``value`` (percent), ``figure`` (formatted), ``derived`` (bool),
    ``note`` (source or formula) and ``order``.
    """
    with_mid = parts.sort_values("order").assign(mid=lambda p: p["value"].cumsum() - p["value"] / 2)
    domain = with_mid["label"].tolist()
    colours = [REPORT_COLOUR, "#56B4E9", "#D9D9D9"][: len(domain)]
    base = alt.Chart().encode(
        x=alt.X("value:Q", stack="zero", title=None, scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 25, 50, 75, 100], format="d")),
        order=alt.Order("order:Q"),
    )
    bars = base.mark_bar(height=44, stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "label:N",
            title=None,
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420),
        ),
        opacity=alt.condition(alt.datum.derived, alt.value(0.75), alt.value(1.0)),
        tooltip=[
            alt.Tooltip("label:N", title=t("chart.tooltip_figure", lang)),
            alt.Tooltip("figure:N", title=t("chart.tooltip_value", lang)),
            alt.Tooltip("note:N", title=t("chart.tooltip_source", lang)),
        ],
    )
    text = base.mark_text(align="center", fontSize=12, fontWeight="bold").encode(
        x=alt.X("mid:Q"),
        text="figure:N",
        color=alt.condition(alt.datum.order == 0, alt.value("white"), alt.value("#222")),
    )
    return layered(with_mid, [bars, text], lang, title, height=110, subtitle=subtitle)


def describe(frame: pd.DataFrame, lang: str, title: str) -> str:
    """A text alternative for a chart, built from the same rows the chart draws."""
    items = "; ".join(
        t("chart.alt_item", lang, label=row["label"], figure=row["figure"], period=row.get("period", ""), source=row.get("source", ""))
        for row in frame.to_dict("records")
    )
    return t("chart.alt_text", lang, title=title, items=items)
