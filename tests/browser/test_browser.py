"""The app in a real browser: every page draws, figures match the data, filters and the map work.

What AppTest cannot see is tested here: that charts draw marks, that a click on the map reaches the
link (the phone layout: test_phone.py). Screenshots of every page land in artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from benchmark import load
from lib import vocab
from lib.data import INDICATORS_FILE, INITIATIVES_FILE, data_dir
from lib.i18n import t
from lib.navigation import PAGES, PAGES_BY_KEY

from expected_text import KPI_CARDS, KPI_IDS, plain

NAV_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'
PHONE = {"width": 390, "height": 844}


def title(key: str, lang: str = "en") -> str:
    return t(f"page.{key}.title", lang)


def read_csv(file_name: str) -> list[dict[str, str]]:
    with open(data_dir() / file_name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def initiative_ids_in(district_slug: str) -> set[str]:
    code = vocab.SLUG_DISTRICTS[district_slug]
    return {row["id"] for row in read_csv(INITIATIVES_FILE) if row["district_code"] == code}


def pick_option(app, widget_key: str, option: str) -> None:
    """Open a multiselect in the sidebar and click one of its options."""
    page = app.page
    box = page.locator(f'[data-testid="stSidebar"] .st-key-{widget_key} [role="combobox"]')
    box.click()
    box.fill(option)  # the list shows only the first options; typing narrows it to the wanted one
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_tour_of_every_page_by_sidebar_links(app_page, screenshot_dir):
    app = app_page
    app.open()
    app.wait_ready(title=title("overview"))
    app.assert_healthy()
    app.screenshot_full(screenshot_dir / "overview.png")

    # Every other page by its link, then back to the first one: the sidebar must reach them all.
    for info in [*PAGES[1:], PAGES[0]]:
        links = app.page.locator(NAV_LINKS)
        assert links.count() == len(PAGES), f"the sidebar has {links.count()} page links, expected {len(PAGES)}"
        link = links.nth(PAGES.index(info))
        href = link.get_attribute("href") or ""
        assert href.split("?")[0] == info.url_path, f"link {PAGES.index(info)} goes to {href!r}, expected {info.url_path!r}"
        link.click()
        status = app.wait_ready(title=title(info.key))
        assert app.path() == info.url_path, f"clicking {info.key} led to /{app.path()}"
        assert status["h1"], f"{info.key} has no h1"
        app.assert_healthy()
        if info is not PAGES[0]:
            app.screenshot_full(screenshot_dir / f"{info.key}.png")


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_kpi_cards_show_the_figures_written_out_by_hand(new_app_page, lang):
    app = new_app_page()
    for section, ids in KPI_IDS.items():
        info = PAGES_BY_KEY[section]
        app.open(info.url_path, lang=lang)
        app.wait_ready(title=title(section, lang))
        app.assert_healthy()
        cards = app.keyed_ids("kpi_") - {"grid"}  # the grid that holds the cards
        assert cards == set(ids), f"{section} ({lang}): cards {sorted(cards)}"
        for figure_id in ids:
            card = app.page.locator(f'[data-testid="stMain"] .st-key-kpi_{figure_id}')
            text = plain(card.inner_text())
            heading, figure, change = KPI_CARDS[figure_id][lang]
            for part in (heading, figure, change):
                assert part in text, f"{section} ({lang}): card {figure_id} should show {part!r}; it shows {text!r}"


def test_sidebar_district_filter_sets_link_and_narrows_map_list(app_page):
    app = app_page
    app.open()
    app.wait_ready(title=title("overview"))
    pick_option(app, "district_filter", t("district.110108", "en"))
    app.wait_for_param("district", "haidian")
    app.wait_ready(title=title("overview"))
    app.assert_healthy()

    # The filter travels with the sidebar link to the map page.
    app.page.locator(NAV_LINKS).nth(PAGES.index(PAGES_BY_KEY["map"])).click()
    app.wait_ready(title=title("map"))
    assert app.path() == PAGES_BY_KEY["map"].url_path
    assert app.query().get("district") == ["haidian"], app.page.url
    expected = initiative_ids_in("haidian")
    assert expected, "the data names no initiative in Haidian: this test needs one"
    shown = app.keyed_ids("map_initiatives_")
    assert shown == expected, f"with district=haidian the map lists {sorted(shown)}, expected {sorted(expected)}"
    app.assert_healthy()


# Finds a point inside a district's shape where the shape itself (not a label or marker above it)
# receives the click; returns page coordinates or null.
POINT_ON_DISTRICT_JS = """
(name) => {
  const paths = [...document.querySelectorAll('.vega-embed svg path[role="graphics-symbol"]')]
    .filter(p => (p.getAttribute('aria-label') || '').includes('District: ' + name + ';')
               && !(p.getAttribute('aria-label') || '').includes('Initiative:'));
  if (paths.length !== 1) return {error: 'found ' + paths.length + ' shapes for ' + name};
  const path = paths[0];
  path.scrollIntoView({block: 'center'});
  const box = path.getBoundingClientRect();
  const steps = 12;
  // From the middle outwards, so the point is well inside the district.
  const offsets = [];
  for (let i = 0; i <= steps; i++) for (let j = 0; j <= steps; j++)
    offsets.push([i / steps, j / steps]);
  offsets.sort((a, b) => Math.hypot(a[0] - .5, a[1] - .5) - Math.hypot(b[0] - .5, b[1] - .5));
  for (const [fx, fy] of offsets) {
    const x = box.left + fx * box.width, y = box.top + fy * box.height;
    if (document.elementFromPoint(x, y) === path) return {x, y};
  }
  return {error: 'no point of ' + name + ' is clickable'};
}
"""


def test_map_click_on_district_sets_link_and_list(app_page):
    app = app_page
    app.open(PAGES_BY_KEY["map"].url_path, lang="en")
    app.wait_ready(title=title("map"))
    app.assert_healthy()
    point = app.page.evaluate(POINT_ON_DISTRICT_JS, t("district.110118", "en"))
    assert "error" not in point, point["error"] if "error" in point else ""
    app.page.mouse.click(point["x"], point["y"])
    app.wait_for_param("district", "miyun")
    app.wait_ready(title=title("map"))
    expected = initiative_ids_in("miyun")
    assert expected, "the data names no initiative in Miyun: this test needs one"
    shown = app.keyed_ids("map_initiatives_")
    assert shown == expected, f"after a click on Miyun the map lists {sorted(shown)}, expected {sorted(expected)}"
    assert app.query().get("district") == ["miyun"], app.page.url
    app.assert_healthy()


def test_language_switch_to_german_changes_title_and_link(app_page, screenshot_dir):
    app = app_page
    app.open()
    app.wait_ready(title=title("overview"))
    app.page.locator('[data-testid="stSidebar"] .st-key-lang_select').get_by_role("radio", name="Deutsch", exact=True).click()
    app.wait_for_param("lang", "de")
    app.wait_ready(title=title("overview", "de"))
    assert app.page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == title("overview", "de")
    app.assert_healthy()
    app.screenshot_full(screenshot_dir / "overview-de.png")


def test_deep_link_lang_zh_shows_chinese_title(app_page, screenshot_dir):
    app = app_page
    app.open("", lang="zh")
    status = app.wait_ready(title=title("overview", "zh"))
    assert status["h1"] == title("overview", "zh")
    assert app.query().get("lang") == ["zh"]
    app.assert_healthy()
    app.screenshot_full(screenshot_dir / "overview-zh.png")


def test_chart_downloads_as_svg_with_title_and_source(app_page):
    app = app_page
    app.open("", lang="en")
    app.wait_ready(title=title("overview"))
    expander = app.page.locator('[data-testid="stMain"] [data-testid="stExpander"]', has_text=t("chart.sources_and_downloads", "en")).first
    expander.locator("summary").click()
    # Opening it reruns the page to build its content; click the download once that run is over,
    # not a button the run is about to replace.
    expander.get_by_role("button", name=t("download.svg", "en")).wait_for(timeout=30_000)
    app.wait_ready(title=title("overview"))
    with app.page.expect_download(timeout=30_000) as download_info:
        expander.get_by_role("button", name=t("download.svg", "en")).click()
    svg = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert t("chart.de_value_added_trend.title", "en") in svg
    assert "Beijing Daily" in svg  # the source line is part of the image
    app.assert_healthy()


def test_chart_downloads_arrive_while_other_readers_use_the_server(app_page, app_url):
    # Every run of any reader ends with a sweep of the server's unreferenced files; a file made on
    # click was one of them, and with a few other readers it was gone before the browser asked
    # for it (a 404 and no download, 2 of 8 times). Six readers rerun the Overview meanwhile.
    app = app_page
    app.open("", lang="de")
    app.wait_ready(title=title("overview", "de"))
    expander = app.page.locator('[data-testid="stMain"] [data-testid="stExpander"]', has_text=t("chart.sources_and_downloads", "de")).first
    expander.locator("summary").click()
    expander.get_by_role("button", name="Grafik als PNG").wait_for(timeout=30_000)
    app.wait_ready(title=title("overview", "de"))
    stop = threading.Event()

    def other_readers() -> None:
        while not stop.is_set():
            load.run_load(app_url, sessions=6, runs=2, query="lang=en")

    readers = threading.Thread(target=other_readers, daemon=True)
    readers.start()
    try:
        for _ in range(6):
            with app.page.expect_download(timeout=20_000) as download_info:
                expander.get_by_role("button", name="Grafik als PNG").click()
            assert Path(download_info.value.path()).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
            assert download_info.value.suggested_filename.endswith(".png")
            app.page.wait_for_timeout(300)
    finally:
        stop.set()
        readers.join(timeout=60)
    app.assert_healthy()


# Each KPI card's box, and the open source panel's, with the grid's: to say where the panel opened.
KPI_BOXES_JS = """
() => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, width: r.width}; };
  const main = document.querySelector('[data-testid="stMain"]');
  const cards = [...main.querySelectorAll('[class*="st-key-kpi_"]:not(.st-key-kpi_grid)')]
    .map(card => ({id: [...card.classList].find(c => c.startsWith('st-key-kpi_')).slice('st-key-kpi_'.length), ...box(card)}));
  const panel = main.querySelector('.st-key-source_panel');
  return {cards, grid: box(main.querySelector('.st-key-kpi_grid')), panel: panel && box(panel)};
}
"""


def test_kpi_source_opens_under_its_row_with_the_german_sentence_and_a_citation_to_copy(app_page):
    app = app_page
    app.open(PAGES_BY_KEY["infrastructure"].url_path, lang="en")
    app.wait_ready(title=title("infrastructure"))
    row = next(row for row in read_csv("indicators.csv") if row["id"] == "base_stations_5g")
    app.page.locator(f'[data-testid="stMain"] .st-key-src_{row["id"]} button').first.click()
    panel = app.page.locator('[data-testid="stMain"] .st-key-source_panel')
    panel.get_by_text(row["source_de"], exact=False).wait_for(timeout=15_000)
    assert row["source_en"] in panel.inner_text()
    assert KPI_CARDS["base_stations_5g"]["en"][1] in plain(panel.locator("code").inner_text())
    # Across the whole grid, straight under the card's row and above the next row's cards.
    boxes = app.page.evaluate(KPI_BOXES_JS)
    card = next(card for card in boxes["cards"] if card["id"] == row["id"])
    its_row = [other for other in boxes["cards"] if abs(other["top"] - card["top"]) < 1]
    below = [other for other in boxes["cards"] if other["top"] > card["bottom"]]
    assert len(its_row) > 1, f"the card shares no row: {boxes}"
    assert max(other["bottom"] for other in its_row) < boxes["panel"]["top"] < min([other["top"] for other in below] or [1e9]), boxes
    assert abs(boxes["panel"]["width"] - boxes["grid"]["width"]) < 1, boxes
    panel.get_by_role("button", name="Close source").click()
    panel.wait_for(state="detached", timeout=15_000)
    app.assert_healthy()


def test_filtered_csv_download_holds_the_rows_shown(app_page):
    # The shipped data has no formula-like cell: test_payloads_browser.py checks formulas are neutralised.
    app = app_page
    app.open(PAGES_BY_KEY["sources"].url_path, lang="en", sector="networks_computing")
    app.wait_ready(title=title("sources"))
    expected = {row["id"] for row in read_csv("indicators.csv") if row["sector"] in ("connectivity", "computing", "macro_context")}
    button = app.page.get_by_role("button", name=t("download.filtered_figures", "en", count=len(expected)))
    with app.page.expect_download(timeout=30_000) as download_info:
        button.click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    body = [line for line in text.splitlines() if line and not line.lstrip('"').startswith("#")]
    rows = list(csv.DictReader(body))
    assert {row["id"] for row in rows} == expected
    assert {row["value"] for row in rows if row["id"] == "base_stations_5g"} == {"153400"}
    app.assert_healthy()


def _tick_first_row(app, kind: str) -> None:
    # The grid is drawn on a canvas: the first row's box sits at its left edge, under the header.
    grid = app.page.locator(f'[data-testid="stMain"] .st-key-wide_only_{kind} [data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    app.page.mouse.click(box["x"] + 14, box["y"] + 36 + 36)


def test_a_ticked_row_shows_its_whole_source_sentence_and_a_new_search_starts_unticked(app_page):
    # A grid cell shows three lines; the report's sentence for the first figure runs to five there.
    app = app_page
    app.open(PAGES_BY_KEY["sources"].url_path, lang="en")
    app.wait_ready(title=title("sources"))
    hint = "Tick a row’s box, at its left edge, to read its whole source sentence here."
    figures = app.page.locator('[data-testid="stMain"] .st-key-wide_only_figures')
    figures.get_by_text(hint).wait_for(timeout=10_000)
    _tick_first_row(app, "figures")
    detail = app.page.locator('[data-testid="stMain"] .st-key-figures_detail')
    detail.wait_for(timeout=15_000)
    text = plain(detail.inner_text())
    assert (
        "Insgesamt überstieg die Wertschöpfung der digitalen Wirtschaft der Stadt im Jahr 2025 2,4 Billionen Yuan RMB, "
        "was zu laufenden Preisen einem Plus von 8,7 Prozent gegenüber dem Vorjahr entsprach und 46,4 Prozent des "
        "Bruttoinlandsprodukts (BIP) der Stadt ausmachte."
    ) in text
    assert "Digital economy value added, 2025: more than 2.4 trillion yuan" in text
    assert "Translation of the German edition: Overall, the value added of the city's digital economy in 2025 exceeded 2.4 trillion yuan RMB" in text
    # Another search holds other rows: the old tick must not show another row's sentence.
    app.page.get_by_label("Search figures, initiatives and sources").fill("Basisstationen")
    app.page.keyboard.press("Enter")
    detail.wait_for(state="detached", timeout=15_000)
    figures.get_by_text(hint).wait_for(timeout=10_000)
    app.wait_ready(title=title("sources"))
    _tick_first_row(app, "figures")
    detail.wait_for(timeout=15_000)
    assert "Die Gesamtzahl der 5G-Basisstationen erreichte 153.400, was umgerechnet 70 Stationen pro 10.000 Einwohner entspricht." in plain(detail.inner_text())
    app.assert_healthy()


@pytest.mark.parametrize(
    "lang, file_name, citation",
    [
        ("de", "beijing-digitalwirtschaft-initiativen.csv", "Southern Daily, 8. Januar 2026 (static.nfnews.com): 北京智谱华章科技股份有限公司（02513）"),
        ("zh", "北京数字经济-举措.csv", "《南方日报》，2026年1月8日（static.nfnews.com）：北京智谱华章科技股份有限公司（02513）"),
    ],
)
def test_initiatives_download_is_named_and_cites_in_the_readers_language(app_page, lang, file_name, citation):
    app = app_page
    app.open(PAGES_BY_KEY["sources"].url_path, lang=lang)
    app.wait_ready(title=title("sources", lang))
    with app.page.expect_download(timeout=30_000) as download_info:
        app.page.locator('[data-testid="stMain"] .st-key-download_all_initiatives button').click()
    assert download_info.value.suggested_filename == file_name
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    body = [line for line in text.splitlines() if line and not line.lstrip('"').startswith("#")]
    listing = next(row for row in csv.DictReader(body) if row["id"] == "knowledge_atlas_listing")
    assert (listing["citation"], listing["citation_sites"]) == (citation, "static.nfnews.com")
    app.assert_healthy()


@pytest.mark.parametrize("lang, tag", [("de", "de"), ("zh", "zh-CN"), ("en", "en")])
def test_the_page_declares_its_language_to_the_browser(app_page, lang, tag):
    # Streamlit serves every page as <html lang="en">: screen readers would read German with
    # English rules and Chromium could draw Chinese with Japanese glyph forms.
    app = app_page
    app.open("", lang=lang)
    app.page.wait_for_function("(tag) => document.documentElement.lang === tag", arg=tag, timeout=10_000)
    assert app.page.evaluate("document.documentElement.lang") == tag
    app.page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').nth(1).click()
    app.wait_ready(title=title("ai", lang))
    assert app.page.evaluate("document.documentElement.lang") == tag


@pytest.mark.parametrize("path", ["Smart_manufacturing", "Glossary"])
def test_a_link_to_a_section_page_finds_the_server_at_the_first_try(app_page, path):
    # Streamlit's frontend looks for the server under the page's own path first and waits 100 ms
    # after the 404; serve.py tells it where the server is (lib/link_preview.BASE_URL_HINT).
    app = app_page
    asked: list[str] = []
    app.page.on("request", lambda request: asked.append(request.url) if "/_stcore/" in request.url else None)
    app.open(path, lang="de")
    probes = [url.removeprefix(app.base_url).split("?")[0] for url in asked if "/_stcore/health" in url or "/_stcore/host-config" in url]
    assert probes and all(probe in ("/_stcore/health", "/_stcore/host-config") for probe in probes), probes
    assert app.path() == path
    app.assert_healthy()


# The page's HTML as the server sends it: Streamlit's own code adds modulepreload links to the
# document for each file it loads later, so the document as it stands names them all.
SCRIPTS_FETCHED_AND_NAMED_JS = """async () => {
  const name = (url) => new URL(url, location.href).pathname.split('/').pop();
  const fetched = performance.getEntriesByType('resource').map(e => e.name).filter(url => url.endsWith('.js')).map(name);
  const html = await (await fetch(location.href, {cache: 'no-store'})).text();
  const named = [...html.matchAll(/(?:src|href)="([^"]+[.]js)"/g)].map(match => name(match[1]));
  return {fetched: [...new Set(fetched)], named};
}"""


def test_every_script_a_page_runs_was_named_in_its_html(fresh_tab):
    # Streamlit loads an element's code when the first such element arrives: a chain of waits on
    # a first visit. serve.py names those files in the page (lib/preload.py) so they arrive with
    # the page's own code; a page that starts drawing a new kind of element must be added there.
    app = fresh_tab()
    for page in PAGES:
        app.open(page.url_path, lang="en")
        scripts = app.page.evaluate(SCRIPTS_FETCHED_AND_NAMED_JS)
        assert len(scripts["named"]) > 60, page.key
        assert sorted(set(scripts["fetched"]) - set(scripts["named"])) == [], page.key
    app.assert_healthy()


CHART_TITLES_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .vega-embed')]
  .filter(embed => embed.offsetParent !== null)
  .map(embed => [...embed.querySelectorAll('.role-title-text text')]
    .map(node => node.querySelector('tspan') ? [...node.querySelectorAll('tspan')].map(line => line.textContent).join(' ') : node.textContent)
    .join(' '))"""


