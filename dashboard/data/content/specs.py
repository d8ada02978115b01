"""Constants of the indicator content and the spec dataclasses one ``[[indicator]]`` entry becomes.

Format of the files and the rules deriving a citation from a source: :mod:`dashboard.data.content`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
INDICATORS_DIR = CONTENT_DIR / "indicators"

WDI_SOURCE = "World Bank, World Development Indicators"
WDI_LICENCE = "CC BY 4.0 (World Bank)"
OWID_LICENCE = "CC BY 4.0 (Our World in Data; original provider terms apply)"
#: licence of facts figures from PRC government releases (NBS, MIIT, MOFCOM, GACC, NEA, MOE); no file here states
#: a licence for them, so only the figures are used and cited (DATA-AUDIT.md fault 20)
FACTS_LICENCE = "Official statistics of the PRC government, cited (no licence stated; figures only)"
#: wording for facts from other publishers: only terms the files here support, else "no open licence stated"
IFR_LICENCE = ("IFR World Robotics, proprietary (International Federation of Robotics); figures from IFR press "
               "releases as reported, cited")
CAICT_LICENCE = "CAICT research estimates, no open licence stated by the publisher; figures cited"
CAAM_LICENCE = "CAAM industry-association statistics, no open licence stated by the publisher; figures cited"
WIPO_LICENCE = "WIPO statistics as reported, no open licence stated in the pages used; figures cited"
BLOG_LICENCE = "Griffith Asia Institute blog, no open licence stated by the publisher; figures cited"
#: licence of the official series of China (NBS, MOST, MOF releases): no file here states a licence
OFFICIAL_LICENCE = "Official statistics of the People's Republic of China (NBS, MOST, MOF), cited; no licence stated"
#: ... where the figures come from the R&D tables of raw/nbs_rd (compiled by the techme R package, MIT)
NBS_RD_LICENCE = OFFICIAL_LICENCE + "; R&D tables compiled by the techme R package (MIT licence)"
WDI_FLAG_RULES = ("default", "observed", "estimate", "chn_2012_estimate")
#: first year a WDI value counts as ``preliminary`` under the ``default`` rule, for every economy: the newest World
#: Bank files (2025-12 to 2026-07) carry 2024 onwards as first estimates (DATA-AUDIT.md fault 22)
WDI_PRELIMINARY_FROM = 2024
#: facts files a :class:`Pick` can read (``file`` key) -> path under the raw folder
FACTS_FILES = {"paper": "facts/paper_facts.csv", "communique": "facts/communique_facts.csv"}
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")


class ContentError(ValueError):
    """A content file is invalid; the message lists every problem (file, indicator id, field)."""


def wdi_url(code: str) -> str:
    """Page of a WDI series, e.g. ``https://data.worldbank.org/indicator/NY.GDP.MKTP.CD``."""
    return f"https://data.worldbank.org/indicator/{code}"


def owid_url(slug: str) -> str:
    """Page of an OWID grapher chart, e.g. ``https://ourworldindata.org/grapher/co2-intensity``."""
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
    geography: str = "country"
    counterpart: str = ""
    counterpart_note: str = ""
    kind: str = "level"  # one of contract.INDICATOR_KINDS


@dataclass(frozen=True)
class Wdi:
    """WDI series, one per sector: ``codes`` sector -> code; ``per`` divisor; ``vintage`` source_id or None."""

    meta: Meta
    codes: dict[str, str]
    per: float = 1.0
    vintage: str | None = None
    flag: str = "default"
    check: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Owid:
    """OWID variables, one per sector: ``variables`` sector -> [(variable, source_id), ...] by preference."""

    meta: Meta
    variables: dict[str, list[tuple[str, str]]]
    per: float = 1.0
    flag: str = "observed"
    check: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pick:
    """Rows of a facts file: exact ``indicator`` text and ``unit``; ``per`` divides the row's value.

    ``file``: which facts file (a key of :data:`FACTS_FILES`); ``flag``: a flag of ``contract.FLAGS`` that
    overrides the flag implied by the indicator text (None = implied).
    """

    indicator: str
    unit: str
    sector: str = "total"
    per: float = 1.0
    regions: tuple[str, ...] | None = ("China",)
    years: tuple[int, ...] | None = None
    priority: int = 0
    file: str = "paper"
    flag: str | None = None


@dataclass(frozen=True)
class Facts:
    """Facts rows picked for one indicator (see :class:`Pick`)."""

    meta: Meta
    picks: list[Pick] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Official:
    """An official national series of China: ``quantity`` id of ``official_series.toml``; ``per`` divisor;
    ``sectors`` kept (None = all of the quantity's)."""

    meta: Meta
    quantity: str
    per: float = 1.0
    sectors: tuple[str, ...] | None = None
    check: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Provincial:
    """A provincial R&D series: ``series`` key of :data:`dashboard.data.official.nbs_rd.IDS`; ``per`` divisor."""

    meta: Meta
    series: str
    per: float = 1.0
    check: dict[str, Any] = field(default_factory=dict)


Spec = Wdi | Owid | Facts | Official | Provincial
