"""Row models of the data files: one pydantic model per file, every rule of a row in one place."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from lib import vocab


def _blank_to_none(value: object) -> object:
    # A CSV has no null: an empty cell means "not given".
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
OptionalText = Annotated[str, Field(max_length=2000)]
Period = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
OptionalPeriod = Annotated[Period | None, BeforeValidator(_blank_to_none)]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]
OptionalNumber = Annotated[FiniteNumber | None, BeforeValidator(_blank_to_none)]
OptionalId = Annotated[Id | None, BeforeValidator(_blank_to_none)]

DistrictCode = Literal[tuple(vocab.DISTRICT_SLUGS)]  # type: ignore[valid-type]
OptionalDistrict = Annotated[DistrictCode | None, BeforeValidator(_blank_to_none)]
Zone = Annotated[Literal[tuple(vocab.ZONE_DISTRICTS)] | None, BeforeValidator(_blank_to_none)]  # type: ignore[valid-type]


def _rule(column: str, message: str) -> PydanticCustomError:
    """A cross-column rule broken by a row; the column is carried so the report can name it."""
    return PydanticCustomError("row_rule", "{message}", {"column": column, "message": message})


class _Row(BaseModel):
    # Unknown columns are caught at the header; forbid here too so a model used alone is strict.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class IndicatorRow(_Row):
    """One figure: from the report (with its German sentence) or from a cited context source."""

    id: Id
    source_type: Literal[vocab.SOURCE_TYPES]  # type: ignore[valid-type]
    section: Literal[vocab.SECTIONS]  # type: ignore[valid-type]
    sector: Literal[vocab.SECTORS]  # type: ignore[valid-type]
    district_code: OptionalDistrict = None
    label_en: Text
    label_de: Text
    label_zh: Text
    value: FiniteNumber
    unit: Literal[vocab.UNITS]  # type: ignore[valid-type]
    measure: Literal[vocab.MEASURES]  # type: ignore[valid-type]
    qualifier: Literal[vocab.QUALIFIERS]  # type: ignore[valid-type]
    period: Period
    period_type: Literal[vocab.PERIOD_TYPES]  # type: ignore[valid-type]
    base_value: OptionalNumber = None
    base_period: OptionalPeriod = None
    parent_id: OptionalId = None
    # Figures of one quantity over time (this report's and the context years') share a series.
    series: Id
    status: Literal[vocab.STATUSES] = "current"  # type: ignore[valid-type]
    claim: Literal[vocab.CLAIMS] = ""  # type: ignore[valid-type]
    source_de: OptionalText = ""
    source_en: OptionalText = ""
    source_zh: OptionalText = ""
    citation: OptionalText = ""

    @model_validator(mode="after")
    def _check_rules(self) -> IndicatorRow:
        _check_source(self)
        if self.measure in ("share", "rate"):
            if self.unit != "percent":
                raise _rule("unit", f"a {self.measure} is given in percent, not {self.unit}")
            for column, number in (("value", self.value), ("base_value", self.base_value)):
                if number is not None and not 0 <= number <= 100:
                    raise _rule(column, f"a {self.measure} must lie between 0 and 100, got {number:g}")
        if self.measure == "growth_yoy":
            if self.unit != "percent":
                raise _rule("unit", f"growth is given in percent, not {self.unit}")
            # Growth may exceed 100 % (new-energy vehicles: +140 %) but nothing shrinks below nothing.
            if self.value <= -100:
                raise _rule("value", f"growth cannot be -100 % or less, got {self.value:g}")
        if self.measure == "count":
            if self.value < 0 or self.value != int(self.value):
                raise _rule("value", f"a count must be a whole number of 0 or more, got {self.value:g}")
        elif self.value < 0 and self.measure != "growth_yoy":
            raise _rule("value", f"a {self.measure} cannot be negative, got {self.value:g}")
        if (self.base_value is None) != (self.base_period is None):
            missing = "base_period" if self.base_period is None else "base_value"
            raise _rule(missing, "base_value and base_period go together: give both or neither")
        if self.parent_id == self.id:
            raise _rule("parent_id", "a figure cannot qualify itself")
        return self


class InitiativeRow(_Row):
    """One named initiative of the report, placed in the district the report names (if any)."""

    id: Id
    section: Literal[vocab.SECTIONS]  # type: ignore[valid-type]
    sector: Literal[vocab.SECTORS]  # type: ignore[valid-type]
    kind: Literal[vocab.INITIATIVE_KINDS]  # type: ignore[valid-type]
    district_code: OptionalDistrict = None
    zone: Zone = None
    name_report: Text
    name_en: Text
    name_zh: Text
    official_name: OptionalText = ""
    date: OptionalPeriod = None
    claim: Literal[vocab.CLAIMS] = ""  # type: ignore[valid-type]
    description_en: Text
    description_de: Text
    description_zh: Text
    source_type: Literal["report"] = "report"
    source_de: Text
    source_en: Text
    source_zh: Text
    citation: OptionalText = ""

    @model_validator(mode="after")
    def _check_rules(self) -> InitiativeRow:
        if self.zone is not None:
            if self.district_code is None:
                raise _rule("district_code", f"zone {self.zone} lies in a district: name it")
            if self.district_code not in vocab.ZONE_DISTRICTS[self.zone]:
                raise _rule("district_code", f"zone {self.zone} does not lie in district {self.district_code}")
        if self.official_name and not self.citation:
            raise _rule("citation", "an official name needs the citation it comes from")
        return self


class GlossaryRow(_Row):
    """One term of the report, explained in three languages, with where the explanation comes from."""

    id: Id
    term_en: Text
    term_de: Text
    term_zh: Text
    definition_en: Text
    definition_de: Text
    definition_zh: Text
    source: Text


def _check_source(row: IndicatorRow) -> None:
    if row.source_type == "report":
        for column in ("source_de", "source_en", "source_zh"):
            if not getattr(row, column):
                raise _rule(column, "a report figure needs its German sentence and its translations")
    elif not row.citation:
        raise _rule("citation", "a context figure needs the citation of its source")


# The columns of each file, in the order the files are written; the validator recognises a
# file by its header.
INDICATOR_COLUMNS: tuple[str, ...] = tuple(IndicatorRow.model_fields)
INITIATIVE_COLUMNS: tuple[str, ...] = tuple(InitiativeRow.model_fields)
GLOSSARY_COLUMNS: tuple[str, ...] = tuple(GlossaryRow.model_fields)
