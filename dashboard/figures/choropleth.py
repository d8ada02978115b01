"""The provincial map: one filled scatter polygon per province (plotly.js basic has no geo traces),
coloured on a sequential, colour-blind-safe scale, with a colour-scale legend.

Drawing order: the 31 provinces (filled by value; a province without a value is hatched grey),
Taiwan, Hong Kong and Macao in light grey ("no data"), the maritime boundary line, the outlines of
the chosen provinces, and an invisible marker that carries the colour bar. A polygon's hover text
names the province and its ISO code, value, unit, year and flag; a click names the trace, whose
index is the province's place in the boundaries file.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd
from plotly.colors import sample_colorscale

from dashboard.data.i18n import _, is_zh
from dashboard.data.labels import flag_label
from dashboard.figures.common import base_figure, empty_figure, fmt_number
from dashboard.figures.theme import INK, MUTED, VALUE_TICKS

#: Viridis (Smith & van der Walt), light = low, dark = high: perceptually uniform, readable in
#: greyscale and under the common colour-vision deficiencies
COLORSCALE: list[list[Any]] = [
    [0.0, "#fde725"], [0.125, "#a0da39"], [0.25, "#4ac16d"], [0.375, "#1fa187"], [0.5, "#277f8e"],
    [0.625, "#365c8d"], [0.75, "#46327e"], [1.0, "#440154"],
]
NO_DATA_FILL = "#d4d8dd"
OUTLINE_FILL = "#eef0f2"
BORDER = "#ffffff"
SELECTED_LINE = "#000000"
#: the map's y scale relative to x: 1 / cos(36 deg N), so shapes keep their proportions mid-China
LAT_SCALE = 1.24


def value_colors(values: list[float], lo: float, hi: float) -> list[str]:
    """Colours of ``values`` on :data:`COLORSCALE` between ``lo`` and ``hi`` (clipped), as ``rgb()``."""
    span = (hi - lo) or 1.0
    pos = [min(1.0, max(0.0, (v - lo) / span)) for v in values]
    return list(sample_colorscale(COLORSCALE, pos)) if pos else []


def _hover(name: str, code: str, value: float | None, unit: str, year: int, flag: str, decimals: int) -> str:
    if value is None:
        return f"<b>{name}</b> ({code})<br>" + _("No data for {year}").format(year=year)
    return (f"<b>{name}</b> ({code})<br>{fmt_number(value, decimals)} {unit}<br>{year}"
            f" · {flag_label(flag)}<br><i>" + _("Click to add to or remove from the chosen provinces") + "</i>")


def choropleth_figure(shapes: Mapping[str, Any], data: pd.DataFrame, meta: Mapping[str, Any], year: int,
                      selected: tuple[str, ...], vrange: tuple[float, float], subtitle_extra: str = "") -> dict:
    """The map of one year.

    ``shapes``: :func:`dashboard.model.province_data.map_shapes`; ``data``: one row per province
    with a value (columns region, region_name, value, flag; :func:`~dashboard.model.province_data.year_data`);
    ``vrange``: the colour scale's (min, max), fixed across years. Returns a figure dict whose first
    31 traces are the provinces in ``shapes`` order, each with ``meta`` = its ISO code.
    """
    provinces = shapes.get("provinces") or {}
    if not provinces:
        return empty_figure(_("The province boundaries could not be loaded."), str(meta.get("name", "")))
    unit, decimals = str(meta["unit"]), int(meta.get("decimals", 1))
    lo, hi = vrange
    by_code = {r: (v, f, n) for r, v, f, n in zip(data["region"], data["value"], data["flag"], data["region_name"])}
    colors = dict(zip(by_code, value_colors([v for v, _f, _n in by_code.values()], lo, hi)))
    names = (shapes.get("names_zh") if is_zh() else None) or shapes.get("names") or {}
    traces: list[dict] = []
    for code, (xs, ys) in provinces.items():
        value, flag, name = by_code.get(code, (None, "", code))
        if code not in by_code:
            name = names.get(code, code)
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "fill": "toself", "name": name, "meta": code,
            "fillcolor": colors.get(code, NO_DATA_FILL), "line": {"color": BORDER, "width": 0.6},
            "hoveron": "fills", "hoverinfo": "text", "showlegend": False,
            "text": _hover(name, code, value, unit, year, flag, decimals),
            "hoverlabel": {"bgcolor": "white", "font": {"color": INK}},
        })
    for code, (xs, ys) in (shapes.get("outline") or {}).items():
        name = names.get(code, code)
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "fill": "toself", "name": name, "meta": code,
            "fillcolor": OUTLINE_FILL, "line": {"color": "#9aa5b1", "width": 0.6}, "hoveron": "fills",
            "hoverinfo": "text", "showlegend": False, "text": f"<b>{name}</b> ({code})<br>" + _("No data in this source"),
            "hoverlabel": {"bgcolor": "white", "font": {"color": INK}},
        })
    mx, my = shapes.get("maritime") or ([], [])
    if mx:
        traces.append({"type": "scatter", "x": mx, "y": my, "mode": "lines", "hoverinfo": "skip",
                       "line": {"color": "#9aa5b1", "width": 0.8}, "showlegend": False, "name": _("Maritime boundary")})
    for code in selected:
        if code in provinces:
            xs, ys = provinces[code]
            traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
                           "line": {"color": SELECTED_LINE, "width": 2.2}, "showlegend": False,
                           "name": f"chosen: {code}"})
    anchor = next(iter(provinces.values()))
    traces.append({
        "type": "scatter", "x": [anchor[0][0]], "y": [anchor[1][0]], "mode": "markers", "hoverinfo": "skip",
        "showlegend": False, "name": "colour scale",
        "marker": {"size": 0.1, "opacity": 0, "color": [lo], "cmin": lo, "cmax": hi, "colorscale": COLORSCALE,
                   "showscale": True,
                   "colorbar": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                                "len": 0.7, "thickness": 12, "outlinewidth": 0, **VALUE_TICKS,
                                "tickfont": {"color": MUTED, "size": 12},
                                "title": {"text": unit, "side": "top", "font": {"color": MUTED, "size": 12}}}},
    })
    n = len(by_code)
    subtitle = _("{unit} · {year} · {n} of {total} provinces with data · colour scale {lo}–{hi} fixed across years").format(
        unit=unit, year=year, n=n, total=len(provinces), lo=fmt_number(lo, decimals),
        hi=fmt_number(hi, decimals)) + subtitle_extra
    return base_figure(
        traces, _("{name}, {year}").format(name=meta["name"], year=year), subtitle, meta,
        xaxis={"visible": False, "fixedrange": False},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": LAT_SCALE},
        margin={"t": 8, "b": 64, "l": 4, "r": 4}, showlegend=False, hovermode="closest", dragmode="pan",
    )
