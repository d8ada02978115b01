"""Plausibility gate: every series checked against its indicator's rules before anything is written.

Rules (keys of an indicator's ``[indicator.check]`` table in ``dashboard/content/indicators/*.toml``; a key left
out takes the default of the indicator's unit, :func:`rules_for`):

* ``min`` / ``max`` - the credible range (``min = -inf`` allows negative values). Default: ``0`` and, for a
  share (unit starting ``% of``), ``100``; no maximum otherwise.
* ``max_step`` - largest credible change between two consecutive years, in the unit (percentage points for a
  share). Default ``20`` for units starting with ``%``, none otherwise.
* ``max_ratio`` - largest credible factor between two consecutive years' positive values (3 = tripling or falling
  to a third). Default ``3`` for units not starting with ``%``, none for percentages.
* ``jump_floor`` - jumps are judged only where both values are at least this fraction of the series' largest
  absolute value (default ``0.05``), so that the first steps of a new technology from a tiny base are not jumps.
* ``zero_runs`` - true if exact zeros after a non-zero value are credible. Default false: such zeros are what a
  source writes where it has no value (e.g. WDI EG.USE.COMM.FO.ZS, China and Germany from 2016).
* A unit such as ``% per year`` (a growth rate) has no range and no jump check by default.

Kinds of violation: ``zero_run``, ``below_min``, ``above_max``, ``jump`` (a change beyond ``max_step`` or
``max_ratio``; reported on the later year). Consecutive means calendar years ``t-1`` and ``t``; a gap breaks the
comparison. A violation must be covered by a written exception (``dashboard/content/exceptions.toml``, see
:mod:`dashboard.data.content`), otherwise the build fails with the list.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

VIOLATION_COLUMNS = ["indicator_id", "region", "sector", "year", "kind", "value", "detail"]


def rules_for(unit: str, check: dict | None = None) -> dict[str, float | bool]:
    """Rules of one indicator: the unit's defaults overridden by its ``check`` table.

    Returns keys ``min``, ``max``, ``max_step``, ``max_ratio``, ``jump_floor`` (floats; ``inf`` = no limit) and
    ``zero_runs``.
    """
    u = unit.strip().lower()
    rules: dict[str, float | bool] = {"min": 0.0, "max": math.inf, "max_step": math.inf, "max_ratio": 3.0,
                                      "jump_floor": 0.05, "zero_runs": False}
    if u.startswith("%"):
        rules.update(max_ratio=math.inf, max_step=20.0)
        if u.startswith("% of"):
            rules["max"] = 100.0
        if "per year" in u or "annual" in u or "change" in u:
            rules.update(min=-math.inf, max_step=math.inf)
    for key, value in (check or {}).items():
        rules[key] = bool(value) if key == "zero_runs" else float(value)
    return rules


def check_series(indicator_id: str, rows: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """Violations in ``rows`` (columns region, sector, year, value) of one indicator under ``rules``.

    Returns a frame with :data:`VIOLATION_COLUMNS`, one row per point and kind, sorted by region, sector, year.
    """
    out: list[dict] = []

    def add(r, kind: str, detail: str) -> None:
        out.append({"indicator_id": indicator_id, "region": r.region, "sector": r.sector, "year": int(r.year),
                    "kind": kind, "value": float(r.value), "detail": detail})

    for (_, _), g in rows.sort_values(["region", "sector", "year"]).groupby(["region", "sector"], sort=True):
        seen_nonzero = False
        prev = None
        floor = rules["jump_floor"] * float(g["value"].abs().max())
        for r in g.itertuples(index=False):
            v = float(r.value)
            if v == 0.0 and seen_nonzero and not rules["zero_runs"]:
                add(r, "zero_run", "exact zero after a non-zero value (a source's missing value)")
            elif v < rules["min"]:
                add(r, "below_min", f"{v:g} < {rules['min']:g}")
            elif v > rules["max"]:
                add(r, "above_max", f"{v:g} > {rules['max']:g}")
            if v != 0.0:
                seen_nonzero = True
            if (prev is not None and int(r.year) == int(prev.year) + 1 and v != 0.0 and float(prev.value) != 0.0
                    and min(abs(v), abs(float(prev.value))) >= floor):
                p = float(prev.value)
                step = abs(v - p)
                ratio = max(v / p, p / v) if v > 0 and p > 0 else np.nan
                if step > rules["max_step"]:
                    add(r, "jump", f"{p:g} -> {v:g} ({v - p:+g}, limit {rules['max_step']:g})")
                elif ratio == ratio and ratio > rules["max_ratio"]:
                    add(r, "jump", f"{p:g} -> {v:g} (x{v / p:.3g}, limit x{rules['max_ratio']:g})")
            prev = r
    return pd.DataFrame(out, columns=VIOLATION_COLUMNS)


def _matches(exc, rows: pd.DataFrame) -> pd.Series:
    """Boolean mask of the rows (region, sector, year, source_vintage) an exception's scope covers."""
    m = pd.Series(True, index=rows.index)
    if exc.regions is not None:
        m &= rows["region"].isin(exc.regions)
    if exc.sectors is not None:
        m &= rows["sector"].isin(exc.sectors)
    if exc.from_year is not None:
        m &= rows["year"] >= exc.from_year
    if exc.to_year is not None:
        m &= rows["year"] <= exc.to_year
    if exc.vintage is not None:
        m &= rows["source_vintage"].astype(str).str.startswith(exc.vintage)
    return m


