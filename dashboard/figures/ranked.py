"""The provincial view's other charts: the ranking of one year, the time series of the chosen
provinces against China, and the comparison of two years for every province.

Bars carry the province's ISO code in ``customdata`` (a click selects the province); chosen
provinces are outlined in black on every chart, China is vermillion as everywhere in the app.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.labels import flag_label, region_name
from dashboard.figures.choropleth import SELECTED_LINE, value_colors
from dashboard.figures.common import base_figure, empty_figure, floats, fmt_number
from dashboard.figures.theme import CHINA_COLOR, FALLBACK_COLORS, GRID, MUTED, VALUE_TICKS

#: colours of the chosen provinces' lines (Okabe-Ito without vermillion, which is China's)
PROVINCE_COLORS = ["#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", *FALLBACK_COLORS]
BAR_HEIGHT = 19
#: the national value goes on a right-hand axis when it exceeds the provinces' maximum this many times
#: (a national total, as GERD, would flatten the provinces' lines)
OWN_AXIS_RATIO = 2.0


def _bar_height(n: int) -> int:
    return max(260, 90 + BAR_HEIGHT * n)


def ranked_figure(data: pd.DataFrame, meta: Mapping[str, Any], year: int, selected: tuple[str, ...],
                  vrange: tuple[float, float], national: float | None) -> dict:
    """Horizontal bars of the provinces' values in ``year``, highest on top, coloured as the map.

    ``data``: :func:`dashboard.model.province_data.year_data` (highest first). China's value is a
    dashed vertical line when it lies within the bars' range (a ratio, not a national total).
    """
    if data.empty:
        return empty_figure(_("No province has a value for {year}.").format(year=year), str(meta.get("name", "")))
    unit, decimals = str(meta["unit"]), int(meta.get("decimals", 1))
    d = data.iloc[::-1]  # plotly draws the first category at the bottom
    names = d["region_name"].tolist()
    values = floats(d["value"])
    chosen = [r in selected for r in d["region"]]
    china_name = region_name("CHN")
    hover = [f"<b>{n}</b> ({r})<br>{fmt_number(v, decimals)} {unit}<br>{year} · {flag_label(f)}"
             + "<br>" + _("rank {rank} of {n}").format(rank=len(d) - i, n=len(d))
             for i, (n, r, v, f) in enumerate(zip(names, d["region"], values.tolist(), d["flag"]))]
    traces = [{
        "type": "bar", "orientation": "h", "x": values, "y": names, "customdata": d["region"].tolist(),
        "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>", "name": str(year),
        "marker": {"color": value_colors(values.tolist(), *vrange),
                   "line": {"color": [SELECTED_LINE if c else "rgba(0,0,0,0)" for c in chosen],
                            "width": [2.5 if c else 0 for c in chosen]}},
    }]
    shapes, notes = [], []
    top = float(values.max())
    if national is not None and math.isfinite(national) and national <= top * 1.05:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": national, "x1": national, "y0": 0,
                       "y1": 1, "line": {"color": CHINA_COLOR, "width": 2, "dash": "dash"}})
        notes.append({"text": f"{china_name} {fmt_number(national, decimals)}", "x": national, "xref": "x", "y": 1,
                      "yref": "paper", "yanchor": "bottom", "showarrow": False,
                      "font": {"color": CHINA_COLOR, "size": 12}})
    china = "" if national is None else f" · {china_name} {fmt_number(national, decimals)}"
    return base_figure(
        traces, _("{name}: provinces ranked, {year}").format(name=meta["name"], year=year),
        _("{unit} · {year}{china} · chosen provinces outlined").format(unit=unit, year=year, china=china),
        meta,
        xaxis={"title": {"text": unit}, "showgrid": True, "gridcolor": GRID, "rangemode": "tozero", **VALUE_TICKS},
        yaxis={"type": "category", "automargin": True, "tickfont": {"size": 11}},
        shapes=shapes, annotations=notes, showlegend=False, bargap=0.25,
        margin={"t": 24, "b": 48, "l": 8, "r": 16}, height=_bar_height(len(d)),
    )


def province_series_figure(data: pd.DataFrame, meta: Mapping[str, Any], selected: tuple[str, ...],
                           year: int | None = None) -> dict:
    """One line per chosen province and China's as a dashed reference line (on a right-hand axis
    when it exceeds the provinces' maximum :data:`OWN_AXIS_RATIO` times). ``data``:
    :func:`dashboard.model.province_data.series_data`. ``year``: marked by a dotted vertical line."""
    if data.empty:
        return empty_figure(_("No data for the chosen provinces."), str(meta.get("name", "")))
    unit, decimals = str(meta["unit"]), int(meta.get("decimals", 1))
    prov = data[data["region"] != "CHN"]
    chn = data[data["region"] == "CHN"]
    own_axis = (not chn.empty and not prov.empty
                and float(chn["value"].max()) > OWN_AXIS_RATIO * float(prov["value"].max()))
    fmt = ":,." + str(decimals) + "f"
    traces = []
    for i, code in enumerate(c for c in selected if c in set(prov["region"])):
        s = prov[prov["region"] == code]
        name = str(s["region_name"].iloc[0])
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": s["year"].to_numpy(), "y": floats(s["value"]),
            "name": name, "line": {"color": PROVINCE_COLORS[i % len(PROVINCE_COLORS)], "width": 2.2},
            "marker": {"size": 5}, "customdata": [code] * len(s),
            "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{y{fmt}}} {unit}<extra></extra>",
        })
    if not chn.empty:
        label = _("China (national, right axis)") if own_axis else _("China (national)")
        traces.append({
            "type": "scatter", "mode": "lines", "x": chn["year"].to_numpy(), "y": floats(chn["value"]),
            "name": label, "line": {"color": CHINA_COLOR, "width": 2.5, "dash": "dash"},
            "yaxis": "y2" if own_axis else "y",
            "hovertemplate": f"<b>{region_name('CHN')}</b><br>%{{x}}: %{{y{fmt}}} {unit}<extra></extra>",
        })
    layout: dict[str, Any] = {
        "xaxis": {"title": {"text": ""}, "dtick": 2},
        "yaxis": {"title": {"text": unit}, "rangemode": "tozero"},
        "hovermode": "x unified" if len(traces) <= 6 else "closest",
    }
    if own_axis:
        layout["yaxis2"] = {"overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False,
                            "title": {"text": _("China, {unit}").format(unit=unit), "font": {"color": CHINA_COLOR}},
                            "tickfont": {"color": CHINA_COLOR}}
    if year is not None:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": year, "x1": year, "y0": 0,
                             "y1": 1, "line": {"color": MUTED, "width": 1, "dash": "dot"}}]
    years = data["year"]
    who = _(", ").join(str(n) for n in data[data["region"] != "CHN"].drop_duplicates("region")["region_name"]) \
        or _("no province")
    subtitle = _("{unit} · {first}–{last} · {who}; China dashed").format(
        unit=unit, first=int(years.min()), last=int(years.max()), who=who)
    if not prov.empty and not selected:
        subtitle += _(" · click a province on the map to add it")
    return base_figure(traces, _("{name}: chosen provinces and China").format(name=meta["name"]), subtitle, meta,
                       **layout)


def province_compare_figure(data: pd.DataFrame, meta: Mapping[str, Any], selected: tuple[str, ...]) -> dict:
    """Bars of each province's change between the two compared years (``metric``: percentage points
    for a % unit, else CAGR), highest on top, China vermillion, chosen provinces outlined. ``data``:
    :func:`dashboard.model.province_data.compare_data`."""
    if data.empty:
        return empty_figure(_("No province has values in both compared years. Pick other years."),
                            str(meta.get("name", "")))
    unit, decimals = str(meta["unit"]), int(meta.get("decimals", 1))
    a, b = int(data["year_a"].iloc[0]), int(data["year_b"].iloc[0])
    metric_name = str(data["metric_name"].iloc[0])
    d = data[data["metric"].map(math.isfinite)].iloc[::-1]
    colors = [CHINA_COLOR if r == "CHN" else "#5b8db8" for r in d["region"]]
    chosen = [r in selected for r in d["region"]]

    def pct(v: float) -> str:
        return "n/a" if not math.isfinite(v) else f"{v:+,.1f}%"

    change, per_year = _("change"), _("CAGR {value}/yr")
    text = [f"<b>{n}</b><br>{a}: {fmt_number(va, decimals)} → {b}: {fmt_number(vb, decimals)} {unit}"
            f"<br>{change} {ch:+,.{decimals}f} ({pct(p)})<br>" + per_year.format(value=pct(c))
            for n, va, vb, ch, p, c in zip(d["region_name"], d["value_a"], d["value_b"], d["abs_change"],
                                           d["pct_change"], d["cagr"])]
    traces = [{
        "type": "bar", "orientation": "h", "x": floats(d["metric"]), "y": d["region_name"].tolist(),
        "customdata": d["region"].tolist(), "hovertext": text, "hovertemplate": "%{hovertext}<extra></extra>",
        "name": metric_name,
        "marker": {"color": colors, "line": {"color": [SELECTED_LINE if c else "rgba(0,0,0,0)" for c in chosen],
                                             "width": [2.5 if c else 0 for c in chosen]}},
    }]
    return base_figure(
        traces, _("{name}: {a} vs {b}").format(name=meta["name"], a=a, b=b),
        _("{metric}, {a}–{b} · China in vermillion, chosen outlined").format(metric=metric_name, a=a, b=b),
        meta,
        xaxis={"title": {"text": metric_name}, "showgrid": True, "gridcolor": GRID, "zeroline": True, **VALUE_TICKS,
               "zerolinecolor": "#9aa5b1"},
        yaxis={"type": "category", "automargin": True, "tickfont": {"size": 11}},
        showlegend=False, bargap=0.25, margin={"t": 24, "b": 48, "l": 8, "r": 16}, height=_bar_height(len(d)),
    )
