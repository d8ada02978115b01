"""Pure transforms of long observation frames (FRED's order: select, transform, combine).

Every function takes a frame with at least ``region``, ``sector``, ``year`` and ``value``
columns (one row per series-year) and returns a new frame; nothing is mutated in place.
A *series* is one (region, sector) pair.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.data.i18n import N_

SERIES = ["region", "sector"]

TRANSFORMS: dict[str, str] = {
    "level": N_("Level"),
    "yoy": N_("Year-on-year %"),
    "index": N_("Index (base = 100)"),
    "share": N_("Share of total %"),
}


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(SERIES + ["year"], kind="stable").reset_index(drop=True)


def yoy_pct(frame: pd.DataFrame) -> pd.DataFrame:
    """Percent change on the previous calendar year of the same series.

    A year whose previous year is missing (a gap) or zero gets no value: the change is
    not defined, and nothing is interpolated.
    """
    out = _sorted(frame)
    prev = out.groupby(SERIES, sort=False)[["year", "value"]].shift(1)
    consecutive = prev["year"] == out["year"] - 1
    base = prev["value"].where(consecutive & (prev["value"] != 0))
    out["value"] = (out["value"] / base - 1.0) * 100.0
    return out.dropna(subset=["value"]).reset_index(drop=True)


def index_to_base(frame: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each series divided by its own value in ``base_year``, times 100.

    Series with no value (or a zero value) in the base year are dropped.
    """
    out = _sorted(frame)
    base = out.loc[out["year"] == base_year, SERIES + ["value"]].rename(columns={"value": "_base"})
    base = base[base["_base"] != 0]
    out = out.merge(base, on=SERIES, how="inner")
    out["value"] = out["value"] / out["_base"] * 100.0
    return out.drop(columns="_base")


def complete_years(frame: pd.DataFrame, parts: list[str]) -> pd.DataFrame:
    """Rows of ``parts`` in region-years where every part *that region reports at all* is present.

    A part a region never reports (say, "other renewables" for China) does not blank the
    whole stack; a part missing in one year does drop that year, so a total is never
    understated by a gap.
    """
    out = frame[frame["sector"].isin(parts)]
    expected = out.groupby("region")["sector"].transform("nunique")
    have = out.groupby(["region", "year"])["sector"].transform("count")
    return out[have == expected]


def share_of_total(frame: pd.DataFrame, parts: list[str]) -> pd.DataFrame:
    """Each part's share (%) of the sum of ``parts`` in the same region and year.

    Only complete region-years are kept (see :func:`complete_years`), so a missing part
    never inflates the others' shares.
    """
    out = complete_years(frame, parts)
    total = out.groupby(["region", "year"])["value"].transform("sum")
    out = out.assign(value=out["value"] / total * 100.0)
    out = out[total != 0]
    return _sorted(out)


def apply_transform(
    frame: pd.DataFrame, transform: str, *, base_year: int | None = None, parts: list[str] | None = None
) -> pd.DataFrame:
    """Apply one of :data:`TRANSFORMS` by name."""
    if transform == "level":
        return _sorted(frame)
    if transform == "yoy":
        return yoy_pct(frame)
    if transform == "index":
        if base_year is None:
            raise ValueError("index transform needs a base year")
        return index_to_base(frame, base_year)
    if transform == "share":
        if not parts:
            raise ValueError("share transform needs the parts of the total")
        return share_of_total(frame, parts)
    raise ValueError(f"unknown transform {transform!r}; expected one of {sorted(TRANSFORMS)}")


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate in percent; NaN where it is not defined."""
    if years <= 0 or not (first > 0 and last > 0) or not math.isfinite(first) or not math.isfinite(last):
        return float("nan")
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def compare_years(frame: pd.DataFrame, year_a: int, year_b: int) -> pd.DataFrame:
    """One row per series with values in two years and the change between them.

    Columns: region, sector, value_a, value_b, abs_change, pct_change, cagr, year_a, year_b.
    Years are put in order (a earlier than b). Series missing either year are dropped.
    Series keep the order in which they first appear in ``frame``.
    """
    a, b = sorted((int(year_a), int(year_b)))
    cols = ["region", "sector", "value_a", "value_b", "abs_change", "pct_change", "cagr", "year_a", "year_b"]
    if a == b or frame.empty:
        return pd.DataFrame(columns=cols)
    sub = frame[frame["year"].isin([a, b])]
    first: dict = {}
    last: dict = {}
    for region, sector, year, value in zip(sub["region"].tolist(), sub["sector"].tolist(),
                                           sub["year"].tolist(), sub["value"].tolist()):
        (first if year == a else last).setdefault((region, sector), value)
    keys = [k for k in first if k in last]
    if not keys:
        return pd.DataFrame(columns=cols)
    va = np.array([first[k] for k in keys], dtype="float64")
    vb = np.array([last[k] for k in keys], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(va != 0, (vb / va - 1.0) * 100.0, np.nan)
    return pd.DataFrame({
        "region": [k[0] for k in keys],
        "sector": [k[1] for k in keys],
        "value_a": va,
        "value_b": vb,
        "abs_change": vb - va,
        "pct_change": pct,
        "cagr": [cagr(x, y, b - a) for x, y in zip(va.tolist(), vb.tolist())],
        "year_a": a,
        "year_b": b,
    })[cols]


def latest_change(frame: pd.DataFrame, since: int = 2012) -> dict | None:
    """Latest value of a single series and its change since ``since`` (or its first year after).

    Used by the overview cards. Returns None for an empty frame.
    """
    if frame.empty:
        return None
    s = frame.sort_values("year")
    last = s.iloc[-1]
    earlier = s[s["year"] >= since]
    first = earlier.iloc[0] if not earlier.empty else s.iloc[0]
    result = {
        "year": int(last["year"]),
        "value": float(last["value"]),
        "flag": str(last["flag"]) if "flag" in s.columns else "observed",
        "base_year": int(first["year"]),
        "base_value": float(first["value"]),
    }
    if result["base_year"] == result["year"]:
        result["abs_change"] = float("nan")
        result["pct_change"] = float("nan")
    else:
        result["abs_change"] = result["value"] - result["base_value"]
        result["pct_change"] = (
            (result["value"] / result["base_value"] - 1.0) * 100.0 if result["base_value"] else float("nan")
        )
    return result
