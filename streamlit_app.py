"""Beijing Digital Economy Explorer: entry point and Overview page (value added, growth, share of GDP)."""

import streamlit as st

from lib import blocks, components, derived, district_lens
from lib.page import page_frame

with page_frame("overview") as ctx:
    district_lens.section_lead(ctx, "overview")
    blocks.kpis(ctx, "overview")

    value_added, core, growth = components.tabs_on_demand("overview", ("value_added", "core", "growth"), ctx.lang)
    if value_added.open:
        with value_added:
            blocks.trend_pair(ctx, ("de_value_added", "de_value_added_trend"), ("de_share_gdp", "de_share_gdp_trend"))
    if core.open:
        with core:
            left, right = st.columns(2)
            with left:
                blocks.parts(ctx, derived.share_parts, ["de_share_gdp", "core_share_gdp"], key="gdp_parts")
            with right:
                blocks.trend(ctx, "core_share_gdp", key="core_share_gdp_trend")
    if growth.open:
        with growth:
            left, right = st.columns(2)
            with left:
                blocks.comparison(ctx, "overview", key="overview_growth", measure="growth_yoy")
            with right:
                blocks.trend(ctx, "de_growth", key="de_growth_trend")

    blocks.checks(ctx, [derived.implied_gdp, derived.implied_value_added])
    blocks.initiatives(ctx, "overview")
    blocks.sources(ctx, "overview")
