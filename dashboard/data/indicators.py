"""Curated indicator definitions used by the build (:mod:`dashboard.data.build`).

Everything here is explicit data: which raw series or which rows of ``facts/paper_facts.csv``
make up each indicator, how their units are converted and how flags are set. No number is typed
here; every value comes from a raw file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WB = "CC BY 4.0 (World Bank)"
OWID = "CC BY 4.0 (Our World in Data; original provider terms apply)"
FACTS = "Official statistics, cited"
WDI_SRC = "World Bank, World Development Indicators"


def wdi_url(code: str) -> str:
    return f"https://data.worldbank.org/indicator/{code}"


def owid_url(slug: str) -> str:
    return f"https://ourworldindata.org/grapher/{slug}"


@dataclass(frozen=True)
class Meta:
    """Catalog fields written by the build (``has_sectors`` is derived from the data)."""

    id: str
    dimension: str
    group: str
    name: str
    unit: str
    definition: str
    source: str
    source_url: str
    source_codes: str
    licence: str
    decimals: int = 1
    default_chart: str = "line"
    stack_sectors: str = ""
    share_of_total: bool = False
    headline: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Wdi:
    """One or more WDI series (one per sector).

    ``codes``: sector -> WDI code ("total" when there is no breakdown). ``per`` divides the
    published value (e.g. 1e9 for current US$ -> billion US$). ``vintage``: if set, rows are taken
    from ``wdi_selected.csv`` with that ``source_id`` instead of ``wdi_combined.csv``.
    ``flag``: rule name, see ``build.wdi_flag``.
    """

    meta: Meta
    codes: dict[str, str]
    per: float = 1.0
    vintage: str | None = None
    flag: str = "default"


@dataclass(frozen=True)
class Owid:
    """One or more OWID variables (one per sector).

    ``variables``: sector -> list of (variable, source_id) in order of preference; for one
    (region, year) the first source that has a value wins (no mixing inside a cell).
    """

    meta: Meta
    variables: dict[str, list[tuple[str, str]]]
    per: float = 1.0
    flag: str = "observed"


@dataclass(frozen=True)
class Pick:
    """Rows of facts/paper_facts.csv: exact ``indicator`` text and the unit it must have.

    ``regions`` limits the rows (facts region names); ``years`` likewise. ``per`` divides the row's
    value to convert its unit to the indicator's unit. ``priority``: lower wins when two rows give a value for the
    same key (see ``build.fact_rank``). ``sector``: the sector code stored.
    """

    indicator: str
    unit: str
    sector: str = "total"
    per: float = 1.0
    regions: tuple[str, ...] | None = ("China",)
    years: tuple[int, ...] | None = None
    priority: int = 0


@dataclass(frozen=True)
class Facts:
    meta: Meta
    picks: list[Pick] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------
S = "structure"
STRUCTURE: list = [
    Wdi(
        Meta(
            "va_share_gdp_by_industry", S, "Output structure",
            "Value added by industry (WDI)", "% of GDP",
            "Gross value added of agriculture (primary), industry including construction (secondary) and "
            "services (tertiary) as a share of GDP. Manufacturing is shown as well; it is part of industry.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NV.IND.TOTL.ZS"),
            "NV.AGR.TOTL.ZS, NV.IND.TOTL.ZS, NV.SRV.TOTL.ZS, NV.IND.MANF.ZS", WB,
            stack_sectors="primary,secondary,tertiary", headline=True,
            notes="Value added at basic prices, so China's shares differ from the NBS shares of GDP at "
                  "market prices (see the separate NBS indicator). Manufacturing is a subset of the "
                  "secondary industry and is never stacked. The manufacturing series comes from an Our "
                  "World in Data export of NV.IND.MANF.ZS for recent years and from the 2013 WDI vintage "
                  "before; the source_vintage column says which. China 2024-2025 values are early "
                  "estimates (flag 'preliminary').",
        ),
        {"primary": "NV.AGR.TOTL.ZS", "secondary": "NV.IND.TOTL.ZS", "tertiary": "NV.SRV.TOTL.ZS",
         "manufacturing": "NV.IND.MANF.ZS"},
    ),
    Wdi(
        Meta(
            "employment_share_by_industry", S, "Employment structure",
            "Employment by industry (ILO modelled)", "% of total employment",
            "Share of employed people working in agriculture, industry and services.",
            f"{WDI_SRC} (ILO modelled estimates)", wdi_url("SL.IND.EMPL.ZS"),
            "SL.AGR.EMPL.ZS, SL.IND.EMPL.ZS, SL.SRV.EMPL.ZS", WB,
            stack_sectors="primary,secondary,tertiary",
            notes="Modelled ILO estimates, flagged 'estimate'. Recent years exist only for China, the US, "
                  "Japan and South Korea (country bulk files); Germany, the UK, France, India and the World "
                  "stop in 2012 (2013 WDI vintage).",
        ),
        {"primary": "SL.AGR.EMPL.ZS", "secondary": "SL.IND.EMPL.ZS", "tertiary": "SL.SRV.EMPL.ZS"},
        flag="estimate",
    ),
    Wdi(
        Meta(
            "manufacturing_va_usd", S, "Output structure", "Manufacturing value added",
            "billion current US$",
            "Value added of manufacturing industries in current US dollars.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NV.IND.MANF.CD"),
            "NV.IND.MANF.CD", WB, decimals=0,
            notes="Published in current US$; divided by 1e9. Peers mostly come from the 2013 WDI vintage "
                  "and stop around 2010; China runs to 2022.",
        ),
        {"total": "NV.IND.MANF.CD"}, per=1e9,
    ),
    Wdi(
        Meta(
            "medhigh_tech_share_mfg_va", S, "High-end manufacturing",
            "Medium and high-tech share of manufacturing value added", "% of manufacturing value added",
            "Share of manufacturing value added produced by medium- and high-technology industries "
            "(UNIDO classification).",
            f"{WDI_SRC} (UNIDO CIP database)", wdi_url("NV.MNF.TECH.ZS.UN"), "NV.MNF.TECH.ZS.UN", WB,
            notes="China's value is almost constant (about 41.45%) from 2012 on in the source itself, so "
                  "China 2012+ rows are flagged 'estimate' and should not be read as an observed trend.",
        ),
        {"total": "NV.MNF.TECH.ZS.UN"}, flag="chn_2012_estimate",
    ),
    Wdi(
        Meta(
            "gdp_per_person_employed", S, "Productivity", "GDP per person employed",
            "constant 2021 PPP $",
            "Output per worker: GDP divided by total employment, in constant purchasing-power-parity dollars.",
            f"{WDI_SRC} (ILO, World Bank)", wdi_url("SL.GDP.PCAP.EM.KD"), "SL.GDP.PCAP.EM.KD", WB,
            decimals=0, headline=True,
            notes="Employment figures behind this ratio are ILO modelled estimates. China 2024-2025 values "
                  "are early estimates.",
        ),
        {"total": "SL.GDP.PCAP.EM.KD"},
    ),
    Wdi(
        Meta(
            "gdp_per_capita_ppp", S, "Productivity", "GDP per capita, PPP", "current international $",
            "GDP per person converted with purchasing-power parities, so that price-level differences "
            "between countries are removed.",
            f"{WDI_SRC} (ICP)", wdi_url("NY.GDP.PCAP.PP.CD"), "NY.GDP.PCAP.PP.CD", WB, decimals=0,
            headline=True,
            notes="Current international dollars: values of different years are not in constant prices.",
        ),
        {"total": "NY.GDP.PCAP.PP.CD"},
    ),
    Wdi(
        Meta(
            "gdp_usd", S, "Output structure", "GDP", "trillion current US$",
            "Gross domestic product at purchasers' prices converted at market exchange rates.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NY.GDP.MKTP.CD"),
            "NY.GDP.MKTP.CD", WB, decimals=2,
            notes="Published in current US$; divided by 1e12. China 2024-2025 values are early estimates.",
        ),
        {"total": "NY.GDP.MKTP.CD"}, per=1e12,
    ),
    Wdi(
        Meta(
            "gdp_growth", S, "Output structure", "Real GDP growth", "% per year",
            "Annual change of GDP at constant prices.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NY.GDP.MKTP.KD.ZG"),
            "NY.GDP.MKTP.KD.ZG", WB,
        ),
        {"total": "NY.GDP.MKTP.KD.ZG"},
    ),
    Wdi(
        Meta(
            "gross_capital_formation", S, "Investment", "Gross capital formation", "% of GDP",
            "Spending on fixed assets plus changes in inventories, as a share of GDP.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NE.GDI.TOTL.ZS"),
            "NE.GDI.TOTL.ZS", WB,
        ),
        {"total": "NE.GDI.TOTL.ZS"},
    ),
    Wdi(
        Meta(
            "urban_population_share", S, "Urbanisation", "Urban population", "% of total population",
            "Share of the population living in areas defined as urban by national statistical offices.",
            f"{WDI_SRC} (UN World Urbanization Prospects)", wdi_url("SP.URB.TOTL.IN.ZS"),
            "SP.URB.TOTL.IN.ZS", WB,
        ),
        {"total": "SP.URB.TOTL.IN.ZS"},
    ),
    Facts(
        Meta(
            "nbs_gdp_share_by_industry", S, "Output structure",
            "Shares of GDP by industry (NBS, China)", "% of GDP",
            "Value added of the primary, secondary and tertiary industries as a share of China's GDP at "
            "market prices, as published by the National Bureau of Statistics.",
            "National Bureau of Statistics of China, statistical communiques (as reported)",
            "http://www.fzxysj.com/xwzx/hg/202402/t20240229_6392326.html",
            "NBS statistical communiques", FACTS, default_chart="bar",
            stack_sectors="primary,secondary,tertiary",
            notes="Shares of GDP at market prices; not comparable one-to-one with the WDI value-added "
                  "shares at basic prices. 2024 figures are preliminary and were read from a Statista "
                  "dataset summary.",
        ),
        [
            Pick("Primary industry share of GDP", "%", "primary"),
            Pick("Primary industry share of GDP (preliminary)", "%", "primary"),
            Pick("Secondary industry share of GDP", "%", "secondary"),
            Pick("Secondary industry share of GDP (preliminary)", "%", "secondary"),
            Pick("Tertiary industry share of GDP", "%", "tertiary"),
            Pick("Tertiary industry share of GDP (preliminary)", "%", "tertiary"),
            Pick("Service sector share of GDP", "%", "tertiary"),
        ],
    ),
    Facts(
        Meta(
            "nbs_employment_share_by_industry", S, "Employment structure",
            "Employment by industry (NBS, China)", "% of total employment",
            "Share of China's employed persons working in the primary, secondary and tertiary industries, "
            "from national statistics.",
            "National Bureau of Statistics of China (as reported)",
            "http://en.people.cn/n3/2019/0723/c98649-9599631.html", "NBS employment statistics", FACTS,
            default_chart="bar", stack_sectors="primary,secondary,tertiary",
            notes="National definitions, which differ from the ILO modelled estimates. The 2023 shares "
                  "were read from a Statista dataset summary.",
        ),
        [
            Pick("Employment share of primary industry", "%", "primary"),
            Pick("Employment share of secondary industry", "%", "secondary"),
            Pick("Employment share of tertiary industry", "%", "tertiary"),
            Pick("Tertiary industry share of employment", "%", "tertiary"),
        ],
    ),
    Facts(
        Meta(
            "hightech_mfg_share_industrial_va", S, "High-end manufacturing",
            "High-tech manufacturing share of industrial value added (China)",
            "% of value added of industry above designated size",
            "Value added of high-technology manufacturing as a share of the value added of industrial "
            "enterprises above the designated size (annual revenue of 20 million yuan or more).",
            "Ministry of Industry and Information Technology / NBS (as reported)",
            "https://heicmy.com/data/show.php?itemid=204664", "MIIT, NBS releases", FACTS,
            default_chart="bar",
            notes="Only the years reported in the cited releases (2015, 2020, 2023); no interpolation.",
        ),
        [Pick("High-tech manufacturing share of value added of industry above designated size", "%")],
    ),
    Facts(
        Meta(
            "china_share_world_mfg_va", S, "High-end manufacturing",
            "China's share of world manufacturing value added", "% of world manufacturing value added",
            "China's manufacturing value added as a share of the world total.",
            "Ministry of Industry and Information Technology (as reported)",
            "https://www.breakinglatest.news/business/the-number-of-industrial-enterprises-above-designated-"
            "size-reaches-400000-and-my-country-continues-to-maintain-its-status-as-the-largest-"
            "manufacturing-country-industrial-enterprise_sina-finance_si/",
            "MIIT press statements", FACTS, default_chart="bar",
            notes="2021 and 2023 values are rounded ('about 30%'), flagged 'approximate'.",
        ),
        [
            Pick("China's share of global manufacturing value added", "%"),
            Pick("China's share of global manufacturing value added (approx.)", "%"),
            Pick("China's share of world manufacturing value added (approx.)", "%"),
        ],
    ),
    Facts(
        Meta(
            "manufacturing_va_yuan", S, "Output structure", "Manufacturing value added (China, yuan)",
            "trillion yuan",
            "Value added of China's manufacturing sector in current yuan.",
            "Ministry of Industry and Information Technology / NBS (as reported)",
            "https://www.breakinglatest.news/business/the-number-of-industrial-enterprises-above-designated-"
            "size-reaches-400000-and-my-country-continues-to-maintain-its-status-as-the-largest-"
            "manufacturing-country-industrial-enterprise_sina-finance_si/",
            "MIIT press statements", FACTS, decimals=2, default_chart="bar",
        ),
        [Pick("Manufacturing value added", "trillion yuan")],
    ),
    Facts(
        Meta(
            "tertiary_va_yuan", S, "Output structure", "Tertiary industry value added (China, yuan)",
            "trillion yuan",
            "Value added of China's services (tertiary industry) in current yuan.",
            "National Bureau of Statistics of China (as reported)",
            "http://www.fzxysj.com/xwzx/hg/202402/t20240229_6392326.html", "NBS statistical communiques",
            FACTS, decimals=2, default_chart="bar",
            notes="The 2019 figure was published in billion yuan and is converted to trillion yuan.",
        ),
        [
            Pick("Tertiary industry value added", "trillion yuan", "tertiary"),
            Pick("Tertiary industry value added", "billion yuan", "tertiary", per=1e3),
        ],
    ),
]

# --------------------------------------------------------------------------------------------
# endowments
# --------------------------------------------------------------------------------------------
E = "endowments"
ENDOWMENTS: list = [
    Wdi(
        Meta(
            "rd_intensity_wdi", E, "Innovation investment", "R&D expenditure (WDI/UNESCO)", "% of GDP",
            "Gross domestic spending on research and experimental development by business, government, "
            "universities and non-profits, as a share of GDP.",
            f"{WDI_SRC} (UNESCO Institute for Statistics)", wdi_url("GB.XPD.RSDV.GD.ZS"),
            "GB.XPD.RSDV.GD.ZS", WB, decimals=2, headline=True,
            notes="UNESCO figures; for China they differ from the NBS figures (e.g. 2023), which are a "
                  "separate indicator (R&D intensity, NBS).",
        ),
        {"total": "GB.XPD.RSDV.GD.ZS"},
    ),
    Facts(
        Meta(
            "rd_intensity_nbs", E, "Innovation investment", "R&D intensity (NBS, China)", "% of GDP",
            "China's R&D expenditure divided by GDP as published by the National Bureau of Statistics.",
            "National Bureau of Statistics of China, Statistical Communique on National Expenditures on "
            "Science and Technology",
            "https://www.stats.gov.cn/english/PressRelease/202410/t20241014_1956904.html",
            "NBS/MOST/MOF communique", FACTS, decimals=2, default_chart="bar",
            notes="Rule for two figures of one year: final over preliminary, official release over news "
                  "report. 2023: the final communique value is kept over the preliminary January 2024 "
                  "figure.",
        ),
        [
            Pick("R&D intensity (R&D expenditure / GDP)", "%"),
            Pick("R&D intensity (preliminary)", "%"),
        ],
    ),
    Facts(
        Meta(
            "rd_expenditure_yuan", E, "Innovation investment", "R&D expenditure (NBS, China)",
            "trillion yuan",
            "Total spending on research and experimental development in China, current yuan.",
            "National Bureau of Statistics of China, Statistical Communique on National Expenditures on "
            "Science and Technology",
            "https://www.stats.gov.cn/english/PressRelease/202410/t20241014_1956904.html",
            "NBS/MOST/MOF communique", FACTS, decimals=2, default_chart="bar",
            notes="The communique figure (billion yuan) is converted to trillion yuan. Rule for two figures "
                  "of one year: final over preliminary, official release over news report.",
        ),
        [
            Pick("R&D expenditure", "trillion yuan"),
            Pick("R&D expenditure", "billion yuan", per=1e3),
            Pick("R&D expenditure (lower bound)", "trillion yuan"),
            Pick("R&D expenditure (preliminary)", "trillion yuan"),
        ],
    ),
    Facts(
        Meta(
            "rd_personnel", E, "Talent", "R&D personnel (China)", "million persons",
            "People working in research and experimental development in China.",
            "Chinese Social Sciences Today, summary of the IIE-CASS paper (citing NBS)",
            "http://www.csstoday.com/Item/12489.aspx", "NBS R&D statistics", FACTS, decimals=2,
            default_chart="bar",
            notes="Headcount as reported in the paper summary; 2023 is a lower bound ('over 6 million').",
        ),
        [Pick("R&D employees", "million persons"), Pick("R&D personnel (lower bound)", "million persons")],
    ),
    Wdi(
        Meta(
            "researchers_per_million", E, "Talent", "Researchers in R&D", "per million people",
            "Professionals engaged in creating new knowledge, products, processes or methods, per "
            "million inhabitants (full-time equivalent).",
            f"{WDI_SRC} (UNESCO Institute for Statistics)", wdi_url("SP.POP.SCIE.RD.P6"),
            "SP.POP.SCIE.RD.P6", WB, decimals=0, headline=True,
        ),
        {"total": "SP.POP.SCIE.RD.P6"},
    ),
    Facts(
        Meta(
            "graduate_students", E, "Talent", "Graduate students enrolled (China)", "thousand persons",
            "Number of master's and doctoral students in China.",
            "Chinese Social Sciences Today, summary of the IIE-CASS paper (citing the Ministry of Education)",
            "http://www.csstoday.com/Item/12489.aspx", "MOE education statistics", FACTS, decimals=1,
            default_chart="bar", notes="Published as persons; divided by 1,000.",
        ),
        [Pick("Graduate students", "persons", per=1e3)],
    ),
    Wdi(
        Meta(
            "tertiary_enrolment", E, "Talent", "Tertiary school enrolment", "% gross",
            "Students in tertiary education of any age as a share of the population of the five-year "
            "age group after secondary school.",
            f"{WDI_SRC} (UNESCO Institute for Statistics)", wdi_url("SE.TER.ENRR"), "SE.TER.ENRR", WB,
            notes="A gross ratio: it can exceed 100%.",
        ),
        {"total": "SE.TER.ENRR"},
    ),
    Wdi(
        Meta(
            "education_expenditure", E, "Talent", "Government expenditure on education", "% of GDP",
            "Public spending on education at all levels as a share of GDP.",
            f"{WDI_SRC} (UNESCO Institute for Statistics)", wdi_url("SE.XPD.TOTL.GD.ZS"),
            "SE.XPD.TOTL.GD.ZS", WB, decimals=2,
        ),
        {"total": "SE.XPD.TOTL.GD.ZS"},
    ),
    Wdi(
        Meta(
            "patent_applications_resident", E, "Innovation output", "Patent applications by residents",
            "applications",
            "Patent applications filed with a national patent office by residents of that country.",
            f"{WDI_SRC} (WIPO)", wdi_url("IP.PAT.RESD"), "IP.PAT.RESD", WB, decimals=0, headline=True,
            notes="The series ends in 2021 in the sources.",
        ),
        {"total": "IP.PAT.RESD"},
    ),
    Facts(
        Meta(
            "pct_applications", E, "Innovation output", "PCT international patent applications",
            "applications",
            "International patent applications filed under the Patent Cooperation Treaty, by origin.",
            "WIPO statistics (as reported)", "http://saramu.com/html/report/24041444-1.htm",
            "WIPO PCT yearly review", FACTS, decimals=0, default_chart="bar",
            notes="2023 for China and peers from WIPO's 2023 release; China 2017 is rounded ('about').",
        ),
        [
            Pick("PCT international patent applications", "applications",
                 regions=("China", "Germany", "Japan", "South Korea", "United States", "World")),
            Pick("PCT international patent applications (approx.)", "applications"),
        ],
    ),
    Wdi(
        Meta(
            "journal_articles", E, "Innovation output", "Scientific and technical journal articles",
            "articles",
            "Articles published in science, engineering and medical journals, counted by the "
            "authors' country.",
            f"{WDI_SRC} (National Science Foundation)", wdi_url("IP.JRN.ARTC.SC"), "IP.JRN.ARTC.SC", WB,
            decimals=0,
        ),
        {"total": "IP.JRN.ARTC.SC"},
    ),
    Wdi(
        Meta(
            "ip_receipts_usd", E, "Innovation output", "Receipts for the use of intellectual property",
            "billion current US$",
            "Payments received from non-residents for the use of patents, trademarks, copyrights and "
            "other intellectual property.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BX.GSR.ROYL.CD"), "BX.GSR.ROYL.CD", WB,
            decimals=2, notes="Published in current US$; divided by 1e9.",
        ),
        {"total": "BX.GSR.ROYL.CD"}, per=1e9,
    ),
    Facts(
        Meta(
            "robot_installations", E, "Intelligent equipment", "Industrial robot installations",
            "thousand units",
            "New industrial robots installed during the year.",
            "International Federation of Robotics, World Robotics (as reported)",
            "https://etnet.com.hk/www/tc/news/mediaoutreach_news_detail.php?newsid=328597&page=97",
            "IFR World Robotics", FACTS, decimals=1, default_chart="bar",
            notes="Published in units; divided by 1,000. China 2022: the revised figure from World "
                  "Robotics 2024 is kept over the first release. China 2020 is rounded.",
        ),
        [
            Pick("Industrial robot installations", "units", per=1e3,
                 regions=("China", "Germany", "India", "Japan", "South Korea", "United States", "World")),
            Pick("Industrial robot installations (approx.)", "units", per=1e3),
            Pick("Industrial robot installations (revised)", "units", per=1e3, priority=-1),
        ],
    ),
    Facts(
        Meta(
            "robot_density", E, "Intelligent equipment", "Robot density in manufacturing",
            "robots per 10,000 employees",
            "Operational industrial robots per 10,000 employees in manufacturing.",
            "International Federation of Robotics, World Robotics (as reported)",
            "",
            "IFR World Robotics", FACTS, decimals=0, default_chart="bar",
            notes="Years reported in news of IFR releases only. The 2016 values (China, World) are "
                  "rounded figures from a 2017 report.",
        ),
        [
            Pick("Robot density (industrial robots per 10,000 manufacturing employees)",
                 "robots per 10,000 employees",
                 regions=("China", "Germany", "Japan", "South Korea", "United States", "World")),
            Pick("Robot density (approx.)", "robots per 10,000 workers", regions=("China", "World")),
        ],
    ),
    Facts(
        Meta(
            "five_g_base_stations", E, "New infrastructure", "5G base stations (China)", "million",
            "Number of 5G mobile base stations in service at the end of the year.",
            "Ministry of Industry and Information Technology (as reported)",
            "",
            "MIIT telecom statistics", FACTS, decimals=2, default_chart="bar",
            notes="The facts file lists 5G under digital; the paper treats new infrastructure as a factor "
                  "endowment, so it is shown here. Month-end figures during 2023 are left out.",
        ),
        [
            Pick("5G base stations (end of year)", "million"),
            Pick("5G base stations (end of period)", "million"),
        ],
    ),
]

# --------------------------------------------------------------------------------------------
# digital
# --------------------------------------------------------------------------------------------
D = "digital"
DIGITAL: list = [
    Wdi(
        Meta(
            "internet_users_share", D, "Digital access", "Internet users (WDI, latest vintage)",
            "% of population",
            "Share of the population that used the internet in the last three months.",
            f"{WDI_SRC} (ITU)", wdi_url("IT.NET.USER.ZS"), "IT.NET.USER.ZS", WB, headline=True,
            notes="Latest (2025) vintage: ITU revised China up (90.6% for 2023). The November 2024 vintage "
                  "(77.5% for 2023, matching CNNIC) is a separate indicator.",
        ),
        {"total": "IT.NET.USER.ZS"},
    ),
    Wdi(
        Meta(
            "internet_users_share_2024v", D, "Digital access", "Internet users (WDI, Nov 2024 vintage)",
            "% of population",
            "Share of the population that used the internet, as published in the World Bank's November "
            "2024 download, before ITU's upward revision for China.",
            f"{WDI_SRC} (ITU), November 2024 vintage", wdi_url("IT.NET.USER.ZS"),
            "IT.NET.USER.ZS (API_IT.NET.USER.ZS_DS2_en_csv_v2_2160)", WB,
            notes="Kept to show the revision: China 2023 is 77.5% here versus 90.6% in the latest vintage.",
        ),
        {"total": "IT.NET.USER.ZS"}, vintage="API:IT.NET.USER.ZS:2160",
    ),
    Wdi(
        Meta(
            "fixed_broadband_per100", D, "Digital access", "Fixed broadband subscriptions",
            "per 100 people",
            "Fixed subscriptions to high-speed internet (256 kbit/s or more) per 100 inhabitants.",
            f"{WDI_SRC} (ITU)", wdi_url("IT.NET.BBND.P2"), "IT.NET.BBND.P2", WB, headline=True,
        ),
        {"total": "IT.NET.BBND.P2"},
    ),
    Wdi(
        Meta(
            "mobile_subscriptions_per100", D, "Digital access", "Mobile cellular subscriptions",
            "per 100 people",
            "Subscriptions to public mobile telephone services per 100 inhabitants; can exceed 100.",
            f"{WDI_SRC} (ITU)", wdi_url("IT.CEL.SETS.P2"), "IT.CEL.SETS.P2", WB, headline=True,
        ),
        {"total": "IT.CEL.SETS.P2"},
    ),
    Wdi(
        Meta(
            "secure_servers_per_million", D, "Digital infrastructure", "Secure internet servers",
            "per million people",
            "Distinct publicly trusted TLS/SSL certificates per million inhabitants, a rough measure of "
            "hosting capacity.",
            f"{WDI_SRC} (Netcraft)", wdi_url("IT.NET.SECR.P6"), "IT.NET.SECR.P6", WB, decimals=0,
            notes="Method changed over time (certificate counts); compare levels with care.",
        ),
        {"total": "IT.NET.SECR.P6"},
    ),
    Owid(
        Meta(
            "mobile_network_coverage", D, "Digital infrastructure",
            "Population covered by a mobile network", "% of population",
            "Share of people living within range of a mobile network of at least 2G, 3G or 4G.",
            "ITU via UN SDG indicator 9.c.1, via Our World in Data",
            owid_url("population-covered-by-mobile-network-by-network-capability"),
            "pop_covered_2g, pop_covered_3g, pop_covered_4g", OWID,
            notes="The generations nest (4G coverage is part of 3G-or-better), so they are never stacked.",
        ),
        {s: [(f"pop_covered_{s}", "OWID:population-covered-by-mobile-network-by-network-capability")]
         for s in ("2g", "3g", "4g")},
    ),
    Wdi(
        Meta(
            "ict_goods_exports_share", D, "Digital trade", "ICT goods exports", "% of goods exports",
            "Exports of computers, telecom, consumer electronics and components as a share of all goods "
            "exports.",
            f"{WDI_SRC} (UNCTAD)", wdi_url("TX.VAL.ICTG.ZS.UN"), "TX.VAL.ICTG.ZS.UN", WB,
            notes="Recent years only for China, the US, Japan and South Korea; other economies stop in "
                  "2011-2012 (2013 WDI vintage).",
        ),
        {"total": "TX.VAL.ICTG.ZS.UN"},
    ),
    Wdi(
        Meta(
            "ict_service_exports_share", D, "Digital trade", "ICT service exports",
            "% of service exports",
            "Exports of telecommunications and computer services as a share of service exports.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BX.GSR.CCIS.ZS"), "BX.GSR.CCIS.ZS", WB,
            notes="Recent years only for China, the US, Japan and South Korea; others stop in 2012.",
        ),
        {"total": "BX.GSR.CCIS.ZS"},
    ),
    Facts(
        Meta(
            "digital_economy_size", D, "Digital economy", "Digital economy size (China, CAICT)",
            "trillion yuan",
            "Value added of the digital industries plus the digitalised part of other industries, as "
            "estimated by the China Academy of Information and Communications Technology.",
            "China Academy of Information and Communications Technology (CAICT), white papers (as reported)",
            "http://ecns.cn/business/2017/07-20/266021.shtml", "CAICT white papers", FACTS, decimals=1,
            default_chart="bar",
            notes="CAICT estimates, not national accounts. For 2021 two figures circulate (45.5 trillion "
                  "yuan reported by Xinhua; 47.94 in a blog): the news-agency figure is kept by the rule "
                  "'official or news agency over blog'. 2023 is a lower bound.",
        ),
        [
            Pick("Digital economy size", "trillion yuan"),
            Pick("Digital economy size (lower bound)", "trillion yuan"),
        ],
    ),
    Facts(
        Meta(
            "digital_economy_share_gdp", D, "Digital economy", "Digital economy share of GDP (CAICT)",
            "% of GDP",
            "Size of the digital economy (CAICT definition) relative to GDP.",
            "China Academy of Information and Communications Technology (CAICT), white papers (as reported)",
            "",
            "CAICT white papers", FACTS, decimals=1, default_chart="bar",
            notes="CAICT estimates. The 2021 values for Germany, the UK and the US are lower bounds "
                  "('over 65%').",
        ),
        [
            Pick("Digital economy share of GDP", "%"),
            Pick("Digital economy share of GDP (lower bound)", "%",
                 regions=("Germany", "United Kingdom", "United States")),
        ],
    ),
    Facts(
        Meta(
            "ecommerce_transactions", D, "Digital economy", "E-commerce transaction volume (China)",
            "trillion yuan",
            "Value of all business-to-business and retail transactions concluded online in China.",
            "Ministry of Commerce (as reported by Xinhua)",
            "http://en.people.cn/n3/2024/0112/c90000-20121018.html", "MOFCOM e-commerce statistics",
            FACTS, decimals=2, default_chart="bar",
        ),
        [Pick("E-commerce transaction volume", "trillion yuan")],
    ),
    Facts(
        Meta(
            "online_retail_sales", D, "Digital economy", "Online retail sales (China)", "trillion yuan",
            "Retail sales of goods and services made over the internet in China, for the full year.",
            "National Bureau of Statistics / Ministry of Commerce (as reported)",
            "https://www.globaltimes.cn/page/202401/1305718.shtml", "NBS retail statistics", FACTS,
            decimals=2, default_chart="bar",
            notes="Half-year figures in the facts file are left out (not annual values).",
        ),
        [Pick("Online retail sales", "trillion yuan")],
    ),
    Facts(
        Meta(
            "five_g_users", D, "Digital access", "5G mobile phone users (China)", "million",
            "Mobile subscribers using 5G handsets in China at year end.",
            "Ministry of Industry and Information Technology (as reported)",
            "",
            "MIIT telecom statistics", FACTS, decimals=0, default_chart="bar",
        ),
        [Pick("5G mobile phone users", "million")],
    ),
]

# --------------------------------------------------------------------------------------------
# green
# --------------------------------------------------------------------------------------------
G = "green"
_MIX = "OWID:share-elec-by-source"
GREEN: list = [
    Owid(
        Meta(
            "electricity_mix_share", G, "Electricity mix", "Electricity generation by source",
            "% of electricity generation",
            "Share of each energy source in total electricity generation.",
            "Ember and Energy Institute Statistical Review of World Energy, via Our World in Data",
            owid_url("share-elec-by-source"),
            "coal/gas/oil/nuclear/hydro/wind/solar/bioenergy/otherrenew _share_elec", OWID,
            stack_sectors="coal,gas,oil,nuclear,hydro,wind,solar,bioenergy,other_renewables",
            notes="Two OWID exports of different vintage: hydro and wind come from the 2025 "
                  "share-electricity-* files (to 2024), the other sources from a 2024 share-elec-by-source "
                  "export (to 2023) whose columns were renamed by the repository owner. source_vintage "
                  "names the file of every row; 2024 has hydro and wind only, so the stack does not "
                  "add up to 100% that year. 'Other renewables' is missing for China in the source.",
        ),
        {
            "coal": [("coal_share_elec", _MIX)],
            "gas": [("gas_share_elec", _MIX)],
            "oil": [("oil_share_elec", _MIX)],
            "nuclear": [("nuclear_share_elec", _MIX)],
            "hydro": [("hydro_share_elec", "OWID:share-electricity-hydro"), ("hydro_share_elec", _MIX)],
            "wind": [("wind_share_elec", "OWID:share-electricity-wind"), ("wind_share_elec", _MIX)],
            "solar": [("solar_share_elec", _MIX)],
            "bioenergy": [("bioenergy_share_elec", _MIX)],
            "other_renewables": [("otherrenew_share_elec", _MIX)],
        },
    ),
    Owid(
        Meta(
            "renewables_share_elec", G, "Electricity mix", "Renewables share of electricity",
            "% of electricity generation",
            "Share of electricity generated from hydro, wind, solar, bioenergy and other renewables.",
            "Ember and Energy Institute Statistical Review of World Energy, via Our World in Data",
            owid_url("share-electricity-renewables"), "renewables_share_elec", OWID, headline=True,
        ),
        {"total": [("renewables_share_elec", "OWID:share-electricity-renewables")]},
    ),
    Owid(
        Meta(
            "renewable_generation_twh", G, "Renewable power", "Renewable electricity by technology",
            "TWh",
            "Electricity generated from hydro, wind, solar and other renewables (geothermal, biomass, "
            "etc.).",
            "Energy Institute Statistical Review of World Energy, via Our World in Data",
            owid_url("modern-renewable-energy-consumption"),
            "hydro/wind/solar/other_renewables _generation_ei", OWID,
            stack_sectors="hydro,wind,solar,other_renewables", share_of_total=True,
        ),
        {s: [(f"{s}_generation_ei", "OWID:modern-renewable-energy-consumption")]
         for s in ("hydro", "wind", "solar", "other_renewables")},
    ),
    Owid(
        Meta(
            "renewable_capacity_gw", G, "Renewable power", "Installed solar and wind capacity", "GW",
            "Cumulative installed capacity of solar photovoltaic and wind power plants at year end.",
            "IRENA Renewable Capacity Statistics, via Our World in Data",
            owid_url("installed-solar-pv-capacity"), "solar_capacity_gw, wind_capacity_gw", OWID,
            stack_sectors="solar,wind", share_of_total=True,
            notes="Second source page: " + owid_url("cumulative-installed-wind-energy-capacity-gigawatts")
                  + ". Capacity data run to 2023.",
        ),
        {"solar": [("solar_capacity_gw", "OWID:installed-solar-pv-capacity")],
         "wind": [("wind_capacity_gw", "OWID:cumulative-installed-wind-energy-capacity-gigawatts")]},
    ),
    Owid(
        Meta(
            "renewables_share_primary_energy", G, "Energy transition",
            "Renewables share of primary energy", "% of primary energy",
            "Share of renewables in primary energy consumption, with non-fossil electricity counted at "
            "the fossil fuel input it replaces (substitution method).",
            "Energy Institute Statistical Review of World Energy, via Our World in Data",
            owid_url("renewable-share-energy"), "renewables_share_energy", OWID, headline=True,
            notes="Substitution method; not comparable with the WDI share of final energy consumption "
                  "(separate indicator).",
        ),
        {"total": [("renewables_share_energy", "OWID:renewable-share-energy")]},
    ),
    Wdi(
        Meta(
            "renewables_share_final_energy", G, "Energy transition",
            "Renewables share of final energy consumption", "% of final energy consumption",
            "Share of renewable energy in total final energy consumption (energy used by end users).",
            f"{WDI_SRC} (IEA, IRENA, UN, World Bank, WHO)", wdi_url("EG.FEC.RNEW.ZS"), "EG.FEC.RNEW.ZS",
            WB,
            notes="Final-energy concept, different from the primary-energy share. Includes traditional "
                  "biomass. The series ends in 2021.",
        ),
        {"total": "EG.FEC.RNEW.ZS"},
    ),
    Owid(
        Meta(
            "co2_intensity_gdp", G, "Emissions", "CO2 intensity of GDP", "kg CO2 per PPP $",
            "Fossil CO2 emissions divided by GDP measured in purchasing-power-parity dollars.",
            "Global Carbon Project, via Our World in Data", owid_url("co2-intensity"),
            "co2_per_gdp_kg_per_ppp_dollar (emissions_total_per_gdp)", OWID, decimals=3, headline=True,
            notes="Years before 1950 in the source are left out (contract year range). Data run to 2022.",
        ),
        {"total": [("co2_per_gdp_kg_per_ppp_dollar", "OWID:co2-intensity")]},
    ),
    Owid(
        Meta(
            "co2_per_capita", G, "Emissions", "CO2 emissions per capita", "tonnes per person",
            "Fossil CO2 emissions from energy and industry divided by population.",
            "Global Carbon Project, via Our World in Data", owid_url("co-emissions-per-capita"),
            "co2_per_capita", OWID, decimals=2,
            notes="Years before 1950 in the source are left out (contract year range).",
        ),
        {"total": [("co2_per_capita", "OWID:co-emissions-per-capita")]},
    ),
    Wdi(
        Meta(
            "energy_intensity", G, "Energy efficiency", "Energy intensity of GDP", "MJ per 2021 PPP $",
            "Primary energy supply divided by GDP in purchasing-power-parity terms: energy used per "
            "unit of output.",
            f"{WDI_SRC} (IEA, UN, World Bank)", wdi_url("EG.EGY.PRIM.PP.KD"), "EG.EGY.PRIM.PP.KD", WB,
            decimals=2, notes="Ends 2021-2022 in the sources.",
        ),
        {"total": "EG.EGY.PRIM.PP.KD"},
    ),
    Wdi(
        Meta(
            "fossil_fuel_share_energy", G, "Energy transition", "Fossil fuel energy consumption",
            "% of total energy use",
            "Share of coal, oil, petroleum and natural gas in total energy use.",
            f"{WDI_SRC} (IEA)", wdi_url("EG.USE.COMM.FO.ZS"), "EG.USE.COMM.FO.ZS", WB,
        ),
        {"total": "EG.USE.COMM.FO.ZS"},
    ),
    Owid(
        Meta(
            "ev_share_new_car_sales", G, "New energy vehicles", "Electric share of new car sales",
            "% of new cars sold",
            "Battery-electric and plug-in hybrid cars as a share of all new passenger cars sold.",
            "IEA Global EV Outlook, via Our World in Data", owid_url("electric-car-sales-share"),
            "ev_share_new_car_sales", OWID, headline=True,
        ),
        {"total": [("ev_share_new_car_sales", "OWID:electric-car-sales-share")]},
    ),
    Owid(
        Meta(
            "ev_sales", G, "New energy vehicles", "Electric car sales", "million cars",
            "New battery-electric and plug-in hybrid passenger cars sold during the year.",
            "IEA Global EV Outlook, via Our World in Data", owid_url("electric-car-sales"), "ev_sales",
            OWID, decimals=2, notes="Published as cars; divided by 1 million.",
        ),
        {"total": [("ev_sales", "OWID:electric-car-sales")]}, per=1e6,
    ),
    Facts(
        Meta(
            "nev_production_caam", G, "New energy vehicles", "NEV production (China, CAAM)",
            "million units",
            "New-energy vehicles (battery-electric, plug-in hybrid and fuel-cell) produced in China, as "
            "counted by the China Association of Automobile Manufacturers.",
            "China Association of Automobile Manufacturers (as reported)",
            "http://ecns.cn/news/cns-wire/2024-01-12/detail-ihcwrpvv3812064.shtml", "CAAM", FACTS,
            decimals=2, default_chart="bar",
            notes="CAAM counts differ from NBS industrial output (9.44 million in 2023, shown separately). "
                  "2025 is a lower bound. Part-year figures are left out.",
        ),
        [Pick("NEV production", "million units"), Pick("NEV production (lower bound)", "million units")],
    ),
    Facts(
        Meta(
            "nev_output_nbs", G, "New energy vehicles", "NEV output (China, NBS)", "million units",
            "New-energy vehicles produced by industrial enterprises in China, from national statistics.",
            "National Bureau of Statistics of China (as reported by Xinhua)",
            "http://en.people.cn/n3/2024/0301/c90000-20139195.html", "NBS statistical communique", FACTS,
            decimals=2, default_chart="bar",
            notes="Industrial output statistics; differs from the CAAM production count.",
        ),
        [Pick("NEV output (NBS)", "million units")],
    ),
    Facts(
        Meta(
            "nev_sales", G, "New energy vehicles", "NEV sales (China)", "million units",
            "New-energy vehicles sold in China during the year.",
            "China Association of Automobile Manufacturers; NEA/NDRC (as reported)",
            "http://ecns.cn/news/cns-wire/2024-01-12/detail-ihcwrpvv3812064.shtml", "CAAM", FACTS,
            decimals=3, default_chart="bar",
            notes="The 2014 figure (published in units, divided by 1 million) comes from an NEA/NDRC "
                  "statement; 2023 from CAAM.",
        ),
        [Pick("NEV sales", "million units"), Pick("NEV sales", "units", per=1e6)],
    ),
    Facts(
        Meta(
            "renewables_share_energy_consumption_nea", G, "Energy transition",
            "Renewables share of energy consumption (China, NEA)", "% of total energy consumption",
            "Share of renewable energy in China's total energy consumption as stated by the National "
            "Energy Administration.",
            "National Energy Administration / NDRC (as reported)",
            "https://www.bastillepost.com/global/article/3996706-china-makes-strides-in-green-development",
            "NEA statements", FACTS, default_chart="bar",
            notes="National accounting (coal-equivalent); not comparable with the OWID or WDI shares.",
        ),
        [Pick("Renewables share of total energy consumption", "%")],
    ),
]

# --------------------------------------------------------------------------------------------
# internationalization
# --------------------------------------------------------------------------------------------
I = "internationalization"  # noqa: E741
INTERNATIONALIZATION: list = [
    Wdi(
        Meta(
            "hightech_exports_usd", I, "High-end products", "High-technology exports",
            "billion current US$",
            "Exports of products with high R&D intensity, such as aerospace, computers, pharmaceuticals, "
            "scientific instruments and electrical machinery.",
            f"{WDI_SRC} (UN Comtrade)", wdi_url("TX.VAL.TECH.CD"), "TX.VAL.TECH.CD", WB, decimals=0,
            headline=True, notes="Published in current US$; divided by 1e9.",
        ),
        {"total": "TX.VAL.TECH.CD"}, per=1e9,
    ),
    Wdi(
        Meta(
            "hightech_exports_share", I, "High-end products", "High-technology share of manufactured exports",
            "% of manufactured exports",
            "High-technology exports as a share of exports of manufactured goods.",
            f"{WDI_SRC} (UN Comtrade)", wdi_url("TX.VAL.TECH.MF.ZS"), "TX.VAL.TECH.MF.ZS", WB,
            headline=True,
        ),
        {"total": "TX.VAL.TECH.MF.ZS"},
    ),
    Wdi(
        Meta(
            "medhigh_tech_exports_share", I, "High-end products",
            "Medium and high-tech share of manufactured exports", "% of manufactured exports",
            "Exports of medium- and high-technology manufactures as a share of manufactured exports.",
            f"{WDI_SRC} (UNIDO)", wdi_url("TX.MNF.TECH.ZS.UN"), "TX.MNF.TECH.ZS.UN", WB,
        ),
        {"total": "TX.MNF.TECH.ZS.UN"},
    ),
    Wdi(
        Meta(
            "exports_share_gdp", I, "Trade", "Exports of goods and services", "% of GDP",
            "Value of all goods and services sold to the rest of the world, as a share of GDP.",
            f"{WDI_SRC} (World Bank and OECD national accounts)", wdi_url("NE.EXP.GNFS.ZS"),
            "NE.EXP.GNFS.ZS", WB, headline=True,
        ),
        {"total": "NE.EXP.GNFS.ZS"},
    ),
    Wdi(
        Meta(
            "merchandise_exports_usd", I, "Trade", "Merchandise exports", "billion current US$",
            "Value of goods shipped to the rest of the world (free on board).",
            f"{WDI_SRC} (WTO)", wdi_url("TX.VAL.MRCH.CD.WT"), "TX.VAL.MRCH.CD.WT", WB, decimals=0,
            notes="Published in current US$; divided by 1e9.",
        ),
        {"total": "TX.VAL.MRCH.CD.WT"}, per=1e9,
    ),
    Wdi(
        Meta(
            "manufactures_share_merch_exports", I, "Trade", "Manufactures share of merchandise exports",
            "% of merchandise exports",
            "Exports of manufactured goods (chemicals, machinery, other manufactures) as a share of all "
            "goods exports.",
            f"{WDI_SRC} (UN Comtrade)", wdi_url("TX.VAL.MANF.ZS.UN"), "TX.VAL.MANF.ZS.UN", WB,
            notes="Peers other than China stop in 2012 (2013 WDI vintage).",
        ),
        {"total": "TX.VAL.MANF.ZS.UN"},
    ),
    Wdi(
        Meta(
            "fdi_inflows_usd", I, "Foreign investment", "FDI, net inflows", "billion current US$",
            "Net new investment by foreign investors in lasting stakes (10% or more of voting stock) in "
            "domestic enterprises.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BX.KLT.DINV.CD.WD"), "BX.KLT.DINV.CD.WD", WB,
            decimals=1, notes="Published in current US$; divided by 1e9. Net flows can be negative.",
        ),
        {"total": "BX.KLT.DINV.CD.WD"}, per=1e9,
    ),
    Wdi(
        Meta(
            "fdi_inflows_share_gdp", I, "Foreign investment", "FDI, net inflows (share of GDP)", "% of GDP",
            "Net foreign direct investment inflows as a share of GDP.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BX.KLT.DINV.WD.GD.ZS"),
            "BX.KLT.DINV.WD.GD.ZS", WB, decimals=2,
        ),
        {"total": "BX.KLT.DINV.WD.GD.ZS"},
    ),
    Wdi(
        Meta(
            "fdi_outflows_usd", I, "Outward investment", "FDI, net outflows", "billion current US$",
            "Net new direct investment by domestic investors in enterprises abroad.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BM.KLT.DINV.CD.WD"), "BM.KLT.DINV.CD.WD", WB,
            decimals=1,
            notes="Published in current US$; divided by 1e9. Available only for China, the US, Japan and "
                  "South Korea in the sources.",
        ),
        {"total": "BM.KLT.DINV.CD.WD"}, per=1e9,
    ),
    Wdi(
        Meta(
            "fdi_outflows_share_gdp", I, "Outward investment", "FDI, net outflows (share of GDP)",
            "% of GDP",
            "Net outward direct investment as a share of GDP.",
            f"{WDI_SRC} (IMF Balance of Payments)", wdi_url("BM.KLT.DINV.WD.GD.ZS"),
            "BM.KLT.DINV.WD.GD.ZS", WB, decimals=2,
            notes="Available only for China, the US, Japan and South Korea in the sources.",
        ),
        {"total": "BM.KLT.DINV.WD.GD.ZS"},
    ),
    Facts(
        Meta(
            "odi_flow_mofcom", I, "Outward investment", "Outward direct investment flow (China, MOFCOM)",
            "billion US$",
            "China's outward direct investment during the year according to the official Statistical "
            "Bulletin of China's Outward Foreign Direct Investment.",
            "Ministry of Commerce, NBS and SAFE, Statistical Bulletin of China's Outward FDI (as reported)",
            "http://en.people.cn/n3/2023/0928/c90000-20078482.html", "MOFCOM/NBS/SAFE bulletin", FACTS,
            decimals=1, default_chart="bar",
            notes="Official bulletin definition; differs from the IMF balance-of-payments outflows in WDI.",
        ),
        [Pick("Outward direct investment flow", "billion US$")],
    ),
    Facts(
        Meta(
            "odi_stock_mofcom", I, "Outward investment", "Outward direct investment stock (China, MOFCOM)",
            "trillion US$",
            "Accumulated stock of China's outward direct investment at year end.",
            "Ministry of Commerce, NBS and SAFE, Statistical Bulletin of China's Outward FDI (as reported)",
            "http://en.people.cn/n3/2023/0928/c90000-20078482.html", "MOFCOM/NBS/SAFE bulletin", FACTS,
            decimals=2, default_chart="bar",
        ),
        [Pick("Outward FDI stock", "trillion US$")],
    ),
    Facts(
        Meta(
            "china_share_global_odi", I, "Outward investment", "China's share of global outward FDI flows",
            "% of world outward FDI",
            "China's outward direct investment flow as a share of the world total.",
            "Ministry of Commerce / UNCTAD (as reported)", "https://trulynews.cn/?p=52773",
            "MOFCOM/NBS/SAFE bulletin", FACTS, default_chart="bar",
        ),
        [Pick("Share of global outward FDI flows", "%")],
    ),
    Facts(
        Meta(
            "new_three_exports_yuan", I, "High-end products",
            "'New three' exports (China): EVs, lithium batteries, solar cells", "trillion yuan",
            "Exports of electric passenger vehicles, lithium-ion batteries and solar cells.",
            "General Administration of Customs (as reported by Xinhua)",
            "https://english.news.cn/20240112/654914baa3a941e683266d1156de66af/c.html", "GACC", FACTS,
            decimals=2, default_chart="bar",
            notes="2023: the customs figure (1.06) is kept over the rounded 'over 1 trillion' statement.",
        ),
        [
            Pick('"New Three" exports (solar batteries, lithium-ion batteries, EVs)', "trillion yuan"),
            Pick('"New Three" exports (lower bound)', "trillion yuan"),
        ],
    ),
    Facts(
        Meta(
            "new_three_share_exports", I, "High-end products", "'New three' share of total exports (China)",
            "% of total exports",
            "Exports of solar PV products, lithium-ion batteries and electric vehicles as a share of "
            "China's total exports.",
            "Griffith Asia Institute, China Green Trade Report 2023",
            "https://blogs.griffith.edu.au/asiainsights/china-green-trade-report-2023/",
            "China Green Trade Report 2023", FACTS, decimals=2, default_chart="bar",
        ),
        [Pick('"New Three" share of total exports', "%")],
    ),
    Facts(
        Meta(
            "hightech_product_exports_yuan", I, "High-end products", "High-tech product exports (China)",
            "trillion yuan",
            "Exports of products in China's high-tech product catalogue, in current yuan.",
            "Ministry of Industry and Information Technology (as reported)",
            "https://www.breakinglatest.news/business/the-number-of-industrial-enterprises-above-designated-"
            "size-reaches-400000-and-my-country-continues-to-maintain-its-status-as-the-largest-"
            "manufacturing-country-industrial-enterprise_sina-finance_si/",
            "MIIT press statements", FACTS, default_chart="bar",
        ),
        [Pick("High-tech product exports", "trillion yuan")],
    ),
    Facts(
        Meta(
            "utilized_fdi_yuan", I, "Foreign investment", "Utilized FDI (China, MOFCOM)", "trillion yuan",
            "Foreign direct investment actually used in China during the year, in yuan.",
            "Ministry of Commerce (as reported)",
            "https://www.chinadaily.com.cn/a/202401/19/WS65aa6099a3105f21a507d4e6.html",
            "MOFCOM foreign investment statistics", FACTS, decimals=2, default_chart="bar",
            notes="MOFCOM definition, different from balance-of-payments FDI. 2022 is a lower bound.",
        ),
        [
            Pick("Utilized FDI (actual use)", "trillion yuan"),
            Pick("Utilized FDI (actual use, lower bound)", "trillion yuan"),
        ],
    ),
    Facts(
        Meta(
            "hightech_share_utilized_fdi", I, "Foreign investment", "High-tech industries share of utilized FDI (China)",
            "% of utilized FDI",
            "Share of foreign direct investment actually used in China that went to high-tech industries.",
            "Ministry of Commerce (as reported)",
            "https://www.chinadaily.com.cn/a/202401/19/WS65aa6099a3105f21a507d4e6.html",
            "MOFCOM foreign investment statistics", FACTS, default_chart="bar",
        ),
        [Pick("High-tech industries share of utilized FDI", "%")],
    ),
]

ALL: list = STRUCTURE + ENDOWMENTS + DIGITAL + GREEN + INTERNATIONALIZATION

#: facts region names -> region codes
FACT_REGIONS: dict[str, str] = {
    "China": "CHN",
    "United States": "USA",
    "Japan": "JPN",
    "Germany": "DEU",
    "South Korea": "KOR",
    "India": "IND",
    "United Kingdom": "GBR",
    "France": "FRA",
    "World": "WLD",
}

#: OWID entity names -> region codes (iso_code is used first; OWID_WRL / OWID_EU27 are mapped too)
OWID_ISO: dict[str, str] = {"OWID_WRL": "WLD", "OWID_EU27": "EUU"}
OWID_ENTITIES: dict[str, str] = {"World": "WLD", "European Union (27)": "EUU"}

#: regions kept from WDI (OED, OECD members, is left out)
WDI_REGIONS: tuple[str, ...] = ("CHN", "USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA", "EUU", "WLD")
