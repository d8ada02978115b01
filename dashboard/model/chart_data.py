"""The data each chart shows, computed from the store and one view state.

These functions are the only place where a view state meets the data: the figure, the
table under it and its CSV download are all built from the frame they return, so the
three can never disagree.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.i18n_content import value_scale
from dashboard.data.labels import region_name, sector_name
from dashboard.data.store import DataStore
from dashboard.model.catalog import indicator_meta
from dashboard.model.state import ViewState
from dashboard.model.transforms import apply_transform, compare_rows, compare_years, complete_years, str_array, transform_lists

COLUMNS = ["region", "sector", "year", "value", "flag"]
#: the time series also carries each row's source vintage: a change of vintage breaks the line
#: (figures/segments.py) and the CSV names the vintage of every value
TS_COLUMNS = COLUMNS + ["note", "source_vintage"]


_EMPTY = pd.DataFrame(columns=COLUMNS)


def empty_frame() -> pd.DataFrame:
    """A chart frame with no rows (the columns of :data:`COLUMNS`); a new frame each call."""
    return _EMPTY.copy()


def _selection(store: DataStore, state: ViewState, sectors: tuple[str, ...]) -> pd.DataFrame:
    if not state.regions or not sectors:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else "object")
                             for c in COLUMNS + ["source_vintage"]})
    frame = store.query(state.indicator, regions=list(state.regions), sectors=list(sectors))[COLUMNS + ["source_vintage"]]
    return _scaled(store, state.indicator, frame)


def _scaled(store: DataStore, indicator: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Values in the display unit of the current language (e.g. billion yuan -> 亿元 ×10 in Chinese;
    the rule is content: ``content/i18n/indicators.zh.toml`` [units])."""
    factor = value_scale(str(store.catalog.loc[indicator, "unit"]))
    return frame if factor == 1.0 else frame.assign(value=frame["value"] * factor)


def _lists(store: DataStore, indicator: str, regions: tuple[str, ...],
           sectors: tuple[str, ...]) -> dict[str, list] | None:
    """The rows of :func:`_selection` (before any transform) as plain lists by column
    (:meth:`DataStore.series_lists`), values in the display unit; None when there are none or the
    store cannot give them as lists (then the pandas path runs).

    The fast path of the charts' level views (issue 14): a chart shows a few series of a few dozen
    years, where each pandas operation costs ~0.1-0.3 ms and the work itself microseconds."""
    if not regions or not sectors:
        return None
    cols = store.series_lists(indicator, regions, sectors)
    if cols is None or not cols["year"]:
        return None
    keys = list(zip(cols["region"], cols["sector"], cols["year"]))
    if any(a >= b for a, b in zip(keys, keys[1:])):
        return None  # not sorted by series and year (or a duplicate): the pandas path sorts it
    factor = value_scale(str(store.catalog.loc[indicator, "unit"]))
    if factor != 1.0:
        cols = {**cols, "value": [v * factor for v in cols["value"]]}
    return cols


def _frame(cols: dict[str, list], rows: list[int], names: list[str]) -> pd.DataFrame:
    """A frame of columns ``names`` holding ``rows`` of ``cols`` (plain lists, as :func:`_lists`
    gives), with the store's dtypes: ``year`` int32, ``value`` float64, text columns ``str``."""
    data: dict[str, Any] = {}
    for name in names:
        values = cols[name]
        if name == "year":
            data[name] = np.array([values[i] for i in rows], dtype="int32")
        elif name == "value":
            data[name] = np.array([values[i] for i in rows], dtype="float64")
        else:
            data[name] = str_array([values[i] for i in rows])
    return pd.DataFrame(data, copy=False)


def _state_order(state: ViewState, regions: list[str], sectors: list[str], years: list[int],
                 rows: Any) -> list[int]:
    """``rows`` (indices) ordered by the state's region order, then its sector order, then year (stable)."""
    r = {x: i for i, x in enumerate(state.regions)}
    s = {x: i for i, x in enumerate(state.sectors)}
    return sorted(rows, key=lambda i: (r.get(regions[i], len(r)), s.get(sectors[i], len(s)), years[i]))


