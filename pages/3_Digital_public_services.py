"""Digital public services: internet hospitals, online diagnosis, satisfaction with the smart city."""

import streamlit as st

from lib import blocks, district_lens, section_notes
from lib.page import page_frame

with page_frame("public_services") as ctx:
    district_lens.section_lead(ctx, "public_services")
    blocks.kpis(ctx, "public_services")
    section_notes.not_found_note(ctx, "satisfaction_history", series="smart_city_satisfaction")

    left, right = st.columns(2)
    with left:
        blocks.trend(ctx, "internet_hospitals", key="internet_hospitals_trend", share_x_with="online_diagnosis_institutions")
    with right:
        blocks.trend(ctx, "online_diagnosis_institutions", key="online_diagnosis_trend", share_x_with="internet_hospitals")

    blocks.initiatives(ctx, "public_services")
    blocks.sources(ctx, "public_services")
