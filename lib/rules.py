"""Rules that tie the columns of a row together, checked over whole columns at once.

Each rule gives a mask of the rows that break it, the column a person must edit, and the message
for one such row. Column types and ranges are the pydantic models' job (lib/schema.py); these run
after them, on rows whose cells all passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from lib import vocab


class ColumnLike(Protocol):
    def equals(self, value: object) -> np.ndarray: ...
    def isin(self, values: object) -> np.ndarray: ...
    def blank(self) -> np.ndarray: ...
    def numbers(self) -> np.ndarray: ...
    def value_at(self, row: int) -> object: ...


@dataclass(frozen=True)
class Broken:
    rows: np.ndarray  # bool mask over the file's rows
    column: str
    message: Callable[[int], str]  # the message for one row


Columns = Mapping[str, ColumnLike]


def indicator_rules(c: Columns) -> Iterator[Broken]:
    value = c["value"].numbers()
    base_value = c["base_value"].numbers()
    measure = c["measure"]
    bounded = measure.isin(("share", "rate"))
    growth = measure.equals("growth_yoy")
    count = measure.equals("count")
    percent = c["unit"].equals("percent")

    def unit_message(row: int) -> str:
        kind = "growth is" if measure.value_at(row) == "growth_yoy" else f"a {measure.value_at(row)} is"
        return f"{kind} given in percent, not {c['unit'].value_at(row)}"

    yield Broken((bounded | growth) & ~percent, "unit", unit_message)
    for column, numbers in (("value", value), ("base_value", base_value)):
        outside = ~np.isnan(numbers) & ((numbers < 0) | (numbers > 100))
        yield Broken(
            bounded & percent & outside,
            column,
            lambda row, numbers=numbers: f"a {measure.value_at(row)} must lie between 0 and 100, got {numbers[row]:g}",
        )
    # Growth may exceed 100 % (new-energy vehicles: +140 %) but nothing shrinks below nothing.
    yield Broken(growth & (value <= -100), "value", lambda row: f"growth cannot be -100 % or less, got {value[row]:g}")
    yield Broken(
        count & ((value < 0) | (value != np.floor(value))),
        "value",
        lambda row: f"a count must be a whole number of 0 or more, got {value[row]:g}",
    )
    yield Broken(
        ~count & ~growth & (value < 0),
        "value",
        lambda row: f"a {measure.value_at(row)} cannot be negative, got {value[row]:g}",
    )
    no_base_value, no_base_period = np.isnan(base_value), c["base_period"].blank()
    pair_message = "base_value and base_period go together: give both or neither"
    yield Broken(~no_base_value & no_base_period, "base_period", lambda row: pair_message)
    yield Broken(no_base_value & ~no_base_period, "base_value", lambda row: pair_message)
    # Rates of different price bases must never be ranked together, so every rate says its basis.
    no_basis = c["price_basis"].blank()
    yield Broken(
        growth & no_basis,
        "price_basis",
        lambda row: "a growth rate needs its price basis: current, constant, physical or not_stated (as its source says)",
    )
    yield Broken(~growth & ~no_basis, "price_basis", lambda row: "only a growth rate has a price basis: leave it empty")
    report = c["source_type"].equals("report")
    for column in ("source_de", "source_en", "source_zh"):
        yield Broken(report & c[column].blank(), column, lambda row: "a report figure needs its German sentence and its translations")
    yield Broken(~report & c["citation"].blank(), "citation", lambda row: "a context figure needs the citation of its source")
    # A reader must be able to check a context figure as they can a report figure: by its sentence.
    for column in ("publisher", "published", "url", "quote", "quote_lang"):
        yield Broken(
            ~report & c[column].blank(),
            column,
            lambda row, column=column: f"a context figure needs its source's {column} (the sentence verbatim, who published it, when and where)",
        )


def initiative_rules(c: Columns) -> Iterator[Broken]:
    zone, district = c["zone"], c["district_code"]
    has_zone = ~zone.blank()
    yield Broken(has_zone & district.blank(), "district_code", lambda row: f"zone {zone.value_at(row)} lies in a district: name it")
    outside = np.zeros_like(has_zone)
    for zone_code, districts in vocab.ZONE_DISTRICTS.items():
        outside |= zone.equals(zone_code) & ~district.blank() & ~district.isin(districts)
    yield Broken(
        outside,
        "district_code",
        lambda row: f"zone {zone.value_at(row)} does not lie in district {district.value_at(row)}",
    )
    yield Broken(
        ~c["official_name"].blank() & c["references"].blank(),
        "references",
        lambda row: "an official name needs the reference it comes from (an id of references.csv)",
    )


def reference_rules(c: Columns) -> Iterator[Broken]:
    document, year = c["document"], c["document_year"]
    yearly = document.isin(vocab.YEARLY_DOCUMENTS)
    yield Broken(yearly & year.blank(), "document_year", lambda row: f"a {document.value_at(row)} is named by its year: give document_year")
    yield Broken(~yearly & ~year.blank(), "document_year", lambda row: f"only a {' or '.join(vocab.YEARLY_DOCUMENTS)} has a year: leave it empty")
    yield Broken(c["repost"].equals("yes") & c["site"].blank(), "site", lambda row: "a repost needs the site it is on")
    yield Broken(
        c["id"].equals(vocab.REPORT_REFERENCE),
        "id",
        lambda row: f"{vocab.REPORT_REFERENCE!r} cites the report itself in the app's own words: choose another id",
    )


def no_rules(c: Columns) -> Iterator[Broken]:
    return iter(())


RULES: dict[str, Callable[[Columns], Iterator[Broken]]] = {
    "indicators": indicator_rules,
    "initiatives": initiative_rules,
    "glossary": no_rules,
    "references": reference_rules,
}
