"""Artificial intelligence and embodied intelligence: large models, the first listing, the robot platforms."""

import streamlit as st

from lib import blocks, derived, district_lens
from lib.page import page_frame

with page_frame("ai") as ctx:
    district_lens.section_lead(ctx, "ai")
    blocks.kpis(ctx, "ai")

    left, right = st.columns(2)
    with left:
        blocks.trend(ctx, "large_models", key="large_models_trend")
    with right:
        blocks.parts(ctx, derived.national_share_parts, ["large_models_share"], key="large_models_share_parts")

    blocks.checks(ctx, [derived.implied_national_models])
    blocks.initiatives(ctx, "ai")
    blocks.sources(ctx, "ai")