def _keys(df: pd.DataFrame) -> pd.Series:
    return df["region"].astype(str) + "|" + df["sector"].astype(str) + "|" + df["year"].astype(str)


def apply_gate(indicator_id: str, rows: pd.DataFrame, rules: dict, exceptions: list) -> tuple[pd.DataFrame, list]:
    """Check one indicator's rows and apply its written exceptions.

    ``rows``: observation frame (region, sector, year, value, flag, source_vintage). ``exceptions``: the
    :class:`dashboard.data.content.GateException` of this indicator. Returns (kept rows, log) where log holds one
    ``(exception, action, points)`` per exception, ``points`` being the sorted "REGION sector year" strings it
    dropped or flagged. Raises ``ValueError`` listing every violation no exception covers, or an exception that
    matches no point (a stale rule).
    """
    log = []
    violations = check_series(indicator_id, rows, rules)
    for exc in (e for e in exceptions if e.action == "drop"):
        mask = _matches(exc, rows)
        if exc.kinds is not None:
            bad = violations[violations["kind"].isin(exc.kinds)]
            mask &= _keys(rows).isin(set(_keys(bad)))
        log.append((exc, "drop", _points(rows[mask])))
        rows = rows[~mask]
    violations = check_series(indicator_id, rows, rules)
    covered = pd.Series(False, index=violations.index)
    for exc in (e for e in exceptions if e.action == "flag"):
        mask = _matches(exc, rows)
        if exc.kinds is not None:
            bad = violations[violations["kind"].isin(exc.kinds)]
            mask &= _keys(rows).isin(set(_keys(bad)))
        hit = set(_keys(rows[mask]))
        scope = violations if exc.kinds is None else violations[violations["kind"].isin(exc.kinds)]
        covered |= _keys(violations).isin(hit) & violations.index.isin(scope.index)
        log.append((exc, "flag", _points(rows[mask])))
    problems = [f"{indicator_id} {r.region} {r.sector} {r.year}: {r.kind} ({r.detail})"
                for r in violations[~covered].itertuples(index=False)]
    problems += [f"{indicator_id}: exception '{exc.reason[:60]}...' ({action}) matches no point"
                 for exc, action, points in log if not points]
    if problems:
        raise ValueError("\n".join(problems))
    return rows, log


def _points(rows: pd.DataFrame) -> list[str]:
    return sorted(f"{r.region} {r.sector} {r.year}" for r in rows.itertuples(index=False))
