"""The ``[[indicator]]`` entries of ``dashboard/content/indicators/<dimension>.toml``: one entry, one file,
all files (:func:`load_indicators`). Format and rules: :mod:`dashboard.data.content`.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import contract as c
from .schema import KeyTable, Problems, check_table, nonempty, tables
from .sources import parse_facts, parse_official, parse_owid, parse_wdi
from .specs import ID_PATTERN, INDICATORS_DIR, ContentError, Spec

#: key -> (type, required) of the tables of an entry
ENTRY_KEYS: KeyTable = {
    "id": ("str", True), "group": ("str", True), "name": ("str", True), "unit": ("str", True),
    "definition": ("str", True), "decimals": ("int", False), "default_chart": ("str", False),
    "stack_sectors": ("strs", False), "share_of_total": ("bool", False), "headline": ("bool", False),
    "notes": ("str", False), "source": ("str", False), "source_url": ("str", False),
    "source_codes": ("str", False), "licence": ("str", False),
    "wdi": ("table", False), "owid": ("table", False), "facts": ("tables", False),
    "check": ("table", False), "kind": ("str", False),
    "official": ("table", False), "provincial": ("table", False),
    "geography": ("str", False), "counterpart": ("str", False), "counterpart_note": ("str", False),
}
#: the source tables of an entry (exactly one is given)
SOURCE_KINDS = ("wdi", "owid", "facts", "official", "provincial")
#: keys of the plausibility rules (``[indicator.check]``), see :mod:`dashboard.data.build.gate`
CHECK_KEYS: KeyTable = {"min": ("num", False), "max": ("num", False), "max_step": ("num", False),
                        "max_ratio": ("num", False), "jump_floor": ("num", False), "zero_runs": ("bool", False)}


def _spec(entry: dict[str, Any], dimension: str, where: str, problems: Problems) -> Spec | None:
    raw_id = entry.get("id")
    ind = raw_id if isinstance(raw_id, str) else "?"
    before = len(problems.items)
    if not check_table(entry, ENTRY_KEYS, "", where, ind, problems):
        return None
    if not ID_PATTERN.match(ind) or len(ind) > c.MAX_ID:
        problems.add(where, ind, "id", f"must match [a-z0-9_]+ and have at most {c.MAX_ID} characters")
    for key in ("group", "name", "unit", "definition"):
        if not nonempty(entry[key]):
            problems.add(where, ind, key, "must not be empty")
    if entry.get("default_chart", "line") not in c.CHART_KINDS:
        problems.add(where, ind, "default_chart", f"must be one of {', '.join(c.CHART_KINDS)}")
    if entry.get("kind", "level") not in c.INDICATOR_KINDS:
        problems.add(where, ind, "kind", f"must be one of {', '.join(c.INDICATOR_KINDS)} "
                     "(rate: the values are themselves a rate of change, e.g. annual % growth)")
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
        spec = parse_wdi(entry, dimension, where, ind, problems)
    elif kind == "owid":
        spec = parse_owid(entry, dimension, where, ind, problems)
    elif kind in ("official", "provincial"):
        spec = parse_official(entry, kind, dimension, where, ind, problems)
    else:
        spec = parse_facts(entry, dimension, where, ind, problems)
    if spec is not None:
        for key in ("source", "source_url", "source_codes", "licence"):
            if key == "source_url" and kind in ("facts", "official"):
                continue
            if not nonempty(getattr(spec.meta, key)):
                problems.add(where, ind, key, "must not be empty")
    if "check" in entry and spec is not None:
        check_table(entry["check"], CHECK_KEYS, "check.", where, ind, problems)
        spec = replace(spec, check=dict(entry["check"]))
    return spec if len(problems.items) == before else None


def _geography(entry: dict[str, Any], kind: str, where: str, ind: str, problems: Problems) -> None:
    geo = entry.get("geography", "country")
    if geo not in c.GEOGRAPHIES:
        problems.add(where, ind, "geography", f"must be one of {', '.join(c.GEOGRAPHIES)}")
    elif (geo == "province") != (kind == "provincial"):
        problems.add(where, ind, "geography", "'province' exactly for [indicator.provincial] entries")
    if ("counterpart" in entry) != ("counterpart_note" in entry) or (
            "counterpart" in entry and not (nonempty(entry["counterpart"]) and nonempty(entry["counterpart_note"]))):
        problems.add(where, ind, "counterpart", "counterpart and counterpart_note go together, both non-empty")


def load_file(path: Path, problems: Problems | None = None) -> list[Spec]:
    """Specs of one ``<dimension>.toml``; raises :class:`ContentError` unless ``problems`` collects them."""
    own = problems is None
    problems = problems if problems is not None else Problems()
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
        for entry in tables(doc, "indicator", where, problems):
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
    problems = Problems()
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


def _check_counterparts(specs: list[Spec], files: dict[str, str], problems: Problems) -> None:
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

