"""Digital public services: internet hospitals, online diagnosis, satisfaction with the smart city."""

from lib import blocks, district_lens, section_notes
from lib.page import page_frame

with page_frame("public_services") as ctx:
    district_lens.section_lead(ctx, "public_services")
    blocks.kpis(ctx, "public_services")
    section_notes.not_found_note(ctx, "satisfaction_history", series="smart_city_satisfaction")

    blocks.trend_pair(ctx, ("internet_hospitals", "internet_hospitals_trend"), ("online_diagnosis_institutions", "online_diagnosis_trend"))

    blocks.initiatives(ctx, "public_services")
    blocks.sources(ctx, "public_services")
