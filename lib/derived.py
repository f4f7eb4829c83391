"""Figures the report implies but does not print, each with its formula and, where one exists,
the figure from another source it can be checked against. Always shown marked as derived."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.figures import chart_unit, chart_value, series_rows
from lib.formatting import format_figure, format_percent_value, round_places, round_significant, source_name
from lib.i18n import t
from lib.status import difference_side, rounding_for_side, rounding_toward

# When an input is a bound, the result is a bound too, pointing the way the arithmetic sends it.
SIGNIFICANT_DIGITS = 3
_BOUND_OF_QUOTIENT = {("more_than", "exact"): "more_than", ("exact", "nearly"): "more_than", ("exact", "exact"): "about"}


@dataclass(frozen=True)
class Derived:
    key: str  # catalogue keys derived.<key>.label and derived.<key>.formula
    value: float
    unit: str
    qualifier: str
    formula: str  # the arithmetic with the figures filled in, in the reader's language
    compare: dict | None  # a context figure of the same quantity, when one exists

    def as_row(self) -> dict:
        # Shown to three significant digits: the inputs carry no more (the 5G density is a whole
        # number of stations per 10,000, so residents come out as 21.9 million, not 21,914,286).
        # A bound is rounded the way it stays true (lib.status).
        value = round_significant(self.value, SIGNIFICANT_DIGITS, rounding_toward(self.qualifier))
        return {"value": value, "unit": self.unit, "measure": "level", "qualifier": self.qualifier}


def latest_report(indicators_df: pd.DataFrame, series: str) -> dict | None:
    rows = series_rows(indicators_df, series)
    rows = rows[rows["source_type"] == "report"]
    return rows.iloc[-1].to_dict() if len(rows) else None


def context_for_year(indicators_df: pd.DataFrame, series: str, year: str | None = None) -> dict | None:
    """The newest current context figure of a series (of ``year`` when given)."""
    rows = series_rows(indicators_df, series)
    rows = rows[rows["source_type"] == "context"]
    if year is not None:
        rows = rows[rows["period"].str.startswith(year)]
    return rows.iloc[-1].to_dict() if len(rows) else None


def implied_gdp(indicators_df: pd.DataFrame, lang: str) -> Derived | None:
    """GDP implied by the digital economy's value added and its share of GDP."""
    value_added = latest_report(indicators_df, "de_value_added")
    share = latest_report(indicators_df, "de_share_gdp")
    if value_added is None or share is None or share["value"] == 0:
        return None
    amount = chart_value(value_added["value"], value_added["unit"])
    unit = chart_unit(value_added["unit"])
    return Derived(
        key="implied_gdp",
        value=amount / (share["value"] / 100),
        unit=unit,
        qualifier=_BOUND_OF_QUOTIENT.get((value_added["qualifier"], share["qualifier"]), "about"),
        formula=t("derived.implied_gdp.formula", lang, value_added=format_figure(value_added, lang), share=format_figure(share, lang)),
        compare=context_for_year(indicators_df, "gdp", value_added["period"][:4]),
    )


def implied_value_added(indicators_df: pd.DataFrame, lang: str) -> Derived | None:
    """Value added implied by the report's share of GDP and GDP from the statistics bureau."""
    share = latest_report(indicators_df, "de_share_gdp")
    if share is None:
        return None
    gdp = context_for_year(indicators_df, "gdp", share["period"][:4])
    value_added = latest_report(indicators_df, "de_value_added")
    if gdp is None:
        return None
    return Derived(
        key="implied_value_added",
        value=chart_value(gdp["value"], gdp["unit"]) * share["value"] / 100,
        unit=chart_unit(gdp["unit"]),
        qualifier="about",
        formula=t("derived.implied_value_added.formula", lang, share=format_figure(share, lang), gdp=format_figure(gdp, lang)),
        compare=value_added,
    )


def implied_residents(indicators_df: pd.DataFrame, lang: str) -> Derived | None:
    """Residents implied by the 5G station count and the stations per 10,000 residents."""
    stations = latest_report(indicators_df, "base_stations_5g")
    density = latest_report(indicators_df, "base_stations_5g_density")
    if stations is None or density is None or density["value"] == 0:
        return None
    return Derived(
        key="implied_residents",
        value=stations["value"] / density["value"] * 10_000 / 1_000_000,
        unit="million_people",
        qualifier="about",  # the density is rounded to a whole number
        formula=t("derived.implied_residents.formula", lang, stations=format_figure(stations, lang), density=format_figure(density, lang)),
        compare=context_for_year(indicators_df, "population"),
    )


def implied_national_models(indicators_df: pd.DataFrame, lang: str) -> Derived | None:
    """China's registered large models implied by Beijing's count and its share."""
    count = latest_report(indicators_df, "large_models")
    share = latest_report(indicators_df, "large_models_share")
    if count is None or share is None or share["value"] == 0:
        return None
    return Derived(
        key="implied_national_models",
        value=count["value"] / (share["value"] / 100),
        unit="large_models",
        qualifier=_BOUND_OF_QUOTIENT.get((count["qualifier"], share["qualifier"]), "about"),
        formula=t("derived.implied_national_models.formula", lang, models=format_figure(count, lang), share=format_figure(share, lang)),
        compare=None,
    )


