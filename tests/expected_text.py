"""What a reader should read, written out by hand: never produced by lib/ (not by lib.formatting,
not by the selection code of lib.blocks), so a broken formatter or a wrong selection fails the tests.

Each entry was read off the running app (AppTest and the browser, January 2026 data) and checked as a
careful reader of that language would read it. Spaces are compared after folding narrow and
non-breaking spaces to plain ones (see ``plain``), so the table uses plain spaces.

Issue 14 (another helper) changes some formats: a true minus sign (U+2212) for negative figures and
Chinese 万 for large counts (15.34万个基站 → 15.34万个基站, 69.9万辆 → 69.9万辆). When it lands,
update the cells it changes here, by hand, after reading the new cards.
"""

from __future__ import annotations

import re

# The report figures that get a KPI card, per page section, in page order. A growth figure whose
# parent figure is on the same page rides on the parent's card as its change badge, so
# de_value_added_growth_2025 and nev_output_growth_2025 have no card of their own.
KPI_IDS: dict[str, list[str]] = {
    "overview": [
        "de_value_added_2025",
        "de_share_gdp_2025",
        "core_value_added_growth_2025",
        "core_share_gdp_2025",
        "electronics_growth_2025",
        "information_services_growth_2025",
    ],
    "ai": ["large_models_registered", "large_models_share_china"],
    "manufacturing": [
        "digital_adoption_rate_2024",
        "excellence_factories_2025",
        "advanced_smart_factories_2025",
        "nev_output_2025",
        "ic_output_growth_2025",
        "wind_turbine_output_growth_2025",
    ],
    "public_services": ["internet_hospitals", "online_diagnosis_institutions", "smart_city_satisfaction_2025"],
    "infrastructure": ["base_stations_5g", "base_stations_5g_per_10k", "computing_power", "autonomous_test_km"],
}

# The period part of a card heading for figures the report gives without a date.
_UNDATED = {
    "en": "date not stated, reported 27 January 2026",
    "de": "Stichtag nicht genannt, gemeldet am 27. Januar 2026",
    "zh": "未注明日期，2026年1月27日发布",
}