def _selected(store: DataStore, state: ViewState, share: bool) -> pd.DataFrame:
    """The selected series; with ``share``, each sector's share of its stack's total
    (computed over all the stack's parts, then cut back to the selected sectors)."""
    meta = indicator_meta(store, state.indicator)
    if not share:
        return _selection(store, state, state.sectors)
    frame = _selection(store, state, tuple(dict.fromkeys(meta.stack_sectors + state.sectors)))
    if frame.empty:
        return frame
    frame = apply_transform(frame, "share", parts=list(meta.stack_sectors))
    return frame[frame["sector"].isin(state.sectors)]


def timeseries_data(store: DataStore, state: ViewState, id_column: bool = False) -> pd.DataFrame:
    """Rows drawn by the time-series chart: transformed, then cut to the year range.

    Columns :data:`TS_COLUMNS`: ``note`` says why a value is n/a (``""`` otherwise, see
    :func:`dashboard.model.transforms.base_note`), ``source_vintage`` is the row's raw source.
    With ``id_column``, first a column ``indicator_id`` holding ``state.indicator`` (the rows of
    :func:`dashboard.model.overlay.timeseries_with_overlay` without a counterpart).
    """
    if state.transform in ("level", "yoy", "index"):
        cols = _lists(store, state.indicator, state.regions, state.sectors)
        if cols is not None and state.transform != "level":
            cols = transform_lists(cols, state.transform, state.base_year)
        if cols is not None and cols["year"]:  # the fast path: the same rows as below, in plain lists
            years = cols["year"]
            keep = [i for i, y in enumerate(years) if state.start <= y <= state.end]
            order = _state_order(state, cols["region"], cols["sector"], years, keep)
            cols = {"note": [""] * len(years), **cols, "indicator_id": [state.indicator] * len(years)}
            return _frame(cols, order, (["indicator_id"] if id_column else []) + TS_COLUMNS)
    frame = _timeseries(store, state)
    if id_column:
        frame = frame.copy(deep=False)
        frame.insert(0, "indicator_id", state.indicator)
    return frame


def _timeseries(store: DataStore, state: ViewState) -> pd.DataFrame:
    share = state.transform == "share"
    frame = _selected(store, state, share)
    if frame.empty:
        return frame
    if not share:
        frame = apply_transform(frame, state.transform, base_year=state.base_year)
    if "note" not in frame.columns:
        frame = frame.assign(note="")  # n/a reason (transforms.base_note)
    years = frame["year"].to_numpy()
    return _in_state_order(frame[TS_COLUMNS], state, (years >= state.start) & (years <= state.end))


def _in_state_order(frame: pd.DataFrame, state: ViewState, keep: Any = None) -> pd.DataFrame:
    """Rows ordered by the state's region order, then its sector order, then year; only the rows
    where the boolean array ``keep`` is true, if given (one ``take`` for both)."""
    r = {x: i for i, x in enumerate(state.regions)}
    s = {x: i for i, x in enumerate(state.sectors)}
    regions, sectors = frame["region"].tolist(), frame["sector"].tolist()
    years = frame["year"].tolist() if "year" in frame.columns else [0] * len(regions)
    rows = range(len(regions)) if keep is None else [i for i, k in enumerate(keep.tolist()) if k]
    order = sorted(rows, key=lambda i: (r.get(regions[i], len(r)), s.get(sectors[i], len(s)), years[i]))
    return frame.take(order).reset_index(drop=True)


def compare_data(store: DataStore, state: ViewState) -> pd.DataFrame:
    """Two-year comparison per selected series, in levels (or shares under the share transform)."""
    share = state.transform == "share"
    cols = None if share else _lists(store, state.indicator, state.regions, state.sectors)
    if cols is not None:  # the fast path: the same rows as below, in plain lists
        order = _state_order(state, cols["region"], cols["sector"], cols["year"], range(len(cols["year"])))
        return compare_rows([cols["region"][i] for i in order], [cols["sector"][i] for i in order],
                            [cols["year"][i] for i in order], [cols["value"][i] for i in order],
                            state.year_a, state.year_b)
    frame = _selected(store, state, share)
    return _in_state_order(compare_years(frame, state.year_a, state.year_b), state)


