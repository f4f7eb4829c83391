"""Every page in Streamlit's AppTest: what a reader sees comes from the data, in their language,
and broken data or hostile links give a clear message instead of a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib import district_map
from lib.formatting import citation_line
from lib.i18n import LANGUAGES, t
from lib.navigation import PAGES, PAGES_BY_KEY
from lib.safe_text import md_escape

from expected_text import CHART_IDS, KPI_CARDS, KPI_IDS, TRILLION_YUAN_PER_UNIT, plain, unescape_markdown
from support import DATA_DIR, ROOT, blocks_keyed, charts_of_every_tab, each_kpi_source, each_tab, kpi_figures, kpi_parts, read_shipped
from test_bad_data import EXPECTED as BAD_FILES

SECTIONS = ["overview", "ai", "manufacturing", "public_services", "infrastructure"]


def open_page(page_key: str = "overview", query: dict | None = None, *, open_sources: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page_key != "overview":
        at.switch_page(PAGES_BY_KEY[page_key].path).run()
    if open_sources:
        open_every_box(at)
    return at


def box_keys(at: AppTest) -> list[str]:
    """The keys of the page's expanders (a widget id ends with its key)."""
    return [block.proto.id.split("-", 2)[2] for block in at.get("expander") if block.proto.id]


def open_every_box(at: AppTest) -> AppTest:
    """Open every expander and the first KPI card's source (one source is open at a time), as a
    reader clicking each of them would."""
    for key in box_keys(at):
        at.session_state[key] = True
    at.run()
    return next(each_kpi_source(at), at)


def link_values(at: AppTest, name: str) -> list[str]:
    value = at.query_params[name]
    return [value] if isinstance(value, str) else list(value)


def chart_frames(at: AppTest) -> list[pd.DataFrame]:
    """The data of every chart of the page, tab after tab."""
    frames = []
    for element in charts_of_every_tab(at):
        for dataset in element.proto.datasets:
            frames.append(pa.ipc.open_stream(dataset.data.data).read_all().to_pandas())
    return frames


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in charts_of_every_tab(at)]