# id -> language -> (heading: label · period, the figure, the change badge or "").
KPI_CARDS: dict[str, dict[str, tuple[str, str, str]]] = {
    # --- overview ---
    "de_value_added_2025": {
        "en": ("Digital economy value added · 2025", "more than 2.4 trillion yuan", "up 8.7% on the year before"),
        "de": ("Wertschöpfung der digitalen Wirtschaft · 2025", "mehr als 2,4 Billionen Yuan", "Plus von 8,7 % gegenüber dem Vorjahr"),
        "zh": ("数字经济增加值 · 2025年", "超过2.4万亿元", "同比增长8.7%"),
    },
    "de_share_gdp_2025": {
        "en": ("Digital economy share of GDP · 2025", "46.4%", ""),
        "de": ("Anteil der digitalen Wirtschaft am BIP · 2025", "46,4 %", ""),
        "zh": ("数字经济增加值占地区生产总值比重 · 2025年", "46.4%", ""),
    },
    "core_value_added_growth_2025": {
        "en": ("Core digital economy industries: value added growth · 2025", "+10.4%", ""),
        "de": ("Kernindustrien der digitalen Wirtschaft: Wachstum · 2025", "+10,4 %", ""),
        "zh": ("数字经济核心产业增加值增速 · 2025年", "+10.4%", ""),
    },
    "core_share_gdp_2025": {
        "en": ("Core digital economy industries: share of GDP · 2025", "29.3%", ""),
        "de": ("Kernindustrien der digitalen Wirtschaft: Anteil am BIP · 2025", "29,3 %", ""),
        "zh": ("数字经济核心产业增加值占地区生产总值比重 · 2025年", "29.3%", ""),
    },
    "electronics_growth_2025": {
        "en": ("Electronic equipment manufacturing growth (above designated size) · 2025", "+20.2%", ""),
        "de": ("Wachstum der Elektronikgerätefertigung (Großbetriebe) · 2025", "+20,2 %", ""),
        "zh": ("规模以上电子设备制造业增加值增速 · 2025年", "+20.2%", ""),
    },
    "information_services_growth_2025": {
        "en": ("Information services value added growth · 2025", "+11%", ""),
        "de": ("Wachstum des Informationsdienstleistungssektors · 2025", "+11 %", ""),
        "zh": ("信息服务业增加值增速 · 2025年", "+11%", ""),
    },
    # --- artificial intelligence ---
    "large_models_registered": {
        "en": (f"Beijing-developed large models registered · {_UNDATED['en']}", "209 large models", ""),
        "de": (f"In Beijing entwickelte, registrierte KI-Großmodelle · {_UNDATED['de']}", "209 KI-Großmodelle", ""),
        "zh": (f"完成备案的北京研发大模型 · {_UNDATED['zh']}", "209个大模型", ""),
    },
    "large_models_share_china": {
        "en": (f"Share of China's registered large models · {_UNDATED['en']}", "nearly 30%", ""),
        "de": (f"Anteil an allen registrierten KI-Großmodellen Chinas · {_UNDATED['de']}", "fast 30 %", ""),
        "zh": (f"占全国备案大模型总数比重 · {_UNDATED['zh']}", "近30%", ""),
    },
    # --- smart manufacturing ---
    "digital_adoption_rate_2024": {
        "en": ("Digital technology adoption rate, enterprises above designated size · 2024", "70%", "from 40% in 2021"),
        "de": ("Einführungsrate digitaler Technologien in Großbetrieben · 2024", "70 %", "von 40 % im Jahr 2021"),
        "zh": ("规模以上企业数字技术应用率 · 2024年", "70%", "2021年为40%"),
    },
    "excellence_factories_2025": {
        "en": ("Excellence-tier smart factories · end of 2025", "19 factories", ""),
        "de": ("Intelligente Fabriken der Exzellenzstufe · Ende 2025", "19 Fabriken", ""),
        "zh": ("卓越级智能工厂 · 2025年底", "19家工厂", ""),
    },
    "advanced_smart_factories_2025": {
        "en": ("Advanced smart factories · end of 2025", "178 factories", ""),
        "de": ("Intelligente Fabriken der fortgeschrittenen Stufe · Ende 2025", "178 Fabriken", ""),
        "zh": ("先进级智能工厂 · 2025年底", "178家工厂", ""),
    },
    "nev_output_2025": {
        "en": ("New energy vehicle output · 2025", "699,000 vehicles", "up 140% on the year before"),
        "de": ("Produktion von New-Energy-Fahrzeugen · 2025", "699.000 Fahrzeuge", "Plus von 140 % gegenüber dem Vorjahr"),
        "zh": ("新能源汽车产量 · 2025年", "69.9万辆", "同比增长140%"),  # issue 14: 69.9万辆
    },
    "ic_output_growth_2025": {
        "en": ("Integrated circuit output growth · 2025", "more than 10%", ""),
        "de": ("Wachstum der Produktion integrierter Schaltkreise · 2025", "mehr als 10 %", ""),
        "zh": ("集成电路产量增速 · 2025年", "超过10%", ""),
    },
    "wind_turbine_output_growth_2025": {
        "en": ("Wind turbine generator output growth · 2025", "more than 10%", ""),
        "de": ("Wachstum der Produktion von Windkraftanlagen · 2025", "mehr als 10 %", ""),
        "zh": ("风力发电机组产量增速 · 2025年", "超过10%", ""),
    },
    # --- digital public services ---
    "internet_hospitals": {
        "en": (f"Internet hospitals · {_UNDATED['en']}", "119 hospitals", ""),
        "de": (f"Internetkrankenhäuser · {_UNDATED['de']}", "119 Krankenhäuser", ""),
        "zh": (f"互联网医院 · {_UNDATED['zh']}", "119家医院", ""),
    },
    "online_diagnosis_institutions": {
        "en": (f"Medical institutions offering online diagnosis · {_UNDATED['en']}", "346 institutions", ""),
        "de": (f"Medizinische Einrichtungen mit Online-Diagnose · {_UNDATED['de']}", "346 Einrichtungen", ""),
        "zh": (f"提供线上诊疗服务的医疗机构 · {_UNDATED['zh']}", "346家机构", ""),
    },
    "smart_city_satisfaction_2025": {
        "en": ("Residents' satisfaction with smart-city development · 2025", "82.8 points", ""),
        "de": ("Zufriedenheit der Einwohner mit der Smart City · 2025", "82,8 Punkte", ""),
        "zh": ("市民对智慧城市建设的满意度 · 2025年", "82.8分", ""),
    },
    # --- digital infrastructure ---
    "base_stations_5g": {
        "en": (f"5G base stations · {_UNDATED['en']}", "153,400 base stations", ""),
        "de": (f"5G-Basisstationen · {_UNDATED['de']}", "153.400 Basisstationen", ""),
        "zh": (f"5G基站 · {_UNDATED['zh']}", "15.34万个基站", ""),  # issue 14: 15.34万个基站
    },
    "base_stations_5g_per_10k": {
        "en": (f"5G base stations per 10,000 residents · {_UNDATED['en']}", "70 per 10,000 residents", ""),
        "de": (f"5G-Basisstationen pro 10.000 Einwohner · {_UNDATED['de']}", "70 pro 10.000 Einwohner", ""),
        "zh": (f"每万人5G基站数 · {_UNDATED['zh']}", "每万人70个", ""),
    },
    "computing_power": {
        "en": (f"Pooled computing power · {_UNDATED['en']}", "more than 60,000 PFLOPS", ""),
        "de": (f"Gebündelte Rechenleistung · {_UNDATED['de']}", "mehr als 60.000 PFLOPS", ""),
        "zh": (f"统筹算力总规模 · {_UNDATED['zh']}", "超过6万 PFLOPS", ""),  # issue 14: 6万 PFLOPS?
    },
    "autonomous_test_km": {
        "en": (f"Cumulative autonomous-driving test mileage · {_UNDATED['en']}", "more than 48 million km", ""),
        "de": (f"Kumulierte Testfahrstrecke, hochautomatisiertes Fahren · {_UNDATED['de']}", "mehr als 48 Mio. km", ""),
        "zh": (f"高级别自动驾驶累计测试里程 · {_UNDATED['zh']}", "超过4800万公里", ""),
    },
}

