"""The data as tables a reader can search and take away, in the reader's language."""

from __future__ import annotations

import hashlib

import pandas as pd

from lib.components import place_text, small_grey
from lib.formatting import citation_text, format_date_text, format_figure, format_period, initiative_name
from lib.i18n import t
from lib.safe_text import md_escape


def figures_table(indicators_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per figure: what, how much (as worded), when, report or context, where, its source.

    The columns a reader needs to read a figure come first, so they are on screen without
    scrolling sideways; the page's section is left out (the sector says what the figure is about).
    """
    records = []
    for row in indicators_df.to_dict("records"):
        is_report = row["source_type"] == "report"
        records.append(
            {
                t("table.figure", lang): row[f"label_{lang}"],
                t("table.value", lang): format_figure(row, lang),
                t("table.period", lang): format_period(row["period"], row["period_type"], lang),
                t("table.source_type", lang): t(f"source_type.{row['source_type']}{'' if row['status'] == 'current' else '_superseded'}", lang),
                t("table.place", lang): place_text(row, lang),
                t("table.source", lang): row["source_de"] if is_report else citation_text(row, lang),
                t("table.translation", lang): row[f"source_{lang}"] if is_report and lang != "de" else "",
                t("table.sector", lang): t(f"sector.{row['sector']}", lang),
                "id": row["id"],
            }
        )
    return pd.DataFrame.from_records(records)


# Widths in pixels, chosen so that on a 1280 px screen (main column ~820 px) the first five columns
# of the figures fit side by side with each cell in at most three lines (see ROW_HEIGHT_PX).
COLUMN_WIDTHS_PX = {
    "table.figure": 230,
    "table.value": 130,
    "table.period": 130,
    "table.source_type": 120,
    "table.place": 140,  # 全市（未指明区） on one line: at 120 px its closing bracket wrapped alone
    "table.initiative": 230,
    "table.kind": 130,
    "table.date": 120,
    "table.description": 420,
    "table.source": 520,
    "table.translation": 520,
    "table.sector": 160,
}
# Streamlit wraps text in a grid cell only when rows are taller than 4rem (64 px): three lines.
ROW_HEIGHT_PX = 72


def column_widths(table: pd.DataFrame, lang: str) -> dict[str, int]:
    """The pixel width of each of ``table``'s columns, by their header in ``lang``."""
    by_header = {t(key, lang): width for key, width in COLUMN_WIDTHS_PX.items()}
    return {column: by_header[column] for column in table.columns if column in by_header}


def figure_cards(table: pd.DataFrame, lang: str) -> str:
    """``figures_table`` rows as a Markdown card list for a phone: the figure, its value and period,
    report or context and place, and the sentence (translated where there is a translation)."""
    items = []
    for row in table.to_dict("records"):
        sentence = row[t("table.translation", lang)] or row[t("table.source", lang)]
        items.append(
            _card(
                row[t("table.figure", lang)],
                f"{row[t('table.value', lang)]} · {row[t('table.period', lang)]}",
                f"{row[t('table.source_type', lang)]} · {row[t('table.place', lang)]}",
                sentence,
            )
        )
    return "\n".join(items)


def initiative_cards(table: pd.DataFrame, lang: str) -> str:
    """``initiatives_table`` rows as a Markdown card list for a phone."""
    items = []
    for row in table.to_dict("records"):
        facts = " · ".join(part for part in (row[t("table.kind", lang)], row[t("table.place", lang)], row[t("table.date", lang)]) if part)
        items.append(_card(row[t("table.initiative", lang)], facts, row[t("table.description", lang)], row[t("table.source", lang)]))
    return "\n".join(items)


def _card(title: str, line: str, note: str, small: str) -> str:
    # One list item: lib.layout's CSS draws each item of a phone list as a bordered card.
    return f"- **{md_escape(title)}**  \n  {md_escape(line)}  \n  {small_grey(note)}  \n  {small_grey(small)}"


def initiatives_table(initiatives_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    records = []
    for row in initiatives_df.to_dict("records"):
        records.append(
            {
                t("table.initiative", lang): initiative_name(row, lang),
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


def rows_digest(table: pd.DataFrame) -> str:
    """A short name for which rows ``table`` holds, in their order (its ``id`` column)."""
    return hashlib.blake2s("\n".join(table["id"]).encode(), digest_size=6).hexdigest()


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
