"""The sources the glossary and the initiatives cite, written in the reader's language.

Every expected string here is typed by hand: the frame is the reader's (German date, German
words; Chinese full-width punctuation and 《》 around a title), the title and names the source's own.
"""

from __future__ import annotations

import re

import pytest

from lib.data import references_by_id
from lib.formatting import reference_sites, reference_text, references_text
from lib.i18n import catalogue

from support import read_shipped

SOUTHERN_DAILY = {
    "publisher": "Southern Daily", "published": "2026-01-08", "site": "static.nfnews.com",
    "names": "北京智谱华章科技股份有限公司（02513）",
}
MALIANDAO = {
    "publisher": "Beijing Municipal Bureau of Statistics", "published": "2024-08-01", "title": "西城加快建设“马连道中国数据街”",
}
BULLETIN_2024 = {
    "publisher": "Beijing Municipal Bureau of Statistics", "document": "statistical_bulletin", "document_year": "2024",
    "published": "2025-03-20",
}
SYNCED_REPOST = {"publisher": "Synced", "site": "xinfinite.net", "repost": "yes"}
DIVISION_CODES = {"publisher": "Ministry of Civil Affairs of China", "document": "division_codes", "site": "mca.gov.cn"}


@pytest.mark.parametrize(
    "reference, lang, text",
    [
        (SOUTHERN_DAILY, "en", "Southern Daily, 8 January 2026 (static.nfnews.com): 北京智谱华章科技股份有限公司（02513）"),
        (SOUTHERN_DAILY, "de", "Southern Daily, 8. Januar 2026 (static.nfnews.com): 北京智谱华章科技股份有限公司（02513）"),
        (SOUTHERN_DAILY, "zh", "《南方日报》，2026年1月8日（static.nfnews.com）：北京智谱华章科技股份有限公司（02513）"),
        (MALIANDAO, "en", "Beijing Municipal Bureau of Statistics, 1 August 2024: “西城加快建设“马连道中国数据街””"),
        (MALIANDAO, "de", "Statistikamt Beijing, 1. August 2024: „西城加快建设“马连道中国数据街”“"),
        (MALIANDAO, "zh", "北京市统计局，2024年8月1日：《西城加快建设“马连道中国数据街”》"),
        (BULLETIN_2024, "en", "Statistical bulletin for 2024, Beijing Municipal Bureau of Statistics, 20 March 2025"),
        (BULLETIN_2024, "de", "Statistischer Bericht 2024, Statistikamt Beijing, 20. März 2025"),
        (BULLETIN_2024, "zh", "北京市统计局2024年统计公报，2025年3月20日"),
        (SYNCED_REPOST, "en", "Synced (repost on xinfinite.net)"),
        (SYNCED_REPOST, "de", "Synced (Nachdruck auf xinfinite.net)"),
        (SYNCED_REPOST, "zh", "机器之心（xinfinite.net转载）"),
        (DIVISION_CODES, "en", "Administrative division codes, Ministry of Civil Affairs of China (mca.gov.cn)"),
        (DIVISION_CODES, "de", "Codes der Verwaltungsgliederung, Ministerium für zivile Angelegenheiten der Volksrepublik China (mca.gov.cn)"),
        (DIVISION_CODES, "zh", "民政部行政区划代码（mca.gov.cn）"),
    ],
)
def test_a_reference_is_written_in_the_readers_language_with_its_title_as_published(reference, lang, text):
    assert reference_text(reference, lang) == text


REFERENCES = {"bmbs_release_20260121": {"publisher": "Beijing Municipal Bureau of Statistics", "published": "2026-01-21"}, "maliandao": MALIANDAO}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Beijing Daily, 27 January 2026 (German edition); Beijing Municipal Bureau of Statistics, 21 January 2026"),
        ("de", "Beijing Daily, 27. Januar 2026 (deutsche Ausgabe); Statistikamt Beijing, 21. Januar 2026"),
        ("zh", "《北京日报》，2026年1月27日（德文版）；北京市统计局，2026年1月21日"),
    ],
)
def test_several_references_are_joined_as_the_language_joins_a_list_the_report_first_as_cited(lang, text):
    assert references_text("report;bmbs_release_20260121", REFERENCES, lang) == text


def test_the_order_of_the_cited_ids_is_kept_and_spaces_around_separators_do_not_matter():
    assert references_text(" bmbs_release_20260121 ; report", REFERENCES, "zh") == "北京市统计局，2026年1月21日；《北京日报》，2026年1月27日（德文版）"


def test_the_sites_of_the_cited_sources_are_kept_for_downloads():
    cited = {"a": SOUTHERN_DAILY, "b": DIVISION_CODES, "c": MALIANDAO}
    assert reference_sites("report;a;c;b", cited) == "static.nfnews.com; mca.gov.cn"


# --- the shipped data: every citation a German or Chinese reader sees ---


@pytest.fixture(scope="module")
def shipped_citations():
    references = references_by_id(read_shipped("references.csv"))
    cited = [*read_shipped("glossary.csv")["references"], *read_shipped("initiatives.csv")["references"]]
    return references, [value for value in cited if value]


# Words and signs of the English frames, of the free-text citations these replaced, and of the
# app's English catalogue for references ("August" is German too; its English date form is caught).
ENGLISH_FRAME = re.compile(
    r"release of| on |Report \(|repost|published|German edition|statistical bulletin|Government Work Report|division codes"
    r"|press conference|\b(January|March|October)\b|\b\d{1,2} (Jan|Mar|Aug|Oct) \d{4}|August \d{1,2}, \d{4}"
)


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_no_citation_of_the_glossary_or_an_initiative_has_an_english_frame(shipped_citations, lang):
    references, cited = shipped_citations
    english = [text for text in (references_text(value, references, lang) for value in cited) if ENGLISH_FRAME.search(text)]
    assert english == []


def test_a_chinese_citation_has_only_full_width_punctuation(shipped_citations):
    references, cited = shipped_citations
    # Sites keep their dots; nothing else of a Chinese citation is ASCII punctuation.
    ascii_marks = [text for text in (references_text(value, references, "zh") for value in cited) if re.search(r"[,;:()\"']", text)]
    assert ascii_marks == []


def test_the_english_frame_check_finds_english(shipped_citations):
    # The check above must be able to fail: the English citations of the same rows trip it.
    references, cited = shipped_citations
    assert any(ENGLISH_FRAME.search(references_text(value, references, "en")) for value in cited)


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_every_publisher_the_references_name_has_a_name_in_german_and_chinese(lang):
    publishers = set(read_shipped("references.csv")["publisher"])
    assert {p for p in publishers if f"publisher.{p}" not in catalogue(lang)} == set()


def test_a_title_and_names_stay_as_the_source_writes_them_in_every_language(shipped_citations):
    references, _ = shipped_citations
    for lang in ("en", "de", "zh"):
        assert "北京智谱华章科技股份有限公司（02513）" in reference_text(references["southern_daily_zhipu_listing_20260108"], lang)
        assert "西城加快建设“马连道中国数据街”" in reference_text(references["bmbs_maliandao_20240801"], lang)
