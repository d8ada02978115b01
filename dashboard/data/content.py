"""Indicator definitions as content: one TOML file per dimension, validated on load.

Files: ``dashboard/content/indicators/<dimension>.toml`` (the file name is the dimension, one of
:data:`dashboard.data.contract.DIMENSIONS`), read with the standard library's :mod:`tomllib`. Each file is a list of
``[[indicator]]`` tables in the order the indicator picker shows them. No number of the data is typed here: an entry
says which raw series or which rows of the facts file make up the indicator, how units are converted and how flags
are set; every value comes from a raw file through the build (:mod:`dashboard.data.build`).

Format of one entry (keys are named; ``?`` marks an optional key, with its default)::

    [[indicator]]
    id = "gdp_usd"                    # slug [a-z0-9_], unique over all files
    group = "Output structure"        # heading in the indicator picker
    name = "GDP"                      # chart title
    unit = "trillion current US$"     # unit of the stored values
    definition = "..."                # what it measures, in our own words
    decimals? = 1                     # decimals shown
    default_chart? = "line"           # line | bar | area
    stack_sectors? = []               # sectors that partition a whole, in stacking order
    share_of_total? = false           # the share-of-total transform makes sense
    headline? = false                 # card on the overview page
    notes? = ""                       # caveats shown in the Sources panel
    source? / source_url? / source_codes? / licence?   # catalog citation; derived for WDI and OWID

    [indicator.check]?                # plausibility rules overriding the unit's defaults (build/gate.py):
    min? max? max_step? max_ratio? jump_floor? (numbers; -inf / inf allowed), zero_runs? (bool)

    # exactly one of the three source tables:
    [indicator.wdi]                   # World Bank WDI (raw/wdi_combined.csv)
    codes = { total = "NY.GDP.MKTP.CD" }   # sector -> WDI code ("total" = no breakdown)
    provider? = "..."                 # original provider, named in the source citation
    main_code? = first code           # the code whose WDI page is the source_url
    per? = 1                          # divisor of the published value (1e12: US$ -> trillion US$)
    vintage? = "API:...:2160"         # take rows of that source_id from raw/wdi_selected.csv instead
    flag? = "default"                 # default | observed | estimate | chn_2012_estimate
                                      # (see dashboard.data.build.sources.wdi_flag; the flag depends on the
                                      # rule, the region and the year only, never on the row's source file)

    [[indicator.owid.series]]         # Our World in Data (raw/owid_energy_selected.csv), one per sector
    sector? = "total"
    variable = "co2_per_capita"
    sources = ["OWID:co-emissions-per-capita"]   # source_ids in order of preference per (region, year)
    # [indicator.owid] may also hold provider?, per? = 1, flag? = "observed"

    [[indicator.facts]]               # rows of a facts file, one table per indicator text
    indicator = "Outward FDI stock"   # exact text of the facts row's indicator column
    unit = "trillion US$"             # unit the rows must have
    sector? = "total"; per? = 1; regions? = ["China"]; years? = all; priority? = 0 (lower wins)
    file? = "paper"                   # paper (facts/paper_facts.csv) | communique (facts/communique_facts.csv)
    flag? = wording of the row        # a flag of contract.FLAGS overriding the one the indicator text implies
                                      # (build.sources.fact_flag), where the page's wording is stronger than
                                      # the facts row's label (e.g. "nearly 30%" -> upper_bound)

What a source implies is derived once, here, unless the entry overrides it:

* WDI: ``source`` = "World Bank, World Development Indicators (<provider>)", ``source_url`` = the WDI page of
  ``main_code`` (:func:`wdi_url`), ``source_codes`` = the codes joined by ", ", ``licence`` = :data:`WDI_LICENCE`.
* OWID: ``source`` = "<provider>, via Our World in Data", ``source_url`` = the grapher page named by the first
  series' first source_id (:func:`owid_url`), ``source_codes`` = the variables joined by ", ",
  ``licence`` = :data:`OWID_LICENCE`.
* Facts: ``source`` and ``source_codes`` are required; ``licence`` defaults to :data:`FACTS_LICENCE` (official
  statistics of the PRC government); an indicator from another publisher (IFR, CAICT, CAAM, WIPO, a blog) must
  name its own terms (the ``*_LICENCE`` constants below give the wording used);
  ``source_url`` may be left out (the build then takes the best-tier page among the rows).

Exceptions to those rules live in ``dashboard/content/exceptions.toml`` (:func:`load_exceptions`, format in
that file's header and in :class:`GateException`).

Errors: :func:`load_indicators` raises :class:`ContentError` listing every problem, each naming the file, the
indicator id and the field (unknown or missing keys, wrong types, unknown dimension or chart kind, duplicate ids,
empty unit/definition/source).

Official statistics of China (two more source tables, and three more entry keys)::

    [indicator.official]              # an official national series (dashboard/content/official_series.toml),
    quantity = "gerd_official"        # merged year by year under the precedence rule of docs/official-series.md
    per? = 1                          # divisor of the quantity's values (1000: billion -> trillion yuan)
    sectors? = all of the quantity's  # the sectors kept (e.g. ["tertiary"] of value added by industry)

    [indicator.provincial]            # a provincial R&D series (dashboard.data.official.nbs_rd.IDS key):
    series = "gerd"                   # rows for the 31 provinces (ISO 3166-2:CN codes) and CHN (national total)
    per? = 1

    geography? = "country"            # country | province (contract.GEOGRAPHIES); "province" exactly for
                                      # [indicator.provincial] entries (they are not offered by dimension pages)
    counterpart? = ""                 # id of an indicator of the same quantity, same unit, from another source;
    counterpart_note? = ""            # mutual; the note (required with it) says why the two differ

Both official tables need ``source`` and ``source_codes``; ``licence`` defaults to :data:`OFFICIAL_LICENCE`
(:data:`NBS_RD_LICENCE` where the rows come from ``raw/nbs_rd``). ``source_url``: for ``official`` it may be
left out (the build takes the best-tier page among the rows' facts pages); when given it must be the URL of a
row of a facts file (the build checks it), never a URL found nowhere in the raw files. Flags come from the
precedence rule (``final``, ``preliminary``, ``weak_source``, ...); provincial rows are ``final``.

Old ids of indicators whose concept was split or renamed map to their new ids in
``dashboard/content/aliases.toml`` (:func:`load_aliases`): a shared link with an old id keeps working.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import contract as c

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
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


@dataclass(frozen=True)
class Wdi:
    """WDI series, one per sector: ``codes`` sector -> code; ``per`` divisor; ``vintage`` source_id or None."""

    meta: Meta
    codes: dict[str, str]
    per: float = 1.0
    vintage: str | None = None
    flag: str = "default"
    check: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Owid:
    """OWID variables, one per sector: ``variables`` sector -> [(variable, source_id), ...] by preference."""

    meta: Meta
    variables: dict[str, list[tuple[str, str]]]
    per: float = 1.0
    flag: str = "observed"
    check: dict = field(default_factory=dict)


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
    check: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Official:
    """An official national series of China: ``quantity`` id of ``official_series.toml``; ``per`` divisor;
    ``sectors`` kept (None = all of the quantity's)."""

    meta: Meta
    quantity: str
    per: float = 1.0
    sectors: tuple[str, ...] | None = None
    check: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Provincial:
    """A provincial R&D series: ``series`` key of :data:`dashboard.data.official.nbs_rd.IDS`; ``per`` divisor."""

    meta: Meta
    series: str
    per: float = 1.0
    check: dict = field(default_factory=dict)


Spec = Wdi | Owid | Facts | Official | Provincial


# --------------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------------
class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, ind: str, fld: str, msg: str) -> None:
        self.items.append(f"{where}: indicator {ind!r}: field {fld!r}: {msg}")


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TYPES: dict[str, tuple[str, Any]] = {
    "str": ("a string", lambda v: isinstance(v, str)),
    "int": ("an integer", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "num": ("a number", _is_num),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "strs": ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
    "ints": ("a list of integers", lambda v: isinstance(v, list)
             and all(isinstance(x, int) and not isinstance(x, bool) for x in v)),
    "table": ("a table", lambda v: isinstance(v, dict)),
    "tables": ("a list of tables", lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v)),
}

