"""Data as a factor of production: the district pilots for data circulation, e-CNY and SME digitalisation."""

from lib import blocks
from lib.page import start_page

ctx = start_page("data_factor")
blocks.district_counts(ctx, "data_factor", key="data_factor_districts")
blocks.initiatives(ctx, "data_factor")
blocks.sources(ctx, "data_factor")
