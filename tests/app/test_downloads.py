"""Every download button goes out with its file, so a click never depends on the server making it.

A file made on click (st.download_button with a callable) is stored unreferenced in Streamlit
1.67, and the sweep at the end of any other reader's run can delete it before the browser fetches
it: with four other sessions running, 2 of 8 chart downloads ended in a 404 and no download.
"""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test

from test_pages import open_page

from support import read_shipped


STORES: list[MemoryMediaFileStorage] = []


class KeptStorage(MemoryMediaFileStorage):
    """AppTest's media store for a run, kept after the run so a test can read what was sent."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        STORES.append(self)


@pytest.fixture(autouse=True)
def keep_media(monkeypatch):
    STORES.clear()
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", KeptStorage)


def sent_file(button) -> bytes:
    """The bytes a click on ``button`` downloads, as the server holds them when the page is sent."""
    url = button.proto.url
    assert url, f"{button.label!r} has no file: it would be made on click ({button.proto.deferred_file_id=})"
    file_id = url.rsplit("/", 1)[-1].split(".", 1)[0]
    return STORES[-1].get_file(file_id).content


def csv_records(data: bytes) -> list[dict[str, str]]:
    """A downloaded CSV's rows, after its lines of notes (which start with #)."""
    rows = [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if row and not row[0].startswith("#")]
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def buttons(at: AppTest) -> dict[str, object]:
    return {button.label: button for button in at.get("download_button")}


def test_a_charts_svg_png_and_csv_go_out_with_their_buttons():
    shown = chart_buttons("en")
    svg = sent_file(shown["Chart as SVG"]).decode("utf-8")
    assert svg.startswith("<svg") and "Digital economy value added" in svg and "Beijing Daily" in svg
    assert sent_file(shown["Chart as PNG"]).startswith(b"\x89PNG\r\n\x1a\n")
    years = {row["period"][:4] for row in csv_records(sent_file(shown["Chart data as CSV"]))}
    assert {"2021", "2025"} <= years


def test_each_language_gets_its_own_chart_files():
    # Files are kept for later readers: a German reader after an English one must not get the English file.
    for lang, title, label in [("en", "Digital economy value added", "Chart as SVG"), ("de", "Wertschöpfung der digitalen Wirtschaft", "Grafik als SVG"), ("zh", "数字经济增加值", "下载图表（SVG）")]:
        assert title in sent_file(chart_buttons(lang)[label]).decode("utf-8")


def chart_buttons(lang: str) -> dict[str, object]:
    at = open_page("overview", {"lang": lang})
    at.session_state["de_value_added_trend_sources"] = True
    return buttons(at.run())


@pytest.mark.parametrize("lang, label", [("en", "Download all 83 figures (CSV)"), ("de", "Alle 83 Zahlen herunterladen (CSV)"), ("zh", "下载全部83项数据（CSV）")])
def test_the_sources_pages_csv_buttons_carry_every_row(lang, label):
    at = open_page("sources", {"lang": lang})
    ids = set(read_shipped("indicators.csv")["id"])
    assert len(ids) == 83
    assert {row["id"] for row in csv_records(sent_file(buttons(at)[label]))} == ids


def test_the_maps_downloads_go_out_with_their_buttons():
    at = open_page("map", open_sources=True)
    shown = buttons(at)
    assert sent_file(shown["Chart as SVG"]).startswith(b"<svg")
    names = {row["name_en"] for row in csv_records(sent_file(shown["Chart data as CSV"]))}
    assert names == set(read_shipped("initiatives.csv")["name_en"])


def test_the_sources_page_offers_one_download_per_table_when_nothing_narrows_it():
    # With no filter and no search, "these 83 figures" are "all 83 figures": one button, not two.
    at = open_page("sources", {"lang": "en"})
    assert sorted(buttons(at)) == ["Download all 13 initiatives (CSV)", "Download all 83 figures (CSV)"]
    narrowed = open_page("sources", {"lang": "en", "sector": "networks_computing"})
    shown = [row for row in read_shipped("indicators.csv").to_dict("records") if row["sector"] in ("connectivity", "computing", "macro_context")]
    assert f"Download these {len(shown)} figures (CSV)" in buttons(narrowed)
    assert "Download all 83 figures (CSV)" in buttons(narrowed)
