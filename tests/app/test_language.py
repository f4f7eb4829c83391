"""Everything a reader of a German or Chinese page sees is in their language: texts, widget labels,
chart titles, axes, legends, tooltips and text alternatives, table headers, downloads and errors.

"English" here means a text of the English catalogue that is not also right in the other language
(district names, PFLOPS and formulas are the same in German; such texts are left out). A template
with placeholders ("up {size} on the year before") is matched with any text in its placeholders.
Texts of a few letters ("Source", "Value") are matched against whole labels, longer ones anywhere.
"""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import catalogue, t
from lib.navigation import PAGES

from expected_text import unescape_markdown
from support import DATA_DIR, each_tab
from test_pages import blocks_keyed, open_every_box, open_page, serve_a_broken_value

MARKDOWN_KINDS = ("markdown", "caption", "subheader", "title", "header", "info", "warning", "error", "success", "code", "text")
LABELLED_KINDS = ("expander", "button", "download_button", "multiselect", "segmented_control", "text_input", "page_link")
# Spec keys whose strings a reader sees: titles, subtitles, legend and axis titles, tooltip titles.
SPEC_TEXT_KEYS = {"title", "text", "subtitle", "description"}


def _template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"{\w*}", template)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def _searchable(template: str) -> bool:
    """A template long enough to be found inside a longer text without false alarms."""
    literal = re.sub(r"{\w*}", " ", template)
    words = re.findall(r"[A-Za-z]{3,}", literal)
    return len(words) >= 2 or any(len(word) >= 8 for word in words)


def _forms(catalogue_: dict) -> dict[str, str]:
    """Every text of a catalogue, a counted entry's plural forms each under its own key; publishers'
    names left out (a citation may name a publisher as its source does, in English)."""
    forms = {}
    for key, entry in catalogue_.items():
        # Publishers' names may stay as their source gives them; a language's own name ("English")
        # is rightly English on the language switch.
        if key.startswith(("publisher.", "quote_lang.")):
            continue
        for form, text in (entry.items() if isinstance(entry, dict) else [("", entry)]):
            forms[f"{key}#{form}" if form else key] = text
    return forms


def english_templates(lang: str) -> dict[str, str]:
    """The English catalogue's texts that would be wrong on a ``lang`` page."""
    english, other = _forms(catalogue("en")), _forms(catalogue(lang))
    valid_in_other = set(other.values())
    return {
        key: text
        for key, text in english.items()
        if re.search(r"[A-Za-z]{2,}", re.sub(r"{\w*}", "", text))  # words, not only placeholders and signs
        and text != other.get(key)
        and text not in valid_in_other
    }


def _spec_texts(node, inside_tooltip: bool = False) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("datasets", "data", "config"):
                continue  # data rows are checked from the Arrow datasets; config holds the locale
            if key in SPEC_TEXT_KEYS and isinstance(value, str):
                found.append(value)
            elif key in SPEC_TEXT_KEYS and isinstance(value, list):
                found.extend(str(item) for item in value if isinstance(item, str))
            elif key == "domain" and isinstance(value, list):
                found.extend(item for item in value if isinstance(item, str))  # legend labels
            else:
                found.extend(_spec_texts(value, inside_tooltip or key == "tooltip"))
    elif isinstance(node, list):
        for item in node:
            found.extend(_spec_texts(item, inside_tooltip))
    return found


