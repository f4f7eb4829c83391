"""Notes a section page adds about what it cannot show: figures searched for in official sources
and not found, so a reader knows the gap is the sources', not the app's."""

from __future__ import annotations

import streamlit as st

from lib.i18n import t
from lib.page import PageContext


def not_found_note(ctx: PageContext, key: str, series: str | None = None) -> None:
    """The note ``note.<key>``; with ``series``, only while that series' report figure is shown."""
    if series is not None:
        rows = ctx.indicators_df
        if not ((rows["series"] == series) & (rows["source_type"] == "report")).any():
            return
    st.caption(t(f"note.{key}", ctx.lang))
