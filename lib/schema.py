"""Row models of the data files: one pydantic model per file, the type and range of every column.

Rules that tie several columns of a row together (a share lies between 0 and 100, a zone lies in
its district) are in lib/rules.py, where they run over whole columns at once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from lib import vocab


def _blank_to_none(value: object) -> object:
    # A CSV has no null: an empty cell means "not given".
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


# Public: the validator's Arrow screen (lib/cell_screen.py) finds this function in a core schema
# and knows what it does (an empty cell is None).
blank_to_none = _blank_to_none


Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
OptionalText = Annotated[str, Field(max_length=2000)]
Period = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
OptionalPeriod = Annotated[Period | None, BeforeValidator(_blank_to_none)]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]
OptionalNumber = Annotated[FiniteNumber | None, BeforeValidator(_blank_to_none)]
OptionalId = Annotated[Id | None, BeforeValidator(_blank_to_none)]
OptionalYear = Annotated[Annotated[str, Field(pattern=r"^\d{4}$")] | None, BeforeValidator(_blank_to_none)]
# A site as its host name (static.nfnews.com): shown as text, never turned into a link.
Host = Annotated[str, Field(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", max_length=253)]
OptionalHost = Annotated[Host | None, BeforeValidator(_blank_to_none)]
# Ids of data/references.csv separated by ";", in the order they are cited ("report": the report).
ReferenceIds = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*(\s*;\s*[a-z0-9][a-z0-9_]*)*$", max_length=800)]
OptionalReferenceIds = Annotated[ReferenceIds | None, BeforeValidator(_blank_to_none)]

DistrictCode = Literal[tuple(vocab.DISTRICT_SLUGS)]  # type: ignore[valid-type]
OptionalDistrict = Annotated[DistrictCode | None, BeforeValidator(_blank_to_none)]
Zone = Annotated[Literal[tuple(vocab.ZONE_DISTRICTS)] | None, BeforeValidator(_blank_to_none)]  # type: ignore[valid-type]


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
    # The status of a figure beyond its qualifier: what charts, labels and exports must carry.
    # Levels with the same vintage are on one statistical basis and may be joined by a line.
    vintage: OptionalId = None
    price_basis: Literal[vocab.PRICE_BASES] = ""  # type: ignore[valid-type]
    scope: Literal[vocab.SCOPES] = ""  # type: ignore[valid-type]
    # A context figure's source, as a reader can check it: the sentence verbatim in its language.
    publisher: OptionalText = ""
    published: OptionalPeriod = None
    url: OptionalText = ""
    quote: OptionalText = ""
    quote_lang: Literal[vocab.QUOTE_LANGUAGES] = ""  # type: ignore[valid-type]


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
    # Where the official name comes from.
    references: OptionalReferenceIds = None


class GlossaryRow(_Row):
    """One term of the report, explained in three languages, with where the explanation comes from."""

    id: Id
    term_en: Text
    term_de: Text
    term_zh: Text
    definition_en: Text
    definition_de: Text
    definition_zh: Text
    # Where the explanation comes from.
    references: ReferenceIds


class ReferenceRow(_Row):
    """A source the glossary or an initiative cites, in parts the app can write in any language:
    who published it, which document (in the app's words), when, on which site, and its title or
    the names it gives, in its own language and never translated."""

    id: Id
    # In English, as the catalogues' publisher.* keys name it (lib/locales).
    publisher: Text
    document: Literal[vocab.DOCUMENTS] = ""  # type: ignore[valid-type]
    document_year: OptionalYear = None
    published: OptionalPeriod = None
    site: OptionalHost = None
    # "yes" when the site carries a copy of someone else's article (the citation says so).
    repost: Literal["", "yes"] = ""
    title: OptionalText = ""
    # The names the source writes, as it writes them (北京智谱华章科技股份有限公司), where the
    # citation must carry them: usually a source without a title to cite.
    names: OptionalText = ""


# The columns of each file, in the order the files are written; the validator recognises a
# file by its header.
INDICATOR_COLUMNS: tuple[str, ...] = tuple(IndicatorRow.model_fields)
INITIATIVE_COLUMNS: tuple[str, ...] = tuple(InitiativeRow.model_fields)
GLOSSARY_COLUMNS: tuple[str, ...] = tuple(GlossaryRow.model_fields)
REFERENCE_COLUMNS: tuple[str, ...] = tuple(ReferenceRow.model_fields)
