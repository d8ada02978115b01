"""The counterpart overlay of the time series (issue 11, item 1).

Where an official series and a WDI series measure the same quantity in the same unit (the
catalog's ``counterpart`` column, checked mutual and same-unit by validation), a user may draw
the counterpart's series on the indicator's time-series chart (``ViewState.overlay``, URL
``overlay=1``). The chart, its table and its CSV hold the rows of both indicators, told apart by
the ``indicator_id`` column; the catalog's ``counterpart_note`` says why the two differ.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from dashboard.data.store import DataStore
from dashboard.model.catalog import indicator_meta
from dashboard.model.chart_data import TS_COLUMNS, timeseries_data
from dashboard.model.log_scale import log_reason
from dashboard.model.state import ViewState

#: the last parenthesised part of an indicator name, ASCII or full-width brackets ("R&D intensity (WDI/UNESCO)")
_SOURCE_TAG = re.compile(r"[(（]([^()（）]+)[)）]\s*$")


def short_name(name: str) -> str:
    """The short name of an indicator in a legend: the source tag its name ends with in brackets
    (``"R&D intensity (NBS, China)"`` -> ``"NBS, China"``), else the whole name."""
    m = _SOURCE_TAG.search(str(name))
    return m.group(1).strip() if m else str(name)


def overlay_counterpart(store: DataStore, state: ViewState) -> str | None:
    """The id of the counterpart indicator the time series overlays, or None (overlay off, or the
    indicator has no counterpart in the store)."""
    if not state.overlay:
        return None
    return indicator_meta(store, state.indicator).counterpart or None


def overlay_data(store: DataStore, state: ViewState) -> pd.DataFrame:
    """The counterpart's time-series rows for the state's regions and sectors (those the counterpart
    has), with the state's transform and year range: :data:`~dashboard.model.chart_data.TS_COLUMNS`,
    values in the display unit. Empty when there is no overlay, no shared region or sector, or the
    transform is the share of total and the counterpart has no parts to share out."""
    counterpart = overlay_counterpart(store, state)
    if counterpart is None:
        return pd.DataFrame(columns=TS_COLUMNS)
    cmeta = indicator_meta(store, counterpart)
    regions = tuple(r for r in state.regions if r in cmeta.regions)
    sectors = tuple(s for s in state.sectors if s in cmeta.sectors)
    if not regions or not sectors or (state.transform == "share" and not cmeta.share_of_total):
        return pd.DataFrame(columns=TS_COLUMNS)
    return timeseries_data(store, replace(state, indicator=counterpart, regions=regions, sectors=sectors))


def timeseries_with_overlay(store: DataStore, state: ViewState) -> pd.DataFrame:
    """The time-series chart's rows: the indicator's (:func:`~dashboard.model.chart_data.timeseries_data`),
    then the counterpart's when the overlay is on, with a first column ``indicator_id`` telling them
    apart. Empty selection: an empty frame."""
    if not state.regions or not state.sectors:
        return pd.DataFrame(columns=["indicator_id"] + TS_COLUMNS)
    counterpart = overlay_counterpart(store, state)
    other = overlay_data(store, state) if counterpart is not None else None
    if other is None or other.empty:  # the common case: one indicator
        return timeseries_data(store, state, id_column=True)
    main = timeseries_data(store, state)
    frame = pd.concat([main.assign(indicator_id=state.indicator), other.assign(indicator_id=counterpart)],
                      ignore_index=True)
    return frame[["indicator_id"] + [c for c in frame.columns if c != "indicator_id"]]


def drawn_log_reason(store: DataStore, state: ViewState) -> str:
    """Why the time series of ``state`` cannot be drawn on a log scale, or ``""``
    (:func:`~dashboard.model.log_scale.log_reason` of the values it draws: its transform, years, regions and
    sectors, and the counterpart's series when the overlay is on); the state's own ``log`` does not matter."""
    if indicator_meta(store, state.indicator).is_rate:
        return log_reason((), is_rate=True)
    return log_reason(timeseries_with_overlay(store, state)["value"].tolist())
