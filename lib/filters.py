"""The view a reader chose (language, districts, sectors), read from and written to the link.

Pure functions only: the sidebar (lib/sidebar.py) turns them into widgets. The link is the one
source of truth, so a copied URL reproduces exactly what its sender saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib import vocab
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES

# Query parameter names: part of every shared link, so never rename them.
PARAM_LANG = "lang"
PARAM_DISTRICT = "district"
PARAM_SECTOR = "sector"

# A hostile link may repeat a parameter thousands of times or send huge values; look at no more.
MAX_VALUES_PER_PARAM = 32
MAX_VALUE_CHARS = 40

# The sector filter offers groups (lib.vocab.SECTOR_GROUPS); a link from before the groups, naming a
# fine sector (?sector=data_economy), still works: it means that sector's group.
FILTER_SECTORS: tuple[str, ...] = tuple(vocab.SECTOR_GROUPS)


@dataclass(frozen=True)
class View:
    lang: str = DEFAULT_LANGUAGE
    districts: tuple[str, ...] = ()  # district codes, in the order of vocab.DISTRICT_SLUGS
    sectors: tuple[str, ...] = ()  # sector groups, in the order of vocab.SECTOR_GROUPS

    @property
    def is_filtered(self) -> bool:
        return bool(self.districts or self.sectors)


@dataclass(frozen=True)
class Ignored:
    """A link value that was not understood and therefore left out of the view."""

    param: str
    value: str


def _values(params: Mapping[str, Sequence[str] | str], name: str) -> list[str]:
    raw = params.get(name, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return values[:MAX_VALUES_PER_PARAM]


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


def parse_view(params: Mapping[str, Sequence[str] | str], default_lang: str = DEFAULT_LANGUAGE) -> tuple[View, list[Ignored]]:
    """The view a link describes, and every value in it that had to be ignored."""
    ignored: list[Ignored] = []

    lang = default_lang
    for value in _values(params, PARAM_LANG):
        cleaned = value.strip().lower()
        if cleaned in LANGUAGES:
            lang = cleaned
        else:
            ignored.append(Ignored(PARAM_LANG, _shorten(value)))

    district_codes: set[str] = set()
    for value in _values(params, PARAM_DISTRICT):
        cleaned = value.strip().lower()
        if cleaned == "":
            continue
        code = vocab.SLUG_DISTRICTS.get(cleaned) or (cleaned if cleaned in vocab.DISTRICT_SLUGS else None)
        if code:
            district_codes.add(code)
        else:
            ignored.append(Ignored(PARAM_DISTRICT, _shorten(value)))

    sectors: set[str] = set()
    for value in _values(params, PARAM_SECTOR):
        cleaned = value.strip().lower()
        if cleaned == "":
            continue
        if cleaned in FILTER_SECTORS:
            sectors.add(cleaned)
        elif cleaned in vocab.SECTOR_GROUP_OF:
            sectors.add(vocab.SECTOR_GROUP_OF[cleaned])
        else:
            ignored.append(Ignored(PARAM_SECTOR, _shorten(value)))

    view = View(lang=lang, districts=all_means_none(district_codes), sectors=tuple(group for group in FILTER_SECTORS if group in sectors))
    return view, ignored


def all_means_none(district_codes: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The chosen districts in map order; every district chosen is no district filter at all.

    "Select all" must show all: city-wide initiatives too, and a short link.
    """
    chosen = tuple(code for code in vocab.DISTRICT_SLUGS if code in set(district_codes))
    return () if len(chosen) == len(vocab.DISTRICT_SLUGS) else chosen


def in_groups(sectors: pd.Series, groups: tuple[str, ...]) -> pd.Series:
    """Which rows' fine sector tags belong to one of the chosen sector groups."""
    return sectors.map(vocab.SECTOR_GROUP_OF).isin(groups)


def section_groups(indicators_df: pd.DataFrame, initiatives_df: pd.DataFrame, section: str | None) -> tuple[str, ...]:
    """The sector groups a page has something for: its figures (report and context) and initiatives.

    ``section=None`` means the whole report (the map and the tables).
    """
    sectors = set(initiatives_df["sector"] if section is None else initiatives_df.loc[initiatives_df["section"] == section, "sector"])
    sectors |= set(indicators_df["sector"] if section is None else indicators_df.loc[indicators_df["section"] == section, "sector"])
    present = {vocab.SECTOR_GROUP_OF[sector] for sector in sectors if sector in vocab.SECTOR_GROUP_OF}
    return tuple(group for group in FILTER_SECTORS if group in present)


def view_to_params(view: View) -> dict[str, list[str]]:
    """The query parameters that reproduce ``view``; empty filters are left out of the link."""
    params: dict[str, list[str]] = {PARAM_LANG: [view.lang]}
    if view.districts:
        params[PARAM_DISTRICT] = [vocab.DISTRICT_SLUGS[code] for code in view.districts]
    if view.sectors:
        params[PARAM_SECTOR] = list(view.sectors)
    return params


def filter_initiatives(initiatives_df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Initiatives in the chosen districts and sector groups; with no district chosen, all of them."""
    keep = pd.Series(True, index=initiatives_df.index)
    if view.districts:
        keep &= initiatives_df["district_code"].isin(view.districts)
    if view.sectors:
        keep &= in_groups(initiatives_df["sector"], view.sectors)
    return initiatives_df[keep]


def filter_indicators(indicators_df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Figures of the chosen sector groups; a district filter narrows district figures only.

    City-wide figures (no district) stay whatever districts are chosen: they describe every
    district, and the page labels them city-wide.
    """
    keep = pd.Series(True, index=indicators_df.index)
    if view.sectors:
        keep &= in_groups(indicators_df["sector"], view.sectors) | (indicators_df["sector"] == "macro_context")
    if view.districts:
        keep &= indicators_df["district_code"].eq("") | indicators_df["district_code"].isin(view.districts)
    return indicators_df[keep]
