"""Evaluating claims against the data (see the package docstring for the year rule).

``source`` is anything with ``catalog`` (frame indexed by indicator id) and
``observations(indicator_id)`` (long frame), e.g. a :class:`~dashboard.data.store.DataStore`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.data.contract import REGIONS

from ..transforms import cagr
from .schema import NO_DATA, NOT_SUPPORTED, PARTLY, SUPPORTED, Claim, Evidence, Outcome, Rule, Verdict

# --------------------------------------------------------------------------- reading the data

class _NoData(Exception):
    """Raised inside a rule when a needed value is missing; its text becomes the explanation."""


def region_label(code: str) -> str:
    """Name of a region code (contract.REGIONS), or the code itself."""
    return REGIONS.get(code, code)


def _meta(source: Any, indicator: str) -> Mapping[str, Any]:
    catalog = source.catalog
    if indicator not in catalog.index:
        raise _NoData(f"indicator '{indicator}' is not in the project's data yet")
    return catalog.loc[indicator]


def _series(source: Any, indicator: str, region: str, sector: str) -> pd.DataFrame:
    _meta(source, indicator)
    obs = source.observations(indicator)
    s = obs[(obs["region"] == region) & (obs["sector"] == sector)].sort_values("year")
    if s.empty:
        raise _NoData(f"no {region_label(region)} data for '{indicator}' ({sector}) in the project yet")
    return s.reset_index(drop=True)


def _pick_year(s: pd.DataFrame, year: int | str, max_shift: int, what: str = "") -> int:
    """The year used for a requested year: see the module docstring (latest; nearest within max_shift)."""
    years = [int(y) for y in s["year"]]
    if year == "latest":
        return years[-1]
    wanted = int(year)
    if wanted in years:
        return wanted
    near = [y for y in years if abs(y - wanted) <= max_shift]
    if not near:
        raise _NoData(f"no {what}value for {wanted}" + (f" or within {max_shift} years" if max_shift else "")
                      + " in the project yet")
    return min(near, key=lambda y: (abs(y - wanted), -y))


def _evidence(source: Any, indicator: str, s: pd.DataFrame, year: int) -> Evidence:
    m = _meta(source, indicator)
    row = s[s["year"] == year].iloc[0]
    return Evidence(indicator_id=indicator, name=str(m["name"]), region=str(row["region"]),
                    sector=str(row["sector"]), year=int(year), value=float(row["value"]), unit=str(m["unit"]),
                    flag=str(row.get("flag", "observed")), source=str(m["source"]),
                    source_url=str(m["source_url"]), decimals=int(m["decimals"]))


def fmt(ev: Evidence, *, unit: bool = True) -> str:
    """A figure as shown: value with the catalog's decimals and unit, and the flag unless observed."""
    text = f"{ev.value:,.{ev.decimals}f}"
    if unit:
        text += f" {ev.unit}"
    if ev.flag != "observed":
        text += f" ({ev.flag.replace('_', ' ')})"
    return text


def _num(x: float) -> str:
    return f"{x:,.{2 if abs(x) < 10 else 1}f}".rstrip("0").rstrip(".") if math.isfinite(x) else "n/a"


def _who(ev: Evidence) -> str:
    sector = "" if ev.sector == "total" else f" ({ev.sector.replace('_', ' ')})"
    return f"{region_label(ev.region)}{sector}"


def _shifted(requested: Any, used: int) -> str:
    return f" [{requested} not available; nearest year {used}]" if requested not in ("latest", used) else ""


# --------------------------------------------------------------------------- rules

def _what(p) -> str:
    sector = "" if p["sector"] == "total" else f" ({p['sector']})"
    return f"{region_label(p['region'])} '{p['indicator']}'{sector} "


def _at(source, p) -> tuple[Evidence, str]:
    s = _series(source, p["indicator"], p["region"], p["sector"])
    y = _pick_year(s, p["year"], p["max_shift"], _what(p))
    return _evidence(source, p["indicator"], s, y), _shifted(p["year"], y)


def _span(source, p) -> tuple[Evidence, Evidence, str]:
    s = _series(source, p["indicator"], p["region"], p["sector"])
    y0 = _pick_year(s, p["from_year"], p["max_shift"], _what(p))
    y1 = _pick_year(s, p["to_year"], p["max_shift"], _what(p))
    if y1 <= y0:
        raise _NoData(f"{region_label(p['region'])} has no value after {y0} for '{p['indicator']}' "
                      f"({p['sector']}) in the project yet")
    note = _shifted(p["from_year"], y0) + _shifted(p["to_year"], y1)
    return _evidence(source, p["indicator"], s, y0), _evidence(source, p["indicator"], s, y1), note


