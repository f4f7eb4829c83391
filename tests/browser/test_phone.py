"""The app on a 390 x 844 phone, every page in every language: nothing pans sideways, the Overview
reaches its first chart soon, the sidebar closes after a page is chosen, Data and sources reads
without swiping. On a desktop: KPI cards in a row line up, the figures' columns a reader needs are
on screen. Screenshots of every phone page land in artifacts/screenshots/phone/.
"""

from __future__ import annotations

import csv

import pytest

from lib.data import data_dir
from lib.i18n import t
from lib.navigation import PAGES, PAGES_BY_KEY

PHONE = {"width": 390, "height": 844}
DESKTOP_1280 = {"width": 1280, "height": 900}
LANGS = ("en", "de", "zh")
NAV_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'
KPI_PAGES = ("overview", "ai", "manufacturing", "public_services", "infrastructure")


def title(key: str, lang: str) -> str:
    return t(f"page.{key}.title", lang)


def read_csv(file_name: str) -> list[dict[str, str]]:
    with open(data_dir() / file_name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# What a phone shows of one page. Text counts as "beyond the screen" when it lies past either edge
# and no box between it and the page scrolls sideways on its own (a table scrolling inside its
# own box is allowed; the whole page panning is not). Text cut by its own box ("Dif…") counts too.
PHONE_LAYOUT_JS = """
(width) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const ownScroller = (el) => {
    for (let e = el.parentElement; e && e !== main; e = e.parentElement) {
      const s = getComputedStyle(e);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth) return true;
    }
    return false;
  };
  const describe = (el, r) => `"${el.textContent.trim().slice(0, 40)}" <${el.tagName.toLowerCase()}> at ${Math.round(r.left)}..${Math.round(r.right)}`;
  const beyond = [], clipped = [];
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('svg, canvas, .vega-embed, [data-testid="stDataFrame"]')) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !ownScroller(el)) beyond.push(describe(el, r));
    const s = getComputedStyle(el);
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) clipped.push(describe(el, r));
  }
  const charts = [...main.querySelectorAll('.vega-embed')].map(embed => {
    const box = embed.getBoundingClientRect();
    const svg = embed.querySelector('svg');
    const frame = svg ? svg.getBoundingClientRect() : box;
    const cut = svg ? [...svg.querySelectorAll('text')]
      .filter(text => text.textContent.trim())
      // A label Vega hides because it does not fit (opacity 0) is not cut: the reader never sees it.
      .filter(text => text.getAttribute('opacity') !== '0' && getComputedStyle(text).opacity !== '0')
      .map(text => [text.textContent.trim(), text.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.right > frame.right + 2 || r.left < frame.left - 2))
      .map(([label, r]) => `"${label}" at ${Math.round(r.left)}..${Math.round(r.right)} (chart ${Math.round(frame.left)}..${Math.round(frame.right)})`)
      : [];
    return {left: box.left, right: box.right, top: box.top + main.scrollTop, cut};
  });
  // Lines of a KPI card drawn over each other (a two-line figure running into its badge).
  const overlapping = [];
  for (const card of main.querySelectorAll('[class*="st-key-kpi_"]:not(.st-key-kpi_grid)')) {
    const lines = [];
    for (const el of card.querySelectorAll('*')) {
      for (const node of el.childNodes) {
        if (node.nodeType !== 3 || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) lines.push([node.textContent.trim().slice(0, 30), r]);
      }
    }
    for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
      const [a, ra] = lines[i], [b, rb] = lines[j];
      const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (x > 2 && y > 2) overlapping.push(`"${a}" and "${b}" overlap by ${Math.round(y)}px`);
    }
  }
  // The page title's lines, each as its width and the font size (a lone character is ~1 em).
  const h1 = main.querySelector('h1');
  const titleLines = [];
  let titleGap = null, titleText = [];
  if (h1) {
    const byLine = new Map();
    const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);  // the words, not the link icon
    const rects = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...range.getClientRects());
    }
    for (const r of rects) {
      if (r.width < 1) continue;
      const key = Math.round(r.top);
      const line = byLine.get(key) || {left: r.left, right: r.right};
      byLine.set(key, {left: Math.min(line.left, r.left), right: Math.max(line.right, r.right)});
    }
    for (const line of byLine.values()) titleLines.push(line.right - line.left);
    // The title's words line by line, read character by character.
    const byTop = new Map();
    const chars = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
    for (let node = chars.nextNode(); node; node = chars.nextNode()) {
      for (let i = 0; i < node.textContent.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width < 1) continue;
        const key = Math.round(r.top);
        byTop.set(key, (byTop.get(key) || '') + node.textContent[i]);
      }
    }
    titleText = [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text.trim());
    // Space from the title's last line of words to the next thing on the page.
    const textBottom = Math.max(...rects.map(r => r.bottom));
    const block = h1.closest('[data-testid="stElementContainer"]');
    const next = block && block.nextElementSibling;
    if (next) titleGap = next.getBoundingClientRect().top - textBottom;
  }
  return {
    titleLines, titleGap, titleText, titleEm: h1 ? parseFloat(getComputedStyle(h1).fontSize) : 0,
    overlapping,
    pageWidth: document.documentElement.scrollWidth,
    mainWidth: main.scrollWidth, mainVisibleWidth: main.clientWidth,
    beyond, clipped, charts,
  };
}
"""


@pytest.fixture(scope="module")
def phone_layout(make_tab, screenshot_dir):
    """Each page in each language at phone size, loaded once: its measurements and screenshot."""
    measured: dict[tuple[str, str], dict] = {}

    def measure(info, lang: str) -> dict:
        if (info.key, lang) not in measured:
            app = make_tab(PHONE)
            try:
                app.open(info.url_path, lang=lang)
                app.wait_ready(title=title(info.key, lang))
                app.assert_healthy()
                measured[info.key, lang] = app.page.evaluate(PHONE_LAYOUT_JS, PHONE["width"])
                name = f"{info.key}.png" if lang == "en" else f"{info.key}-{lang}.png"
                app.screenshot_full(screenshot_dir / "phone" / name)
            finally:
                app.page.close()
        return measured[info.key, lang]

    return measure


EVERY_PAGE_IN_EVERY_LANGUAGE = pytest.mark.parametrize(
    "info, lang", [(info, lang) for info in PAGES for lang in LANGS], ids=[f"{info.key}-{lang}" for info in PAGES for lang in LANGS]
)


@EVERY_PAGE_IN_EVERY_LANGUAGE
def test_phone_page_does_not_pan_sideways(phone_layout, info, lang):
    layout = phone_layout(info, lang)
    width = PHONE["width"]
    assert layout["pageWidth"] <= width, f"{info.key} ({lang}): the page is {layout['pageWidth']}px wide on a {width}px phone"
    assert layout["mainWidth"] <= layout["mainVisibleWidth"], (
        f"{info.key} ({lang}): the page's content is {layout['mainWidth']}px wide in a {layout['mainVisibleWidth']}px view: it pans sideways"
    )
    assert not layout["beyond"], f"{info.key} ({lang}): text reaches past the {width}px screen:\n" + "\n".join(layout["beyond"][:20])
    assert not layout["clipped"], f"{info.key} ({lang}): text is cut off with an ellipsis:\n" + "\n".join(layout["clipped"][:20])
    outside = [f"{chart['left']:.0f}..{chart['right']:.0f}" for chart in layout["charts"] if chart["right"] > width + 0.5]
    assert not outside, f"{info.key} ({lang}): charts reach past the {width}px screen: {outside}"


@EVERY_PAGE_IN_EVERY_LANGUAGE
def test_phone_chart_text_is_not_cut_off(phone_layout, info, lang):
    cut = [text for chart in phone_layout(info, lang)["charts"] for text in chart["cut"]]
    assert not cut, f"{info.key} ({lang}): on a phone, chart text lies outside its chart and is cut off:\n" + "\n".join(cut)


@EVERY_PAGE_IN_EVERY_LANGUAGE
def test_phone_kpi_card_lines_do_not_overlap(phone_layout, info, lang):
    overlapping = phone_layout(info, lang)["overlapping"]
    assert not overlapping, f"{info.key} ({lang}): on a phone, lines of a KPI card are drawn over each other:\n" + "\n".join(overlapping[:10])


@EVERY_PAGE_IN_EVERY_LANGUAGE
def test_phone_page_title_leaves_no_word_or_character_alone_on_a_line(phone_layout, info, lang):
    # The Chinese Overview title broke as "2025年北京数字经 / 济" at 390 px.
    layout = phone_layout(info, lang)
    lines, em = layout["titleLines"], layout["titleEm"]
    assert lines, f"{info.key} ({lang}): no page title found"
    if len(lines) > 1:
        assert min(lines) >= 2.5 * em, f"{info.key} ({lang}): a line of the title is {min(lines):.0f}px wide at {em:.0f}px type: {lines}"


@pytest.mark.parametrize(
    "key, lines",
    [
        ("overview", ["2025年北京", "数字经济"]),  # balanced alone, it broke "2025年北 / 京数字经济"
        ("ai", ["人工智能", "与具身智能"]),
        ("manufacturing", ["智能制造", "与产业数字化"]),
    ],
)
def test_phone_chinese_titles_break_between_phrases_not_inside_a_word(phone_layout, key, lines):
    assert phone_layout(PAGES_BY_KEY[key], "zh")["titleText"] == lines


@EVERY_PAGE_IN_EVERY_LANGUAGE
def test_phone_page_title_is_followed_by_the_page_without_an_empty_band(phone_layout, info, lang):
    # "Daten als Produktionsfaktor" filled its last line, and Streamlit's (invisible) heading-link
    # icon wrapped onto a third line of its own: an empty band as tall as a line of the title.
    layout = phone_layout(info, lang)
    assert layout["titleGap"] is not None, f"{info.key} ({lang}): nothing follows the title"
    assert layout["titleGap"] <= layout["titleEm"], f"{info.key} ({lang}): {layout['titleGap']:.0f}px of empty space under the title"


@pytest.mark.parametrize("lang", LANGS)
def test_phone_overview_shows_its_first_chart_within_two_screens(phone_layout, lang):
    charts = phone_layout(PAGES_BY_KEY["overview"], lang)["charts"]
    assert charts, "the Overview has no chart"
    first_top = min(chart["top"] for chart in charts)
    # The chart's title and the top of its plot (~150 px) must be on the second screen at the latest.
    assert first_top + 150 <= 2 * PHONE["height"], (
        f"Overview ({lang}): the first chart starts {first_top:.0f}px down, past the first two {PHONE['height']}px screens"
    )


SIDEBAR_RIGHT_JS = "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right"


def open_sidebar(app) -> None:
    app.page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button').first.click()
    app.page.wait_for_function(f"({SIDEBAR_RIGHT_JS})() >= {PHONE['width'] // 2}", timeout=5_000)


def sidebar_closes(app, timeout_ms: int = 3_000) -> bool:
    try:
        app.page.wait_for_function(f"({SIDEBAR_RIGHT_JS})() <= 0", timeout=timeout_ms)
        return True
    except Exception:  # Playwright's TimeoutError: the sidebar is still over the page
        return False


@pytest.mark.parametrize("lang", LANGS)
def test_phone_sidebar_is_closed_after_choosing_each_page(fresh_tab, lang):
    app = fresh_tab(PHONE)
    app.open("", lang=lang)
    app.wait_ready(title=title("overview", lang))
    for info in [*PAGES[1:], PAGES[0]]:
        open_sidebar(app)
        app.page.locator(NAV_LINKS).nth(PAGES.index(info)).click()
        app.wait_ready(title=title(info.key, lang))
        assert sidebar_closes(app), f"({lang}) after choosing {info.key} in the sidebar on a phone, the sidebar is still open over the page"
    # Streamlit remembers the sidebar in localStorage: a reload must not bring it back.
    app.page.reload(wait_until="domcontentloaded")
    app.wait_ready(title=title("overview", lang))
    assert sidebar_closes(app), f"({lang}) after a reload the sidebar is open again"
    app.assert_healthy()


# Written by hand from data/indicators.csv as the report words them: the figure's label, its
# value with the qualifier, its period and whether it is the report's or context.
SOURCES_CARDS = {
    "en": [
        ("Digital economy value added", "more than 2.4 trillion yuan", "2025", "This report"),
        ("Digital economy value added", "more than 1.3 trillion yuan", "2019", "Context (other source)"),
        ("Digital economy share of GDP", "38%", "2019", "Context (other source)"),
    ],
    "de": [
        ("Wertschöpfung der digitalen Wirtschaft", "mehr als 2,4 Billionen Yuan", "2025", "Dieser Bericht"),
        ("Wertschöpfung der digitalen Wirtschaft", "mehr als 1,3 Billionen Yuan", "2019", "Kontext (andere Quelle)"),
        ("Anteil der digitalen Wirtschaft am BIP", "38 %", "2019", "Kontext (andere Quelle)"),
    ],
    "zh": [
        ("数字经济增加值", "超过2.4万亿元", "2025年", "本报道"),
        ("数字经济增加值", "超过1.3万亿元", "2019年", "其他公开来源数据"),
        ("数字经济增加值占地区生产总值比重", "38%", "2019年", "其他公开来源数据"),
    ],
}

# The visible cards of Data and sources' figures list: their text and where they lie.
VISIBLE_CARDS_JS = """
() => [...document.querySelectorAll('[data-testid="stMain"] li')]
  .map(li => [li, li.getBoundingClientRect()])
  .filter(([li, r]) => r.width > 0 && r.height > 0)
  .map(([li, r]) => ({text: li.innerText.replace(/[\\u00a0\\u202f]/g, ' '), left: r.left, right: r.right}))
"""


@pytest.mark.parametrize("lang", LANGS)
def test_phone_data_and_sources_shows_figure_value_period_and_source_type_without_swiping(new_app_page, lang):
    app = new_app_page(PHONE)
    app.open(PAGES_BY_KEY["sources"].url_path, lang=lang)
    app.wait_ready(title=title("sources", lang))
    grid = app.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    assert all(not grid.nth(i).is_visible() for i in range(grid.count())), f"({lang}) a grid is shown on a phone: its columns need a swipe"
    cards = app.page.evaluate(VISIBLE_CARDS_JS)
    for label, value, period, source_type in SOURCES_CARDS[lang]:
        lines = [f"{label}\n", f"{value} · {period}", source_type]
        matching = [card for card in cards if all(line in card["text"] for line in lines) and card["text"].startswith(label)]
        assert matching, f"({lang}) no card on a phone reads {lines}; cards begin: {[card['text'][:60] for card in cards[:5]]}"
        off = [card for card in matching if card["left"] < 0 or card["right"] > PHONE["width"]]
        assert not off, f"({lang}) the card of {label} {period} reaches past the screen: {off}"
    app.assert_healthy()


# The names of the grid's columns on screen: the grid keeps an accessible table of the cells it
# draws, and it draws only the columns in view.
GRID_COLUMNS_JS = """
(key) => [...document.querySelectorAll('[data-testid="stMain"] .st-key-' + key + ' [role="columnheader"], [data-testid="stMain"] .st-key-' + key + ' th')]
  .map(th => th.textContent.trim())
"""


@pytest.mark.parametrize("lang", LANGS)
def test_desktop_data_and_sources_has_the_columns_a_reader_needs_on_screen(new_app_page, lang):
    app = new_app_page(DESKTOP_1280)
    app.open(PAGES_BY_KEY["sources"].url_path, lang=lang)
    app.wait_ready(title=title("sources", lang))
    app.page.locator('[data-testid="stMain"] .st-key-wide_only_figures [data-testid="stDataFrame"]').wait_for()
    # The accessible table is filled once the grid has drawn.
    app.page.wait_for_function(f"({GRID_COLUMNS_JS})('wide_only_figures').length > 0", timeout=10_000)
    shown = app.page.evaluate(GRID_COLUMNS_JS, "wide_only_figures")
    needed = {
        "en": ["Figure", "Value", "Period", "Source type", "Where"],
        "de": ["Kennzahl", "Wert", "Zeitraum", "Quellenart", "Ort"],
        "zh": ["指标", "数值", "时间", "来源类型", "地点"],
    }[lang]
    assert shown[: len(needed)] == needed, f"({lang}) at 1280px the figures grid begins with {shown}, expected {needed} on screen"
    # The grid's toolbar appears over its top edge on hover: it must not cover the row count.
    app.page.locator('[data-testid="stMain"] .st-key-wide_only_figures [data-testid="stDataFrame"]').hover()
    toolbar = app.page.locator('[data-testid="stMain"] .st-key-wide_only_figures [data-testid="stElementToolbar"]').first
    toolbar.wait_for()
    rows = len(read_csv("indicators.csv"))
    count_text = {"en": f"{rows} of {rows} rows", "de": f"{rows} von {rows} Zeilen", "zh": f"显示{rows}项，共{rows}项"}[lang]
    # The box of the words themselves: the caption's own box spans the whole width.
    count_box = app.page.evaluate(
        """(text) => {
          const caption = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stCaptionContainer"]')]
            .find(c => c.textContent.trim() === text);
          if (!caption) return null;
          const words = document.createTreeWalker(caption, NodeFilter.SHOW_TEXT).nextNode();
          const range = document.createRange();
          range.selectNodeContents(words);
          const r = range.getBoundingClientRect();
          return {x: r.left, y: r.top, width: r.width, height: r.height};
        }""",
        count_text,
    )
    toolbar_box = toolbar.bounding_box()
    assert count_box and toolbar_box, f"({lang}) no row count ({count_box}) or no toolbar ({toolbar_box})"
    overlap_x = min(count_box["x"] + count_box["width"], toolbar_box["x"] + toolbar_box["width"]) - max(count_box["x"], toolbar_box["x"])
    overlap_y = min(count_box["y"] + count_box["height"], toolbar_box["y"] + toolbar_box["height"]) - max(count_box["y"], toolbar_box["y"])
    assert overlap_x <= 0 or overlap_y <= 0, f"({lang}) the grid's toolbar covers the row count: {count_box} {toolbar_box}"
    app.assert_healthy()


# Cards whose tops are level form a row; in a row, bottoms and Source buttons must be level too.
KPI_ROWS_JS = """
() => [...document.querySelectorAll('[data-testid="stMain"] [class*="st-key-kpi_"]:not(.st-key-kpi_grid)')].map(card => {
  const r = card.getBoundingClientRect();
  const button = card.querySelector('button');
  return {id: [...card.classList].find(c => c.startsWith('st-key-kpi_')), top: Math.round(r.top), bottom: Math.round(r.bottom),
          button: button ? Math.round(button.getBoundingClientRect().top) : null};
})
"""


@pytest.mark.parametrize("lang", LANGS)
def test_desktop_kpi_cards_in_a_row_are_equally_tall_with_their_source_buttons_level(new_app_page, lang):
    app = new_app_page(DESKTOP_1280)
    for key in KPI_PAGES:
        app.open(PAGES_BY_KEY[key].url_path, lang=lang)
        app.wait_ready(title=title(key, lang))
        cards = app.page.evaluate(KPI_ROWS_JS)
        assert cards, f"{key} ({lang}) has no KPI card"
        rows: dict[int, list[dict]] = {}
        for card in cards:
            rows.setdefault(card["top"], []).append(card)
        assert any(len(row) > 1 for row in rows.values()), f"{key} ({lang}): no two KPI cards side by side on a desktop: {cards}"
        for row in rows.values():
            assert len({card["bottom"] for card in row}) == 1, f"{key} ({lang}): KPI cards in a row differ in height: {row}"
            assert len({card["button"] for card in row}) == 1, f"{key} ({lang}): Source buttons in a row sit at different heights: {row}"


PANEL_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const width = sel => main.querySelector(sel).getBoundingClientRect().width;
  return {grid: width('.st-key-kpi_grid'), panel: width('.st-key-source_panel'),
          quote: width('.st-key-source_panel blockquote'), page: document.documentElement.scrollWidth};
}
"""


@pytest.mark.parametrize("lang", LANGS)
def test_phone_kpi_source_opens_as_wide_as_the_cards_not_inside_one(new_app_page, lang):
    # A phone shows two cards a row; a source inside a card ran two to four words a line.
    app = new_app_page(PHONE)
    app.open(PAGES_BY_KEY["manufacturing"].url_path, lang=lang)
    app.wait_ready(title=title("manufacturing", lang))
    app.page.locator('[data-testid="stMain"] .st-key-kpi_grid [class*="st-key-src_"] button').first.click()
    app.page.locator('[data-testid="stMain"] .st-key-source_panel blockquote').first.wait_for(timeout=15_000)
    widths = app.page.evaluate(PANEL_JS)
    assert abs(widths["panel"] - widths["grid"]) < 1 and widths["quote"] > 280, f"({lang}) {widths}"
    assert widths["page"] <= PHONE["width"], f"({lang}) the open source makes the page pan sideways: {widths}"
    app.assert_healthy()
