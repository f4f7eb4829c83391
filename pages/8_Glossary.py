"""The report's terms explained in English, German and Chinese, each with its source."""

from lib import blocks
from lib.page import start_page

ctx = start_page("glossary")
blocks.glossary(ctx)
