"""What every figure shares: the figure frame, the empty state, legend labels, units and numbers.

Figures are plain ``{"data": [...], "layout": {...}}`` dicts, the JSON that plotly.js reads:
building ``go.Figure`` objects validated every property and cost most of a callback's time
(measured: ~70 of ~90 ms per render). ``go.Figure(fig)`` turns one into a validated object
when needed (tests do, to check the dicts are valid). Title, unit and source travel in every
figure (``layout.meta.export``), so an exported image carries them.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd

from dashboard.data.i18n import N_, _
from dashboard.data.labels import region_name, sector_name
from dashboard.figures.theme import MUTED, TEMPLATE_JSON
from dashboard.model.state import ViewState

APP_CREDIT = N_("China Industrial Upgrading Dashboard")
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]

def value_axis_title(meta: Mapping, state: ViewState) -> str:
    unit = meta["unit"]
    if state.transform == "yoy":
        return _("% change on previous year")
    if state.transform == "index":
        return _("Index, {year} = 100").format(year=state.base_year)
    if state.transform == "share":
        return _("% of total")
    return unit


def transform_phrase(state: ViewState) -> str:
    return {
        "level": "",
        "yoy": _("year-on-year change, "),
        "index": _("indexed to {year} = 100, ").format(year=state.base_year),
        "share": _("share of total, "),
    }[state.transform]


def fmt_number(value: float, decimals: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return _("n/a")
    return f"{value:,.{max(0, int(decimals))}f}"


def series_labels(frame: pd.DataFrame) -> pd.Series:
    """Legend label of each row: region, sector, or both when both vary."""
    many_regions = frame["region"].nunique() > 1
    many_sectors = frame["sector"].nunique() > 1 or (
        frame["sector"].nunique() == 1 and frame["sector"].iloc[0] != "total"
    )
    regions = frame["region"].map(region_name)
    sectors = frame["sector"].map(sector_name)
    if many_regions and many_sectors and frame["sector"].nunique() > 1:
        return regions + " – " + sectors
    if many_regions or not many_sectors:
        return regions
    return sectors


def source_line(meta: Mapping) -> str:
    return _("Source: {source}").format(source=meta["source"]) + "  ·  " + _(APP_CREDIT)


def base_figure(data: list, title: str, subtitle: str, meta: Mapping, **layout) -> dict:
    """A figure dict with the common layout. On screen the title is HTML above the chart
    (it wraps on phones); ``layout.meta.export`` carries title, subtitle and source, which
    the image export (assets/20_dashboard.js) puts inside the picture."""
    base = {
        "template": TEMPLATE_JSON,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "margin": {"t": 24, "b": 48},  # the legend pushes the top margin as far as it needs
        "meta": {
            "indicator": meta.get("indicator_id", ""),
            "export": {"title": title, "subtitle": subtitle, "source": source_line(meta)},
        },
    }
    base.update(layout)
    return {"data": data, "layout": base}


def figure_heading(fig: Mapping) -> tuple[str, str]:
    """(title, subtitle) of a figure built here, for the HTML heading above the chart."""
    meta = fig.get("layout", {}).get("meta") or {}
    export = meta.get("export", {}) if isinstance(meta, Mapping) else {}
    return str(export.get("title", "")), str(export.get("subtitle", ""))


def empty_figure(message: str, title: str = "") -> dict:
    """A blank chart with a friendly message in its middle (the empty state)."""
    return {
        "data": [],
        "layout": {
            "template": TEMPLATE_JSON,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "margin": {"t": 20, "b": 20, "l": 20, "r": 20},
            "annotations": [{"text": message, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                             "showarrow": False, "font": {"size": 15, "color": MUTED}}],
            "meta": {"empty": True, "export": {"title": title, "subtitle": "", "source": _(APP_CREDIT)}},
        },
    }


def range_text(years: pd.Series) -> str:
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def floats(values) -> np.ndarray:
    # numpy arrays, not lists: Dash's JSON encoder converts an array in one call, while it walks
    # a list element by element (measured: ~9 ms of a 36 ms render response)
    return np.asarray(values, dtype="float64")


def ints(values) -> np.ndarray:
    return np.asarray(values, dtype="int32")
