"""Pure transforms of long observation frames (FRED's order: select, transform, combine).

Every function takes a frame with at least ``region``, ``sector``, ``year`` and ``value``
columns (one row per series-year) and returns a new frame; nothing is mutated in place.
A *series* is one (region, sector) pair.

Changes from a non-positive base (the rule, README "Changes from a zero or negative base"):
a percent change, an index or a CAGR whose base value is zero or negative is not a
percentage (from -25 to +20 is not "-179 %"). Such points keep their row with value NaN and
a ``note`` column saying why (see :func:`base_note`); they are never given a number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.data.i18n import N_, _

SERIES = ["region", "sector"]

TRANSFORMS: dict[str, str] = {
    "level": N_("Level"),
    "yoy": N_("Year-on-year %"),
    "index": N_("Index (base = 100)"),
    "share": N_("Share of total %"),
}


#: the English texts (``N_``: translated where shown, with ``_(NA_BASE)``); a note made by
#: :func:`base_note` starts with the translation of NA_BASE in the current language
NA_BASE = N_("n/a: base ≤ 0")
NA_END = N_("n/a: end value ≤ 0")
#: the note of a comparison of an indicator that is itself a rate of change (:func:`rate_changes`)
NA_RATE = N_("n/a: a rate of change has no % change or CAGR; its change is in percentage points")


def _num(value: float) -> str:
    """A short, plain rendering of a value for notes (4 significant digits, no exponent below 1e6)."""
    if abs(value) >= 1e6:
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def base_note(base: float, year: int | None = None) -> str:
    """Why a change from ``base`` (the value in ``year``) is not a percentage, or ``""`` if it is.

    ``"n/a: base ≤ 0 (2018 value is negative: -25.06)"``, ``"n/a: base ≤ 0 (2018 value is
    zero)"``; the text starts with :data:`NA_BASE` so a program can test for it. A NaN base
    gives ``""`` (a missing base is a gap, not a non-positive base).
    """
    if base is None or not math.isfinite(base) or base > 0:
        return ""
    na = _(NA_BASE)
    if year is None:
        if base == 0:
            return _("{na} (base value is zero)").format(na=na)
        return _("{na} (base value is negative: {value})").format(na=na, value=_num(base))
    if base == 0:
        return _("{na} ({year} value is zero)").format(na=na, year=year)
    return _("{na} ({year} value is negative: {value})").format(na=na, year=year, value=_num(base))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` sorted by series and year with a fresh index (a new frame: callers change theirs).
    The store's rows usually come sorted already; checking that over plain lists costs far less
    than a sort."""
    keys = list(zip(*(frame[c].tolist() for c in SERIES + ["year"])))
    try:
        if all(a <= b for a, b in zip(keys, keys[1:])):
            return frame.reset_index(drop=True)
    except TypeError:  # keys that do not compare (a missing value): let pandas sort them
        pass
    return frame.sort_values(SERIES + ["year"], kind="stable").reset_index(drop=True)


def yoy_pct(frame: pd.DataFrame) -> pd.DataFrame:
    """Percent change on the previous calendar year of the same series.

    Returns the input's columns plus ``note`` (str). A year whose previous year is missing
    (a gap) gets no row: nothing is interpolated. A year whose previous value is zero or
    negative keeps its row with value NaN and ``note`` = :func:`base_note` of that value;
    every other row has ``note == ""``.
    """
    out = _sorted(frame)
    prev = out.groupby(SERIES, sort=False)[["year", "value"]].shift(1)
    consecutive = (prev["year"] == out["year"] - 1) & prev["value"].notna()
    positive = consecutive & (prev["value"] > 0)
    pct = (out["value"] / prev["value"].where(positive) - 1.0) * 100.0
    notes = [base_note(float(v), int(y)) if ok and not good else ""
             for v, y, ok, good in zip(prev["value"].tolist(), prev["year"].tolist(),
                                       consecutive.tolist(), positive.tolist())]
    out["value"] = pct
    out["note"] = notes
    return out[positive | (out["note"] != "")].reset_index(drop=True)


