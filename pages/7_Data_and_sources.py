"""Every figure and initiative as a searchable table, with its source, and the files to download."""

from lib import blocks
from lib.page import page_frame

with page_frame("sources") as ctx:
    query = blocks.search_box(ctx)
    blocks.figures_table_block(ctx, query)
    blocks.initiatives_table_block(ctx, query)
    blocks.provenance(ctx)
