"""Data text made inert before it reaches Markdown: no links, images, emphasis or HTML from a CSV."""

from __future__ import annotations

import re

# Every character Markdown (CommonMark + GFM, as Streamlit renders it) gives a meaning, plus the
# angle brackets of HTML and the dollar sign of Streamlit's LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """``text`` as Markdown that displays exactly these characters and renders nothing."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    # A line break inside a data cell must not start a new Markdown block (a heading, a list).
    return escaped.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
