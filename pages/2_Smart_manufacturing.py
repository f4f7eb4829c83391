"""Smart manufacturing and industrial digitalisation: adoption, smart factories, vehicle output."""

import streamlit as st

from lib import blocks, components, district_lens
from lib.page import page_frame

with page_frame("manufacturing") as ctx:
    district_lens.section_lead(ctx, "manufacturing")
    blocks.kpis(ctx, "manufacturing")

    adoption, output = components.tabs_on_demand("manufacturing", ("adoption", "output"), ctx.lang)
    if adoption.open:
        with adoption:
            left, right = st.columns(2)
            with left:
                blocks.slope(ctx, "digital_adoption_rate", key="adoption_slope")
            with right:
                blocks.comparison(ctx, "manufacturing", key="factory_tiers", unit="factories")
    if output.open:
        with output:
            blocks.comparison(ctx, "manufacturing", key="output_growth", measure="growth_yoy")
            left, right = st.columns(2)
            with left:
                blocks.trend(ctx, "nev_output_growth", key="nev_growth_trend")
            with right:
                blocks.trend(ctx, "wind_turbine_output_growth", key="wind_growth_trend")

    blocks.initiatives(ctx, "manufacturing")
    blocks.sources(ctx, "manufacturing")