#: key -> (type, required) of the tables of an entry
ENTRY_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("str", True), "group": ("str", True), "name": ("str", True), "unit": ("str", True),
    "definition": ("str", True), "decimals": ("int", False), "default_chart": ("str", False),
    "stack_sectors": ("strs", False), "share_of_total": ("bool", False), "headline": ("bool", False),
    "notes": ("str", False), "source": ("str", False), "source_url": ("str", False),
    "source_codes": ("str", False), "licence": ("str", False),
    "wdi": ("table", False), "owid": ("table", False), "facts": ("tables", False),
    "check": ("table", False),
    "official": ("table", False), "provincial": ("table", False),
    "geography": ("str", False), "counterpart": ("str", False), "counterpart_note": ("str", False),
}
OFFICIAL_KEYS = {"quantity": ("str", True), "per": ("num", False), "sectors": ("strs", False)}
PROVINCIAL_KEYS = {"series": ("str", True), "per": ("num", False)}
#: the source tables of an entry (exactly one is given)
SOURCE_KINDS = ("wdi", "owid", "facts", "official", "provincial")
WDI_KEYS = {"codes": ("table", True), "provider": ("str", False), "main_code": ("str", False),
            "per": ("num", False), "vintage": ("str", False), "flag": ("str", False)}
OWID_KEYS = {"series": ("tables", True), "provider": ("str", False), "per": ("num", False),
             "flag": ("str", False)}
