"""Data as a factor of production: the district pilots for data circulation, e-CNY and SME digitalisation."""

from lib import blocks, district_lens, section_notes
from lib.page import page_frame

with page_frame("data_factor") as ctx:
    district_lens.section_lead(ctx, "data_factor")
    section_notes.not_found_note(ctx, "data_factor_figures")
    blocks.district_map_block(ctx, section="data_factor", key="data_factor_map")
    blocks.initiatives(ctx, "data_factor")
    blocks.sources(ctx, "data_factor")
