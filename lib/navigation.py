"""The app's pages in reading order: the sidebar links and the tests walk this one list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    key: str  # catalogue keys page.<key>.title / .nav / .intro
    path: str  # relative to the app root, as st.page_link and AppTest.switch_page want it
    icon: str  # an emoji: a material icon would be fetched from a font server
    url_path: str  # what the browser shows after the host


PAGES: tuple[PageInfo, ...] = (
    PageInfo("overview", "streamlit_app.py", "🏙️", ""),
    PageInfo("ai", "pages/1_Artificial_intelligence.py", "🤖", "Artificial_intelligence"),
    PageInfo("manufacturing", "pages/2_Smart_manufacturing.py", "🏭", "Smart_manufacturing"),
    PageInfo("public_services", "pages/3_Digital_public_services.py", "🏥", "Digital_public_services"),
    PageInfo("infrastructure", "pages/4_Digital_infrastructure.py", "📡", "Digital_infrastructure"),
    PageInfo("data_factor", "pages/5_Data_as_a_factor.py", "🗄️", "Data_as_a_factor"),
    PageInfo("map", "pages/6_District_map.py", "🗺️", "District_map"),
    PageInfo("sources", "pages/7_Data_and_sources.py", "📑", "Data_and_sources"),
    PageInfo("glossary", "pages/8_Glossary.py", "📖", "Glossary"),
)
PAGES_BY_KEY: dict[str, PageInfo] = {page.key: page for page in PAGES}
