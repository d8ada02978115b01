"""The checks every content table shares: key tables (key -> (type, required)), typed values, one problem list.

A content loader collects every problem of a file in a :class:`Problems` and raises
:class:`~dashboard.data.content.specs.ContentError` with all of them at the end, so an editor sees every fault
at once, each naming the file, the entry and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .specs import ContentError

#: key -> (type name of :data:`TYPES`, required) of one kind of table
KeyTable = dict[str, tuple[str, bool]]


class Problems:
    """The problems found so far, one message each: ``<file>: indicator '<id>': field '<key>': <what>``."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, ind: str, fld: str, msg: str) -> None:
        """Record one problem of file ``where``, entry ``ind`` (an indicator id or a label), key ``fld``."""
        self.items.append(f"{where}: indicator {ind!r}: field {fld!r}: {msg}")


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


#: type name -> (wording in messages, test of a TOML value)
TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
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


def check_table(table: dict[str, Any], keys: KeyTable, prefix: str, where: str, ind: str,
                problems: Problems) -> bool:
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
        label, test = TYPES[kind]
        if not test(table[key]):
            problems.add(where, ind, prefix + key, f"must be {label}, got {table[key]!r}")
            ok = False
    return ok


def nonempty(v: Any) -> bool:
    """True for a string with a non-blank character."""
    return isinstance(v, str) and v.strip() != ""


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document of ``path``; raises :class:`ContentError` naming the file if it cannot be read."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read as TOML: {exc}") from exc


def tables(doc: dict[str, Any], key: str, where: str, problems: Problems) -> list[dict[str, Any]]:
    """The ``[[key]]`` tables of ``doc`` (none if absent); anything else under ``key`` is a problem and skipped."""
    value = doc.get(key, [])
    if not isinstance(value, list):
        problems.add(where, "-", key, f"must be an array of tables [[{key}]]")
        return []
    out = []
    for i, t in enumerate(value):
        if isinstance(t, dict):
            out.append(t)
        else:
            problems.add(where, f"? ({key} {i + 1})", key, f"must be a table [[{key}]], got {t!r}")
    return out
