"""Margins that already fit a chart's axis labels and legend, so plotly lays it out once (issue 14).

Plotly grows a figure's margins to fit what it draws outside the plot area ("automargin": tick
labels, axis titles, a legend below the plot), and when they grow it lays the whole figure out a
second time. That second pass was half of the time the browser spent drawing each chart (measured
by drawing a figure with and without it: ~80-120 ms -> ~40-60 ms for the time series on a 2-core
machine; docs/performance.md). When the margins given in the layout are already as large as what
plotly would push, nothing grows and there is no second pass.

The sizes here are plotly's own at its default fonts, read off charts drawn at the width of the
chart in a 1440 px window (:data:`FIT_WIDTH_PX`): the year axis needs 38 px below the plot, the
compare chart's titled value axis 55 px, the value axis 48-66 px on the left; a legend row is
19 px, the first 29 px. Automargin stays on: on a narrower screen, where the legend takes more
rows, or with unusually wide tick labels, plotly still widens the margins itself (the second
pass, as before), so a chart is never clipped; a wider screen may show a few pixels of extra
space under the legend. Pure functions on figure dicts.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

#: width in px of a chart in a 1440 px wide window (the chart column of a dimension page)
FIT_WIDTH_PX = 1004
#: a legend entry's width beyond its ``entrywidth``: symbol, gaps (from plotly's layout of
#: entries 56-210 px wide at FIT_WIDTH_PX)
LEGEND_ITEM_EXTRA_PX = 70
LEGEND_FIRST_ROW_PX = 29
LEGEND_ROW_PX = 19
#: below the plot: a year axis' tick labels (38 px measured) / a value axis with its title (55 px)
YEAR_AXIS_PX = 40
TITLED_X_AXIS_PX = 57
#: left of the plot: value tick labels and the rotated unit title (48-66 px measured)
VALUE_AXIS_LEFT_PX = 70
#: what a value tick label adds to :data:`VALUE_AXIS_LEFT_PX` per character beyond four (plotly's 12 px
#: tick font; measured: "50,000" needs 79 px where "5000" fits in 70) and per thousands separator
TICK_CHAR_PX = 7.5
TICK_SEPARATOR_PX = 4
#: a chart on a 390 px wide phone: its width (the viewport less page and card padding, measured)
#: and the height assets/10_dashboard.css gives the time series and composition below 576 px
PHONE_WIDTH_PX = 340
PHONE_HEIGHT_PX = 580
#: height of a chart whose layout gives none and that is not on a phone (the cards' 460 px style)
SCREEN_HEIGHT_PX = 460
#: the plot area keeps at least this share of the chart's height (issue 9, item 9)
MIN_PLOT_SHARE = 0.6
#: spare px per legend row beyond :data:`LEGEND_ROW_PX` (taller CJK glyphs, rounding)
LEGEND_ROW_SPARE_PX = 2


def legend_entries(fig: Mapping[str, Any]) -> int:
    """How many entries plotly's legend shows for ``fig``: traces whose ``showlegend`` is not
    false (0 when the layout hides the legend, or shows it by default for a single trace)."""
    layout = fig.get("layout", {})
    shown = [t for t in fig.get("data", []) if t.get("showlegend", True) is not False]
    if layout.get("showlegend") is False:
        return 0
    if layout.get("showlegend") is None and len(fig.get("data", [])) < 2:
        return 0
    return len(shown)


def legend_height(entries: int, entrywidth: float, height: float, max_share: float,
                  width: float = FIT_WIDTH_PX) -> int:
    """Height in px of a horizontal legend of ``entries`` entries of ``entrywidth`` px in a figure
    ``width`` x ``height`` px whose legend takes at most ``max_share`` of the height (plotly
    scrolls the rest). 0 for no entries."""
    if entries <= 0:
        return 0
    per_row = max(1, int(width // (max(entrywidth, 0) + LEGEND_ITEM_EXTRA_PX)))
    rows = math.ceil(entries / per_row)
    full = LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX * (rows - 1)
    return int(min(full, math.floor(max_share * height) - 2))


def legend_room(fig: dict, below_axis_px: int) -> dict:
    """``fig`` with its legend's ``maxheight`` (share of the chart's height) raised so that the whole
    legend shows, no entry cut at the legend's scrolling edge, on a phone (:data:`PHONE_WIDTH_PX` x
    :data:`PHONE_HEIGHT_PX`, or the layout's own height), when the plot area then still keeps
    :data:`MIN_PLOT_SHARE` of the height there and at :data:`FIT_WIDTH_PX` x :data:`SCREEN_HEIGHT_PX`
    (height = top margin + plot + ``below_axis_px`` + legend). A legend too long for that keeps its
    ``maxheight`` and scrolls. The phone's legend height comes from :func:`legend_height` at the
    legend's own ``entrywidth`` (plotly packs the columns by it), plus :data:`LEGEND_ROW_SPARE_PX` a
    row. Returns a new dict; ``fig`` unchanged when the legend already fits, is absent or hidden."""
    layout = fig.get("layout", {})
    legend = layout.get("legend")
    entries = legend_entries(fig)
    if not isinstance(legend, Mapping) or entries == 0 or layout.get("xaxis", {}).get("visible") is False:
        return fig
    share = float(legend.get("maxheight") or 1.0)
    entrywidth = float(legend.get("entrywidth") or 0)
    top = int(layout.get("margin", {}).get("t", 0))
    wanted = share
    for width, height in ((PHONE_WIDTH_PX, float(layout.get("height") or PHONE_HEIGHT_PX)),
                          (FIT_WIDTH_PX, float(layout.get("height") or SCREEN_HEIGHT_PX))):
        rows = math.ceil(entries / max(1, int(width // (max(entrywidth, 0) + LEGEND_ITEM_EXTRA_PX))))
        full = legend_height(entries, entrywidth, height, 1.0, width) + LEGEND_ROW_SPARE_PX * rows
        if top + below_axis_px + full > (1 - MIN_PLOT_SHARE) * height:
            return fig  # too long to show whole here: it keeps its cap and scrolls
        wanted = max(wanted, math.ceil((full + 2) / height * 100) / 100)  # legend_height keeps 2 px
    if wanted <= share:
        return fig
    return {**fig, "layout": {**layout, "legend": {**legend, "maxheight": wanted}}}


def value_axis_left_px(fig: Mapping[str, Any], base_px: int = VALUE_AXIS_LEFT_PX) -> int:
    """The left margin the value axis of ``fig`` needs: ``base_px`` (tick labels of up to four
    characters and the unit title) plus :data:`TICK_CHAR_PX` per character of its widest tick label
    beyond four and :data:`TICK_SEPARATOR_PX` per thousands separator (plotly separates thousands from
    five digits on). The widest label is estimated from the traces' largest absolute y value (its
    integer digits) and, on a log axis, their smallest positive value ("0.0001"); figures whose y is
    not numeric (the compare chart's labels) or empty get ``base_px``."""
    values: list[float] = []
    for trace in fig.get("data", []):
        y = trace.get("y")
        if y is None or isinstance(y, (str, dict)):
            continue
        try:
            arr = np.asarray(y, dtype="float64").ravel()
        except (TypeError, ValueError):
            return base_px
        values.extend(np.abs(arr[np.isfinite(arr)]).tolist())
    if not values:
        return base_px
    digits = len(str(int(round(max(values)))))
    separators = (digits - 1) // 3 if digits >= 5 else 0
    chars = digits + separators
    if fig.get("layout", {}).get("yaxis", {}).get("type") == "log":
        positive = [v for v in values if v > 0]
        if positive and min(positive) < 1:
            chars = max(chars, 2 + math.ceil(-math.log10(min(positive))))  # "0.0001": 6 characters
    return base_px + math.ceil(max(0, chars - separators - 4) * TICK_CHAR_PX + separators * TICK_SEPARATOR_PX)


def fit_margins(fig: dict, below_axis_px: int, left_px: int | None = VALUE_AXIS_LEFT_PX,
                default_height: int = 450) -> dict:
    """``fig`` with ``layout.margin`` as large as plotly's automargin would make it at
    :data:`FIT_WIDTH_PX`: bottom = ``below_axis_px`` + the legend's height, left = at least
    ``left_px`` (None: left as it is). Other margins and ``autoexpand`` are kept. A figure whose
    x axis is hidden (the empty state) is returned unchanged. Returns a new dict (``fig`` itself
    is not changed)."""
    layout = fig.get("layout", {})
    if layout.get("xaxis", {}).get("visible") is False:
        return fig
    fig = legend_room(fig, below_axis_px)
    layout = fig["layout"]
    legend = layout.get("legend", {})
    height = float(layout.get("height") or default_height)
    bottom = below_axis_px + legend_height(legend_entries(fig), float(legend.get("entrywidth") or 0), height,
                                           float(legend.get("maxheight") or 1.0))
    margin = dict(layout.get("margin", {}))
    margin["b"] = max(int(margin.get("b", 0)), bottom)
    if left_px is not None:
        margin["l"] = max(int(margin.get("l", 0)), value_axis_left_px(fig, left_px))
    return {**fig, "layout": {**layout, "margin": margin}}
