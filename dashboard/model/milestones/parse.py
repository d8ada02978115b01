"""Reading and validating ``milestones.toml`` and ``events.toml`` (see the package docstring).

Every message names the file, the claim (or event) and the field; claims or events with problems
are left out by the ``parse_*`` functions and make the ``load_*`` functions raise
:class:`~dashboard.model.milestones.schema.ContentError`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data.contract import DIMENSIONS

from .schema import (
    _REQUIRED,
    CLAIMS_FILE,
    EVENT_KINDS,
    EVENTS_FILE,
    RULE_KINDS,
    Alternative,
    Claim,
    ContentError,
    EventRule,
    Rule,
    _is_slug,
    _is_str,
)


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
    return Rule(kind=str(kind), params=params, rules=tuple(subs))


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
    allowed = {"id", "dimension", "claim", "claim_zh", "evidence", "rule", "rule_text", "rule_text_zh", "alternatives"}
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
        for k in ("claim_zh", "rule_text_zh"):
            if not isinstance(raw.get(k, ""), str):
                mine.append(f"{k}: must be a string")
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
                if k not in ("definition", "definition_zh", "rule"):
                    rprobs.append(f"{where}.{k}: unknown field; expected definition, definition_zh, rule")
            if _is_str(alt.get("definition")):
                rprobs.append(f"{where}.definition: {_is_str(alt.get('definition'))}")
            if not isinstance(alt.get("definition_zh", ""), str):
                rprobs.append(f"{where}.definition_zh: must be a string")
            arule = _parse_rule(alt.get("rule"), RULE_KINDS, f"{where}.rule", rprobs)
            if arule is not None:
                _check_indicators(arule, ids, f"{where}.rule", rprobs, catalog)
                if isinstance(alt.get("definition"), str):
                    alts.append(Alternative(definition=alt["definition"], rule=arule,
                                            definition_zh=str(alt.get("definition_zh", ""))))
        if ids is not None:
            for e in evidence:
                if e not in ids:
                    rprobs.append(f"evidence: unknown indicator {e!r} (not in the catalog)")
        mine += rprobs
        if mine or rule is None or not isinstance(cid, str):  # a None rule has left its message in rprobs
            problems += [f"{file}: {label}: {m}" for m in mine]
            continue
        seen.add(cid)
        claims.append(Claim(id=cid, dimension=raw["dimension"], claim=raw["claim"], evidence=tuple(evidence),
                            rule=rule, rule_text=raw["rule_text"], claim_zh=raw.get("claim_zh", ""),
                            rule_text_zh=raw.get("rule_text_zh", ""),
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
        if mine or rule is None or not isinstance(eid, str):  # a None rule has left its message in mine
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

