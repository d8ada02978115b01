"""Old indicator ids kept working in shared links: ``dashboard/content/aliases.toml`` (:func:`load_aliases`)."""

from __future__ import annotations

from pathlib import Path

from .indicators import load_indicators
from .schema import KeyTable, Problems, check_table, nonempty, read_toml, tables
from .specs import CONTENT_DIR, ID_PATTERN, ContentError

ALIASES_FILE = CONTENT_DIR / "aliases.toml"
ALIAS_KEYS: KeyTable = {"old": ("str", True), "new": ("str", True), "reason": ("str", True)}


def load_aliases(path: Path = ALIASES_FILE, indicator_ids: set[str] | None = None) -> dict[str, str]:
    """Old indicator id -> current id, from ``aliases.toml`` (``[[alias]]`` tables: old, new, reason).

    Rules: ``old`` is a slug that is no longer an indicator id; ``new`` is one (checked when
    ``indicator_ids`` is given, default: the ids of :func:`load_indicators`); an old id appears once; no
    chains (a ``new`` is never an ``old``). Raises :class:`ContentError` naming the entry and field.
    """
    path = Path(path)
    where = str(path)
    problems = Problems()
    doc = read_toml(path)
    extra = sorted(set(doc) - {"alias"})
    if extra:
        problems.add(where, "-", ", ".join(extra), "unknown top-level key (only [[alias]] tables)")
    if indicator_ids is None:
        indicator_ids = {s.meta.id for s in load_indicators()}
    out: dict[str, str] = {}
    for i, a in enumerate(tables(doc, "alias", where, problems)):
        name = f"{a.get('old', '?')} (alias {i + 1})"
        if not check_table(a, ALIAS_KEYS, "", where, name, problems):
            continue
        if not ID_PATTERN.match(a["old"]) or a["old"] in indicator_ids:
            problems.add(where, name, "old", "must be a slug that is not a current indicator id")
        if a["new"] not in indicator_ids:
            problems.add(where, name, "new", "no such indicator in dashboard/content/indicators")
        if a["old"] in out:
            problems.add(where, name, "old", "given twice")
        if not nonempty(a["reason"]):
            problems.add(where, name, "reason", "must not be empty")
        out[a["old"]] = a["new"]
    chained = sorted(set(out) & set(out.values()))
    if chained:
        problems.add(where, ", ".join(chained), "new", "an alias target is itself an old id (no chains)")
    if problems.items:
        raise ContentError("invalid aliases:\n" + "\n".join(problems.items))
    return out

