"""The time-series chart: lines (or bars for short official series) per region or sector.

``data`` is :func:`dashboard.model.chart_data.timeseries_data` output, the rows the table and
the CSV download hold too.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.labels import PLAIN_FLAGS, flag_label
from dashboard.figures.common import (
    DASHES,
    base_figure,
    empty_figure,
    floats,
    ints,
    label_list,
    legend_layout,
    range_text,
    series_labels,
    source_line,
    strings,
    transform_phrase,
    value_axis_title,
    year_axis,
)
from dashboard.figures.na_points import na_trace
from dashboard.figures.segments import (
    VINTAGE,
    as_floats,
    breaks_before,
    is_sparse,
    isolated,
    vintage_changes,
    vintage_note,
    with_breaks,
)
from dashboard.figures.theme import (
    CHINA,
    FLAG_SYMBOLS,
    OVERLAY_DASH,
    OVERLAY_FLAGGED_SUFFIX,
    OVERLAY_MARKER_SIZE,
    OVERLAY_SYMBOLS,
    region_color,
    sector_color,
)
from dashboard.model.log_scale import log_drawable
from dashboard.model.state import ViewState


def timeseries_figure(data: pd.DataFrame, meta: Mapping, state: ViewState) -> dict:
    """Lines (or bars for short official series) per region or sector; China highlighted.

    ``data`` columns: region, sector, year, value, flag.
    """
    if data.empty:
        return empty_figure(_("No data for this selection. Try other regions, sectors or years."),
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    unit = value_axis_title(meta, state)
    cols = _columns(data)  # plain lists: a chart has a few series of a few dozen points (issue 14)
    label_of = label_list(cols["region"], cols["sector"])
    use_bars = meta.get("default_chart") == "bar" and state.transform in ("level", "share")
    n_regions, n_sectors = len(set(cols["region"])), len(set(cols["sector"]))
    by_sector_colour = n_regions == 1 and n_sectors > 1
    # regions and sectors both vary: colour tells the region, the dash pattern the sector
    sector_dash = {} if by_sector_colour or n_sectors == 1 else {
        s: DASHES[i % len(DASHES)] for i, s in enumerate(dict.fromkeys(cols["sector"]))}
    hover = ("<b>%{fullData.name}</b><br>%{x}: %{y:,." + str(decimals) + "f} " + unit
             + "%{customdata}<extra></extra>")
    traces = []
    for i, ((region, sector), rows) in enumerate(_series_rows(cols).items()):
        colour = sector_color(sector, i) if by_sector_colour else region_color(region, i)
        is_china = region == CHINA and not by_sector_colour
        flags = rows["flag"]
        flagged = [f not in PLAIN_FLAGS for f in flags]
        notes = ["" if not f else f"<br><i>{flag_label(fl)}</i>" for f, fl in zip(flagged, flags)]
        trace = {
            "x": ints(rows["year"]),
            "y": floats(rows["value"]),
            "name": str(label_of[rows["at"][0]]),
            "customdata": strings(notes),
            "hovertemplate": hover,
            "legendrank": 1 if is_china else 100 + i,
        }
        if use_bars:
            trace.update(type="bar", marker={"color": colour,
                                             "pattern": {"shape": ["/" if f else "" for f in flagged]}})
        else:
            trace.update(_line_trace(rows, flags, flagged, notes, colour, is_china,
                                     sector_dash.get(sector, "dot" if region == "WLD" else "solid")))
        traces.append(trace)
    if use_bars:
        traces = [_bars_on_every_year(t, cols["year"]) for t in traces]
    traces += na_trace(data, label_of, 100.0 if state.transform == "index" else 0.0)  # n/a: base <= 0
    names = list(dict.fromkeys(label_of))
    subtitle = _subtitle(unit, state, names, cols["year"])
    log_ok = state.log and log_drawable(data["value"].tolist())  # the switch's rule (model.log_scale)
    shapes = []
    if state.transform in ("index", "yoy"):
        level = 100 if state.transform == "index" else 0
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": level, "y1": level,
                       "line": {"color": "#9aa5b1", "width": 1, "dash": "dash" if level else "solid"}})
    layout: dict[str, Any] = {
        # columns as wide as the longest entry, the "n/a: base ≤ 0" one included (it was cut to "n/a: ba")
        "legend": legend_layout([str(t.get("name", "")) for t in traces]),
        "yaxis": {"title": {"text": unit}, "type": "log" if log_ok else "linear"},
        "xaxis": year_axis(cols["year"]),
        "shapes": shapes,
    }
    if use_bars:
        layout.update(barmode="group", bargap=0.25)
    return base_figure(traces, meta["name"], subtitle, meta, **layout)


def _bars_on_every_year(trace: dict, years: list[int]) -> dict:
    """Bar ``trace`` with an empty bar (y None) on every year between the first and the last of
    ``years`` (all series of the chart) that it has no value for. Plotly makes a bar as wide as the
    smallest gap between two x values: a series published for 2012 and 2021 only was drawn as two
    bars nine years wide, each reaching over years it has no figure for. An empty bar draws nothing
    and shows no hover; the table and the CSV keep only the years with data. Returns ``trace`` as it
    is when it already has a value on every such year."""
    span = range(min(years), max(years) + 1)
    if len(trace["x"]) == len(span):
        return trace
    at = {int(x): i for i, x in enumerate(trace["x"])}
    shapes = trace["marker"]["pattern"]["shape"]
    return {**trace, "x": ints(span),
            "y": floats([trace["y"][at[y]] if y in at else np.nan for y in span]),
            "customdata": strings([trace["customdata"][at[y]] if y in at else "" for y in span]),
            "marker": {**trace["marker"], "pattern": {"shape": [shapes[at[y]] if y in at else "" for y in span]}}}


def series_rows(data: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """The rows of each (region, sector) series of ``data``, in order of first appearance, each
    sorted by year (stable): ``{(region, sector): {"at": positions in data, "year": [...],
    "value": [...], "flag": [str, ...], "source_vintage": [...] or None}}``. Plain lists: a chart
    has a few series of a few dozen points, where per-group pandas operations cost far more
    than the work itself (issue 14)."""
    return _series_rows(_columns(data))


def _columns(data: pd.DataFrame) -> dict[str, Any]:
    """The columns :func:`series_rows` reads, as lists (``source_vintage`` None when absent)."""
    cols: dict[str, Any] = {c: data[c].tolist() for c in ("region", "sector", "year", "value", "flag")}
    cols["source_vintage"] = data["source_vintage"].tolist() if "source_vintage" in data.columns else None
    return cols


def _series_rows(cols: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """:func:`series_rows` of :func:`_columns`."""
    vintages = cols["source_vintage"]
    at: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(cols["region"], cols["sector"])):
        at.setdefault(key, []).append(i)
    out = {}
    for key, idx in at.items():
        idx = sorted(idx, key=cols["year"].__getitem__)
        out[key] = {"at": idx, "year": [cols["year"][j] for j in idx], "value": [cols["value"][j] for j in idx],
                    "flag": [str(cols["flag"][j]) for j in idx],
                    "source_vintage": [vintages[j] for j in idx] if vintages is not None else None}
    return out


def _line_trace(s: Mapping[str, Any], flags: list[str], flagged: list[bool], notes: list[str], colour: str,
                is_china: bool, dash: str) -> dict:
    """The scatter part of one series' trace: x, y and per-point arrays with an empty point
    wherever the line must break (a missing year, an n/a value, a change of source vintage;
    see :mod:`dashboard.figures.segments`), markers on flagged and isolated points, and
    markers only for a sparse series."""
    years, values, vintages = list(s["year"]), list(s["value"]), s["source_vintage"]
    breaks = breaks_before(years, values, vintages)
    alone = isolated(breaks)
    few = len(years) <= 30
    sparse = is_sparse(breaks, values)
    changed = vintage_changes(vintages, len(breaks))
    hover = [n + (vintage_note(vintages[i - 1], vintages[i]) if vintages and c else "")
             for i, (n, c) in enumerate(zip(notes, changed))]
    ends = [b == VINTAGE or (i + 1 < len(breaks) and breaks[i + 1] == VINTAGE) for i, b in enumerate(breaks)]
    sizes = [9 if f else (7 if a or e or sparse else (6 if few else 0)) for f, a, e in zip(flagged, alone, ends)]
    rows, (x, y, custom, symbols, size) = with_breaks(
        breaks, years, values, hover, [FLAG_SYMBOLS.get(f, "circle") for f in flags], sizes)
    return {
        "type": "scatter",
        "x": as_floats(x),
        "y": as_floats(y),
        "customdata": strings(["" if c is None else c for c in custom]),
        "mode": "markers" if sparse else ("lines+markers" if any(v > 0 for v in sizes) else "lines"),
        "connectgaps": False,
        "line": {"color": colour, "width": 3.5 if is_china else 2.0, "dash": dash},
        "marker": {"symbol": strings([m or "circle" for m in symbols]), "size": floats([v or 0 for v in size]),
                   "color": colour,
                   "line": {"width": 1.5, "color": colour}},
    }


def markers_apart(fig: dict) -> dict:
    """``fig`` (a time-series figure, with any overlay and milestone markers added) as drawn: each
    line trace with visible markers on fewer than half of its points (marker size 0 on the others,
    see :func:`_line_trace`) becomes the line, with plotly asked to draw one invisible marker of it
    (``marker.maxdisplayed`` 1, size and opacity 0: the trace still counts as having markers, so plotly pads
    the year axis as before; a size-0 marker alone still showed a dot), and, right after it, a
    markers-only trace of just the points that have one (same symbols, sizes and colour,
    ``meta.markers_of`` the series' name; no legend entry and no hover of its own: the line's point
    under it answers the hover and the click; one legend group, so hiding the series in the legend
    hides both). The legend is shown exactly when plotly would have shown it for ``fig``
    (``showlegend``: more than one trace), in trace order. Returns a new figure; ``fig`` is
    unchanged; a figure with no such trace is returned as it is.

    Why: plotly draws and styles an SVG path for every point of a ``lines+markers`` trace, size 0
    or not; a chart of three 66-year series with two flagged points each redrew in 36-38 ms, split
    in 25-26 ms (median of 30 redraws in Chromium, issue 14)."""
    data = fig.get("data", [])
    parts = [_apart(t) for t in data]
    if all(len(p) == 1 and p[0] is t for p, t in zip(parts, data)):
        return fig
    layout = dict(fig.get("layout", {}))
    layout.setdefault("showlegend", len(data) > 1)  # plotly's default for fig, before the split
    layout["legend"] = {**layout.get("legend", {}), "traceorder": "normal"}  # groups would reorder it
    return {**fig, "data": [t for p in parts for t in p], "layout": layout}


def _apart(trace: dict) -> list[dict]:
    """One trace of :func:`markers_apart`: ``[trace]`` or ``[line, markers]``."""
    marker = trace.get("marker") or {}
    if trace.get("mode") != "lines+markers" or marker.get("size") is None or np.ndim(marker["size"]) != 1:
        return [trace]
    sizes = np.asarray(marker["size"], dtype="float64")
    keep = np.flatnonzero(sizes > 0)
    if 2 * len(keep) >= len(sizes):  # most points have a marker: little to save, and the legend shows it
        return [trace]
    group = str(trace.get("name", ""))
    line = {**trace, "legendgroup": group,
            "marker": {"size": 0, "opacity": 0, "maxdisplayed": 1, "color": marker.get("color")}}
    if not len(keep):
        return [line]
    symbols = marker.get("symbol")
    dots = {
        "type": "scatter", "mode": "markers", "legendgroup": group, "showlegend": False, "hoverinfo": "skip",
        "x": np.asarray(trace["x"], dtype="float64")[keep], "y": np.asarray(trace["y"], dtype="float64")[keep],
        "marker": {**marker, "size": sizes[keep],
                   **({"symbol": [symbols[i] for i in keep]} if isinstance(symbols, list) else {})},
        "meta": {"markers_of": group},
    }
    return [line, dots]


def _overlay_look(trace: dict, symbol: str = OVERLAY_SYMBOLS[0]) -> dict:
    """A :func:`_line_trace` of a counterpart series with the overlay's markers on every point: a filled
    ``symbol`` (one of :data:`~dashboard.figures.theme.OVERLAY_SYMBOLS`, by sector), the open symbol with a
    dot where the point has a data-quality flag (named on hover, as on the main series). The same shape even
    there: the legend shows the first point's symbol, and a flag's own symbol (NBS first releases are
    "preliminary") hid the look."""
    marker = trace["marker"]
    flagged = [v > 0 and s != "circle" for s, v in zip(marker["symbol"], marker["size"].tolist())]
    symbols = [symbol + OVERLAY_FLAGGED_SUFFIX if f else symbol for f in flagged]
    sizes = [OVERLAY_MARKER_SIZE + 2 if f else OVERLAY_MARKER_SIZE for f in flagged]
    mode = "markers" if trace["mode"] == "markers" else "lines+markers"
    return {**trace, "mode": mode, "marker": {**marker, "symbol": strings(symbols), "size": floats(sizes)}}


def _subtitle(unit: str, state: ViewState, names: Sequence[str], years: Sequence[int]) -> str:
    """The time series' subtitle: unit, transform, the drawn series (named when at most four, else
    counted: ``"15 series"``) and the years drawn."""
    scope = _(", ").join(names) if len(names) <= 4 else _("{n} series").format(n=len(names))
    return f"{unit} · {transform_phrase(state)}{scope} · {range_text(years)}"


def add_overlay(fig: dict, main: pd.DataFrame, other: pd.DataFrame, meta: Mapping, state: ViewState,
                suffix: str, counterpart: Mapping | None = None) -> dict:
    """``fig`` (a :func:`timeseries_figure` of ``main``) with the counterpart indicator's series
    ``other`` (same columns, same unit) as lines named ``"<series> · <suffix>"``, each in the colour of
    the main series it pairs with, drawn in the overlay's own style (:data:`~dashboard.figures.theme.OVERLAY_DASH`
    with a square on every point, :func:`_overlay_look`):
    no series of the chart has the same look, the sector lines dashed when regions and sectors both vary
    included. Returns a new figure dict; ``fig`` is unchanged.
    Nothing is added when ``main`` or ``other`` is empty (the figure is then the empty figure or
    holds no counterpart series).

    The figure's export text (``layout.meta.export``) then counts every drawn series, the counterpart's
    too (``"15 series"`` for 12 WDI and 3 NBS series), spans the years of both and, given
    ``counterpart`` (its catalog row), names both sources (:func:`~dashboard.figures.common.source_line`):
    an exported image names every source it draws."""
    if main.empty or other.empty:
        return fig
    decimals = int(meta.get("decimals", 1))
    hover = ("<b>%{fullData.name}</b><br>%{x}: %{y:,." + str(decimals) + "f} " + value_axis_title(meta, state)
             + "%{customdata}<extra></extra>")
    both = pd.concat([main[["region", "sector"]], other[["region", "sector"]]], ignore_index=True)
    labels = series_labels(both).iloc[len(main):].reset_index(drop=True)  # labelled as the main series are
    colours = {t.get("name"): (t.get("line") or t.get("marker") or {}).get("color") for t in fig.get("data", [])}
    traces = []
    label_of = labels.tolist()
    sector_rank = {s: k for k, s in enumerate(dict.fromkeys(other["sector"].tolist()))}
    for i, ((region, sector), rows) in enumerate(series_rows(other).items()):
        symbol = OVERLAY_SYMBOLS[sector_rank.get(sector, 0) % len(OVERLAY_SYMBOLS)]
        label = str(label_of[rows["at"][0]])
        colour = colours.get(label) or region_color(region, i)
        flags = rows["flag"]
        flagged = [f not in PLAIN_FLAGS for f in flags]
        notes = ["" if not f else f"<br><i>{flag_label(fl)}</i>" for f, fl in zip(flagged, flags)]
        trace = {"name": f"{label} · {suffix}", "hovertemplate": hover, "legendrank": 200 + i,
                 "meta": {"counterpart": True}}
        trace.update(_overlay_look(_line_trace(rows, flags, flagged, notes, colour, False, OVERLAY_DASH), symbol))
        traces.append(trace)
    names = [t.get("name", "") for t in fig.get("data", [])] + [t["name"] for t in traces]
    layout = {**fig.get("layout", {}), "legend": legend_layout(names)}
    drawn = list(dict.fromkeys(series_labels(main).tolist())) + [t["name"] for t in traces]
    years = [int(y) for y in main["year"].tolist() + other["year"].tolist()]
    old_meta = layout.get("meta") or {}
    export = {**old_meta.get("export", {}),
              "subtitle": _subtitle(value_axis_title(meta, state), state, drawn, years)}
    if counterpart is not None:
        export["source"] = source_line(meta, counterpart)
    layout["meta"] = {**old_meta, "export": export}
    return {**fig, "data": list(fig.get("data", [])) + traces, "layout": layout}
