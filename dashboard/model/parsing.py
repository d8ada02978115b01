"""Parsing of untrusted view-state values (URL strings or callback JSON values) into typed values.

Each helper returns the typed value or None when the input is not acceptable; the caller
(:func:`dashboard.model.state.normalize`, :mod:`dashboard.model.province_data`) turns None into a
default and a notice.
"""

from __future__ import annotations

from typing import Any

from dashboard.model.links import split_list

#: most items a list value may carry before parsing gives up (ten times the region limit)
MAX_LIST_ITEMS = 100


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) <= 6:
        return int(value.strip())
    return None


def _as_list(value: Any) -> list[str] | None:
    """A list of short strings from a link or payload list (see :func:`~dashboard.model.links.split_list`)."""
    return split_list(value, MAX_LIST_ITEMS)


def _as_range(value: Any) -> tuple[int, int] | None:
    if isinstance(value, str):
        parts = value.split("..")
        if len(parts) != 2:
            return None
        value = parts
    if isinstance(value, (list, tuple)) and len(value) == 2:
        a, b = _as_int(value[0]), _as_int(value[1])
        if a is None or b is None:
            return None
        return (a, b) if a <= b else (b, a)
    return None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (list, tuple)):  # dbc.Checklist / dcc.Checklist payload
        return len(value) > 0
    if isinstance(value, str):
        v = value.strip().lower()
        if v in {"1", "true", "yes", "on"}:
            return True
        if v in {"0", "false", "no", "off", ""}:
            return False
    if isinstance(value, int):
        return bool(value)
    return None


def _clamp(year: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, year))
