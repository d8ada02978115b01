"""Pure figure builders: (chart data, indicator metadata, view state) -> go.Figure.

The frames they take are the exact data a chart shows (see :mod:`dashboard.views`), so
the table under a chart and its CSV download hold the same rows as the picture. Title,
unit and source are part of every figure, so an exported image carries them.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data.contract import FLAGS, REGIONS, SECTOR_LABELS
from dashboard.figures.theme import (
    CHINA,
    FLAG_SYMBOLS,
    MUTED,
    TEMPLATE_NAME,
    region_color,
    sector_color,
)
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


def _base_layout(fig: go.Figure, title: str, subtitle: str, meta: Mapping) -> go.Figure:
    """Common layout. On screen the title is HTML above the chart (it wraps on phones);
    ``layout.meta.export`` carries title, subtitle and source, which the image export
    (assets/20_dashboard.js) puts inside the picture."""
    fig.update_layout(
        template=TEMPLATE_NAME,
        legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"),
        margin=dict(t=90, b=48),
        meta={
            "indicator": meta.get("indicator_id", ""),
            "export": {"title": title, "subtitle": subtitle, "source": source_line(meta)},
        },
    )
    return fig


def figure_heading(fig: go.Figure) -> tuple[str, str]:
    """(title, subtitle) of a figure built here, for the HTML heading above the chart."""
    meta = fig.layout.meta or {}
    export = meta.get("export", {}) if isinstance(meta, dict) else {}
    return str(export.get("title", "")), str(export.get("subtitle", ""))


def empty_figure(message: str, title: str = "") -> go.Figure:
    """A blank chart with a friendly message in its middle (the empty state)."""
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE_NAME,
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        margin=dict(t=20, b=20, l=20, r=20),
        annotations=[
            dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                 font=dict(size=15, color=MUTED))
        ],
        meta={"empty": True, "export": {"title": title, "subtitle": "", "source": APP_CREDIT}},
    )
    return fig


def _range_text(years: pd.Series) -> str:
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


# ---------------------------------------------------------------- time series
def timeseries_figure(data: pd.DataFrame, meta: Mapping, state: ViewState) -> go.Figure:
    """Lines (or bars for short official series) per region or sector; China highlighted.

    ``data`` columns: region, sector, year, value, flag.
    """
    if data.empty:
        return empty_figure("No data for this selection. Try other regions, sectors or years.",
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    unit = value_axis_title(meta, state)
    labels = series_labels(data)
    data = data.assign(_label=labels)
    use_bars = meta.get("default_chart") == "bar" and state.transform in ("level", "share")
    fig = go.Figure()
    order = list(dict.fromkeys(zip(data["region"], data["sector"])))
    by_sector_colour = data["region"].nunique() == 1 and data["sector"].nunique() > 1
    # regions and sectors both vary: colour tells the region, the dash pattern the sector
    sector_dash = {} if by_sector_colour or data["sector"].nunique() == 1 else {
        s: DASHES[i % len(DASHES)] for i, s in enumerate(dict.fromkeys(data["sector"]))}
    for i, (region, sector) in enumerate(order):
        s = data[(data["region"] == region) & (data["sector"] == sector)]
        colour = sector_color(sector, i) if by_sector_colour else region_color(region, i)
        is_china = region == CHINA and not by_sector_colour
        flags = s["flag"].astype(str).tolist()
        flag_text = ["" if f == "observed" else f"<br><i>{FLAGS.get(f, f)}</i>" for f in flags]
        hover = (
            "<b>%{fullData.name}</b><br>%{x}: %{y:,." + str(decimals) + "f} " + unit
            + "%{customdata}<extra></extra>"
        )
        common = dict(
            x=s["year"].to_numpy(dtype="int32"),
            y=s["value"].to_numpy(dtype="float64"),
            name=s["_label"].iloc[0],
            customdata=flag_text,
            hovertemplate=hover,
            legendrank=1 if is_china else 100 + i,
        )
        if use_bars:
            fig.add_trace(go.Bar(marker=dict(color=colour, pattern=dict(
                shape=["/" if f != "observed" else "" for f in flags])), **common))
        else:
            symbols = [FLAG_SYMBOLS.get(f, "circle") for f in flags]
            few = len(s) <= 30
            fig.add_trace(
                go.Scatter(
                    mode="lines+markers" if few or any(f != "observed" for f in flags) else "lines",
                    line=dict(color=colour, width=3.5 if is_china else 2.0,
                              dash=sector_dash.get(sector, "dot" if region == "WLD" else "solid")),
                    marker=dict(symbol=symbols, size=[9 if f != "observed" else (6 if few else 0)
                                                      for f in flags], color=colour,
                                line=dict(width=1.5, color=colour)),
                    **common,
                )
            )
    scope = ", ".join(dict.fromkeys(labels)) if len(order) <= 4 else f"{len(order)} series"
    subtitle = f"{unit} · {transform_phrase(state)}{scope} · {_range_text(data['year'])}"
    _base_layout(fig, meta["name"], subtitle, meta)
    log_ok = state.log and bool((data["value"] > 0).all())
    fig.update_yaxes(title_text=unit, type="log" if log_ok else "linear", tickformat=None)
    fig.update_xaxes(title_text=None, tickformat="d", dtick=None)
    if use_bars:
        fig.update_layout(barmode="group", bargap=0.25)
    if state.transform == "index":
        fig.add_hline(y=100, line=dict(color="#9aa5b1", width=1, dash="dash"))
    if state.transform == "yoy":
        fig.add_hline(y=0, line=dict(color="#9aa5b1", width=1))
    return fig


# ---------------------------------------------------------------- compare years
def compare_figure(data: pd.DataFrame, meta: Mapping, state: ViewState) -> go.Figure:
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
    data = data.assign(_label=series_labels(data)).iloc[::-1]  # first series on top
    a, b = int(data["year_a"].iloc[0]), int(data["year_b"].iloc[0])
    by_sector = data["region"].nunique() == 1 and data["sector"].nunique() > 1
    colours = [sector_color(s, i) if by_sector else region_color(r, i)
               for i, (r, s) in enumerate(zip(data["region"], data["sector"]))]
    fig = go.Figure()
    xs: list = []
    ys: list = []
    for (_, row) in data.iterrows():
        xs += [row["value_a"], row["value_b"], None]
        ys += [row["_label"], row["_label"], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#c1c7cd", width=4),
                             hoverinfo="skip", showlegend=False))
    hover = "<b>%{y}</b><br>%{customdata[0]}: %{x:,." + str(decimals) + "f} " + unit + "<extra></extra>"
    fig.add_trace(go.Scatter(
        x=data["value_a"].to_numpy(dtype="float64"), y=data["_label"].tolist(), mode="markers",
        name=str(a), marker=dict(size=13, symbol="circle-open", color=colours, line=dict(width=2.5)),
        customdata=[[a]] * len(data), hovertemplate=hover,
    ))
    labels = []
    for row in data.itertuples():
        pct = "n/a" if not math.isfinite(row.pct_change) else f"{row.pct_change:+,.1f}%"
        rate = "" if not math.isfinite(row.cagr) else f", CAGR {row.cagr:+.1f}%/yr"
        labels.append(f"{pct}{rate}")
    fig.add_trace(go.Scatter(
        x=data["value_b"].to_numpy(dtype="float64"), y=data["_label"].tolist(), mode="markers",
        name=str(b), marker=dict(size=13, symbol="circle", color=colours),
        customdata=[[b]] * len(data), hovertemplate=hover,
    ))
    # change labels sit right of whichever end is further right, so they never cover a marker
    fig.add_trace(go.Scatter(
        x=np.maximum(data["value_a"].to_numpy(dtype="float64"), data["value_b"].to_numpy(dtype="float64")),
        y=data["_label"].tolist(), mode="text", text=["   " + t for t in labels], textposition="middle right",
        textfont=dict(size=12, color=MUTED), hoverinfo="skip", showlegend=False,
    ))
    subtitle = f"{unit} · {a} (open circle) vs {b} (filled) · % change, compound annual growth rate"
    _base_layout(fig, f"{meta['name']}: {a} vs {b}", subtitle, meta)
    span = pd.concat([data["value_a"], data["value_b"]])
    lo, hi = float(span.min()), float(span.max())
    pad = (hi - lo) * 0.45 or abs(hi) * 0.5 or 1.0
    fig.update_xaxes(title_text=unit, range=[min(0.0, lo - pad * 0.1) if lo >= 0 else lo - pad * 0.2, hi + pad],
                     showgrid=True, gridcolor="#e4e7eb")
    fig.update_yaxes(title_text=None, showgrid=False, automargin=True)
    fig.update_layout(height=max(320, 150 + 46 * len(data)), showlegend=True)
    return fig


# ---------------------------------------------------------------- composition
def composition_figure(data: pd.DataFrame, meta: Mapping, state: ViewState, region: str) -> go.Figure:
    """Stacked area of the sectors that partition a total, for one region.

    ``state.stack == "percent"`` normalises each year to 100%.
    """
    if data.empty:
        return empty_figure("No complete sector breakdown for this region and these years.",
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    percent = state.stack == "percent"
    unit = "% of total" if percent else meta["unit"]
    fig = go.Figure()
    for i, sector in enumerate(dict.fromkeys(data["sector"])):
        s = data[data["sector"] == sector]
        fig.add_trace(go.Scatter(
            x=s["year"].to_numpy(dtype="int32"), y=s["value"].to_numpy(dtype="float64"),
            name=sector_name(sector), mode="lines", stackgroup="one",
            groupnorm="percent" if percent else None,
            line=dict(width=0.8, color=sector_color(sector, i)), fillcolor=sector_color(sector, i),
            hovertemplate="<b>" + sector_name(sector) + "</b><br>%{x}: %{y:,." + str(decimals) + "f} "
            + unit + "<extra></extra>",
        ))
    title = f"{meta['name']}: composition in {region_name(region)}"
    subtitle = f"{unit} · {'100% stacked' if percent else 'stacked'} · {_range_text(data['year'])}"
    _base_layout(fig, title, subtitle, meta)
    fig.update_yaxes(title_text=unit, range=[0, 100] if percent else None)
    fig.update_xaxes(tickformat="d")
    fig.update_layout(hovermode="x unified")
    return fig


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
