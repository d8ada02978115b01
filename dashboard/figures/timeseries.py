"""The time-series chart: lines (or bars for short official series) per region or sector.

``data`` is :func:`dashboard.model.chart_data.timeseries_data` output, the rows the table and
the CSV download hold too.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from dashboard.data.labels import flag_label
from dashboard.figures.common import (
    DASHES,
    base_figure,
    empty_figure,
    floats,
    ints,
    range_text,
    series_labels,
    transform_phrase,
    value_axis_title,
)
from dashboard.figures.na_points import na_trace
from dashboard.figures.theme import CHINA, FLAG_SYMBOLS, region_color, sector_color
from dashboard.model.state import ViewState


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
            "x": ints(s["year"]),
            "y": floats(s["value"]),
            "name": str(s["_label"].iloc[0]),
            "customdata": ["" if not f else f"<br><i>{flag_label(fl)}</i>" for f, fl in zip(flagged, flags)],
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
    subtitle = f"{unit} · {transform_phrase(state)}{scope} · {range_text(data['year'])}"
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
    return base_figure(traces, meta["name"], subtitle, meta, **layout)
