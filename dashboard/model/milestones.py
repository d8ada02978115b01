"""The paper's milestones checked against the shipped data, and dated events derived from it.

Content lives in two TOML files next to each other (``dashboard/content/``):

* ``milestones.toml``: one ``[[claim]]`` per claim of the paper's abstract (IIE-CASS, *China
  Economist* 2024 no. 3), each with a rule written as data in the vocabulary of :data:`RULE_KINDS`;
* ``events.toml``: one ``[[event]]`` per dated event, each a rule of :data:`EVENT_KINDS` whose year
  is computed from the data (the first year a threshold or rank was reached), never typed.

Both files are validated on load: an unknown kind, an unknown or missing parameter or a value of the
wrong type raises :class:`ContentError`, whose messages name the file, the claim (or event) and the
field. Indicator ids are checked against a catalog when one is given (strict mode, used by the
tests); without one, a rule on an indicator that the project does not ship (yet) is evaluated as
"no data yet" and says which id is missing, so a renamed indicator never takes the app down.

Evaluation is pure: ``evaluate_claims(source, claims)`` reads ``source.catalog`` (a frame indexed
by indicator id, as :class:`dashboard.data.store.DataStore` has) and ``source.observations(id)``
(a long frame with region, sector, year, value, flag, source_vintage) and returns one
:class:`Verdict` per claim, with the evidence figures, their years and sources, and a one-line
explanation computed from the values.

Year rule (documented here and shown with each verdict): ``"latest"`` is the latest year in which
the region has a value for the sector; a numbered year with no value is replaced by the nearest
year with a value within ``max_shift`` years (ties go to the later year), and the explanation names
the year actually used. Nothing is interpolated.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data.contract import DIMENSIONS, REGIONS

from .transforms import cagr

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
CLAIMS_FILE = CONTENT_DIR / "milestones.toml"
EVENTS_FILE = CONTENT_DIR / "events.toml"

#: the peers of the project (contract.REGIONS without China and the aggregates)
PEERS: tuple[str, ...] = ("USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA")

SUPPORTED = "supported"
PARTLY = "partly supported"
NO_DATA = "no data yet"
NOT_SUPPORTED = "not supported"
VERDICTS: tuple[str, ...] = (SUPPORTED, PARTLY, NO_DATA, NOT_SUPPORTED)

_SLUG = re.compile(r"^[a-z0-9_]+$")
_REGION = re.compile(r"^[A-Z]{3}$")
_REQUIRED = object()


class ContentError(ValueError):
    """A content file breaks its schema; ``problems`` lists one message per fault."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- parameter checks
# Each check takes a value and returns an error text or None.

def _is_str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "must be a non-empty string"


def _is_slug(v: Any) -> str | None:
    return None if isinstance(v, str) and _SLUG.match(v) else "must be an id of [a-z0-9_]"


def _is_region(v: Any) -> str | None:
    return None if isinstance(v, str) and _REGION.match(v) else "must be a three-letter upper-case region code"


