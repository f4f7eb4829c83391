"""The data as tables a reader can search and take away, in the reader's language."""

from __future__ import annotations

import pandas as pd

from lib.components import place_text
from lib.formatting import citation_text, format_date_text, format_figure, format_period
from lib.i18n import t


def figures_table(indicators_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per figure: what, how much (as worded), when, where, and its source."""
    records = []
    for row in indicators_df.to_dict("records"):
        is_report = row["source_type"] == "report"
        records.append(
            {
                t("table.figure", lang): row[f"label_{lang}"],
                t("table.value", lang): format_figure(row, lang),
                t("table.period", lang): format_period(row["period"], row["period_type"], lang),
                t("table.section", lang): t(f"page.{row['section']}.title", lang),
                t("table.sector", lang): t(f"sector.{row['sector']}", lang),
                t("table.place", lang): place_text(row, lang),
                t("table.source_type", lang): t(f"source_type.{row['source_type']}{'' if row['status'] == 'current' else '_superseded'}", lang),
                t("table.source", lang): row["source_de"] if is_report else citation_text(row, lang),
                t("table.translation", lang): row[f"source_{lang}"] if is_report and lang != "de" else "",
                "id": row["id"],
            }
        )
    return pd.DataFrame.from_records(records)


def initiatives_table(initiatives_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    records = []
    for row in initiatives_df.to_dict("records"):
        records.append(
            {
                t("table.initiative", lang): row["name_report"] if lang == "de" else row[f"name_{lang}"],
                t("table.kind", lang): t(f"kind.{row['kind']}", lang),
                t("table.place", lang): place_text(row, lang),
                t("table.sector", lang): t(f"sector.{row['sector']}", lang),
                t("table.date", lang): format_date_text(row["date"], lang) if row.get("date") else "",
                t("table.description", lang): row[f"description_{lang}"],
                t("table.source", lang): row["source_de"],
                "id": row["id"],
            }
        )
    return pd.DataFrame.from_records(records)


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows in which every word of ``query`` occurs in some column, ignoring case."""
    words = [word for word in query.casefold().split() if word]
    if not words or table.empty:
        return table
    haystack = table.astype(str).agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=table.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return table[keep]
