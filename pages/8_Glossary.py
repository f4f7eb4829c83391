"""The report's terms explained in English, German and Chinese, each with its source."""

from lib import blocks
from lib.page import page_frame

with page_frame("glossary") as ctx:
    blocks.glossary(ctx)