def read_csv_rows(file_name: str) -> list[dict[str, str]]:
    """A shipped data file as plain CSV rows: the test's own route to the values, not the app's."""
    with open(DATA_DIR / file_name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def texts(at: AppTest) -> str:
    parts = [el.value for kind in ("markdown", "caption", "subheader", "title", "info", "warning", "error", "code") for el in at.get(kind)]
    return "\n".join(str(part) for part in parts)


def card_parts(card) -> tuple[str, str, str]:
    """A KPI card as its reader reads it: heading, figure, change badge ("" without one)."""
    return tuple(plain(unescape_markdown(part)) for part in kpi_parts(card.get("markdown")[0].value))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_key", [page.key for page in PAGES])
def test_every_page_runs_in_every_language(page_key, lang):
    at = open_page(page_key, {"lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t(f"page.{page_key}.title", lang)
    assert not at.error


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("section", SECTIONS)
def test_kpi_cards_show_each_report_figure_as_written_by_hand(section, lang):
    at = open_page(section, {"lang": lang})
    cards = blocks_keyed(at, "kpi_")
    assert list(cards) == KPI_IDS[section]
    for figure_id, card in cards.items():
        assert card_parts(card) == KPI_CARDS[figure_id][lang], figure_id


# The last line of a growth card: the place, then the price basis of its growth, so a nominal rate
# (8.7 %) never stands unmarked beside rates whose basis the report does not state.
GROWTH_FACTS = {
    ("overview", "de_value_added_2025"): {
        "en": "City-wide · Growth: at current prices (nominal)",
        "de": "Stadtweit · Wachstum: zu laufenden Preisen (nominal)",
        "zh": "全市 · 增速：按现价计算（名义）",
    },
    ("overview", "core_value_added_growth_2025"): {
        "en": "City-wide · Growth: price basis not stated by the source",
        "de": "Stadtweit · Wachstum: Preisbasis von der Quelle nicht angegeben",
        "zh": "全市 · 增速：来源未说明计价方式",
    },
    ("manufacturing", "nev_output_2025"): {
        "en": "City-wide · Growth: output in units, no prices",
        "de": "Stadtweit · Wachstum: Produktionsmenge in Stück, ohne Preise",
        "zh": "全市 · 增速：按产量（实物量）计算",
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("section, figure_id", list(GROWTH_FACTS))
def test_a_growth_card_names_the_price_basis_of_its_growth(section, figure_id, lang):
    at = open_page(section, {"lang": lang})
    markdown = blocks_keyed(at, "kpi_")[figure_id].get("markdown")[0].value
    facts = re.fullmatch(r":small\[:gray\[(.*)\]\]", markdown.rsplit("\n", 1)[-1], re.S).group(1)
    assert plain(unescape_markdown(facts)) == GROWTH_FACTS[section, figure_id][lang]


@pytest.mark.parametrize("page_key", list(CHART_IDS))
def test_charts_plot_the_rows_picked_by_hand_with_the_files_values(page_key):
    by_id = {row["id"]: row for row in read_csv_rows("indicators.csv")}
    at = open_page(page_key)
    frames = chart_frames(at)
    assert len(frames) == len(CHART_IDS[page_key])
    for frame, (chart_key, ids) in zip(frames, CHART_IDS[page_key]):
        if not ids:
            continue  # parts of a whole: see the tests of the parts charts
        frame = frame[frame["id"].notna()]  # a bar chart's group headings carry no figure
        assert list(frame["id"]) == ids, chart_key
        if chart_key == "adoption_slope":
            row = by_id[ids[0]]
            expected = [float(row["base_value"]), float(row["value"])]
        else:
            expected = [float(by_id[i]["value"]) * TRILLION_YUAN_PER_UNIT.get(by_id[i]["unit"], 1.0) for i in ids]
        assert list(frame["value"]) == pytest.approx(expected), chart_key
        sources = {"report": "This report", "context": "Other sources (context)"}
        assert list(frame["source"]) == [sources[by_id[i]["source_type"]] for i in ids], chart_key


def test_gdp_parts_are_the_core_share_the_rest_of_the_digital_economy_and_the_rest():
    by_id = {row["id"]: row for row in read_csv_rows("indicators.csv")}
    core, total = float(by_id["core_share_gdp_2025"]["value"]), float(by_id["de_share_gdp_2025"]["value"])
    at = open_page("overview")
    parts = chart_frames(at)[2].sort_values("order")
    assert list(parts["value"]) == pytest.approx([core, total - core, 100 - total])
    assert list(parts["label"]) == [
        "Core digital economy industries: share of GDP", "Rest of the digital economy (derived)", "Rest of the economy (derived)",
    ]


def test_large_model_parts_are_beijing_and_the_rest_of_china():
    by_id = {row["id"]: row for row in read_csv_rows("indicators.csv")}
    share = float(by_id["large_models_share_china"]["value"])
    at = open_page("ai")
    parts = chart_frames(at)[1].sort_values("order")
    assert list(parts["value"]) == pytest.approx([share, 100 - share])
    assert list(parts["label"]) == ["Beijing", "Rest of China (derived)"]


@pytest.mark.parametrize("page_key, charts", [("overview", 6), ("ai", 2), ("manufacturing", 5), ("public_services", 2), ("infrastructure", 3), ("data_factor", 1), ("map", 1)])
def test_chart_pages_draw_their_charts(page_key, charts):
    at = open_page(page_key)
    assert len(charts_of_every_tab(at)) == charts


# What the first screen draws, and the tabs that hold the rest (labels written by hand).
CHART_TABS = {
    "overview": (2, {"en": ["Value added, share of GDP", "Core industries", "Growth"],
                     "de": ["Wertschöpfung, BIP-Anteil", "Kernindustrien", "Wachstum"],
                     "zh": ["增加值及占比", "核心产业", "增速"]}),
    "manufacturing": (2, {"en": ["Adoption and factories", "Output growth"],
                          "de": ["Digitalisierung, Fabriken", "Produktionswachstum"],
                          "zh": ["数字化与智能工厂", "产量增速"]}),
    "infrastructure": (2, {"en": ["5G base stations", "Autonomous driving"],
                           "de": ["5G-Basisstationen", "Hochautomatisiertes Fahren"],
                           "zh": ["5G基站", "高级别自动驾驶测试"]}),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_key", list(CHART_TABS))
def test_a_page_of_many_charts_draws_two_and_groups_the_rest_in_tabs(page_key, lang):
    first_screen, labels = CHART_TABS[page_key]
    at = open_page(page_key, {"lang": lang})
    assert [tab.label for tab in at.get("tab")] == labels[lang]
    assert len(at.get("vega_lite_chart")) == first_screen
    titles = [[json.loads(chart.proto.spec)["usermeta"]["title"] for chart in tab.get("vega_lite_chart")] for tab in each_tab(at)]
    assert all(titles) and len({title for tab in titles for title in tab}) == sum(map(len, titles)), titles


def test_the_open_tab_stays_open_when_the_language_changes():
    at = open_page("overview")
    at.session_state["overview_tabs"] = "Growth"
    at.run()
    at.query_params["lang"] = "de"
    at.run()
    titles = [json.loads(chart.proto.spec)["usermeta"]["title"] for chart in at.get("vega_lite_chart")]
    assert titles == ["Wachstum gegenüber dem Vorjahr, 2025", "Wertschöpfung der digitalen Wirtschaft: Wachstum gegenüber dem Vorjahr"]


def test_derived_figures_are_labelled_with_their_formula():
    at = open_page("overview")
    cards = [el.value for el in at.markdown if el.value.startswith("**") and "Formula" in el.value]
    assert len(cards) == 2, cards
    assert all(card.startswith("**Beijing's GDP in 2025, implied**") or card.startswith("**Digital economy value added in 2025, implied**") for card in cards)
    assert all("trillion yuan" in card for card in cards)
    # Each line under its column's name: nothing depends on a table fitting the screen.
    assert all("Compared with" in card and "Difference" in card for card in cards)


def test_a_charts_sources_open_with_the_german_sentence_and_a_citation_to_copy():
    rows = read_shipped("indicators.csv")
    report = rows[(rows["series"] == "de_value_added") & (rows["source_type"] == "report") & (rows["status"] == "current")].iloc[0]
    at = open_page("overview")
    # Closed, the sources are not built: a code block alone costs the browser its syntax highlighter.
    assert at.get("code") == [] and md_escape(report["source_de"]) not in texts(at)
    at.session_state["de_value_added_trend_sources"] = True
    at.run()
    assert f"> {md_escape(report['source_de'])}" in texts(at)
    assert any(citation_line(report.to_dict(), "en") in el.value for el in at.get("code"))
    assert {button.label for button in at.get("download_button")} >= {t("download.svg", "en"), t("download.png", "en")}


def grid_order(at: AppTest) -> list[str]:
    """The keys of what the KPI grid holds, in page order: the cards and an open source."""
    grid = blocks_keyed(at, "kpi_grid")[""]
    return [child.proto.id.split("-", 2)[2] for child in grid.children.values()]


def test_a_kpi_cards_source_opens_after_the_card_with_the_sentence_verbatim_and_translated_and_closes():
    row = read_shipped("indicators.csv").set_index("id", drop=False).loc["large_models_registered"]
    at = open_page("ai", {"lang": "zh"})
    assert "source_panel" not in grid_order(at)
    at.button(key=f"src_{row['id']}").click().run()
    order = grid_order(at)
    assert order[order.index(f"kpi_{row['id']}") + 1] == "source_panel", order
    panel = blocks_keyed(at, "source_panel")[""]
    shown = "\n".join(el.value for el in panel.get("markdown"))
    assert "**" + md_escape(row["label_zh"]) + "**" in shown  # which figure the source is for
    assert f"> {md_escape(row['source_de'])}" in shown
    assert f"> {md_escape(row['source_zh'])}" in shown
    assert at.button(key=f"src_{row['id']}").proto.type == "primary"  # the open one stands out
    # Another card's Source moves the panel; pressing it again, or Close, closes it.
    other = next(key for key in order if key.startswith("kpi_") and key != f"kpi_{row['id']}")[len("kpi_"):]
    at.button(key=f"src_{other}").click().run()
    order = grid_order(at)
    assert order.count("source_panel") == 1 and order[order.index(f"kpi_{other}") + 1] == "source_panel", order
    at.button(key=f"src_{other}").click().run()
    assert "source_panel" not in grid_order(at)
    at.button(key=f"src_{row['id']}").click().run()
    at.button(key="source_panel_close").click().run()
    assert "source_panel" not in grid_order(at)
    assert at.button(key=f"src_{row['id']}").proto.type == "secondary"


def test_an_initiatives_source_opens_with_its_sentence_and_official_name():
    initiatives = read_shipped("initiatives.csv")
    named = initiatives[initiatives["official_name"] != ""].iloc[0]
    at = open_page(named["section"], {"lang": "de"})
    at.session_state[f"source_initiatives_{named['id']}"] = True
    shown = texts(at.run())
    assert f"> {md_escape(named['source_de'])}" in shown
    assert md_escape(named["official_name"]) in shown


def serve_a_broken_value(data_copy, monkeypatch) -> None:
    """Serve a copy of the data whose indicators.csv has a word for a number on line 3."""
    path = data_copy / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    rows[1]["value"] = "viel"
    write_rows(path, rows, columns)
    monkeypatch.setenv("BDE_DATA_DIR", str(data_copy))


def write_rows(path, rows, columns):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("page_key", [page.key for page in PAGES])
def test_invalid_data_shows_the_problem_lines_instead_of_a_traceback(page_key, data_copy, monkeypatch):
    serve_a_broken_value(data_copy, monkeypatch)
    at = open_page(page_key, {"district": "haidian"})
    assert not at.exception
    assert at.error[0].value == t("error.data_invalid", "en")
    assert "indicators.csv:3: value: " in at.main.get("code")[0].value
    # The reader's view is kept: the sidebar still holds the filter from the link.
    assert at.multiselect(key="district_filter").value == ["110108"]
    # What to run to check the files is the maintainers' business (README), not the reader's.
    assert "lib.validate" not in texts(at) and "python" not in texts(at).casefold()


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
@pytest.mark.parametrize("page_key", [page.key for page in PAGES])
def test_no_reader_page_tells_readers_to_run_a_command(page_key, lang):
    shown = texts(open_page(page_key, {"lang": lang}))
    assert "lib.validate" not in shown and "python" not in shown.casefold(), f"{page_key} ({lang}) shows a maintainer command"


def test_filters_come_from_the_link_and_go_back_into_it():
    at = open_page("map", {"district": ["haidian", "chaoyang"], "sector": "ai_robotics"})
    assert at.multiselect(key="district_filter").value == ["110105", "110108"]
    assert at.multiselect(key="sector_filter").value == ["ai_robotics"]
    at.multiselect(key="sector_filter").unselect("ai_robotics").run()
    assert link_values(at, "district") == ["chaoyang", "haidian"]
    assert "sector" not in at.query_params


def test_filters_survive_a_page_switch():
    at = open_page("overview", {"district": "miyun", "lang": "de"})
    at.switch_page(PAGES_BY_KEY["map"].path).run()
    assert at.multiselect(key="district_filter").value == ["110118"]
    assert at.title[0].value == t("page.map.title", "de")


def test_sector_filter_narrows_the_section_and_says_how_much():
    at = open_page("overview", {"sector": "manufacturing_vehicles"})
    shown = kpi_figures(at)
    assert md_escape("+20.2%") in shown  # electronics manufacturing, in the manufacturing group
    assert md_escape("46.4%") not in shown
    assert "Your filters show 1 of this section's 7 figures from the report." in texts(at)


def test_a_sector_group_the_section_lacks_says_which_it_has_and_what_to_do():
    at = open_page("infrastructure", {"sector": "data_finance"})
    [info] = [el.value for el in at.info]
    assert info.startswith("Nothing in this section belongs to Data and digital money.")
    assert "Manufacturing and vehicles, Networks and computing" in info
    assert "clear the sector filter" in info


def test_unknown_link_values_are_ignored_with_a_notice():
    at = open_page("overview", {"district": ["atlantis", "haidian"], "lang": "xx", "sector": "<script>"})
    assert not at.exception
    assert at.warning[0].value == (
        "The link's values for `lang`, `district`, `sector` were not understood and have been ignored; "
        "the page shows everything else the link asks for."
    )
    # The values are never echoed: a crafted link must not be able to put words on the page.
    assert "atlantis" not in texts(at) and "<script>" not in texts(at) and "xx" not in [el.value for el in at.get("text")]
    assert at.multiselect(key="district_filter").value == ["110108"]
    assert link_values(at, "district") == ["haidian"]


def test_language_switch_translates_the_page_and_keeps_the_filters():
    at = open_page("overview", {"district": "haidian"})
    at.segmented_control(key="lang_select").set_value("zh").run()
    assert link_values(at, "lang") == ["zh"]
    assert at.title[0].value == t("page.overview.title", "zh")
    assert at.multiselect(key="district_filter").value == ["110108"]
    assert any("万亿元" in figure for figure in kpi_figures(at))


def test_a_map_click_sets_the_district_filter_for_every_page():
    at = open_page("map")
    at.session_state["district_map"] = {"selection": {"district_click": [{"slug": "miyun"}]}}
    at.run()
    assert link_values(at, "district") == ["miyun"]
    assert at.multiselect(key="district_filter").value == ["110118"]
    names = [el.value.split("  \n")[0] for el in at.markdown if el.value.startswith("**")]
    assert names == ["**BAIC EV Stelato Mega Factory**"]
    at.switch_page(PAGES_BY_KEY["overview"].path).run()
    assert at.multiselect(key="district_filter").value == ["110118"]


def test_the_sidebar_district_is_highlighted_on_the_map():
    at = open_page("map", {"district": "huairou"})
    [spec] = chart_specs(at)
    features = spec["datasets"][district_map.SHAPES_DATA]  # geometry stays in the spec, not Arrow
    assert [f["properties"]["slug"] for f in features if f["properties"]["selected"]] == ["huairou"]


@pytest.mark.parametrize(
    "lang, query, said",
    [
        ("en", {}, "3 initiatives shown name no district: they are not on the map, and are listed below."),
        ("zh", {}, "仅供参考。所示举措中有3项未指明所在区，未在地图上标出，见下方列表。"),  # no space between Chinese sentences
        ("de", {"sector": "ai_robotics"}, "2 der gezeigten Initiativen nennen keinen Bezirk: Sie stehen nicht auf der Karte, aber in der Liste darunter."),
    ],
)
def test_the_map_says_how_many_initiatives_it_cannot_place(lang, query, said):
    # Three of the report's initiatives are city-wide: the map shows ten diamonds, the list thirteen.
    assert said in texts(open_page("map", {"lang": lang, **query}))


def test_the_map_says_nothing_of_unplaced_initiatives_when_a_district_is_chosen():
    assert "name no district" not in texts(open_page("map", {"district": "haidian"}))


def test_a_district_without_initiatives_says_so_in_words():
    at = open_page("map", {"district": "pinggu"})
    assert t("empty.initiatives", "en") in [el.value for el in at.info]


def test_data_text_with_markup_is_shown_literally(data_copy, monkeypatch):
    path = data_copy / "initiatives.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    rows[0]["name_en"] = "<script>alert(1)</script>"
    rows[0]["description_en"] = "![x](http://evil.example/x.png) [y](javascript:alert(1))"
    rows[0]["source_en"] = "<img src=x onerror=alert(1)>"
    write_rows(path, rows, columns)
    monkeypatch.setenv("BDE_DATA_DIR", str(data_copy))
    at = open_page("map", open_sources=True)
    markdown = "\n".join(el.value for el in at.markdown)
    assert re.search(r"(?<!\\)<img", markdown) is None and md_escape(rows[0]["source_en"]) in markdown
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "![x](" not in markdown and "\\!\\[x\\]" in markdown
    assert "](javascript" not in markdown


def test_sources_page_search_finds_a_figure_by_its_german_sentence():
    at = open_page("sources")
    at.text_input(key="source_search").input("Basisstationen").run()
    figures = at.dataframe[0].value
    assert "base_stations_5g" in set(figures["id"])
    assert len(figures) < len(read_shipped("indicators.csv"))


def test_sources_page_search_without_match_says_so():
    at = open_page("sources")
    at.text_input(key="source_search").input("zzzz-nothing").run()
    assert t("empty.search", "en") in [el.value for el in at.info]


def test_glossary_lists_every_term_in_the_chosen_language():
    glossary = read_shipped("glossary.csv")
    at = open_page("glossary", {"lang": "de"})
    names = [el.value for el in at.markdown if el.value.startswith("**")]
    assert len(names) == len(glossary)


@pytest.mark.parametrize(
    "lang, heading, others",
    [
        # English and German share the factory's name: said once, and not again beside itself.
        ("zh", "北汽新能源享界超级工厂", "BAIC EV Stelato Mega Factory"),
        ("en", "BAIC EV Stelato Mega Factory", "北汽新能源享界超级工厂"),
        ("de", "Bezirk Miyun", "Miyun District · 密云区"),
    ],
)
def test_a_glossary_term_names_each_other_language_form_once(lang, heading, others):
    at = open_page("glossary", {"lang": lang})
    cards = [unescape_markdown(el.value) for el in at.markdown if el.value.startswith("**")]
    card = next(text for text in cards if text.startswith(f"**{heading}**"))
    assert card.split("\n")[1].strip() == f":small[:gray[{others}]]"


def shown_text(at: AppTest, kind: str = "markdown") -> str:
    """The page's Markdown of one kind as a reader reads it: escapes gone, spaces folded."""
    return plain(unescape_markdown("\n".join(el.value for el in at.get(kind))))


@pytest.mark.parametrize(
    "lang, citation",
    [
        ("de", "Quelle: Statistikamt Beijing, 1. August 2024: „西城加快建设“马连道中国数据街”“; Beijing Daily, 27. Januar 2026 (deutsche Ausgabe)"),
        ("de", "Quelle: Beijing Daily, 27. Januar 2026 (deutsche Ausgabe); China News Service, 23. Januar 2024; Statistikamt Beijing, 1. August 2024"),
        ("de", "Quelle: Codes der Verwaltungsgliederung, Ministerium für zivile Angelegenheiten der Volksrepublik China (mca.gov.cn)"),
        ("zh", "来源：北京市统计局，2024年8月1日：《西城加快建设“马连道中国数据街”》；《北京日报》，2026年1月27日（德文版）"),
        ("zh", "来源：《南方日报》，2026年1月8日（static.nfnews.com）：北京智谱华章科技股份有限公司（02513）"),
        ("zh", "来源：北京市统计局统计公报；北京市统计局2024年统计公报，2025年3月20日；《北京日报》，2026年1月27日（德文版）"),
    ],
)
def test_the_glossary_cites_its_sources_in_the_readers_language(lang, citation):
    at = open_page("glossary", {"lang": lang})
    assert citation in shown_text(at)


@pytest.mark.parametrize(
    "lang, citation",
    [
        ("de", "Xinhua, 27. März 2025 (news.cn): 慧思开物"),
        ("zh", "《南方日报》，2026年1月8日（static.nfnews.com）：北京智谱华章科技股份有限公司（02513）"),
    ],
)
def test_an_official_names_source_is_cited_in_the_readers_language(lang, citation):
    at = open_page("ai", {"lang": lang}, open_sources=True)
    assert citation in shown_text(at, "caption")


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_broken_file_of_the_corpus_gets_its_message_in_the_app(name, data_copy, monkeypatch):
    line, column, words = BAD_FILES[name]
    target = name.split("_")[0] + ".csv"  # the corpus names each file for the file it stands in for
    shutil.copyfile(ROOT / "tests" / "bad_data" / name, data_copy / target)
    monkeypatch.setenv("BDE_DATA_DIR", str(data_copy))
    at = open_page("overview", {"lang": "de"})
    assert not at.exception
    assert at.error[0].value == t("error.data_invalid", "de")
    problems = at.main.get("code")[0].value
    assert f"{target}:{line}: {column}: " in problems and words in problems


def catalogue_texts(lang: str) -> set[str]:
    """Every text of a catalogue, each plural form on its own; publishers' names left out (a
    citation from the data may name a publisher in English, as its source does)."""
    from lib.i18n import catalogue

    entries = [entry for key, entry in catalogue(lang).items() if not key.startswith("publisher.")]
    return {form for entry in entries for form in (entry.values() if isinstance(entry, dict) else [entry])}


ENGLISH_UI = {text for text in catalogue_texts("en") if len(text) > 12 and "{" not in text}


@pytest.mark.parametrize("lang", ["de", "zh"])
# The glossary shows each term in all three languages on purpose.
@pytest.mark.parametrize("page_key", [page.key for page in PAGES if page.key != "glossary"])
def test_no_english_ui_text_on_a_german_or_chinese_page(page_key, lang):
    at = open_page(page_key, {"lang": lang}, open_sources=True)
    same = catalogue_texts(lang) & ENGLISH_UI
    shown = texts(at) + "\n".join(str(el.label) for kind in ("multiselect", "segmented_control", "text_input") for el in at.get(kind))
    # A context source quoted in English ("Beijing has built 90,000 5G base stations") is the
    # source's own words, shown verbatim on purpose: it is not UI text.
    for quote in read_shipped("indicators.csv")["quote"]:
        shown = shown.replace(md_escape(quote), "").replace(quote, "")
    leftovers = [text for text in ENGLISH_UI - same if md_escape(text) in shown or text in shown]
    assert leftovers == []


def test_hostile_link_with_huge_and_repeated_values_is_survived():
    at = open_page("overview", {"district": ["x" * 5000] + ["haidian"] * 500, "sector": ["data_economy"] * 50, "lang": ["de", "zh"]})
    assert not at.exception
    assert at.multiselect(key="district_filter").value == ["110108"]
    notice = at.warning[0].value
    assert "`district`" in notice and "xxx" not in notice  # the parameter is named, its value never shown


def test_share_link_reproduces_page_language_and_filters():
    at = open_page("overview", {"district": "haidian", "sector": "data_economy", "lang": "de"})
    assert at.sidebar.get("code") == []  # built when the reader opens "Share this view"
    at.session_state["share_open"] = True
    share = at.run().sidebar.get("code")[0].value
    # A link from before the sector groups names a fine sector; the shared link names its group.
    assert share.endswith("?lang=de&district=haidian&sector=data_finance")


@pytest.mark.parametrize(
    "page_key, ids",
    [
        ("infrastructure", {"ctx_autonomous_test_km_2022", "ctx_autonomous_test_km_202406", "ctx_autonomous_test_km_202410", "autonomous_test_km"}),
        ("manufacturing", {"ctx_nev_output_growth_2022", "ctx_nev_output_growth_2023", "ctx_nev_output_growth_2024", "nev_output_growth_2025"}),
        ("manufacturing", {"ctx_wind_turbine_output_growth_2022", "ctx_wind_turbine_output_growth_2023", "ctx_wind_turbine_output_growth_2024", "wind_turbine_output_growth_2025"}),
        ("overview", {"ctx_core_share_gdp_2022", "ctx_core_share_gdp_2023", "core_share_gdp_2025"}),
    ],
)
def test_earlier_official_values_are_charted_beside_the_report_figure(page_key, ids):
    at = open_page(page_key)
    assert any(set(frame.get("id", [])) == ids for frame in chart_frames(at)), [sorted(frame.get("id", [])) for frame in chart_frames(at)]


def test_public_services_says_the_satisfaction_history_was_not_found():
    assert t("note.satisfaction_history", "en") in texts(open_page("public_services"))
    assert t("note.satisfaction_history", "en") not in texts(open_page("public_services", {"sector": "ai_robotics"}))
