"""Dated events: the first year from which a condition has held in the data (``events.toml``)."""

from __future__ import annotations

from typing import Any

from dashboard.data.i18n import _

from .evaluate import _evidence, _fmt, _ge, _NoData, _num, _series, _who, region_label, scale_of
from .schema import Event, EventRule, Evidence

# --------------------------------------------------------------------------- events

def _first_year(years: list[int], holds: list[bool]) -> tuple[int, int | None] | None:
    """Start of the run of years in which the condition holds up to the latest year with data.

    Returns (year, previous year with data) or None when the condition fails in the latest year
    or has held since the first year with data (then the crossing is not observed).
    """
    if not holds or not holds[-1]:
        return None
    i = len(holds) - 1
    while i > 0 and holds[i - 1]:
        i -= 1
    return None if i == 0 else (years[i], years[i - 1])


def evaluate_event(source: Any, ev: EventRule) -> Event | None:
    """The dated event of one rule, or None if the data do not show a lasting crossing.

    The year is the first year of the run of years with data in which the condition holds
    through the latest year with data, i.e. the year from which it has held ever since; the
    previous year with data (in which it failed) is given too. A condition that fails in the
    latest year, or that holds from the first year with data (crossing not observed), gives
    None, as do missing indicators or regions. Source of the rule: this project (events.toml).
    The explanation is written in the current language (values in its display unit).
    """
    p = ev.rule.params
    try:
        s = _series(source, p["indicator"], p["region"], p["sector"])
    except _NoData:
        return None
    years = [int(y) for y in s["year"]]
    values = dict(zip(years, s["value"].astype(float)))
    extra: dict[int, Evidence] = {}
    kind = ev.rule.kind
    if kind == "first_year_at_least":
        holds = [values[y] >= p["threshold"] for y in years]
        why = lambda e, y: f"{_fmt(e)} {_ge()} {_num(p['threshold'] * scale_of(e.unit)[0])}"  # noqa: E731
    elif kind == "first_year_exceeds":
        other_r = p["other_region"] or p["region"]
        other_s = p["other_sector"] or p["sector"]
        try:
            o = _series(source, p["indicator"], other_r, other_s)
        except _NoData:
            return None
        ov = dict(zip(o["year"].astype(int), o["value"].astype(float)))
        years = [y for y in years if y in ov]
        holds = [values[y] > ov[y] for y in years]
        for y in years:
            extra[y] = _evidence(source, p["indicator"], o, y)
        why = lambda e, y: f"{_fmt(e)} > {_who(extra[y])} {_fmt(extra[y])}"  # noqa: E731
    elif kind == "first_year_share_of_region_at_least":
        try:
            w = _series(source, p["indicator"], p["of_region"], p["sector"])
        except _NoData:
            return None
        wv = dict(zip(w["year"].astype(int), w["value"].astype(float)))
        years = [y for y in years if wv.get(y, 0) > 0]
        holds = [values[y] / wv[y] * 100.0 >= p["threshold"] for y in years]
        for y in years:
            extra[y] = _evidence(source, p["indicator"], w, y)
        why = lambda e, y: _("{value} of {region} {total} = {share} % >= {threshold} %").format(  # noqa: E731
            value=_fmt(e, unit=False), region=region_label(p["of_region"]), total=_fmt(extra[y]),
            share=f"{values[y] / wv[y] * 100:.1f}", threshold=_num(p["threshold"]))
    elif kind == "first_year_rank":
        ranks: dict[int, tuple[int, int]] = {}
        obs = source.observations(p["indicator"])
        peer_obs = obs[obs["region"].isin(p["peers"]) & (obs["sector"] == p["sector"])]
        by_year = {int(y): g["value"].astype(float).tolist() for y, g in peer_obs.groupby("year")}
        for y in years:  # the same rank rule as _rank_at, on plain floats (one pass over the peers' data)
            others = by_year.get(y, [])
            if len(others) >= max(p["min_peers"], 1):
                v = values[y]
                better = sum(1 for x in others if (x > v if p["higher_is_better"] else x < v))
                ranks[y] = (1 + better, len(others) + 1)
        years = sorted(ranks)
        holds = [ranks[y][0] <= p["rank_at_most"] for y in years]
        why = lambda e, y: _("{value}, rank {rank} of {n} among the peers").format(  # noqa: E731
            value=_fmt(e), rank=ranks[y][0], n=ranks[y][1])
    else:  # pragma: no cover - parse_events rejects other kinds
        raise ValueError(f"unknown event kind {kind!r}")
    found = _first_year(years, holds)
    if found is None:
        return None
    year, prev = found
    e = _evidence(source, p["indicator"], s, year)
    gap = _(" (previous year with data: {year})").format(year=prev) if prev is not None and prev != year - 1 else ""
    explanation = _("{who} {year}: {why}{gap}").format(who=_who(e), year=year, why=why(e, year), gap=gap)
    evidence = (e, extra[year]) if year in extra else (e,)
    return Event(id=ev.id, indicator_id=p["indicator"], region=p["region"], sector=p["sector"], year=year,
                 label=ev.label, explanation=explanation, evidence=evidence, previous_year=prev,
                 label_zh=ev.label_zh)


def evaluate_events(source: Any, events: list[EventRule]) -> list[Event]:
    """Every event the data date (rules whose crossing is not observed are left out), in content order."""
    out = []
    for ev in events:
        e = evaluate_event(source, ev)
        if e is not None:
            out.append(e)
    return out


def events_for(source: Any, events: list[EventRule], indicator_id: str) -> list[Event]:
    """Dated events of one indicator (for the annotations on its chart), sorted by year."""
    mine = [ev for ev in events if ev.rule.params["indicator"] == indicator_id]
    return sorted(evaluate_events(source, mine), key=lambda e: (e.year, e.id))
