"""Digital infrastructure: 5G base stations, pooled computing power, autonomous-driving test mileage."""

import streamlit as st

from lib import blocks, components, derived, district_lens
from lib.page import page_frame

with page_frame("infrastructure") as ctx:
    district_lens.section_lead(ctx, "infrastructure")
    blocks.kpis(ctx, "infrastructure")

    base_stations, autonomous = components.tabs_on_demand("infrastructure", ("base_stations", "autonomous"), ctx.lang)
    if base_stations.open:
        with base_stations:
            blocks.trend_pair(ctx, ("base_stations_5g", "base_stations_trend"), ("base_stations_5g_density", "base_station_density_trend"))
    if autonomous.open:
        with autonomous:
            left, _ = st.columns(2)
            with left:
                blocks.trend(ctx, "autonomous_test_km", key="autonomous_km_trend")
    blocks.checks(ctx, [derived.implied_residents])
    blocks.initiatives(ctx, "infrastructure")
    blocks.sources(ctx, "infrastructure")
