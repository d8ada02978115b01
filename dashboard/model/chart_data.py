"""The data each chart shows, computed from the store and one view state.

These functions are the only place where a view state meets the data: the figure, the
table under it and its CSV download are all built from the frame they return, so the
three can never disagree.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.i18n_content import value_scale
from dashboard.data.labels import region_name, sector_name
from dashboard.data.store import DataStore
from dashboard.model.catalog import indicator_meta
from dashboard.model.state import ViewState
from dashboard.model.transforms import apply_transform, compare_years, complete_years

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


def timeseries_data(store: DataStore, state: ViewState) -> pd.DataFrame:
    """Rows drawn by the time-series chart: transformed, then cut to the year range.

    Columns :data:`TS_COLUMNS`: ``note`` says why a value is n/a (``""`` otherwise, see
    :func:`dashboard.model.transforms.base_note`), ``source_vintage`` is the row's raw source.
    """
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
    frame = _selected(store, state, state.transform == "share")
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