def _threshold(source, p, *, share: bool) -> Outcome:
    ev, note = _at(source, p)
    unit = "%" if share else ev.unit
    holds = ev.value >= p["threshold"]
    line = f"{_who(ev)} {ev.year}: {fmt(ev)}, threshold {_num(p['threshold'])} {unit}{note}"
    return Outcome(holds, line, (ev,))


def _change(source, p, *, rises: bool) -> Outcome:
    a, b, note = _span(source, p)
    diff = b.value - a.value
    holds = diff > 0 if rises else diff < 0
    line = (f"{_who(a)} {a.year}: {fmt(a, unit=False)} -> {b.year}: {fmt(b)} "
            f"({'+' if diff >= 0 else ''}{diff:,.{a.decimals}f}){note}")
    return Outcome(holds, line, (a, b))


def _cagr(source, p) -> Outcome:
    a, b, note = _span(source, p)
    g = cagr(a.value, b.value, b.year - a.year)
    if not math.isfinite(g):
        raise _NoData(f"CAGR not defined for {a.year}-{b.year} (a value <= 0)")
    line = (f"{_who(a)} {a.year}-{b.year}: CAGR {g:.1f} % per year ({fmt(a, unit=False)} -> {fmt(b)}), "
            f"threshold {_num(p['threshold'])} % per year{note}")
    return Outcome(g >= p["threshold"], line, (a, b))


def _peer_values(source, p, year: int) -> tuple[list[Evidence], list[str]]:
    obs = source.observations(p["indicator"])
    have, missing = [], []
    for peer in p["peers"]:
        s = obs[(obs["region"] == peer) & (obs["sector"] == p["sector"]) & (obs["year"] == year)]
        if s.empty:
            missing.append(peer)
        else:
            have.append(_evidence(source, p["indicator"], s, year))
    return have, missing


def _rank_at(ev: Evidence, peers: list[Evidence], higher_is_better: bool) -> int:
    if higher_is_better:
        return 1 + sum(1 for x in peers if x.value > ev.value)
    return 1 + sum(1 for x in peers if x.value < ev.value)


def _rank(source, p) -> Outcome:
    ev, note = _at(source, p)
    peers, missing = _peer_values(source, p, ev.year)
    if len(peers) < max(p["min_peers"], 1):
        raise _NoData(f"{region_label(ev.region)} {ev.year}: {fmt(ev)}; only {len(peers)} of the peers "
                      f"({', '.join(p['peers'])}) have {ev.year} data in the project, {p['min_peers']} needed")
    rank = _rank_at(ev, peers, p["higher_is_better"])
    order = sorted(peers, key=lambda x: -x.value if p["higher_is_better"] else x.value)
    others = ", ".join(f"{x.region} {fmt(x, unit=False)}" for x in order)
    line = (f"{_who(ev)} {ev.year}: {fmt(ev)}, rank {rank} of {len(peers) + 1} ({others}); "
            f"needed rank <= {p['rank_at_most']}")
    if missing:
        line += f"; no {ev.year} data for {', '.join(missing)}"
    return Outcome(rank <= p["rank_at_most"], line + note, (ev, *peers))


def _share_of_region(source, p) -> Outcome:
    s = _series(source, p["indicator"], p["region"], p["sector"])
    w = _series(source, p["indicator"], p["of_region"], p["sector"])
    common = sorted(set(s["year"]) & set(w["year"]))
    if not common:
        raise _NoData(f"no year with both {region_label(p['region'])} and {region_label(p['of_region'])} "
                      f"data for '{p['indicator']}'")
    both = pd.DataFrame({"year": common})
    y = _pick_year(both, p["year"], p["max_shift"], _what(p))
    ev, ref = _evidence(source, p["indicator"], s, y), _evidence(source, p["indicator"], w, y)
    if ref.value <= 0:
        raise _NoData(f"{region_label(ref.region)} {y}: {fmt(ref)} is not a positive total")
    share = ev.value / ref.value * 100.0
    line = (f"{_who(ev)} {y}: {fmt(ev, unit=False)} of {region_label(ref.region)} {fmt(ref)} = {share:.1f} %, "
            f"threshold {_num(p['threshold'])} %{_shifted(p['year'], y)}")
    return Outcome(share >= p["threshold"], line, (ev, ref))