OWID_SERIES_KEYS = {"sector": ("str", False), "variable": ("str", True), "sources": ("strs", True)}
PICK_KEYS = {"indicator": ("str", True), "unit": ("str", True), "sector": ("str", False),
             "per": ("num", False), "regions": ("strs", False), "years": ("ints", False),
             "priority": ("int", False), "file": ("str", False), "flag": ("str", False)}
#: keys of the plausibility rules (``[indicator.check]``), see :mod:`dashboard.data.build.gate`
CHECK_KEYS = {"min": ("num", False), "max": ("num", False), "max_step": ("num", False),
              "max_ratio": ("num", False), "jump_floor": ("num", False), "zero_runs": ("bool", False)}


def _check_table(table: dict, keys: dict[str, tuple[str, bool]], prefix: str, where: str, ind: str,
                 problems: _Problems) -> bool:
    """Unknown, missing and wrongly typed keys of one table; True if it has none."""
    ok = True
    for key in table:
        if key not in keys:
            problems.add(where, ind, prefix + key, f"unknown key (allowed: {', '.join(sorted(keys))})")
            ok = False
    for key, (kind, required) in keys.items():
        if key not in table:
            if required:
                problems.add(where, ind, prefix + key, "missing")
                ok = False
            continue
        label, test = _TYPES[kind]
        if not test(table[key]):
            problems.add(where, ind, prefix + key, f"must be {label}, got {table[key]!r}")
            ok = False
    return ok


