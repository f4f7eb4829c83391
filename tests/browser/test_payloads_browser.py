"""Hostile data text in a real browser: what AppTest cannot see, on an app whose every text column
holds a payload (tests/payloads.py): the page's DOM, the chart and map tooltips, the CSV downloads.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lib.i18n import t
from lib.navigation import PAGES_BY_KEY

from payloads import FORMULA, payload

# Elements the payload would create if any of it were rendered as Markdown or HTML.
LIVE_PAYLOAD_JS = """
() => [
  ...document.querySelectorAll('img[src="x"], img[src*="example.invalid"], a[href^="javascript:"], [onerror]'),
  ...[...document.querySelectorAll('strong, b')].filter(e => e.textContent.trim() === 'x'),
].map(e => e.outerHTML.slice(0, 120))
"""


def _no_live_payload(app) -> None:
    live = app.page.evaluate(LIVE_PAYLOAD_JS)
    assert live == [], f"{app.page.url}: the data's markup became elements: {live}"


def _watch_dialogs(app) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    app.page.on("dialog", on_dialog)
    return dialogs


def _tooltip_after_hovering(app, mark_selector: str) -> str:
    """Hover the first mark matching ``mark_selector`` and return the tooltip's text (its HTML is checked too)."""
    page = app.page
    mark = page.locator(mark_selector).first
    mark.scroll_into_view_if_needed()
    mark.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    inner_html = tooltip.inner_html()
    assert "<img" not in inner_html, f"the tooltip renders the data as HTML: {inner_html[:300]}"
    return tooltip.inner_text()


def test_pages_with_every_box_open_create_no_element_from_data(payload_page):
    app = payload_page
    dialogs = _watch_dialogs(app)
    app.open(lang="en")
    app.assert_healthy()
    _no_live_payload(app)
    # A KPI card's source and a chart's Sources expander hold the data's sentences and citations.
    app.page.locator('[data-testid="stMain"] .st-key-src_de_value_added_2025 button').first.click()
    panel = app.page.locator('[data-testid="stMain"] .st-key-source_panel')
    panel.get_by_text("indicators.source_de", exact=False).first.wait_for(timeout=15_000)
    assert payload("indicators.csv", "source_de") in panel.inner_text()
    _no_live_payload(app)
    expander = app.page.locator('[data-testid="stMain"] .st-key-de_value_added_trend_sources')
    expander.locator("summary").click()
    expander.get_by_text("indicators.citation", exact=False).first.wait_for(timeout=15_000)
    assert payload("indicators.csv", "citation") in expander.inner_text()
    heading = app.page.locator('[data-testid="stMain"] .st-key-kpi_de_value_added_2025 [data-testid="stMarkdownContainer"] p').first
    assert payload("indicators.csv", "label_en") in heading.inner_text()
    _no_live_payload(app)
    assert dialogs == []
    app.assert_healthy()


def test_chart_tooltip_shows_the_text_as_text(payload_page):
    app = payload_page
    app.open(lang="en")
    text = _tooltip_after_hovering(app, '[data-testid="stMain"] .vega-embed g.mark-symbol path')
    assert payload("indicators.csv", "label_en") in text
    _no_live_payload(app)


def test_map_tooltip_shows_the_initiatives_name_as_text(payload_page):
    app = payload_page
    app.open(PAGES_BY_KEY["map"].url_path, lang="de")
    # An initiative's marker (the map's other symbols are the dots where leader lines start).
    text = _tooltip_after_hovering(app, '[data-testid="stMain"] .vega-embed g.mark-symbol path[aria-label*="name_report"]')
    assert payload("initiatives.csv", "name_report") in text
    _no_live_payload(app)


def test_csv_downloads_of_data_with_formulas_hold_no_live_formula(payload_page):
    app = payload_page
    app.open(PAGES_BY_KEY["sources"].url_path, lang="en")
    app.wait_ready(title=t("page.sources.title", "en"))
    for key in ("download_all_figures", "download_all_initiatives"):
        button = app.page.locator(f'[data-testid="stMain"] .st-key-{key} button')
        with app.page.expect_download(timeout=30_000) as download_info:
            button.click()
        text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
        cells = [cell for row in csv.reader(text.splitlines()) for cell in row]
        assert any(cell.startswith("'" + FORMULA) for cell in cells), f"{key}: the data's formula is not in the file"
        live = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert live == [], f"{key}: cells a spreadsheet would run: {live[:3]}"
    app.assert_healthy()