# The charts of each page, in page order, and the data rows each one plots (by id, in plotting
# order), picked by hand from data/indicators.csv: a context row superseded by a later release
# (ctx_de_value_added_2024_prelim) is not plotted, and 2020 is missing from the value-added trend
# because no figure on the same basis was published.
CHART_IDS: dict[str, list[tuple[str, list[str]]]] = {
    "overview": [
        ("de_value_added_trend", ["ctx_de_value_added_2019", "ctx_de_value_added_2021", "ctx_de_value_added_2022",
                                  "ctx_de_value_added_2023", "ctx_de_value_added_2024", "de_value_added_2025"]),
        ("de_share_gdp_trend", ["ctx_de_share_gdp_2019", "ctx_de_share_gdp_2021", "ctx_de_share_gdp_2022",
                                "ctx_de_share_gdp_2023", "de_share_gdp_2025"]),
        ("gdp_parts", []),  # parts of a whole, checked by their values below
        ("core_share_gdp_trend", ["ctx_core_share_gdp_2022", "ctx_core_share_gdp_2023", "core_share_gdp_2025"]),
        # Grouped by price basis (headings carry no id): current prices; basis not stated, in the
        # report's order; basis not stated and above-size enterprises only.
        ("overview_growth", ["de_value_added_growth_2025", "core_value_added_growth_2025",
                             "information_services_growth_2025", "electronics_growth_2025"]),
        ("de_growth_trend", ["ctx_de_growth_2021", "ctx_de_growth_2022", "ctx_de_growth_2023",
                             "ctx_de_growth_2024", "de_value_added_growth_2025"]),
    ],
    "ai": [
        ("large_models_trend", ["ctx_large_models_2024", "ctx_large_models_202506", "ctx_large_models_20260108",
                                "large_models_registered"]),
        ("large_models_share_parts", []),
    ],
    "manufacturing": [
        # The slope: the figure's start value (base_value in 2021) and its value (2024).
        ("adoption_slope", ["digital_adoption_rate_2024", "digital_adoption_rate_2024"]),
        ("factory_tiers", ["advanced_smart_factories_2025", "excellence_factories_2025"]),  # largest first
        ("output_growth", ["nev_output_growth_2025", "ic_output_growth_2025", "wind_turbine_output_growth_2025"]),
        ("nev_growth_trend", ["ctx_nev_output_growth_2022", "ctx_nev_output_growth_2023", "ctx_nev_output_growth_2024",
                              "nev_output_growth_2025"]),
        ("wind_growth_trend", ["ctx_wind_turbine_output_growth_2022", "ctx_wind_turbine_output_growth_2023",
                               "ctx_wind_turbine_output_growth_2024", "wind_turbine_output_growth_2025"]),
    ],
    "public_services": [
        ("internet_hospitals_trend", ["ctx_internet_hospitals_20240123", "ctx_internet_hospitals_202406", "internet_hospitals"]),
        ("online_diagnosis_trend", ["ctx_online_diagnosis_institutions_2022", "ctx_online_diagnosis_institutions_20240123",
                                    "ctx_online_diagnosis_institutions_202406", "online_diagnosis_institutions"]),
    ],
    "infrastructure": [
        ("base_stations_trend", ["ctx_base_stations_5g_202108", "ctx_base_stations_5g_202109", "ctx_base_stations_5g_202304",
                                 "ctx_base_stations_5g_202305", "ctx_base_stations_5g_202311", "ctx_base_stations_5g_202404",
                                 "ctx_base_stations_5g_202406", "base_stations_5g"]),
        ("base_station_density_trend", ["ctx_base_stations_5g_per_10k_202108", "ctx_base_stations_5g_per_10k_202305",
                                        "ctx_base_stations_5g_per_10k_202404", "ctx_base_stations_5g_per_10k_202406",
                                        "base_stations_5g_per_10k"]),
        ("autonomous_km_trend", ["ctx_autonomous_test_km_2022", "ctx_autonomous_test_km_202406", "ctx_autonomous_test_km_202410",
                                 "autonomous_test_km"]),
    ],
}

# Charts put money on one scale: 亿元 (100 million yuan) is drawn in trillion yuan.
TRILLION_YUAN_PER_UNIT = {"trillion_yuan": 1.0, "hundred_million_yuan": 1e-4}


def plain(text: str) -> str:
    """What a reader sees, spaces folded: Babel writes narrow and non-breaking spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def unescape_markdown(text: str) -> str:
    """Markdown source as the reader reads it: a backslash before ASCII punctuation shows the character."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