def seen_texts(at: AppTest, skip_markdown: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(where, text) for everything a reader of the page can see or hear (text alternatives)."""
    seen: list[tuple[str, str]] = []
    for kind in MARKDOWN_KINDS:
        for el in at.get(kind):
            value = str(el.value)
            if value in skip_markdown:
                continue
            seen.append((kind, unescape_markdown(value) if kind not in ("code", "text") else value))
    for kind in LABELLED_KINDS:
        for el in at.get(kind):
            proto = getattr(el, "proto", None)
            for attribute in ("label", "placeholder", "help"):
                value = getattr(proto, attribute, None)
                if value:
                    seen.append((f"{kind} {attribute}", unescape_markdown(str(value))))
            for option in getattr(el, "options", None) or []:
                seen.append((f"{kind} option", str(option)))
    seen.extend(("tab label", tab.label) for tab in at.get("tab"))
    for chart in at.get("vega_lite_chart"):
        seen.append(("chart alt text", chart.proto.alt))
        seen.extend(("chart spec", text) for text in _spec_texts(json.loads(chart.proto.spec)))
        for dataset in chart.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            for column in frame.columns:
                if frame[column].dtype == object:
                    seen.extend((f"chart data {column}", str(cell)) for cell in frame[column].unique())
    for table in at.dataframe:
        seen.extend(("table header", str(column)) for column in table.value.columns)
    return seen


def english_on_page(seen: list[tuple[str, str]], lang: str) -> list[str]:
    """One finding for each seen text that holds English UI text, naming the catalogue key."""
    templates = [
        # A district's name in pinyin may rightly stand in data text (a citation); as a whole label it is UI.
        (key, template, _template_pattern(template), _searchable(template) and not key.startswith("district."))
        for key, template in english_templates(lang).items()
    ]
    findings = []
    for where, text in seen:
        text = " ".join(_without_quotes(text).split())
        for key, template, pattern, searchable in templates:
            hit = pattern.search(text) if searchable else pattern.fullmatch(text.strip())
            if hit and (not searchable or _word_bounded(text, hit)):
                findings.append(f"{where}: {text[:80]!r} is English ({key}: {template!r})")
                break
    return findings


def _without_quotes(text: str) -> str:
    # A quoted line ("> ...") is the report's German sentence or its translation, verbatim: data
    # that rightly names places the German way on a Chinese page.
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


def _word_bounded(text: str, hit: re.Match) -> bool:
    before = text[hit.start() - 1] if hit.start() else " "
    after = text[hit.end()] if hit.end() < len(text) else " "
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def glossary_cards(at: AppTest) -> set[str]:
    # The glossary shows every term in all three languages on purpose: its cards are data, not UI.
    cards = [block for block in blocks_keyed(at, "glossary_").values() if hasattr(block, "children")]
    return {str(el.value) for card in cards for el in card.get("markdown")}


@pytest.mark.parametrize("lang", ["de", "zh"])
@pytest.mark.parametrize("page_key", [page.key for page in PAGES])
def test_no_english_on_a_german_or_chinese_page(page_key, lang):
    seen = []
    for tab in each_tab(open_page(page_key, {"lang": lang})):  # only the open tab is built: read each
        open_every_box(tab)
        seen += seen_texts(tab, skip_markdown=glossary_cards(tab) if page_key == "glossary" else set())
    assert len(seen) > 20, f"{page_key}: too little text collected to judge: {seen}"
    kinds = {where.split(" ")[0] for where, _ in seen}
    assert {"title", "page_link", "multiselect"} <= kinds, kinds
    assert english_on_page(seen, lang) == []


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_no_english_in_the_error_panel_of_invalid_data(lang, data_copy, monkeypatch):
    serve_a_broken_value(data_copy, monkeypatch)
    at = open_page("overview", {"lang": lang})
    assert at.error[0].value == t("error.data_invalid", lang)
    seen = seen_texts(at)
    # The problem lines are the validator's, for the maintainer who edits the file (as on the command line).
    seen = [(where, text) for where, text in seen if where != "code"]
    assert english_on_page(seen, lang) == []


def test_the_check_finds_english_where_it_is():
    """The check itself: an English label, chart title or tooltip title on a German page is found."""
    seen = [
        ("button label", "Source"),
        ("chart spec", "Digital economy value added"),
        ("chart spec", "Value"),
        ("caption", "up 8,7 % on the year before"),
        ("markdown", "Wertschöpfung · Quelle: Beijing Daily, 27 January 2026 (German edition)"),
    ]
    findings = english_on_page(seen, "de")
    assert len(findings) == 5, findings
    assert english_on_page([("button label", "Quelle"), ("chart data label", "Haidian"), ("caption", "46,4 %")], "de") == []
