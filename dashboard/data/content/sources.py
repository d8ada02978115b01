"""One parser per source table of an ``[[indicator]]`` entry (``wdi``, ``owid``, ``facts``, ``official`` /
``provincial``): checks the table's keys and values and derives what the source implies (citation, URL,
licence), as :mod:`dashboard.data.content` describes. Each returns a spec, or None after adding its problems.
"""

from __future__ import annotations

from typing import Any

from .. import contract as c
from ..official import nbs_rd
from ..official.series import load_spec
from .schema import KeyTable, Problems, check_table
from .specs import (
    FACTS_FILES,
    FACTS_LICENCE,
    NBS_RD_LICENCE,
    OFFICIAL_LICENCE,
    OWID_LICENCE,
    WDI_FLAG_RULES,
    WDI_LICENCE,
    WDI_SOURCE,
    Facts,
    Meta,
    Official,
    Owid,
    Pick,
    Provincial,
    Wdi,
    owid_url,
    wdi_url,
)

OFFICIAL_KEYS: KeyTable = {"quantity": ("str", True), "per": ("num", False), "sectors": ("strs", False)}
PROVINCIAL_KEYS: KeyTable = {"series": ("str", True), "per": ("num", False)}
WDI_KEYS: KeyTable = {"codes": ("table", True), "provider": ("str", False), "main_code": ("str", False),
                      "per": ("num", False), "vintage": ("str", False), "flag": ("str", False)}
OWID_KEYS: KeyTable = {"series": ("tables", True), "provider": ("str", False), "per": ("num", False),
                       "flag": ("str", False)}
OWID_SERIES_KEYS: KeyTable = {"sector": ("str", False), "variable": ("str", True), "sources": ("strs", True)}
PICK_KEYS: KeyTable = {"indicator": ("str", True), "unit": ("str", True), "sector": ("str", False),
                       "per": ("num", False), "regions": ("strs", False), "years": ("ints", False),
                       "priority": ("int", False), "file": ("str", False), "flag": ("str", False)}


def entry_meta(entry: dict[str, Any], dimension: str, derived: dict[str, str]) -> Meta:
    """The catalog fields of a checked entry: its own keys, else ``derived`` (from the source), else defaults."""
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
        kind=entry.get("kind", "level"),
    )


def parse_official(entry: dict[str, Any], kind: str, dimension: str, where: str, ind: str,
              problems: Problems) -> Official | Provincial | None:
    """``[indicator.official]`` / ``[indicator.provincial]``: checked against official_series.toml and nbs_rd.IDS."""
    t = entry[kind]
    if not check_table(t, OFFICIAL_KEYS if kind == "official" else PROVINCIAL_KEYS, kind + ".", where, ind, problems):
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
        return Provincial(entry_meta(entry, dimension, {"licence": NBS_RD_LICENCE}), t["series"],
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
    return Official(entry_meta(entry, dimension, {"licence": licence}), t["quantity"], per=float(t.get("per", 1.0)),
                    sectors=tuple(sectors) if sectors is not None else None)


def parse_wdi(entry: dict[str, Any], dimension: str, where: str, ind: str, problems: Problems) -> Wdi | None:
    w = entry["wdi"]
    if not check_table(w, WDI_KEYS, "wdi.", where, ind, problems):
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
    return Wdi(entry_meta(entry, dimension, derived), dict(codes), per=float(w.get("per", 1.0)),
               vintage=w.get("vintage"), flag=flag)


def parse_owid(entry: dict[str, Any], dimension: str, where: str, ind: str, problems: Problems) -> Owid | None:
    o = entry["owid"]
    if not check_table(o, OWID_KEYS, "owid.", where, ind, problems):
        return None
    variables: dict[str, list[tuple[str, str]]] = {}
    for i, s in enumerate(o["series"]):
        if not check_table(s, OWID_SERIES_KEYS, f"owid.series[{i}].", where, ind, problems):
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
    return Owid(entry_meta(entry, dimension, derived), variables, per=float(o.get("per", 1.0)),
                flag=o.get("flag", "observed"))


def parse_facts(entry: dict[str, Any], dimension: str, where: str, ind: str, problems: Problems) -> Facts | None:
    picks = []
    if not entry["facts"]:
        problems.add(where, ind, "facts", "must list at least one facts table")
    for i, p in enumerate(entry["facts"]):
        if not check_table(p, PICK_KEYS, f"facts[{i}].", where, ind, problems):
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
    return Facts(entry_meta(entry, dimension, {"licence": FACTS_LICENCE}), picks)


