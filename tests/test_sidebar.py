"""The link handling of the sidebar, without a server: what is read from the link and written back.

Streamlit is replaced by a small stand-in holding the link, the browser's locale and the session
state, so these run in milliseconds (the AppTests in tests/app cover the same with the real thing).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lib import sidebar
from lib.filters import Ignored, View


class FakeQueryParams:
    """The parts of st.query_params the sidebar uses; counts writes, since a write reruns the page."""

    def __init__(self, params: dict[str, list[str]]):
        self.params = {name: list(values) for name, values in params.items()}
        self.writes = 0

    def keys(self):
        return list(self.params)

    def get_all(self, name: str) -> list[str]:
        return list(self.params.get(name, []))

    def from_dict(self, params: dict[str, list[str]]) -> None:
        self.params = {name: list(values) for name, values in params.items()}
        self.writes += 1


@pytest.fixture
def fake_st(monkeypatch):
    def make(params: dict[str, list[str]] | None = None, locale: str | None = "en-US", url: str | None = "http://x.test/map"):
        fake = SimpleNamespace(
            query_params=FakeQueryParams(params or {}),
            context=SimpleNamespace(locale=locale, url=url),
            session_state={},
        )
        monkeypatch.setattr(sidebar, "st", fake)
        return fake

    return make


def test_a_bare_link_takes_the_browsers_language(fake_st):
    fake_st({}, locale="de-AT")
    assert sidebar.current_view() == (View(lang="de"), [])


def test_the_links_language_wins_over_the_browsers(fake_st):
    fake_st({"lang": ["zh"], "district": ["haidian"]}, locale="de-AT")
    assert sidebar.current_view() == (View(lang="zh", districts=("110108",)), [])


def test_the_link_is_read_with_its_caps(fake_st):
    fake_st({"district": ["atlantis"] * 32 + ["haidian"], "x" * 5000: ["y"]})
    view, ignored = sidebar.current_view()
    assert view == View(lang="en") and len(ignored) == 32 and set(ignored) == {Ignored("district", "atlantis")}


def test_setting_the_same_view_does_not_rewrite_the_link(fake_st):
    fake = fake_st({"lang": ["de"], "district": ["haidian"]})
    sidebar.set_view(View(lang="de", districts=("110108",)))
    assert fake.query_params.writes == 0


def test_setting_a_view_writes_exactly_its_parameters(fake_st):
    fake = fake_st({"lang": ["en"]})
    sidebar.set_view(View(lang="de", sectors=("data_economy",)))
    assert fake.query_params.params == {"lang": ["de"], "sector": ["data_economy"]}
    assert fake.query_params.writes == 1


def test_unknown_parameters_are_dropped_from_the_link(fake_st):
    # Any number of parameters the app does not know: none of them survives into the next link.
    fake = fake_st({"lang": ["en"], **{f"p{i}": ["v"] for i in range(1000)}})
    view, _ = sidebar.current_view()
    sidebar.set_view(view)
    assert fake.query_params.params == {"lang": ["en"]}


def test_widgets_write_the_readers_choice_into_the_link(fake_st):
    fake = fake_st({"lang": ["en"]})
    fake.session_state.update({sidebar.LANG_KEY: "zh", sidebar.DISTRICT_KEY: ["110105"], sidebar.SECTOR_KEY: ["data_finance"]})
    sidebar._from_widgets()
    assert fake.query_params.params == {"lang": ["zh"], "district": ["chaoyang"], "sector": ["data_finance"]}


def test_clearing_the_filters_keeps_the_language(fake_st):
    fake = fake_st({"lang": ["de"], "district": ["haidian"], "sector": ["data_economy"]})
    sidebar._clear_filters()
    assert fake.query_params.params == {"lang": ["de"]}


def test_the_share_link_is_the_page_address_with_the_view(fake_st):
    fake_st(url="http://x.test/District_map")
    link = sidebar.share_link(View(lang="de", districts=("110105", "110108"), sectors=("data_economy",)))
    assert link == "http://x.test/District_map?lang=de&district=chaoyang&district=haidian&sector=data_economy"


def test_the_share_link_without_a_known_address_is_the_query_alone(fake_st):
    fake_st(url=None)
    assert sidebar.share_link(View(lang="zh")) == "?lang=zh"
