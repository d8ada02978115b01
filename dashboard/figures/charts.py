"""Pure figure builders: (chart data, indicator metadata, view state) -> figure dict.

The frames they take are the exact data a chart shows (see :mod:`dashboard.views`), so
the table under a chart and its CSV download hold the same rows as the picture. Title,
unit and source travel in every figure (``layout.meta.export``), so an exported image
carries them.

Figures are plain ``{"data": [...], "layout": {...}}`` dicts, the JSON that plotly.js
reads: building ``go.Figure`` objects validated every property and cost most of a
callback's time (measured: ~70 of ~90 ms per render). ``go.Figure(fig)`` turns one into
a validated object when needed (tests do, to check the dicts are valid).
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd

from dashboard.data.contract import FLAGS, REGIONS, SECTOR_LABELS
from dashboard.figures.theme import (
    CHINA,
    FLAG_SYMBOLS,
    MUTED,
    TEMPLATE_JSON,
    region_color,
    sector_color,
)
from dashboard.figures.na_points import na_trace
from dashboard.transforms import NA_BASE
from dashboard.state import ViewState

APP_CREDIT = "China Industrial Upgrading Dashboard"
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]


# ---------------------------------------------------------------- labels
def region_name(code: str) -> str:
    return REGIONS.get(code, code)


def sector_name(code: str) -> str:
    return SECTOR_LABELS.get(code, code.replace("_", " ").capitalize())


def value_axis_title(meta: Mapping, state: ViewState) -> str:
    unit = meta["unit"]
    if state.transform == "yoy":
        return "% change on previous year"
    if state.transform == "index":
        return f"Index, {state.base_year} = 100"
    if state.transform == "share":
        return "% of total"
    return unit


def transform_phrase(state: ViewState) -> str:
    return {
        "level": "",
        "yoy": "year-on-year change, ",
        "index": f"indexed to {state.base_year} = 100, ",
        "share": "share of total, ",
    }[state.transform]


def fmt_number(value: float, decimals: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
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
    return f"Source: {meta['source']}  ·  {APP_CREDIT}"


def _figure(data: list, title: str, subtitle: str, meta: Mapping, **layout) -> dict:
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
            "meta": {"empty": True, "export": {"title": title, "subtitle": "", "source": APP_CREDIT}},
        },
    }


def _range_text(years: pd.Series) -> str:
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _floats(values) -> np.ndarray:
    # numpy arrays, not lists: Dash's JSON encoder converts an array in one call, while it walks
    # a list element by element (measured: ~9 ms of a 36 ms render response)
    return np.asarray(values, dtype="float64")


def _ints(values) -> np.ndarray:
    return np.asarray(values, dtype="int32")


# ---------------------------------------------------------------- time series
def timeseries_figure(data: pd.DataFrame, meta: Mapping, state: ViewState) -> dict:
    """Lines (or bars for short official series) per region or sector; China highlighted.

    ``data`` columns: region, sector, year, value, flag.
    """
    if data.empty:
        return empty_figure("No data for this selection. Try other regions, sectors or years.",
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    unit = value_axis_title(meta, state)
    labels = series_labels(data)
    use_bars = meta.get("default_chart") == "bar" and state.transform in ("level", "share")
    n_regions, n_sectors = data["region"].nunique(), data["sector"].nunique()
    by_sector_colour = n_regions == 1 and n_sectors > 1
    # regions and sectors both vary: colour tells the region, the dash pattern the sector
    sector_dash = {} if by_sector_colour or n_sectors == 1 else {
        s: DASHES[i % len(DASHES)] for i, s in enumerate(dict.fromkeys(data["sector"]))}
    hover = ("<b>%{fullData.name}</b><br>%{x}: %{y:,." + str(decimals) + "f} " + unit
             + "%{customdata}<extra></extra>")
    traces = []
    groups = data.assign(_label=labels.to_numpy()).groupby(["region", "sector"], sort=False)
    for i, ((region, sector), s) in enumerate(groups):
        colour = sector_color(sector, i) if by_sector_colour else region_color(region, i)
        is_china = region == CHINA and not by_sector_colour
        flags = s["flag"].astype(str).tolist()
        flagged = [f != "observed" for f in flags]
        trace = {
            "x": _ints(s["year"]),
            "y": _floats(s["value"]),
            "name": str(s["_label"].iloc[0]),
            "customdata": ["" if not f else f"<br><i>{FLAGS.get(fl, fl)}</i>" for f, fl in zip(flagged, flags)],
            "hovertemplate": hover,
            "legendrank": 1 if is_china else 100 + i,
        }
        if use_bars:
            trace.update(type="bar", marker={"color": colour,
                                             "pattern": {"shape": ["/" if f else "" for f in flagged]}})
        else:
            few = len(s) <= 30
            trace.update(
                type="scatter",
                mode="lines+markers" if few or any(flagged) else "lines",
                line={"color": colour, "width": 3.5 if is_china else 2.0,
                      "dash": sector_dash.get(sector, "dot" if region == "WLD" else "solid")},
                marker={"symbol": [FLAG_SYMBOLS.get(f, "circle") for f in flags],
                        "size": [9 if f else (6 if few else 0) for f in flagged], "color": colour,
                        "line": {"width": 1.5, "color": colour}},
            )
        traces.append(trace)
    traces += na_trace(data, labels, 100.0 if state.transform == "index" else 0.0)  # n/a: base <= 0
    names = list(dict.fromkeys(labels))
    scope = ", ".join(names) if len(names) <= 4 else f"{len(names)} series"
    subtitle = f"{unit} · {transform_phrase(state)}{scope} · {_range_text(data['year'])}"
    log_ok = state.log and bool((data["value"] > 0).all())
    shapes = []
    if state.transform in ("index", "yoy"):
        level = 100 if state.transform == "index" else 0
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": level, "y1": level,
                       "line": {"color": "#9aa5b1", "width": 1, "dash": "dash" if level else "solid"}})
    layout = {
        "yaxis": {"title": {"text": unit}, "type": "log" if log_ok else "linear"},
        "xaxis": {"tickformat": "d"},
        "shapes": shapes,
    }
    if use_bars:
        layout.update(barmode="group", bargap=0.25)
    return _figure(traces, meta["name"], subtitle, meta, **layout)


# ---------------------------------------------------------------- compare years
def compare_figure(data: pd.DataFrame, meta: Mapping, state: ViewState) -> dict:
    """Dumbbell chart: each series' value in two years, with % change and CAGR labels.

    ``data`` is :func:`dashboard.transforms.compare_years` output.
    """
    if data.empty:
        if state.year_a == state.year_b:
            return empty_figure("Pick two different years to compare.", meta.get("name", ""))
        return empty_figure(
            f"No selected series has values in both {state.year_a} and {state.year_b}. Pick other years.",
            meta.get("name", ""),
        )
    decimals = int(meta.get("decimals", 1))
    unit = meta["unit"] if state.transform != "share" else "% of total"
    data = data.iloc[::-1]  # first series on top
    labels = series_labels(data).tolist()
    a, b = int(data["year_a"].iloc[0]), int(data["year_b"].iloc[0])
    by_sector = data["region"].nunique() == 1 and data["sector"].nunique() > 1
    colours = [sector_color(s, i) if by_sector else region_color(r, i)
               for i, (r, s) in enumerate(zip(data["region"], data["sector"]))]
    va, vb = _floats(data["value_a"]), _floats(data["value_b"])
    xs: list = []
    ys: list = []
    for x0, x1, label in zip(va.tolist(), vb.tolist(), labels):
        xs += [x0, x1, None]
        ys += [label, label, None]
    hover = "<b>%{y}</b><br>%{customdata}: %{x:,." + str(decimals) + "f} " + unit + "<extra></extra>"
    # Each row is labelled above its dumbbell, left-aligned, with its change: this reads on a
    # phone as well as on a wide screen (axis tick labels would eat a narrow plot's width).
    annotations = []
    for label, pct, rate in zip(labels, data["pct_change"], data["cagr"]):
        p = NA_BASE if not math.isfinite(pct) else f"{pct:+,.1f}%"
        r = ", CAGR n/a" if math.isfinite(pct) and not math.isfinite(rate) else \
            "" if not math.isfinite(rate) else f", CAGR {rate:+.1f}%/yr"
        annotations.append({
            "text": f"<b>{label}</b>  {p}{r}", "x": 0, "xref": "paper", "xanchor": "left", "y": label,
            "yref": "y", "yanchor": "bottom", "yshift": 7, "showarrow": False, "align": "left",
            "font": {"size": 12, "color": MUTED},
        })
    traces = [
        {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": "#c1c7cd", "width": 4},
         "hoverinfo": "skip", "showlegend": False},
        {"type": "scatter", "x": va, "y": labels, "mode": "markers", "name": str(a),
         "marker": {"size": 13, "symbol": "circle-open", "color": colours, "line": {"width": 2.5}},
         "customdata": [a] * len(labels), "hovertemplate": hover},
        {"type": "scatter", "x": vb, "y": labels, "mode": "markers", "name": str(b),
         "marker": {"size": 13, "symbol": "circle", "color": colours},
         "customdata": [b] * len(labels), "hovertemplate": hover},
    ]
    lo, hi = float(min(va.min(), vb.min())), float(max(va.max(), vb.max()))
    pad = (hi - lo) * 0.06 or abs(hi) * 0.1 or 1.0
    x_range = [min(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad]
    subtitle = f"{unit} · {a} (open circle) vs {b} (filled) · % change, compound annual growth rate"
    return _figure(
        traces, f"{meta['name']}: {a} vs {b}", subtitle, meta,
        xaxis={"title": {"text": unit}, "range": x_range, "showgrid": True, "gridcolor": "#e4e7eb"},
        yaxis={"showgrid": False, "type": "category", "showticklabels": False,
               "range": [-0.6, len(labels) - 0.2]},
        annotations=annotations, margin={"t": 40, "b": 48, "l": 24, "r": 24},
        height=max(300, 130 + 58 * len(labels)), showlegend=True,
    )


# ---------------------------------------------------------------- composition
def composition_figure(data: pd.DataFrame, meta: Mapping, state: ViewState, region: str) -> dict:
    """Stacked area of the sectors that partition a total, for one region.

    With ``state.stack == "percent"`` the data are already shares (see views.composition_data).
    """
    if data.empty:
        return empty_figure("No complete sector breakdown for this region and these years.",
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    percent = state.stack == "percent"
    unit = "% of total" if percent else meta["unit"]
    traces = []
    for i, (sector, s) in enumerate(data.groupby("sector", sort=False)):
        colour = sector_color(sector, i)
        traces.append({
            "type": "scatter", "x": _ints(s["year"]), "y": _floats(s["value"]), "name": sector_name(sector),
            "mode": "lines", "stackgroup": "one", "line": {"width": 0.8, "color": colour}, "fillcolor": colour,
            "hovertemplate": "<b>" + sector_name(sector) + "</b><br>%{x}: %{y:,." + str(decimals) + "f} "
            + unit + "<extra></extra>",
        })
    title = f"{meta['name']}: composition in {region_name(region)}"
    subtitle = f"{unit} · {'100% stacked' if percent else 'stacked'} · {_range_text(data['year'])}"
    yaxis: dict = {"title": {"text": unit}}
    if percent:
        yaxis["range"] = [0, 100]
    return _figure(traces, title, subtitle, meta, yaxis=yaxis, xaxis={"tickformat": "d"},
                   hovermode="x unified")


# ---------------------------------------------------------------- sparkline
def sparkline_svg(years: np.ndarray, values: np.ndarray, width: int = 160, height: int = 40,
                  color: str = "#D55E00") -> str:
    """A tiny inline SVG line (no JS, no plot library) for the overview cards."""
    years = np.asarray(years, dtype="float64")
    values = np.asarray(values, dtype="float64")
    ok = np.isfinite(years) & np.isfinite(values)
    years, values = years[ok], values[ok]
    if len(values) < 2:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}"></svg>')
    pad = 3.0
    x0, x1 = years.min(), years.max()
    y0, y1 = values.min(), values.max()
    sx = (width - 2 * pad) / ((x1 - x0) or 1)
    sy = (height - 2 * pad) / ((y1 - y0) or 1)
    pts = " ".join(f"{pad + (x - x0) * sx:.1f},{height - pad - (y - y0) * sy:.1f}" for x, y in zip(years, values))
    lx, ly = pts.split(" ")[-1].split(",")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f'<polyline fill="none" stroke="{color}" stroke-width="2" stroke-linejoin="round" '
        f'stroke-linecap="round" points="{pts}"/>'
        f'<circle cx="{lx}" cy="{ly}" r="3" fill="{color}"/></svg>'
    )
