"""Data text made inert before it reaches Markdown: no links, images, emphasis or HTML from a CSV."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# Every character Markdown (CommonMark + GFM, as Streamlit renders it) gives a meaning, plus the
# angle brackets of HTML and the dollar sign of Streamlit's LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """``text`` as Markdown that displays exactly these characters and renders nothing."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    # A line break inside a data cell must not start a new Markdown block (a heading, a list).
    return escaped.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def md_table(frame: pd.DataFrame) -> str:
    """``frame`` as a Markdown (GFM) table whose every cell, headers included, is escaped data.

    A table drawn as Markdown costs the page one text element; st.table makes the browser load
    about 850 KB of table code on a first visit.
    """
    def row(cells) -> str:
        return "| " + " | ".join(md_escape(cell) for cell in cells) + " |"

    lines = [row(frame.columns), "|" + "---|" * len(frame.columns)]
    lines += [row(values) for values in frame.itertuples(index=False, name=None)]
    return "\n".join(lines)