def combine_outcomes(parts: list[Outcome]) -> tuple[bool | None, str]:
    """Verdict of an ``all_of`` rule from its parts.

    All hold -> supported; none holds and some fail -> not supported; all without data -> no
    data yet; otherwise (some hold, others fail or have no data) -> partly supported. Returns
    (holds, verdict) where holds is True only for supported, False for not supported.
    """
    states = [o.holds for o in parts]
    if all(s is True for s in states):
        return True, SUPPORTED
    if all(s is None for s in states):
        return None, NO_DATA
    if not any(s is True for s in states):
        return False, NOT_SUPPORTED
    return None, PARTLY


def evaluate_rule(source: Any, rule: Rule) -> Outcome:
    """Evaluate one (non-composite) rule; a missing indicator, region or year gives holds=None."""
    p = rule.params
    try:
        if rule.kind == "no_data":
            return Outcome(None, f"no data in the project yet: {p['needed']}")
        if rule.kind in ("share_at_least", "level_at_least"):
            return _threshold(source, p, share=rule.kind == "share_at_least")
        if rule.kind in ("rises_between", "falls_between"):
            return _change(source, p, rises=rule.kind == "rises_between")
        if rule.kind == "cagr_above":
            return _cagr(source, p)
        if rule.kind == "rank_among_peers":
            return _rank(source, p)
        if rule.kind == "share_of_region_at_least":
            return _share_of_region(source, p)
    except _NoData as exc:
        return Outcome(None, f"no data in the project yet: {exc}")
    raise ValueError(f"evaluate_rule: kind {rule.kind!r} is not a single rule")


def _check(source: Any, rule: Rule) -> tuple[str, str, tuple[Evidence, ...], tuple[str, ...]]:
    """(verdict, explanation, evidence, detail lines) of a rule, composite or not."""
    if rule.kind == "all_of":
        parts = [evaluate_rule(source, r) for r in rule.rules]
        _, verdict = combine_outcomes(parts)
        mark = {True: "holds", False: "does not hold", None: "no data"}
        details = tuple(f"[{mark[o.holds]}] {o.line}" for o in parts)
        n_ok = sum(o.holds is True for o in parts)
        explanation = f"{n_ok} of {len(parts)} parts hold. " + "; ".join(o.line for o in parts)
        evidence = tuple(e for o in parts for e in o.evidence)
        return verdict, explanation, evidence, details
    o = evaluate_rule(source, rule)
    verdict = {True: SUPPORTED, False: NOT_SUPPORTED, None: NO_DATA}[o.holds]
    return verdict, o.line, o.evidence, ()


def evaluate_claim(source: Any, claim: Claim) -> Verdict:
    """Verdict of one claim computed from ``source`` (see :func:`evaluate_claims`)."""
    verdict, explanation, evidence, details = _check(source, claim.rule)
    alternative = ""
    if verdict in (NOT_SUPPORTED, NO_DATA):
        for alt in claim.alternatives:
            v, line, ev, _ = _check(source, alt.rule)
            if v == SUPPORTED:
                explanation = f"Holds only under another definition ({alt.definition}): {line}. " \
                              f"Under the claim's definition: {explanation}"
                verdict, alternative, evidence = PARTLY, alt.definition, evidence + ev
                break
    return Verdict(claim_id=claim.id, dimension=claim.dimension, claim=claim.claim, verdict=verdict,
                   explanation=explanation, evidence=evidence, rule_text=claim.rule_text, details=details,
                   alternative=alternative, claim_zh=claim.claim_zh)


def evaluate_claims(source: Any, claims: list[Claim]) -> list[Verdict]:
    """One :class:`Verdict` per claim, in content order.

    ``source`` needs ``catalog`` (frame indexed by indicator id with name, unit, source,
    source_url, decimals) and ``observations(indicator_id)`` (long frame: region, sector, year,
    value, flag); a :class:`~dashboard.data.store.DataStore` fits. Never raises for missing
    indicators, regions or years: those parts are "no data yet" and their explanation says why.
    """
    return [evaluate_claim(source, c) for c in claims]