def selection_years(store: DataStore, state: ViewState) -> list[int]:
    """The sorted years in which at least one selected series (regions x sectors; shares under
    the share transform) has a value; ``[]`` for an empty selection."""
    frame = _selected(store, state, state.transform == "share")
    if frame.empty:
        return []
    return sorted({int(y) for y in frame.loc[frame["value"].notna(), "year"]})


def composition_region(state: ViewState) -> str | None:
    if not state.regions:
        return None
    return "CHN" if "CHN" in state.regions else state.regions[0]


def composition_data(store: DataStore, state: ViewState) -> pd.DataFrame:
    """Stacked parts of the total for one region (China if selected), in the year range."""
    meta = indicator_meta(store, state.indicator)
    region = composition_region(state)
    if not meta.stack_sectors or region is None:
        return empty_frame()
    cols = _lists(store, state.indicator, (region,), meta.stack_sectors) if state.stack != "percent" else None
    if cols is not None:  # the fast path (absolute stack): the same rows as below, in plain lists
        sectors, years = cols["sector"], cols["year"]
        keep = [i for i, y in enumerate(years) if state.start <= y <= state.end]
        expected = len({sectors[i] for i in keep})  # complete_years: the parts the region reports
        have: dict[int, int] = {}
        for i in keep:
            have[years[i]] = have.get(years[i], 0) + 1
        rank = {s: i for i, s in enumerate(meta.stack_sectors)}
        rows = sorted((i for i in keep if have[years[i]] == expected), key=lambda i: (rank[sectors[i]], years[i]))
        return _frame(cols, rows, COLUMNS)
    frame = store.query(state.indicator, regions=[region], sectors=list(meta.stack_sectors))[COLUMNS]
    frame = _scaled(store, state.indicator, frame)
    frame = frame[(frame["year"] >= state.start) & (frame["year"] <= state.end)]
    if state.stack == "percent":
        frame = apply_transform(frame, "share", parts=list(meta.stack_sectors))
    else:
        # keep only complete years so the stack's height is a real total
        frame = complete_years(frame, list(meta.stack_sectors))
    order = {s: i for i, s in enumerate(meta.stack_sectors)}
    frame = frame.assign(_o=frame["sector"].map(order)).sort_values(["_o", "year"]).drop(columns="_o")
    return frame[COLUMNS].reset_index(drop=True)


def export_unit(meta: Mapping[str, Any], state: ViewState, chart: str) -> str:
    """The unit of the values chart ``chart`` ("timeseries", "compare", "composition") shows for
    ``state``: the indicator's, or that of its transform ("% change on previous year", ...)."""
    unit = str(meta["unit"])
    if chart == "timeseries":
        if state.transform == "yoy":
            unit = _("% change on previous year")
        elif state.transform == "index":
            unit = _("index, {year} = 100").format(year=state.base_year)
        elif state.transform == "share":
            unit = _("% of total")
    elif chart == "composition" and state.stack == "percent":
        unit = _("% of total")
    elif chart == "compare" and state.transform == "share":
        unit = _("% of total")
    return unit


def export_frame(data: pd.DataFrame, meta: Mapping[str, Any], state: ViewState, chart: str) -> pd.DataFrame:
    """A tidy, self-describing copy of a chart's data for CSV download and the data table."""
    unit = export_unit(meta, state, chart)
    out = data.copy()
    if "indicator_id" not in out.columns:  # a time series with an overlay names each row's indicator
        out.insert(0, "indicator_id", meta["indicator_id"])
    out.insert(2, "region_name", out["region"].map(region_name))
    out.insert(4, "sector_name", out["sector"].map(sector_name))
    if chart in ("timeseries", "compare") and "note" not in out.columns:
        out["note"] = ""  # why a value is n/a (empty value in the CSV), see transforms.base_note
    out["unit"] = unit
    return out