def test_a_tab_of_charts_draws_its_charts_when_opened(app_page):
    app = app_page
    app.open("Smart_manufacturing", lang="de")
    assert app.page.evaluate(CHART_TITLES_JS) == [
        "Einführungsrate digitaler Technologien", "Intelligente Fabriken nach Stufe, Ende\u00a02025",
    ]
    app.page.get_by_role("tab", name="Produktionswachstum").click()
    app.page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stMain\"] .vega-embed').length === 3", timeout=15_000)
    app.wait_ready()
    assert app.page.evaluate(CHART_TITLES_JS) == [
        "Wachstum der Industrieproduktion, 2025",
        "Produktion von New-Energy-Fahrzeugen: Wachstum gegenüber dem Vorjahr",
        "Produktion von Windkraftanlagen: Wachstum gegenüber dem Vorjahr",
    ]
    assert app.query() == {"lang": ["de"]}, "a tab is not a filter: the link stays as it was"
    app.assert_healthy()


# Every label of the map and every marker as the browser draws them, in page pixels.
MAP_LAYOUT_JS = """
() => {
  const svg = [...document.querySelectorAll('.vega-embed svg')].find(s => s.querySelector('.mark-shape'));
  if (!svg) return {error: 'no map'};
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const groups = [...svg.querySelectorAll('g.mark-text.role-mark')];
  const labels = [];
  for (const g of groups) for (const text of g.querySelectorAll('text')) {
    if (text.getAttribute('fill') === 'white' || text.style.fill === 'white') continue;
    labels.push({text: text.textContent, ...box(text.getBoundingClientRect())});
  }
  const markers = [...svg.querySelectorAll('g.mark-symbol.role-mark path')]
    .filter(p => (p.getAttribute('aria-label') || '').includes(':'))
    .map(p => box(p.getBoundingClientRect()))
    .filter(r => r.right - r.left > 8);
  const frame = box(svg.getBoundingClientRect());
  return {labels, markers, frame};
}
"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_map_names_every_district_with_no_label_on_another_or_on_a_marker(make_tab, screenshot_dir, lang, viewport):
    app = make_tab(viewport)
    try:
        app.open(PAGES_BY_KEY["map"].url_path, lang=lang)
        app.wait_ready(title=title("map", lang))
        app.page.wait_for_selector(".vega-embed svg .mark-shape", timeout=15_000)
        app.assert_healthy()
        layout = app.page.evaluate(MAP_LAYOUT_JS)
        assert "error" not in layout, layout
        names = sorted(label["text"] for label in layout["labels"])
        assert names == sorted(t(f"district.{code}", lang) for code in vocab.DISTRICT_SLUGS)
        labels = layout["labels"]
        for i, first in enumerate(labels):
            for second in labels[i + 1 :]:
                assert not _overlap(first, second), f"{lang} {viewport['width']}px: {first['text']} overlaps {second['text']}"
            for marker in layout["markers"]:
                assert not _overlap(first, marker), f"{lang} {viewport['width']}px: {first['text']} covers a marker"
        width = layout["frame"]["right"] - layout["frame"]["left"]
        assert width >= min(viewport["width"] - 60, 800), f"the map is only {width:.0f}px wide on a {viewport['width']}px screen"
        name = "desktop" if viewport is not PHONE else "phone"
        app.screenshot_full(screenshot_dir / "map" / f"map-{name}-{lang}.png")
    finally:
        app.page.close()


def test_a_district_changes_what_a_section_page_says_first_in_the_browser(app_page):
    app = app_page
    app.open(PAGES_BY_KEY["ai"].url_path, lang="en", district="chaoyang")
    app.wait_ready(title=title("ai"))
    lens = app.page.locator('[data-testid="stMain"] .st-key-district_lens')
    assert lens.count() == 1
    text = plain(lens.inner_text())
    assert "What the report says about Chaoyang here" in text
    assert "humanoide Roboter" in text  # the report's German sentence naming the venue
    app.assert_healthy()


# Records the main column's width when the page's title is first drawn. The sidebar narrows that
# column when it opens; opening it after the page was drawn laid out every paragraph twice and
# drew every chart again at the new width.
FIRST_TITLE_WIDTH_JS = """(() => {
  new MutationObserver((changes, observer) => {
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (!title) return;
    window.__firstTitleWidth = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect().width;
    observer.disconnect();
  }).observe(document, {childList: true, subtree: true});
})();"""

MAIN_WIDTH_JS = """() => document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect().width"""

SIDEBAR_TOP_GAP_JS = """() => {
  const links = document.querySelector('[data-testid="stSidebarUserContent"] [data-testid="stVerticalBlock"]');
  const first = links.querySelector('[data-testid="stPageLink"]');
  return first.getBoundingClientRect().top - links.getBoundingClientRect().top;
}"""


def test_the_sidebar_is_open_before_the_page_is_drawn_and_adds_no_gap(fresh_tab):
    app = fresh_tab()
    app.page.context.add_init_script(FIRST_TITLE_WIDTH_JS)
    for page in PAGES:
        app.open(page.url_path, lang="en")
        first, final = app.page.evaluate("window.__firstTitleWidth"), app.page.evaluate(MAIN_WIDTH_JS)
        assert first == final, f"{page.key}: the main column was {first} px wide when the title was drawn, then {final} px"
        # The page's scripts are the sidebar's first element, hidden: the first page link sits where
        # it sat with nothing above it, 6 px into the top of its block (Streamlit's own spacing).
        assert app.page.evaluate(SIDEBAR_TOP_GAP_JS) == -6, page.key
    app.assert_healthy()
