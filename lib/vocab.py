"""Closed vocabularies of the data files: the codes a row may use, in one place.

Display names for every code live in the language catalogues (lib/locales), keyed as
``<vocabulary>.<code>``; a test checks that each code here has a name in every language.
"""

from __future__ import annotations

# The 16 districts, by the statistical division codes of the national statistics bureau
# (see shared/source/context.md). The slug is what a link carries (?district=haidian).
DISTRICT_SLUGS: dict[str, str] = {
    "110101": "dongcheng",
    "110102": "xicheng",
    "110105": "chaoyang",
    "110106": "fengtai",
    "110107": "shijingshan",
    "110108": "haidian",
    "110109": "mentougou",
    "110111": "fangshan",
    "110112": "tongzhou",
    "110113": "shunyi",
    "110114": "changping",
    "110115": "daxing",
    "110116": "huairou",
    "110117": "pinggu",
    "110118": "miyun",
    "110119": "yanqing",
}
SLUG_DISTRICTS: dict[str, str] = {slug: code for code, slug in DISTRICT_SLUGS.items()}

# Functional zones the report names. They are not districts: a row names the district it
# lies in and the zone beside it, so no zone is ever counted as a 17th district.
ZONE_DISTRICTS: dict[str, tuple[str, ...]] = {
    # Beijing Economic-Technological Development Area (E-Town): mainly Daxing, partly Tongzhou.
    "bda": ("110115", "110112"),
    # Beijing Daxing International Airport Economic Zone (its Beijing part lies in Daxing).
    "daxing_airport_zone": ("110115",),
}

# One page per report section, in the report's order.
SECTIONS: tuple[str, ...] = (
    "overview",
    "ai",
    "manufacturing",
    "public_services",
    "infrastructure",
    "data_factor",
)

SECTORS: tuple[str, ...] = (
    "digital_economy",
    "electronics",
    "information_services",
    "artificial_intelligence",
    "embodied_intelligence",
    "industrial_digitalisation",
    "smart_manufacturing",
    "new_energy_vehicles",
    "scientific_instruments",
    "digital_health",
    "digital_government",
    "connectivity",
    "computing",
    "autonomous_driving",
    "data_economy",
    "digital_currency",
    "sme_digitalisation",
    "macro_context",
)

# What kind of quantity a figure is; it decides how it is charted and checked.
MEASURES: tuple[str, ...] = (
    "level",  # an amount in money or physical units
    "count",  # a whole number of things
    "growth_yoy",  # change against the year before, in percent (may exceed 100)
    "share",  # part of a whole, in percent (0 to 100)
    "rate",  # adoption rate, in percent (0 to 100)
    "density",  # things per population
    "score",  # an index or satisfaction score
)

UNITS: tuple[str, ...] = (
    "trillion_yuan",
    "hundred_million_yuan",
    "percent",
    "large_models",
    "factories",
    "vehicles",
    "hospitals",
    "institutions",
    "points",
    "base_stations",
    "stations_per_10k_residents",
    "petaflops",
    "million_km",
    "million_people",
)

# How the source words a figure: the qualifier is part of the figure.
QUALIFIERS: tuple[str, ...] = ("exact", "more_than", "nearly", "about")

# exact date or year | cumulative up to the end of | as of a day | not stated by the source
PERIOD_TYPES: tuple[str, ...] = ("year", "end_of", "as_of", "not_stated")

# A superlative the source claims; shown as the source's claim, never as our finding.
CLAIMS: tuple[str, ...] = (
    "",
    "world_first",
    "national_leader",
    "period_high",
    "first_listed_large_model_company",
)

SOURCE_TYPES: tuple[str, ...] = ("report", "context")

# What a growth rate is measured in: nominal (current prices), real (constant prices), physical
# output (units made, no prices), or not said by its source. Rates of different bases are never
# ranked as one list. Empty for figures that are not growth rates.
PRICE_BASES: tuple[str, ...] = ("", "current", "constant", "physical", "not_stated")

# Which firms a figure covers when its source narrows it: enterprises above the statistical size
# threshold (规模以上, rendered "Großbetriebe" in the German report).
SCOPES: tuple[str, ...] = ("", "above_size_enterprises")

# The language a context source's quoted sentence is written in.
QUOTE_LANGUAGES: tuple[str, ...] = ("", "zh", "zh-Hant", "en", "de", "ja")

# A document a reference names in the app's own words (lib/locales: ``reference.document.<code>``),
# rather than by a title of its own; "" for an article, a page or a release.
DOCUMENTS: tuple[str, ...] = ("", "statistical_bulletins", "statistical_bulletin", "government_work_report", "division_codes")
# Documents that come once a year are named with their year ("the 2024 statistical bulletin").
YEARLY_DOCUMENTS: tuple[str, ...] = ("statistical_bulletin", "government_work_report")
# The id by which the glossary and the initiatives cite the report itself (not a row of
# data/references.csv: the report's citation is the app's own words, source.report_citation).
REPORT_REFERENCE = "report"

# A context figure that a later release replaced is kept for the record, not charted.
STATUSES: tuple[str, ...] = ("current", "superseded")

INITIATIVE_KINDS: tuple[str, ...] = (
    "company_listing",
    "policy_drive",
    "software_framework",
    "venue",
    "platform",
    "factory",
    "industry_cluster",
    "data_cluster",
    "data_port",
    "pilot_programme",
    "pilot_city",
)

# What a reader filters by: a handful of groups they recognise. The fine sector tags stay in the
# data (and in the downloads); the sidebar and the link carry the group (?sector=ai_robotics).
SECTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "economy": ("digital_economy", "information_services"),
    "ai_robotics": ("artificial_intelligence", "embodied_intelligence"),
    # Electronics is the report's electronic-information manufacturing; SME digital transformation
    # is the national pilot for manufacturing SMEs; autonomous driving is about vehicles.
    "manufacturing_vehicles": (
        "electronics",
        "industrial_digitalisation",
        "smart_manufacturing",
        "new_energy_vehicles",
        "scientific_instruments",
        "autonomous_driving",
        "sme_digitalisation",
    ),
    "health_government": ("digital_health", "digital_government"),
    "networks_computing": ("connectivity", "computing"),
    "data_finance": ("data_economy", "digital_currency"),
}
# Economy-wide context (GDP, population) belongs to no group: it stays under every filter.
SECTOR_GROUP_OF: dict[str, str] = {sector: group for group, sectors in SECTOR_GROUPS.items() for sector in sectors}
