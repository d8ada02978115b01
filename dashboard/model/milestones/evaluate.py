"""Evaluating claims against the data (see the package docstring for the year rule).

``source`` is anything with ``catalog`` (frame indexed by indicator id) and
``observations(indicator_id)`` (long frame), e.g. a :class:`~dashboard.data.store.DataStore`.

Every explanation, detail line and "no data" reason is written in the current language
(:mod:`dashboard.data.i18n`; the sentence templates are in the message catalog). In Chinese each
interpolated piece is Chinese too: indicator names from ``content/i18n/indicators.zh.toml``, values
and thresholds in the Chinese display unit of its ``[units]`` rule (e.g. trillion yuan -> 亿元 x10,000,
see :func:`shown`), region, sector and flag names from ``labels.toml``. :class:`Evidence` itself stays
in the catalog's (English) unit; only the texts are localized.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from dashboard.data.contract import REGIONS
from dashboard.data.i18n import N_, _, is_zh
from dashboard.data.i18n_content import ZH, display_decimals, unit_rule
from dashboard.data.labels import flag_short, region_name, sector_name

from ..transforms import cagr
from .schema import NO_DATA, NOT_SUPPORTED, PARTLY, SUPPORTED, Claim, Evidence, Outcome, Rule, Verdict

# --------------------------------------------------------------------------- reading the data

class _NoData(Exception):
    """Raised inside a rule when a needed value is missing; its text becomes the explanation."""


def region_label(code: str) -> str:
    """Name of a region code: contract.REGIONS (or the code itself) in English, the Chinese name of
    ``labels.toml`` (:func:`~dashboard.data.labels.region_name`) in Chinese."""
    return region_name(code) if is_zh() else REGIONS.get(code, code)


def _ge() -> str:
    """The "at least" sign of a sentence: ">=" in English, "≥" in Chinese."""
    return "≥" if is_zh() else ">="


def _regions(codes: list[str]) -> str:
    """A list of regions in a sentence, by their names in the current language: "United States, Japan"
    in English, "美国、日本" in Chinese (never the ISO 3166 codes, which readers of either may not know)."""
    return "、".join(region_label(c) for c in codes) if is_zh() else ", ".join(region_label(c) for c in codes)


def _indicator(indicator: str) -> str:
    """An indicator in a sentence: its id in quotes in English, its Chinese name in Chinese (the id
    when indicators.zh.toml has none, e.g. an indicator the project does not ship)."""
    if is_zh():
        name = ZH["indicator"].get(indicator, {}).get("name")
        return f"“{name}”" if name else f"“{indicator}”"
    return f"'{indicator}'"


def _sector(sector: str) -> str:
    """A sector in a sentence: its code in English, its Chinese name in Chinese."""
    return sector_name(sector) if is_zh() else sector


#: prefix of the explanation of a "no data yet" outcome (translated where it is built and shown)
NO_DATA_PREFIX = N_("no data in the project yet: ")


def no_data_line(why: str) -> str:
    """The explanation of a "no data yet" outcome in the current language."""
    return _(NO_DATA_PREFIX) + why


def _meta(source: Any, indicator: str) -> Mapping[str, Any]:
    catalog = source.catalog
    if indicator not in catalog.index:
        raise _NoData(_("indicator {indicator} is not in the project's data yet").format(
            indicator=_indicator(indicator)))
    return catalog.loc[indicator]


def _series(source: Any, indicator: str, region: str, sector: str) -> pd.DataFrame:
    _meta(source, indicator)
    obs = source.observations(indicator)
    s = obs[(obs["region"] == region) & (obs["sector"] == sector)].sort_values("year")
    if s.empty:
        raise _NoData(_("no {region} data for {indicator} ({sector}) in the project yet").format(
            region=region_label(region), indicator=_indicator(indicator), sector=_sector(sector)))
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
        if max_shift:
            raise _NoData(_("no {what}value for {year} or within {n} years in the project yet").format(
                what=what, year=wanted, n=max_shift))
        raise _NoData(_("no {what}value for {year} in the project yet").format(what=what, year=wanted))
    return min(near, key=lambda y: (abs(y - wanted), -y))


def _evidence(source: Any, indicator: str, s: pd.DataFrame, year: int) -> Evidence:
    m = _meta(source, indicator)
    row = s[s["year"] == year].iloc[0]
    return Evidence(indicator_id=indicator, name=str(m["name"]), region=str(row["region"]),
                    sector=str(row["sector"]), year=int(year), value=float(row["value"]), unit=str(m["unit"]),
                    flag=str(row.get("flag", "observed")), source=str(m["source"]),
                    source_url=str(m["source_url"]), decimals=int(m["decimals"]))


def scale_of(unit: str) -> tuple[float, str]:
    """(factor, unit shown) of a catalog unit in the current language: the ``[units]`` rule of
    indicators.zh.toml in Chinese (e.g. "trillion yuan" -> (10000, "亿元")), ``(1, unit)`` in English
    or for a unit without a rule. The decimals shown follow
    :func:`dashboard.data.i18n_content.display_decimals`."""
    rule = unit_rule(unit) if is_zh() else None
    if rule is None:
        return 1.0, unit
    return float(rule["scale"]), str(rule["unit"])


def shown(ev: Evidence) -> Evidence:
    """``ev`` as shown in the current language: in Chinese, the indicator's Chinese name (where
    indicators.zh.toml has one) and the value in the Chinese display unit (:func:`scale_of`); the
    same object in English."""
    if not is_zh():
        return ev
    factor, unit = scale_of(ev.unit)
    name = ZH["indicator"].get(ev.indicator_id, {}).get("name", ev.name)
    return replace(ev, name=name, unit=unit, value=ev.value * factor,
                   decimals=display_decimals(ev.unit, ev.decimals))


def fmt(ev: Evidence, *, unit: bool = True) -> str:
    """A figure as shown: value with the catalog's decimals and unit, and the flag unless observed.

    Formats ``ev`` as it is (pass :func:`shown` of it for the current language's unit); the flag
    is named in the current language ("(preliminary)" / "（初步数）")."""
    text = f"{ev.value:,.{ev.decimals}f}"
    if unit:
        text += f" {ev.unit}"
    if ev.flag != "observed":
        text += f"（{flag_text(ev.flag)}）" if is_zh() else f" ({ev.flag.replace('_', ' ')})"
    return text


def flag_text(code: str) -> str:
    """A flag's short name inside a figure in Chinese: :func:`~dashboard.data.labels.flag_short`
    without its bracketed gloss ("最终数（科技经费投入统计公报或科技统计年鉴）" -> "最终数")."""
    return flag_short(code).split("（")[0].split(" (")[0].strip()


def _fmt(ev: Evidence, *, unit: bool = True) -> str:
    """:func:`fmt` of the figure in the current language's unit."""
    return fmt(shown(ev), unit=unit)


def _num(x: float) -> str:
    return f"{x:,.{2 if abs(x) < 10 else 1}f}".rstrip("0").rstrip(".") if math.isfinite(x) else _("n/a")


def _who(ev: Evidence) -> str:
    if ev.sector == "total":
        return region_label(ev.region)
    return f"{region_label(ev.region)}（{sector_name(ev.sector)}）" if is_zh() else \
        f"{region_label(ev.region)} ({ev.sector.replace('_', ' ')})"


def _shifted(requested: Any, used: int) -> str:
    if requested in ("latest", used):
        return ""
    return _(" [{requested} not available; nearest year {used}]").format(requested=requested, used=used)


# --------------------------------------------------------------------------- rules

def _what(p) -> str:
    if is_zh():
        sector = "" if p["sector"] == "total" else f"（{sector_name(p['sector'])}）"
        return f"{region_label(p['region'])}{_indicator(p['indicator'])}{sector}的"
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
        raise _NoData(_("{region} has no value after {year} for {indicator} ({sector}) in the project yet").format(
            region=region_label(p["region"]), year=y0, indicator=_indicator(p["indicator"]),
            sector=_sector(p["sector"])))
    note = _shifted(p["from_year"], y0) + _shifted(p["to_year"], y1)
    return _evidence(source, p["indicator"], s, y0), _evidence(source, p["indicator"], s, y1), note


def _threshold(source, p, *, share: bool) -> Outcome:
    ev, note = _at(source, p)
    factor, unit = (1.0, "%") if share else scale_of(ev.unit)
    holds = ev.value >= p["threshold"]
    line = _("{who} {year}: {value}, threshold {threshold} {unit}{note}").format(
        who=_who(ev), year=ev.year, value=_fmt(ev), threshold=_num(p["threshold"] * factor), unit=unit, note=note)
    return Outcome(holds, line, (ev,))


def _change(source, p, *, rises: bool) -> Outcome:
    a, b, note = _span(source, p)
    diff = b.value - a.value
    holds = diff > 0 if rises else diff < 0
    sa = shown(a)
    change = diff * scale_of(a.unit)[0]
    line = _("{who} {year_a}: {value_a} -> {year_b}: {value_b} ({change}){note}").format(
        who=_who(a), year_a=a.year, value_a=fmt(sa, unit=False), year_b=b.year, value_b=_fmt(b),
        change=f"{'+' if diff >= 0 else ''}{change:,.{sa.decimals}f}", note=note)
    return Outcome(holds, line, (a, b))


def _cagr(source, p) -> Outcome:
    a, b, note = _span(source, p)
    g = cagr(a.value, b.value, b.year - a.year)
    if not math.isfinite(g):
        raise _NoData(_("CAGR not defined for {year_a}-{year_b} (a value <= 0)").format(year_a=a.year, year_b=b.year))
    line = _("{who} {year_a}-{year_b}: CAGR {cagr} % per year ({value_a} -> {value_b}), "
             "threshold {threshold} % per year{note}").format(
        who=_who(a), year_a=a.year, year_b=b.year, cagr=f"{g:.1f}", value_a=_fmt(a, unit=False),
        value_b=_fmt(b), threshold=_num(p["threshold"]), note=note)
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
        raise _NoData(_("{region} {year}: {value}; only {n} of the peers ({peers}) have {year} data in the "
                        "project, {needed} needed").format(
            region=region_label(ev.region), year=ev.year, value=_fmt(ev), n=len(peers),
            peers=_regions(p["peers"]), needed=p["min_peers"]))
    rank = _rank_at(ev, peers, p["higher_is_better"])
    order = sorted(peers, key=lambda x: -x.value if p["higher_is_better"] else x.value)
    others = _("; ").join(f"{region_label(x.region)} {_fmt(x, unit=False)}" for x in order)
    line = _("{who} {year}: {value}, rank {rank} of {n} ({others}); needed rank <= {needed}").format(
        who=_who(ev), year=ev.year, value=_fmt(ev), rank=rank, n=len(peers) + 1, others=others,
        needed=p["rank_at_most"])
    if missing:
        line += _("; no {year} data for {regions}").format(year=ev.year, regions=_regions(missing))
    return Outcome(rank <= p["rank_at_most"], line + note, (ev, *peers))


def _share_of_region(source, p) -> Outcome:
    s = _series(source, p["indicator"], p["region"], p["sector"])
    w = _series(source, p["indicator"], p["of_region"], p["sector"])
    common = sorted(set(s["year"]) & set(w["year"]))
    if not common:
        raise _NoData(_("no year with both {region} and {of_region} data for {indicator}").format(
            region=region_label(p["region"]), of_region=region_label(p["of_region"]),
            indicator=_indicator(p["indicator"])))
    both = pd.DataFrame({"year": common})
    y = _pick_year(both, p["year"], p["max_shift"], _what(p))
    ev, ref = _evidence(source, p["indicator"], s, y), _evidence(source, p["indicator"], w, y)
    if ref.value <= 0:
        raise _NoData(_("{region} {year}: {value} is not a positive total").format(
            region=region_label(ref.region), year=y, value=_fmt(ref)))
    share = ev.value / ref.value * 100.0
    line = _("{who} {year}: {value} of {region} {total} = {share} %, threshold {threshold} %{note}").format(
        who=_who(ev), year=y, value=_fmt(ev, unit=False), region=region_label(ref.region), total=_fmt(ref),
        share=f"{share:.1f}", threshold=_num(p["threshold"]), note=_shifted(p["year"], y))
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
            needed = p["needed_zh"] if is_zh() and p.get("needed_zh") else p["needed"]
            return Outcome(None, no_data_line(str(needed)))
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
        return Outcome(None, no_data_line(str(exc)))
    raise ValueError(f"evaluate_rule: kind {rule.kind!r} is not a single rule")


def _check(source: Any, rule: Rule) -> tuple[str, str, tuple[Evidence, ...], tuple[str, ...]]:
    """(verdict, explanation, evidence, detail lines) of a rule, composite or not."""
    if rule.kind == "all_of":
        parts = [evaluate_rule(source, r) for r in rule.rules]
        verdict = combine_outcomes(parts)[1]
        mark = {True: "holds", False: "does not hold", None: "no data"}  # markers read by the cards, not shown
        details = tuple(f"[{mark[o.holds]}] {o.line}" for o in parts)
        n_ok = sum(o.holds is True for o in parts)
        explanation = _("{n} of {total} parts hold. ").format(n=n_ok, total=len(parts)) + _("; ").join(
            o.line for o in parts)
        evidence = tuple(e for o in parts for e in o.evidence)
        return verdict, explanation, evidence, details
    o = evaluate_rule(source, rule)
    verdict = {True: SUPPORTED, False: NOT_SUPPORTED, None: NO_DATA}[o.holds]
    return verdict, o.line, o.evidence, ()


def evaluate_claim(source: Any, claim: Claim) -> Verdict:
    """Verdict of one claim computed from ``source`` (see :func:`evaluate_claims`), its texts
    (explanation, details, alternative definition) in the current language."""
    verdict, explanation, evidence, details = _check(source, claim.rule)
    alternative = ""
    if verdict in (NOT_SUPPORTED, NO_DATA):
        for alt in claim.alternatives:
            v, line, ev, _parts = _check(source, alt.rule)
            if v == SUPPORTED:
                definition = alt.definition_zh if is_zh() and alt.definition_zh else alt.definition
                explanation = _("Holds only under another definition ({definition}): {line}. "
                                "Under the claim's definition: {explanation}").format(
                    definition=definition, line=line, explanation=explanation)
                verdict, alternative, evidence = PARTLY, definition, evidence + ev
                break
    return Verdict(claim_id=claim.id, dimension=claim.dimension, claim=claim.claim, verdict=verdict,
                   explanation=explanation, evidence=evidence, rule_text=claim.rule_text, details=details,
                   alternative=alternative, claim_zh=claim.claim_zh, rule_text_zh=claim.rule_text_zh)


def evaluate_claims(source: Any, claims: list[Claim]) -> list[Verdict]:
    """One :class:`Verdict` per claim, in content order.

    ``source`` needs ``catalog`` (frame indexed by indicator id with name, unit, source,
    source_url, decimals) and ``observations(indicator_id)`` (long frame: region, sector, year,
    value, flag); a :class:`~dashboard.data.store.DataStore` fits. Never raises for missing
    indicators, regions or years: those parts are "no data yet" and their explanation says why.
    """
    return [evaluate_claim(source, c) for c in claims]

