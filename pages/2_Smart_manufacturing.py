"""Smart manufacturing and industrial digitalisation: adoption, smart factories, vehicle output."""

import streamlit as st

from lib import blocks
from lib.page import start_page

ctx = start_page("manufacturing")
blocks.filter_summary(ctx, "manufacturing")
blocks.kpis(ctx, "manufacturing")

section = blocks.section_rows(ctx, "manufacturing")
left, right = st.columns(2)
with left:
    blocks.slope(ctx, "digital_adoption_rate", key="adoption_slope")
with right:
    blocks.comparison(ctx, section.query("unit == 'factories'"), key="factory_tiers")
blocks.comparison(ctx, section.query("measure == 'growth_yoy'"), key="output_growth")

blocks.initiatives(ctx, "manufacturing")
blocks.sources(ctx, "manufacturing")