def checks_frame(derived: list[Derived | None], lang: str) -> pd.DataFrame:
    """Derived figures set against the figures they can be checked with, as a table to show."""
    records = []
    for item in derived:
        if item is None:
            continue
        # Every cell says something: where no other source has the figure, the table says so.
        compare_text, difference = t("derived.no_compare", lang), t("derived.no_difference", lang)
        if item.compare is not None:
            compare_text = t(
                "derived.compare", lang, figure=format_figure(item.compare, lang), label=item.compare[f"label_{lang}"], source=_source_of(item.compare, lang)
            )
            other = chart_value(item.compare["value"], item.compare["unit"])
            side = difference_side(item.qualifier, item.compare["qualifier"])
            if other and side is not None:
                difference = _difference_text((item.value - other) / other * 100, side, lang)
        records.append(
            {
                t("derived.col_figure", lang): t(f"derived.{item.key}.label", lang),
                t("derived.col_result", lang): format_figure(item.as_row(), lang),
                t("derived.col_formula", lang): item.formula,
                t("derived.col_compare", lang): compare_text,
                t("derived.col_difference", lang): difference,
            }
        )
    return pd.DataFrame.from_records(records)


def _difference_text(percent: float, side: int, lang: str) -> str:
    """How far the result lies above or below the figure it is set against, in words.

    A difference computed from a bound is itself a bound (``side``: +1 the true difference is
    larger, -1 smaller), rounded so it stays true. Said with a sign ("more than −0.7%") it read as
    nonsense; said in words it must also admit the other side: less than 0.7% below a figure
    may be above it.
    """
    rounded = round_places(percent, 1, rounding_for_side(side))
    if rounded == 0 and side == 0:
        return t("derived.difference_none", lang)
    above = rounded > 0 or (rounded == 0 and side > 0)
    if side == 0:
        key = "above" if above else "below"
    elif (side > 0) == above:
        key = "more_above" if above else "more_below"  # the gap can only be wider
    else:
        key = "less_above" if above else "less_below"  # the gap can only be narrower, or turn round
    return t(f"derived.difference_{key}", lang, difference=format_percent_value(abs(rounded), lang))


def _source_of(row: dict, lang: str) -> str:
    # Inside brackets, mid-sentence: "this report", not the legend's capitalised "This report".
    return t("derived.source_report", lang) if row["source_type"] == "report" else source_name(row, lang)


def share_parts(indicators_df: pd.DataFrame, lang: str) -> pd.DataFrame | None:
    """The economy in three parts: core digital industries, the rest of the digital economy, the rest.

    The first is the report's figure; the other two follow from it by subtraction and say so.
    """
    total = latest_report(indicators_df, "de_share_gdp")
    core = latest_report(indicators_df, "core_share_gdp")
    if total is None or core is None:
        return None
    other = total["value"] - core["value"]
    rest = 100 - total["value"]
    pct = lambda value: format_percent_value(value, lang)  # noqa: E731
    return pd.DataFrame(
        [
            {"order": 0, "label": core[f"label_{lang}"], "value": core["value"], "figure": pct(core["value"]), "derived": False,
             "note": t("source.report_short", lang), "bound": core["qualifier"]},
            {"order": 1, "label": t("derived.other_digital.label", lang), "value": other, "figure": pct(other), "derived": True,
             "note": t("derived.other_digital.formula", lang, total=pct(total["value"]), core=pct(core["value"])), "bound": "exact"},
            {"order": 2, "label": t("derived.rest_of_economy.label", lang), "value": rest, "figure": pct(rest), "derived": True,
             "note": t("derived.rest_of_economy.formula", lang, total=pct(total["value"])), "bound": total["qualifier"]},
        ]
    )


def national_share_parts(indicators_df: pd.DataFrame, lang: str) -> pd.DataFrame | None:
    """Beijing's share of China's registered large models against the rest of China."""
    share = latest_report(indicators_df, "large_models_share")
    if share is None:
        return None
    rest = 100 - share["value"]
    rest_row = {"value": rest, "unit": "percent", "measure": "share", "qualifier": "more_than" if share["qualifier"] == "nearly" else "about"}
    return pd.DataFrame(
        [
            {"order": 0, "label": t("derived.beijing.label", lang), "value": share["value"], "figure": format_figure(share, lang),
             "derived": False, "note": t("source.report_short", lang), "bound": share["qualifier"]},
            {"order": 1, "label": t("derived.rest_of_china.label", lang), "value": rest, "figure": format_figure(rest_row, lang),
             "derived": True, "note": t("derived.rest_of_china.formula", lang, share=format_figure(share, lang)), "bound": rest_row["qualifier"]},
        ]
    )