def _nonempty(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


# --------------------------------------------------------------------------------------------
# one entry
# --------------------------------------------------------------------------------------------
def _meta(entry: dict, dimension: str, derived: dict[str, str]) -> Meta:
    return Meta(
        id=entry["id"], dimension=dimension, group=entry["group"], name=entry["name"], unit=entry["unit"],
        definition=entry["definition"],
        source=entry.get("source", derived.get("source", "")),
        source_url=entry.get("source_url", derived.get("source_url", "")),
        source_codes=entry.get("source_codes", derived.get("source_codes", "")),
        licence=entry.get("licence", derived.get("licence", "")),
        decimals=entry.get("decimals", 1), default_chart=entry.get("default_chart", "line"),
        stack_sectors=",".join(entry.get("stack_sectors", [])),
        share_of_total=entry.get("share_of_total", False), headline=entry.get("headline", False),
        notes=entry.get("notes", ""), geography=entry.get("geography", "country"),
        counterpart=entry.get("counterpart", ""), counterpart_note=" ".join(entry.get("counterpart_note", "").split()),
    )


def _spec(entry: dict, dimension: str, where: str, problems: _Problems) -> Spec | None:
    ind = entry.get("id") if isinstance(entry.get("id"), str) else "?"
    before = len(problems.items)
    if not _check_table(entry, ENTRY_KEYS, "", where, ind, problems):
        return None
    if not ID_PATTERN.match(ind) or len(ind) > c.MAX_ID:
        problems.add(where, ind, "id", f"must match [a-z0-9_]+ and have at most {c.MAX_ID} characters")
    for key in ("group", "name", "unit", "definition"):
        if not _nonempty(entry[key]):
            problems.add(where, ind, key, "must not be empty")
    if entry.get("default_chart", "line") not in c.CHART_KINDS:
        problems.add(where, ind, "default_chart", f"must be one of {', '.join(c.CHART_KINDS)}")
    if entry.get("decimals", 1) < 0:
        problems.add(where, ind, "decimals", "must be >= 0")
    kinds = [k for k in SOURCE_KINDS if k in entry]
    if len(kinds) != 1:
        problems.add(where, ind, "/".join(SOURCE_KINDS), f"exactly one source table is needed, found {kinds or 'none'}")
        return None
    kind = kinds[0]
    _geography(entry, kind, where, ind, problems)
    spec: Spec | None = None
    if kind == "wdi":
        spec = _wdi(entry, dimension, where, ind, problems)
    elif kind == "owid":
        spec = _owid(entry, dimension, where, ind, problems)
    elif kind in ("official", "provincial"):
        spec = _official(entry, kind, dimension, where, ind, problems)
    else:
        spec = _facts(entry, dimension, where, ind, problems)
    if spec is not None:
        for key in ("source", "source_url", "source_codes", "licence"):
            if key == "source_url" and kind in ("facts", "official"):
                continue
            if not _nonempty(getattr(spec.meta, key)):
                problems.add(where, ind, key, "must not be empty")
    if "check" in entry and spec is not None:
        _check_table(entry["check"], CHECK_KEYS, "check.", where, ind, problems)
        spec = replace(spec, check=dict(entry["check"]))
    return spec if len(problems.items) == before else None


def _geography(entry: dict, kind: str, where: str, ind: str, problems: _Problems) -> None:
    geo = entry.get("geography", "country")
    if geo not in c.GEOGRAPHIES:
        problems.add(where, ind, "geography", f"must be one of {', '.join(c.GEOGRAPHIES)}")
    elif (geo == "province") != (kind == "provincial"):
        problems.add(where, ind, "geography", "'province' exactly for [indicator.provincial] entries")
    if ("counterpart" in entry) != ("counterpart_note" in entry) or (
            "counterpart" in entry and not (_nonempty(entry["counterpart"]) and _nonempty(entry["counterpart_note"]))):
        problems.add(where, ind, "counterpart", "counterpart and counterpart_note go together, both non-empty")


def _official(entry: dict, kind: str, dimension: str, where: str, ind: str,
              problems: _Problems) -> Official | Provincial | None:
    """``[indicator.official]`` / ``[indicator.provincial]``: checked against official_series.toml and nbs_rd.IDS."""
    from .official import nbs_rd
    from .official.series import load_spec

    t = entry[kind]
    if not _check_table(t, OFFICIAL_KEYS if kind == "official" else PROVINCIAL_KEYS, kind + ".", where, ind, problems):
        return None
    if t.get("per", 1) <= 0:
        problems.add(where, ind, kind + ".per", "must be > 0")
    for key in ("source", "source_codes"):
        if key not in entry:
            problems.add(where, ind, key, f"missing (required for {kind} indicators)")
    if kind == "provincial":
        if t["series"] not in nbs_rd.IDS:
            problems.add(where, ind, "provincial.series", f"unknown series (one of {', '.join(nbs_rd.IDS)})")
            return None
        return Provincial(_meta(entry, dimension, {"licence": NBS_RD_LICENCE}), t["series"],
                          per=float(t.get("per", 1.0)))
    quantities = {q["id"]: q for q in load_spec()["quantity"]}
    q = quantities.get(t["quantity"])
    if q is None:
        problems.add(where, ind, "official.quantity", f"unknown quantity (one of {', '.join(quantities)})")
        return None
    sectors = t.get("sectors")
    if sectors is not None and (not sectors or set(sectors) - set(q["sectors"])):
        problems.add(where, ind, "official.sectors", f"must be a non-empty subset of {q['sectors']}")
    licence = NBS_RD_LICENCE if q.get("nbs_rd") else OFFICIAL_LICENCE
    return Official(_meta(entry, dimension, {"licence": licence}), t["quantity"], per=float(t.get("per", 1.0)),
                    sectors=tuple(sectors) if sectors is not None else None)


def _wdi(entry: dict, dimension: str, where: str, ind: str, problems: _Problems) -> Wdi | None:
    w = entry["wdi"]
    if not _check_table(w, WDI_KEYS, "wdi.", where, ind, problems):
        return None
    codes = w["codes"]
    if not codes or not all(isinstance(v, str) and v for v in codes.values()):
        problems.add(where, ind, "wdi.codes", "must map each sector to a WDI code (a non-empty string)")
        return None
    main = w.get("main_code", next(iter(codes.values())))
    if main not in codes.values():
        problems.add(where, ind, "wdi.main_code", f"{main!r} is not one of the codes")
    flag = w.get("flag", "default")
    if flag not in WDI_FLAG_RULES:
        problems.add(where, ind, "wdi.flag", f"must be one of {', '.join(WDI_FLAG_RULES)}")
    if w.get("per", 1) <= 0:
        problems.add(where, ind, "wdi.per", "must be > 0")
    provider = w.get("provider")
    derived = {
        "source": f"{WDI_SOURCE} ({provider})" if provider else WDI_SOURCE,
        "source_url": wdi_url(main),
        "source_codes": ", ".join(codes.values()),
        "licence": WDI_LICENCE,
    }
    return Wdi(_meta(entry, dimension, derived), dict(codes), per=float(w.get("per", 1.0)),
               vintage=w.get("vintage"), flag=flag)


def _owid(entry: dict, dimension: str, where: str, ind: str, problems: _Problems) -> Owid | None:
    o = entry["owid"]
    if not _check_table(o, OWID_KEYS, "owid.", where, ind, problems):
        return None
    variables: dict[str, list[tuple[str, str]]] = {}
    for i, s in enumerate(o["series"]):
        if not _check_table(s, OWID_SERIES_KEYS, f"owid.series[{i}].", where, ind, problems):
            return None
        sector = s.get("sector", "total")
        if sector in variables:
            problems.add(where, ind, f"owid.series[{i}].sector", f"sector {sector!r} given twice")
        if not s["sources"]:
            problems.add(where, ind, f"owid.series[{i}].sources", "must name at least one source_id")
        variables[sector] = [(s["variable"], src) for src in s["sources"]]
    if not variables:
        problems.add(where, ind, "owid.series", "must list at least one series")
        return None
    first = next(iter(variables.values()))
    slug = first[0][1].removeprefix("OWID:") if first else ""
    provider = o.get("provider")
    derived = {
        "source": f"{provider}, via Our World in Data" if provider else "Our World in Data",
        "source_url": owid_url(slug),
        "source_codes": ", ".join(dict.fromkeys(v for prefs in variables.values() for v, _ in prefs)),
        "licence": OWID_LICENCE,
    }
    if o.get("per", 1) <= 0:
        problems.add(where, ind, "owid.per", "must be > 0")
    return Owid(_meta(entry, dimension, derived), variables, per=float(o.get("per", 1.0)),
                flag=o.get("flag", "observed"))


def _facts(entry: dict, dimension: str, where: str, ind: str, problems: _Problems) -> Facts | None:
    picks = []
    if not entry["facts"]:
        problems.add(where, ind, "facts", "must list at least one facts table")
    for i, p in enumerate(entry["facts"]):
        if not _check_table(p, PICK_KEYS, f"facts[{i}].", where, ind, problems):
            return None
        if p.get("per", 1) <= 0:
            problems.add(where, ind, f"facts[{i}].per", "must be > 0")
        if p.get("file", "paper") not in FACTS_FILES:
            problems.add(where, ind, f"facts[{i}].file", f"must be one of {', '.join(FACTS_FILES)}")
        if "flag" in p and p["flag"] not in c.FLAGS:
            problems.add(where, ind, f"facts[{i}].flag", f"must be one of {', '.join(c.FLAGS)}")
        picks.append(Pick(
            indicator=p["indicator"], unit=p["unit"], sector=p.get("sector", "total"),
            per=float(p.get("per", 1.0)), regions=tuple(p.get("regions", ["China"])),
            years=tuple(p["years"]) if "years" in p else None, priority=p.get("priority", 0),
            file=p.get("file", "paper"), flag=p.get("flag"),
        ))
    for key in ("source", "source_codes"):
        if key not in entry:
            problems.add(where, ind, key, "missing (required for facts indicators)")
    return Facts(_meta(entry, dimension, {"licence": FACTS_LICENCE}), picks)


# --------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------
def load_file(path: Path, problems: _Problems | None = None) -> list[Spec]:
    """Specs of one ``<dimension>.toml``; raises :class:`ContentError` unless ``problems`` collects them."""
    own = problems is None
    problems = problems or _Problems()
    path = Path(path)
    where = str(path)
    dimension = path.stem
    specs: list[Spec] = []
    if dimension not in c.DIMENSIONS:
        problems.add(where, "-", "(file name)", f"unknown dimension {dimension!r} "
                     f"(one of {', '.join(c.DIMENSIONS)})")
    else:
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.add(where, "-", "(file)", f"cannot be read as TOML: {exc}")
            doc = {}
        extra = sorted(set(doc) - {"indicator"})
        if extra:
            problems.add(where, "-", ", ".join(extra), "unknown top-level key (only [[indicator]] tables)")
        entries = doc.get("indicator", [])
        if not isinstance(entries, list):
            problems.add(where, "-", "indicator", "must be an array of tables [[indicator]]")
            entries = []
        for entry in entries:
            spec = _spec(entry, dimension, where, problems)
            if spec is not None:
                specs.append(spec)
    if own and problems.items:
        raise ContentError("invalid indicator content:\n" + "\n".join(problems.items))
    return specs


def load_indicators(directory: Path = INDICATORS_DIR) -> list[Spec]:
    """Every indicator spec, in dimension order (:data:`contract.DIMENSIONS`) then file order.

    Reads ``<dimension>.toml`` for each dimension; a missing file, a file of an unknown dimension, an invalid entry
    or an id used twice (in any files) raises :class:`ContentError` naming file, indicator and field.
    """
    directory = Path(directory)
    problems = _Problems()
    specs: list[Spec] = []
    for path in sorted(directory.glob("*.toml")):
        if path.stem not in c.DIMENSIONS:
            load_file(path, problems)
    seen: dict[str, str] = {}
    for dim in c.DIMENSIONS:
        path = directory / f"{dim}.toml"
        if not path.exists():
            problems.add(str(path), "-", "(file)", "missing: every dimension needs its indicator file")
            continue
        for spec in load_file(path, problems):
            if spec.meta.id in seen:
                problems.add(str(path), spec.meta.id, "id", f"duplicate (also in {seen[spec.meta.id]})")
                continue
            seen[spec.meta.id] = str(path)
            specs.append(spec)
    _check_counterparts(specs, seen, problems)
    if problems.items:
        raise ContentError("invalid indicator content:\n" + "\n".join(problems.items))
    return specs


def _check_counterparts(specs: list[Spec], files: dict[str, str], problems: _Problems) -> None:
    """Counterparts exist, are mutual, share the unit and are country indicators."""
    by_id = {s.meta.id: s.meta for s in specs}
    for m in by_id.values():
        if not m.counterpart:
            continue
        other = by_id.get(m.counterpart)
        where = files.get(m.id, "-")
        if other is None or other.id == m.id:
            problems.add(where, m.id, "counterpart", f"{m.counterpart!r} is not another indicator")
        elif other.counterpart != m.id:
            problems.add(where, m.id, "counterpart", f"not mutual: {other.id!r} does not name {m.id!r} back")
        elif other.unit != m.unit:
            problems.add(where, m.id, "counterpart", f"units differ ({m.unit!r} vs {other.unit!r})")


# --------------------------------------------------------------------------------------------
# aliases: old indicator ids kept working in shared links
# --------------------------------------------------------------------------------------------
ALIASES_FILE = CONTENT_DIR / "aliases.toml"
ALIAS_KEYS = {"old": ("str", True), "new": ("str", True), "reason": ("str", True)}


def load_aliases(path: Path = ALIASES_FILE, indicator_ids: set[str] | None = None) -> dict[str, str]:
    """Old indicator id -> current id, from ``aliases.toml`` (``[[alias]]`` tables: old, new, reason).

    Rules: ``old`` is a slug that is no longer an indicator id; ``new`` is one (checked when
    ``indicator_ids`` is given, default: the ids of :func:`load_indicators`); an old id appears once; no
    chains (a ``new`` is never an ``old``). Raises :class:`ContentError` naming the entry and field.
    """
    path = Path(path)
    where = str(path)
    problems = _Problems()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{where}: cannot be read as TOML: {exc}") from exc
    extra = sorted(set(doc) - {"alias"})
    if extra:
        problems.add(where, "-", ", ".join(extra), "unknown top-level key (only [[alias]] tables)")
    if indicator_ids is None:
        indicator_ids = {s.meta.id for s in load_indicators()}
    out: dict[str, str] = {}
    for i, a in enumerate(doc.get("alias", [])):
        name = f"{a.get('old', '?')} (alias {i + 1})"
        if not _check_table(a, ALIAS_KEYS, "", where, name, problems):
            continue
        if not ID_PATTERN.match(a["old"]) or a["old"] in indicator_ids:
            problems.add(where, name, "old", "must be a slug that is not a current indicator id")
        if a["new"] not in indicator_ids:
            problems.add(where, name, "new", "no such indicator in dashboard/content/indicators")
        if a["old"] in out:
            problems.add(where, name, "old", "given twice")
        if not _nonempty(a["reason"]):
            problems.add(where, name, "reason", "must not be empty")
        out[a["old"]] = a["new"]
    chained = sorted(set(out) & set(out.values()))
    if chained:
        problems.add(where, ", ".join(chained), "new", "an alias target is itself an old id (no chains)")
    if problems.items:
        raise ContentError("invalid aliases:\n" + "\n".join(problems.items))
    return out


# --------------------------------------------------------------------------------------------
# exceptions to the plausibility gate
# --------------------------------------------------------------------------------------------
EXCEPTIONS_FILE = CONTENT_DIR / "exceptions.toml"
EXCEPTION_ACTIONS = ("drop", "flag")
VIOLATION_KINDS = ("zero_run", "below_min", "above_max", "jump")
EXCEPTION_KEYS = {"indicator": ("str", True), "action": ("str", True), "reason": ("str", True),
                  "regions": ("strs", False), "sectors": ("strs", False), "from_year": ("int", False),
                  "to_year": ("int", False), "vintage": ("str", False), "kinds": ("strs", False)}


@dataclass(frozen=True)
class GateException:
    """A written exception to the plausibility gate (one ``[[exception]]`` of ``exceptions.toml``).

    Matches the points of ``indicator`` whose region is in ``regions`` (None = all), sector in ``sectors``
    (None = all), year in ``from_year..to_year`` (None = open) and ``source_vintage`` starting with ``vintage``
    (None = any). ``kinds`` (None = all points matched) limits it to points that break one of those rules.
    ``action``: ``drop`` removes the points (treated as missing); ``flag`` keeps them, lists them in
    ``datasets/README.md`` and adds the reason to the indicator's notes. ``reason`` is shown to users.
    """

    indicator: str
    action: str
    reason: str
    regions: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    from_year: int | None = None
    to_year: int | None = None
    vintage: str | None = None
    kinds: tuple[str, ...] | None = None


def load_exceptions(path: Path = EXCEPTIONS_FILE, indicator_ids: set[str] | None = None) -> list[GateException]:
    """Exceptions of ``exceptions.toml`` in file order; :class:`ContentError` names the file, entry and field.

    ``indicator_ids``: if given, an exception for an unknown indicator is an error.
    """
    path = Path(path)
    where = str(path)
    problems = _Problems()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{where}: cannot be read as TOML: {exc}") from exc
    extra = sorted(set(doc) - {"exception"})
    if extra:
        problems.add(where, "-", ", ".join(extra), "unknown top-level key (only [[exception]] tables)")
    out = []
    for i, e in enumerate(doc.get("exception", [])):
        ind = f"{e.get('indicator', '?')} (exception {i + 1})"
        if not _check_table(e, EXCEPTION_KEYS, "", where, ind, problems):
            continue
        if e["action"] not in EXCEPTION_ACTIONS:
            problems.add(where, ind, "action", f"must be one of {', '.join(EXCEPTION_ACTIONS)}")
        if not _nonempty(e["reason"]):
            problems.add(where, ind, "reason", "must not be empty")
        bad = sorted(set(e.get("kinds", [])) - set(VIOLATION_KINDS))
        if bad:
            problems.add(where, ind, "kinds", f"unknown {bad} (one of {', '.join(VIOLATION_KINDS)})")
        if indicator_ids is not None and e["indicator"] not in indicator_ids:
            problems.add(where, ind, "indicator", "no such indicator in dashboard/content/indicators")
        out.append(GateException(
            indicator=e["indicator"], action=e["action"], reason=" ".join(e["reason"].split()),
            regions=tuple(e["regions"]) if "regions" in e else None,
            sectors=tuple(e["sectors"]) if "sectors" in e else None,
            from_year=e.get("from_year"), to_year=e.get("to_year"), vintage=e.get("vintage"),
            kinds=tuple(e["kinds"]) if "kinds" in e else None,
        ))
    if problems.items:
        raise ContentError("invalid exceptions:\n" + "\n".join(problems.items))
    return out