def _is_year(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and 1950 <= v <= 2100
    return None if ok else "must be a year (integer 1950..2100)"


def _is_year_or_latest(v: Any) -> str | None:
    return None if v == "latest" else (None if _is_year(v) is None else 'must be a year or "latest"')


def _is_number(v: Any) -> str | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return None if ok else "must be a finite number"


def _is_count(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 50
    return None if ok else "must be an integer 0..50"


def _is_positive_count(v: Any) -> str | None:
    return None if _is_count(v) is None and v >= 1 else "must be an integer 1..50"


def _is_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


def _is_regions(v: Any) -> str | None:
    ok = isinstance(v, list) and v and all(_is_region(x) is None for x in v)
    return None if ok else "must be a non-empty list of three-letter region codes"


_SERIES = {"indicator": (_is_slug, _REQUIRED), "region": (_is_region, "CHN"), "sector": (_is_slug, "total")}
_SPAN = {"from_year": (_is_year, _REQUIRED), "to_year": (_is_year_or_latest, "latest"), "max_shift": (_is_count, 3)}
_AT = {"year": (_is_year_or_latest, "latest"), "max_shift": (_is_count, 0)}
_PEERS = {"peers": (_is_regions, list(PEERS)), "rank_at_most": (_is_positive_count, 1),
          "min_peers": (_is_count, 3), "higher_is_better": (_is_bool, True)}

#: rule kinds of milestones.toml and their parameters: name -> (check, default or required)
RULE_KINDS: dict[str, dict[str, tuple[Callable[[Any], str | None], Any]]] = {
    # the value in one year is at least a threshold; the indicator's unit must be a percentage
    "share_at_least": {**_SERIES, **_AT, "threshold": (_is_number, _REQUIRED)},
    # the value in one year is at least a threshold, in the indicator's unit
    "level_at_least": {**_SERIES, **_AT, "threshold": (_is_number, _REQUIRED)},
    # the value in to_year is higher (lower) than in from_year
    "rises_between": {**_SERIES, **_SPAN},
    "falls_between": {**_SERIES, **_SPAN},
    # compound annual growth rate from from_year to to_year, percent per year, at least threshold
    "cagr_above": {**_SERIES, **_SPAN, "threshold": (_is_number, _REQUIRED)},
    # rank of the region among the peers with a value in the same year
    "rank_among_peers": {**_SERIES, **_AT, **_PEERS},
    # the region's value as a percentage of another region's (default the World) in the same year
    "share_of_region_at_least": {**_SERIES, **_AT, "of_region": (_is_region, "WLD"),
                                 "threshold": (_is_number, _REQUIRED)},
    # every sub-rule holds (see combine_outcomes for partial results)
    "all_of": {"rules": (lambda v: None if isinstance(v, list) and v else "must be a non-empty list of rules",
                         _REQUIRED)},
    # the project has no data for this (part of the) claim; says what data would be needed
    "no_data": {"needed": (_is_str, _REQUIRED)},
}

#: event kinds of events.toml (each dates the first year a condition holds in the data)
EVENT_KINDS: dict[str, dict[str, tuple[Callable[[Any], str | None], Any]]] = {
    "first_year_at_least": {**_SERIES, "threshold": (_is_number, _REQUIRED)},
    "first_year_rank": {**_SERIES, **_PEERS},
    "first_year_share_of_region_at_least": {**_SERIES, "of_region": (_is_region, "WLD"),
                                            "threshold": (_is_number, _REQUIRED)},
    # first year the series exceeds another series (other_region / other_sector default to its own)
    "first_year_exceeds": {**_SERIES, "other_region": (_is_region, None), "other_sector": (_is_slug, None)},
}


# --------------------------------------------------------------------------- content objects

@dataclass(frozen=True)
class Rule:
    """One rule: its kind, its parameters with defaults filled in, and sub-rules (all_of only)."""

    kind: str
    params: Mapping[str, Any]
    rules: tuple[Rule, ...] = ()

    def indicators(self) -> list[str]:
        """Indicator ids the rule reads, in order, without repeats."""
        out = [self.params["indicator"]] if "indicator" in self.params else []
        for sub in self.rules:
            out += [i for i in sub.indicators() if i not in out]
        return out


@dataclass(frozen=True)
class Alternative:
    """Another definition under which the claim may hold (named on a partly supported verdict)."""

    definition: str
    rule: Rule


@dataclass(frozen=True)
class Claim:
    """One claim of the paper's abstract, in our own words, with the rule that checks it."""

    id: str
    dimension: str
    claim: str
    evidence: tuple[str, ...]
    rule: Rule
    rule_text: str
    claim_zh: str = ""
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class EventRule:
    """One dated event of events.toml (its year is computed, see :func:`evaluate_events`)."""

    id: str
    label: str
    rule: Rule
    label_zh: str = ""


@dataclass(frozen=True)
class Evidence:
    """One figure behind a verdict or event: the value of a series in one year, with its source."""

    indicator_id: str
    name: str
    region: str
    sector: str
    year: int
    value: float
    unit: str
    flag: str
    source: str
    source_url: str
    decimals: int = 1


@dataclass(frozen=True)
class Outcome:
    """Result of one rule: holds is True, False or None (no data), plus a one-line explanation."""

    holds: bool | None
    line: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict (one of :data:`VERDICTS`) with its evidence and computed explanation.

    ``details`` holds one line per sub-rule of an ``all_of`` rule; ``alternative`` names the
    definition under which a partly supported claim holds ("" otherwise).
    """

    claim_id: str
    dimension: str
    claim: str
    verdict: str
    explanation: str
    evidence: tuple[Evidence, ...]
    rule_text: str
    details: tuple[str, ...] = ()
    alternative: str = ""
    claim_zh: str = ""


@dataclass(frozen=True)
class Event:
    """A dated event computed from the data: the year, the value then, and the source."""

    id: str
    indicator_id: str
    region: str
    sector: str
    year: int
    label: str
    explanation: str
    evidence: tuple[Evidence, ...]
    previous_year: int | None = None
    label_zh: str = ""


# --------------------------------------------------------------------------- parsing

def _parse_rule(raw: Any, kinds: Mapping, where: str, problems: list[str], *, nested: bool = False) -> Rule | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table")
        return None
    kind = raw.get("kind")
    if kind not in kinds:
        problems.append(f"{where}.kind: unknown kind {kind!r}; expected one of {', '.join(sorted(kinds))}")
        return None
    if nested and kind == "all_of":
        problems.append(f"{where}.kind: all_of cannot be nested")
        return None
    spec = kinds[kind]
    n0 = len(problems)
    for key in raw:
        if key != "kind" and key not in spec:
            problems.append(f"{where}.{key}: unknown parameter for kind {kind!r}; "
                            f"expected {', '.join(sorted(spec))}")
    params: dict[str, Any] = {}
    for key, (check, default) in spec.items():
        if key not in raw:
            if default is _REQUIRED:
                problems.append(f"{where}.{key}: missing (required for kind {kind!r})")
            else:
                params[key] = list(default) if isinstance(default, list) else default
            continue
        err = check(raw[key])
        if err:
            problems.append(f"{where}.{key}: {err} (got {raw[key]!r})")
        else:
            params[key] = raw[key]
    subs: list[Rule] = []
    if kind == "all_of" and isinstance(params.get("rules"), list):
        for i, sub in enumerate(params.pop("rules")):
            r = _parse_rule(sub, kinds, f"{where}.rules[{i}]", problems, nested=True)
            if r is not None:
                subs.append(r)
    if "from_year" in params and isinstance(params.get("to_year"), int) and params["to_year"] <= params["from_year"]:
        problems.append(f"{where}.to_year: must be later than from_year")
    if len(problems) > n0:
        return None
    return Rule(kind=kind, params=params, rules=tuple(subs))


def _check_indicators(rule: Rule, catalog_ids: Collection[str] | None, where: str, problems: list[str],
                      catalog: pd.DataFrame | None = None) -> None:
    if catalog_ids is None:
        return
    for ind in rule.indicators():
        if ind not in catalog_ids:
            problems.append(f"{where}.indicator: unknown indicator {ind!r} (not in the catalog)")
    if catalog is not None and rule.kind == "share_at_least" and rule.params["indicator"] in catalog_ids:
        unit = str(catalog.loc[rule.params["indicator"], "unit"])
        if not unit.startswith("%"):
            problems.append(f"{where}.indicator: share_at_least needs a percentage unit; "
                            f"{rule.params['indicator']!r} is in {unit!r} (use level_at_least)")
    for j, sub in enumerate(rule.rules):
        _check_indicators(sub, catalog_ids, f"{where}.rules[{j}]", problems, catalog)


def _catalog_ids(catalog: pd.DataFrame | None) -> set[str] | None:
    return None if catalog is None else set(map(str, catalog.index))


def parse_claims(doc: Mapping, *, file: str = "milestones.toml",
                 catalog: pd.DataFrame | None = None) -> tuple[list[Claim], list[str]]:
    """Claims of a parsed milestones document and the problems found (claims with problems are left out).

    ``doc`` is the dict ``tomllib`` returns: ``{"claim": [ {...}, ... ]}``. Each message reads
    ``<file>: claim '<id>': <field>: <what is wrong>``. With ``catalog`` (indexed by indicator id),
    unknown indicator ids and ``share_at_least`` on a non-percentage unit are problems too.
    """
    problems: list[str] = []
    ids = _catalog_ids(catalog)
    claims: list[Claim] = []
    seen: set[str] = set()
    for key in doc:
        if key != "claim":
            problems.append(f"{file}: {key}: unknown top-level key; expected [[claim]] tables")
    raw_claims = doc.get("claim", [])
    if not isinstance(raw_claims, list) or not raw_claims:
        return [], problems + [f"{file}: claim: no [[claim]] tables"]
    allowed = {"id", "dimension", "claim", "claim_zh", "evidence", "rule", "rule_text", "alternatives"}
    for n, raw in enumerate(raw_claims):
        cid = raw.get("id") if isinstance(raw, dict) else None
        label = f"claim {cid!r}" if isinstance(cid, str) else f"claim #{n + 1}"
        mine: list[str] = []
        if not isinstance(raw, dict):
            problems.append(f"{file}: {label}: must be a table")
            continue
        for k in raw:
            if k not in allowed:
                mine.append(f"{k}: unknown field; expected {', '.join(sorted(allowed))}")
        if _is_slug(cid):
            mine.append(f"id: {_is_slug(cid)}")
        elif cid in seen:
            mine.append("id: duplicate id")
        if raw.get("dimension") not in DIMENSIONS:
            mine.append(f"dimension: must be one of {', '.join(DIMENSIONS)} (got {raw.get('dimension')!r})")
        for k in ("claim", "rule_text"):
            if _is_str(raw.get(k)):
                mine.append(f"{k}: {_is_str(raw.get(k))}")
        if not isinstance(raw.get("claim_zh", ""), str):
            mine.append("claim_zh: must be a string")
        evidence = raw.get("evidence")
        if not isinstance(evidence, list) or any(_is_slug(e) for e in evidence):
            mine.append("evidence: must be a list of indicator ids")
            evidence = []
        rprobs: list[str] = []
        rule = _parse_rule(raw.get("rule"), RULE_KINDS, "rule", rprobs)
        if rule is not None:
            _check_indicators(rule, ids, "rule", rprobs, catalog)
            for ind in rule.indicators():
                if ind not in evidence:
                    rprobs.append(f"evidence: the rule reads {ind!r}, which is not listed in evidence")
        alts: list[Alternative] = []
        raw_alts = raw.get("alternatives", [])
        if not isinstance(raw_alts, list):
            rprobs.append("alternatives: must be a list of tables")
            raw_alts = []
        for i, alt in enumerate(raw_alts):
            where = f"alternatives[{i}]"
            if not isinstance(alt, dict):
                rprobs.append(f"{where}: must be a table")
                continue
            for k in alt:
                if k not in ("definition", "rule"):
                    rprobs.append(f"{where}.{k}: unknown field; expected definition, rule")
            if _is_str(alt.get("definition")):
                rprobs.append(f"{where}.definition: {_is_str(alt.get('definition'))}")
            arule = _parse_rule(alt.get("rule"), RULE_KINDS, f"{where}.rule", rprobs)
            if arule is not None:
                _check_indicators(arule, ids, f"{where}.rule", rprobs, catalog)
                if isinstance(alt.get("definition"), str):
                    alts.append(Alternative(definition=alt["definition"], rule=arule))
        if ids is not None:
            for e in evidence:
                if e not in ids:
                    rprobs.append(f"evidence: unknown indicator {e!r} (not in the catalog)")
        mine += rprobs
        if mine:
            problems += [f"{file}: {label}: {m}" for m in mine]
            continue
        seen.add(cid)
        claims.append(Claim(id=cid, dimension=raw["dimension"], claim=raw["claim"], evidence=tuple(evidence),
                            rule=rule, rule_text=raw["rule_text"], claim_zh=raw.get("claim_zh", ""),
                            alternatives=tuple(alts)))
    return claims, problems


def parse_events(doc: Mapping, *, file: str = "events.toml",
                 catalog: pd.DataFrame | None = None) -> tuple[list[EventRule], list[str]]:
    """Event rules of a parsed events document and the problems found (same message form as claims)."""
    problems: list[str] = []
    ids = _catalog_ids(catalog)
    out: list[EventRule] = []
    seen: set[str] = set()
    for key in doc:
        if key != "event":
            problems.append(f"{file}: {key}: unknown top-level key; expected [[event]] tables")
    raw_events = doc.get("event", [])
    if not isinstance(raw_events, list) or not raw_events:
        return [], problems + [f"{file}: event: no [[event]] tables"]
    for n, raw in enumerate(raw_events):
        eid = raw.get("id") if isinstance(raw, dict) else None
        label = f"event {eid!r}" if isinstance(eid, str) else f"event #{n + 1}"
        if not isinstance(raw, dict):
            problems.append(f"{file}: {label}: must be a table")
            continue
        mine: list[str] = []
        if _is_slug(eid):
            mine.append(f"id: {_is_slug(eid)}")
        elif eid in seen:
            mine.append("id: duplicate id")
        if _is_str(raw.get("label")):
            mine.append(f"label: {_is_str(raw.get('label'))}")
        if not isinstance(raw.get("label_zh", ""), str):
            mine.append("label_zh: must be a string")
        body = {k: v for k, v in raw.items() if k not in ("id", "label", "label_zh")}
        rule = _parse_rule(body, EVENT_KINDS, "event", mine)
        if rule is not None:
            _check_indicators(rule, ids, "event", mine)
        if mine:
            problems += [f"{file}: {label}: {m}" for m in mine]
            continue
        seen.add(eid)
        out.append(EventRule(id=eid, label=raw["label"], rule=rule, label_zh=raw.get("label_zh", "")))
    return out, problems


def _load(path: Path, parse: Callable, catalog: pd.DataFrame | None):
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError([f"{path.name}: cannot be read: {exc}"]) from exc
    items, problems = parse(doc, file=path.name, catalog=catalog)
    if problems:
        raise ContentError(problems)
    return items


def load_claims(path: Path = CLAIMS_FILE, *, catalog: pd.DataFrame | None = None) -> list[Claim]:
    """Read and validate ``milestones.toml``; raises :class:`ContentError` listing every problem."""
    return _load(path, parse_claims, catalog)


def load_events(path: Path = EVENTS_FILE, *, catalog: pd.DataFrame | None = None) -> list[EventRule]:
    """Read and validate ``events.toml``; raises :class:`ContentError` listing every problem."""
    return _load(path, parse_events, catalog)


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
    if year in years:
        return int(year)
    near = [y for y in years if abs(y - year) <= max_shift]
    if not near:
        raise _NoData(f"no {what}value for {year}" + (f" or within {max_shift} years" if max_shift else "")
                      + " in the project yet")
    return min(near, key=lambda y: (abs(y - year), -y))


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
        why = lambda e, y: f"{fmt(e)} >= {_num(p['threshold'])}"  # noqa: E731
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
        why = lambda e, y: f"{fmt(e)} > {_who(extra[y])} {fmt(extra[y])}"  # noqa: E731
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
        why = lambda e, y: (f"{fmt(e, unit=False)} of {region_label(p['of_region'])} "  # noqa: E731
                            f"{fmt(extra[y])} = {values[y] / wv[y] * 100:.1f} % >= {_num(p['threshold'])} %")
    elif kind == "first_year_rank":
        ranks: dict[int, tuple[int, int]] = {}
        for y in years:
            e = _evidence(source, p["indicator"], s, y)
            peers, _ = _peer_values(source, p, y)
            if len(peers) >= max(p["min_peers"], 1):
                ranks[y] = (_rank_at(e, peers, p["higher_is_better"]), len(peers) + 1)
        years = sorted(ranks)
        holds = [ranks[y][0] <= p["rank_at_most"] for y in years]
        why = lambda e, y: f"{fmt(e)}, rank {ranks[y][0]} of {ranks[y][1]} among the peers"  # noqa: E731
    else:  # pragma: no cover - parse_events rejects other kinds
        raise ValueError(f"unknown event kind {kind!r}")
    found = _first_year(years, holds)
    if found is None:
        return None
    year, prev = found
    e = _evidence(source, p["indicator"], s, year)
    gap = f" (previous year with data: {prev})" if prev is not None and prev != year - 1 else ""
    explanation = f"{_who(e)} {year}: {why(e, year)}{gap}"
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
