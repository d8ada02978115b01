"""Written exceptions to the plausibility gate: ``dashboard/content/exceptions.toml`` (:func:`load_exceptions`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .schema import KeyTable, Problems, check_table, nonempty, read_toml, tables
from .specs import CONTENT_DIR, ContentError

EXCEPTIONS_FILE = CONTENT_DIR / "exceptions.toml"
EXCEPTION_ACTIONS = ("drop", "flag")
VIOLATION_KINDS = ("zero_run", "below_min", "above_max", "jump")
EXCEPTION_KEYS: KeyTable = {"indicator": ("str", True), "action": ("str", True), "reason": ("str", True),
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
    problems = Problems()
    doc = read_toml(path)
    extra = sorted(set(doc) - {"exception"})
    if extra:
        problems.add(where, "-", ", ".join(extra), "unknown top-level key (only [[exception]] tables)")
    out = []
    for i, e in enumerate(tables(doc, "exception", where, problems)):
        ind = f"{e.get('indicator', '?')} (exception {i + 1})"
        if not check_table(e, EXCEPTION_KEYS, "", where, ind, problems):
            continue
        if e["action"] not in EXCEPTION_ACTIONS:
            problems.add(where, ind, "action", f"must be one of {', '.join(EXCEPTION_ACTIONS)}")
        if not nonempty(e["reason"]):
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
