"""Where the report's initiatives are: a map of Beijing's 16 districts; click one to filter by it."""

from lib import blocks
from lib.page import page_frame

with page_frame("map") as ctx:
    blocks.district_map_block(ctx)
    blocks.initiatives(ctx, key="map_initiatives")
