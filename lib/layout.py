"""Phone-first layout every page shares: card grids, cards instead of wide tables, a sidebar that closes.

Streamlit lays out rows of columns and tables for a desktop; on a 390 px phone its columns stack into
one tall card each, and a wide table makes the whole page pan sideways. The CSS here targets only
the ``st-key-<key>`` classes Streamlit gives keyed elements (a documented hook), so Streamlit's own
markup can change without breaking it. No data text is ever put into this HTML.
"""

from __future__ import annotations

import streamlit as st

# Keys of the containers the CSS arranges (the blocks use these names).
KPI_GRID_KEY = "kpi_grid"
DERIVED_GRID_KEY = "derived_cards"
WIDE_ONLY_PREFIX = "wide_only_"  # shown above the phone breakpoint only: a grid too wide for a phone
PHONE_ONLY_PREFIX = "phone_only_"  # the same content as a card list, shown on a phone only
SOURCE_PANEL_KEY = "source_panel"  # a KPI card's open source, across the grid under the card's row
SIDEBAR_SCRIPTS_KEY = "page_scripts"  # the page's scripts, first in the sidebar and never seen

# Streamlit stacks columns at or below 640 px ("sm"); its sidebar overlays the page at or below
# 768 px ("md"), which is when choosing a page should also close it.
PHONE_MAX_PX = 640
SIDEBAR_OVERLAY_MAX_PX = 768

_CSS = f"""<style>
/* KPI cards: a grid whose rows are equally tall, so every card's Source button sits at the
   same height; three across on a desktop, two on a phone (one tall card each took ~1,800 px). */
.st-key-{KPI_GRID_KEY}, .st-key-{DERIVED_GRID_KEY} {{
  display: grid !important;
  grid-template-columns: repeat(3, minmax(0, 1fr));
  gap: 0.75rem;
  align-items: stretch;
}}
.st-key-{DERIVED_GRID_KEY} {{ grid-template-columns: repeat(2, minmax(0, 1fr)); }}
/* A card's open source follows the card in the page (a screen reader reaches it next) but takes a
   whole row of its own: the rest of the card's row moves up beside the card ("dense"), so the
   source opens under the row, with lines of a readable length on a phone too. */
.st-key-{KPI_GRID_KEY} {{ grid-auto-flow: row dense; }}
.st-key-{KPI_GRID_KEY} > :is(.st-key-{SOURCE_PANEL_KEY}, :has(> .st-key-{SOURCE_PANEL_KEY})) {{ grid-column: 1 / -1; }}
.st-key-{KPI_GRID_KEY} > *, .st-key-{DERIVED_GRID_KEY} > * {{ width: auto !important; min-width: 0; height: 100%; }}
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] {{ height: 100%; }}
/* A stretched card must not squeeze its lines into each other to fit the row. */
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] > * {{ flex-shrink: 0; }}
/* The Source button at the foot of the card, whatever the text above it takes. */
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] > :last-child {{ margin-top: auto; }}
/* A card's heading and figure are the first two paragraphs of its text (components.kpi_text):
   the heading as tight as a caption, the figure as large as a subheading. */
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] > p:nth-of-type(1) {{ line-height: 1.4; }}
/* A Chinese card heading breaks at its spaces and punctuation, not inside "2026年1月27日" (a phone
   showed "2026 / 年1月27日发布"); a run too long for the card still wraps (overflow-wrap below). */
html[lang="zh-CN"] .st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] > p:nth-of-type(1) {{ word-break: keep-all; }}
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] > p:nth-of-type(2) {{ font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }}
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] > p:nth-of-type(2) strong {{ font-weight: 600; }}
/* A change badge ("+8,7 % gegenüber dem Vorjahr") wraps rather than ending in an ellipsis. */
.st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] span {{ white-space: normal !important; text-overflow: clip !important; }}
/* Headings share their words out over their lines, and paragraphs avoid a lone last word: a phone
   broke the Chinese Overview title "2025年北京数字经济" with "济" alone on its last line. */
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 {{ text-wrap: balance; }}
/* Chinese has no spaces: a title breaks only where its catalogue text marks a phrase boundary
   (a zero-width space), never inside a word such as 北京. Latin text breaks at its spaces as before. */
[data-testid="stMain"] h1 {{ word-break: keep-all; }}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p {{ text-wrap: pretty; }}
/* A long word (a German compound, a URL in a citation) wraps instead of widening the page. */
[data-testid="stMain"] [data-testid="stMarkdownContainer"] {{ overflow-wrap: anywhere; }}
/* Where the browser has German hyphenation (Firefox; Chrome on most systems), a compound breaks at
   a syllable with a hyphen ("Informations-dienstleistungssektors"), not as "…dienstleistun / gssektors". */
html[lang="de"] [data-testid="stMain"] [data-testid="stMarkdownContainer"] {{ hyphens: auto; }}
/* The page's scripts open the sidebar before the page is drawn (lib.page). Hidden with the wrapper
   Streamlit puts around a container, they leave no gap above the page links. */
[data-testid="stLayoutWrapper"]:has(> .st-key-{SIDEBAR_SCRIPTS_KEY}) {{ display: none !important; }}
/* A phone card list: one bordered card per row of a table. */
[class*="st-key-{PHONE_ONLY_PREFIX}"] ul {{ list-style: none; padding-left: 0; margin: 0; }}
[class*="st-key-{PHONE_ONLY_PREFIX}"] li {{
  border: 1px solid rgba(49, 51, 63, 0.2);
  border-radius: 0.5rem;
  padding: 0.6rem 0.75rem;
  margin: 0 0 0.5rem 0;
}}
@media (max-width: {PHONE_MAX_PX}px) {{
  .st-key-{KPI_GRID_KEY} {{ grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem; }}
  .st-key-{DERIVED_GRID_KEY} {{ grid-template-columns: minmax(0, 1fr); }}
  .st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] {{ padding: 0.6rem; gap: 0.4rem; }}
  .st-key-{KPI_GRID_KEY} [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] > p:nth-of-type(2) {{ font-size: 1.15rem; margin: 0.25rem 0 0.5rem; }}
  [class*="st-key-{WIDE_ONLY_PREFIX}"] {{ display: none !important; }}
}}
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  [class*="st-key-{PHONE_ONLY_PREFIX}"] {{ display: none !important; }}
}}
</style>"""

# Streamlit keeps the sidebar's open/closed state in localStorage and does not close it when a page
# link (st.page_link) is followed; its own page list does, but cannot show titles in the reader's
# language. So on a phone, a click on a page link in the sidebar presses the sidebar's own collapse
# button, which also stores "collapsed", so a reload keeps it closed. Installed once per tab.
_CLOSE_SIDEBAR_JS = f"""<script>
if (!window.__bdeSidebarCloser) {{
  window.__bdeSidebarCloser = true;
  document.addEventListener("click", (event) => {{
    const link = event.target.closest && event.target.closest('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]');
    if (!link || window.innerWidth > {SIDEBAR_OVERLAY_MAX_PX}) return;
    const collapse = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (collapse) collapse.click();
  }}, true);
}}
</script>"""


def apply_layout() -> None:
    """The shared CSS: style alone goes to Streamlit's event container and takes no space."""
    st.html(_CSS)


def close_sidebar_script() -> str:
    """The script above, for lib.page to send with the page's other script in one element."""
    return _CLOSE_SIDEBAR_JS