def index_to_base(frame: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each series divided by its own value in ``base_year``, times 100.

    Returns the input's columns plus ``note`` (str). Series with no value in the base year
    are dropped (nothing is guessed). A series whose base-year value is zero or negative
    keeps its rows with value NaN and ``note`` = :func:`base_note` (an index from a
    non-positive base is not defined); other rows have ``note == ""``.
    """
    out = _sorted(frame)
    base = out.loc[out["year"] == base_year, SERIES + ["value"]].rename(columns={"value": "_base"})
    base = base.drop_duplicates(SERIES)
    out = out.merge(base, on=SERIES, how="inner")
    positive = out["_base"] > 0
    out["value"] = (out["value"] / out["_base"].where(positive) * 100.0)
    out["note"] = [("" if ok else base_note(float(b), base_year))
                   for b, ok in zip(out["_base"].tolist(), positive.tolist())]
    return out.drop(columns="_base")


def transform_lists(cols: Mapping[str, list], transform: str, base_year: int) -> dict[str, list]:
    """:func:`yoy_pct` (``"yoy"``) or :func:`index_to_base` (``"index"``) of rows given as plain lists
    by column (at least region, sector, year, value; every column is carried along), sorted by
    series and year: the same rows, values and ``note`` as those functions give, as lists. For the
    charts' few series of a few dozen years (issue 14); the frame functions are the reference
    (a unit test holds the two equal). Raises ``ValueError`` for another transform."""
    regions, sectors, years, values = cols["region"], cols["sector"], cols["year"], cols["value"]
    keep: list[int] = []
    out: list[float] = []
    notes: list[str] = []
    if transform == "yoy":
        for i in range(len(years)):
            if (i == 0 or regions[i] != regions[i - 1] or sectors[i] != sectors[i - 1]
                    or years[i - 1] != years[i] - 1 or values[i - 1] != values[i - 1]):
                continue  # no previous calendar year with a value in the series: no row
            prev = values[i - 1]
            keep.append(i)
            out.append((values[i] / prev - 1.0) * 100.0 if prev > 0 else math.nan)
            notes.append("" if prev > 0 else base_note(float(prev), int(years[i - 1])))
        rows = [(i, v, n) for i, v, n in zip(keep, out, notes) if values[i - 1] > 0 or n != ""]
    elif transform == "index":
        base: dict[tuple[str, str], float] = {}
        for r, s, y, v in zip(regions, sectors, years, values):
            if y == base_year:
                base.setdefault((r, s), v)
        rows = []
        for i, key in enumerate(zip(regions, sectors)):
            if key in base:
                b = base[key]
                rows.append((i, values[i] / b * 100.0 if b > 0 else math.nan, "" if b > 0 else base_note(float(b), base_year)))
    else:
        raise ValueError(f"transform_lists handles yoy and index, not {transform!r}")
    new = {name: [col[i] for i, _v, _n in rows] for name, col in cols.items()}
    new["value"] = [v for _i, v, _n in rows]
    new["note"] = [n for _i, _v, n in rows]
    return new


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
    """Compound annual growth rate in percent, ``((last/first)**(1/years) - 1) * 100``.

    NaN where it is not defined: ``years <= 0``, a non-finite value, or ``first`` or
    ``last`` zero or negative (see :func:`change_notes` for the reason shown to users).
    """
    if years <= 0 or not (first > 0 and last > 0) or not math.isfinite(first) or not math.isfinite(last):
        return float("nan")
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def change_notes(first: float, last: float, year_first: int | None = None) -> tuple[str, str]:
    """(note on the % change, note on the CAGR) from ``first`` to ``last``; ``""`` where defined.

    A % change needs ``first > 0``; a CAGR needs both values > 0. The % change note is
    :func:`base_note`; the CAGR note is that, or :data:`NA_END` when only ``last`` is <= 0.
    """
    pct = base_note(first, year_first)
    if pct:
        return pct, pct
    if last is not None and math.isfinite(last) and last <= 0:
        return "", _(NA_END)
    return "", ""


def compare_years(frame: pd.DataFrame, year_a: int, year_b: int) -> pd.DataFrame:
    """One row per series with values in two years and the change between them.

    Columns: region, sector, value_a, value_b, abs_change, pct_change, cagr, year_a, year_b,
    note. Years are put in order (a earlier than b). Series missing either year are dropped.
    Series keep the order in which they first appear in ``frame``. ``pct_change`` is NaN
    when ``value_a <= 0`` and ``cagr`` when either value is <= 0; ``note`` then says why
    (the CAGR's reason when only it is undefined, see :func:`change_notes`), else ``""``.
    """
    if int(year_a) == int(year_b) or frame.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    return compare_rows(frame["region"].tolist(), frame["sector"].tolist(), frame["year"].tolist(),
                        frame["value"].tolist(), year_a, year_b)


#: the columns of :func:`compare_years`, in order
COMPARE_COLUMNS = ["region", "sector", "value_a", "value_b", "abs_change", "pct_change", "cagr", "year_a",
                   "year_b", "note"]


def compare_rows(regions: Sequence[str], sectors: Sequence[str], years: Sequence[int], values: Sequence[float],
                 year_a: int, year_b: int) -> pd.DataFrame:
    """:func:`compare_years` of the rows given as four equally long columns (plain sequences; the
    same rows in the same order give the same frame). For callers that hold a selection as lists
    (:func:`dashboard.model.chart_data.compare_data`), where building a frame only to read its
    columns back costs more than the comparison."""
    a, b = sorted((int(year_a), int(year_b)))
    cols = COMPARE_COLUMNS
    if a == b or not years:
        return pd.DataFrame(columns=cols)
    first: dict = {}
    last: dict = {}
    for region, sector, year, value in zip(regions, sectors, years, values):
        if year == a or year == b:
            (first if year == a else last).setdefault((region, sector), value)
    keys = [k for k in first if k in last]
    if not keys:
        return pd.DataFrame(columns=cols)
    va = np.array([first[k] for k in keys], dtype="float64")
    vb = np.array([last[k] for k in keys], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(va > 0, (vb / va - 1.0) * 100.0, np.nan)
    notes = [change_notes(x, y, a) for x, y in zip(va.tolist(), vb.tolist())]
    return pd.DataFrame({
        "region": str_array([k[0] for k in keys]),
        "sector": str_array([k[1] for k in keys]),
        "value_a": va,
        "value_b": vb,
        "abs_change": vb - va,
        "pct_change": pct,
        "cagr": np.array([cagr(x, y, b - a) for x, y in zip(va.tolist(), vb.tolist())], dtype="float64"),
        "year_a": np.full(len(keys), a, dtype="int64"),
        "year_b": np.full(len(keys), b, dtype="int64"),
        "note": str_array([p or c for p, c in notes]),
    }, copy=False)  # in the order of ``cols``


def rate_changes(cmp: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_years` output of an indicator that is itself a rate of change (catalog
    ``kind = "rate"``, e.g. real GDP growth in % per year): ``abs_change`` kept (the difference of two
    rates, in percentage points), ``pct_change`` and ``cagr`` NaN and ``note`` the translation of
    :data:`NA_RATE`. A % change of a growth rate (from 2.0 to 3.0 % a year is "+50 %") or its CAGR
    means nothing, as its index does (README, "rate of change"); an empty frame is returned as it is."""
    if cmp.empty:
        return cmp
    nan = np.full(len(cmp), np.nan)
    return cmp.assign(pct_change=nan, cagr=nan, note=str_array([_(NA_RATE)] * len(cmp)))


#: pandas' default string dtype ("str"; Arrow-backed, pyarrow is a dependency)
STR_DTYPE = pd.StringDtype(na_value=np.nan)


def str_array(values: Sequence[str]) -> pd.api.extensions.ExtensionArray:
    """A column of ``values`` (str) in pandas' default string dtype, built straight from Arrow:
    what ``pd.array(values, dtype="str")`` gives at half its cost (its checks dominate for a chart's
    few dozen values; issue 14)."""
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=STR_DTYPE)


def latest_change(frame: pd.DataFrame, since: int = 2012) -> dict | None:
    """Latest value of a single series and its change since ``since`` (or its first year after).

    Used by the overview cards. Returns None for an empty frame. Keys: year, value, flag,
    base_year, base_value, abs_change, pct_change, note. ``pct_change`` is NaN when the base
    value is zero or negative, and ``note`` says why (:func:`base_note`); else ``note == ""``.
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
    result["note"] = ""
    if result["base_year"] == result["year"]:
        result["abs_change"] = float("nan")
        result["pct_change"] = float("nan")
    else:
        result["abs_change"] = result["value"] - result["base_value"]
        result["note"] = base_note(float(first["value"]), int(first["year"]))
        result["pct_change"] = (
            (result["value"] / result["base_value"] - 1.0) * 100.0 if result["base_value"] > 0 else float("nan")
        )
    return result
