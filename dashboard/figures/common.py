"""What every figure shares: the figure frame, the empty state, legend labels, units and numbers.

Figures are plain ``{"data": [...], "layout": {...}}`` dicts, the JSON that plotly.js reads:
building ``go.Figure`` objects validated every property and cost most of a callback's time
(measured: ~70 of ~90 ms per render). ``go.Figure(fig)`` turns one into a validated object
when needed (tests do, to check the dicts are valid). Title, unit and source travel in every
figure (``layout.meta.export``), so an exported image carries them.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Mapping, Sequence

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
    """Legend label of each row (same index as ``frame``): region, sector, or "region – sector"
    when both vary. Each distinct (region, sector) is named once (a chart has a few series and
    hundreds of rows)."""
    return pd.Series(label_list(frame["region"].tolist(), frame["sector"].tolist()), index=frame.index, dtype=object)


def label_list(regions: Sequence[str], sectors: Sequence[str]) -> list[str]:
    """:func:`series_labels` of rows given as two equally long lists (region and sector codes), as a list."""
    distinct_sectors = set(sectors)
    many_regions = len(set(regions)) > 1
    many_sectors = len(distinct_sectors) > 1 or (len(distinct_sectors) == 1 and sectors[0] != "total")
    both = many_regions and len(distinct_sectors) > 1
    names: dict[tuple, str] = {}
    out = []
    for key in zip(regions, sectors):
        name = names.get(key)
        if name is None:
            r, sec = key
            name = names[key] = (region_name(r) + " – " + sector_name(sec) if both else
                                 region_name(r) if many_regions or not many_sectors else sector_name(sec))
        out.append(name)
    return out


def source_line(*metas: Mapping) -> str:
    """The source line of an exported image: ``"Source: <source>  ·  <app>"`` of one catalog row,
    ``"Sources: <a>; <b>  ·  <app>"`` of several (a chart drawing two indicators, e.g. with the
    counterpart overlay), each distinct source once, in order."""
    sources = list(dict.fromkeys(str(m["source"]) for m in metas))
    text = (_("Source: {source}").format(source=sources[0]) if len(sources) == 1 else
            _("Sources: {sources}").format(sources=_("; ").join(sources)))
    return text + "  ·  " + _(APP_CREDIT)


def base_figure(data: list, title: str, subtitle: str, meta: Mapping, **layout) -> dict:
    """A figure dict with the common layout. On screen the title is HTML above the chart
    (it wraps on phones); ``layout.meta.export`` carries title, subtitle and source, which
    the image export (assets/20_dashboard.js) puts inside the picture."""
    base = {
        "template": TEMPLATE_JSON,
        "legend": legend_layout(),
        "margin": {"t": 24, "b": 48},  # the legend pushes the bottom margin as far as it needs
        "meta": {
            "indicator": meta.get("indicator_id", ""),
            "export": {"title": title, "subtitle": subtitle, "source": source_line(meta)},
        },
    }
    base.update(layout)
    return {"data": data, "layout": base}


#: the legend never takes more than this share of the chart's height (it scrolls beyond), so
#: the plot area keeps at least 60 % of it at every viewport and number of series (issue 9, item 9)
LEGEND_MAX_SHARE = 0.22
LEGEND_FONT_PX = 12
#: width of a legend entry's text per character at LEGEND_FONT_PX (system sans-serif, generous)
LEGEND_CHAR_PX = 7.0


def text_width(text: str) -> int:
    """Width of ``text`` in half-width character cells: a wide or full-width character (CJK,
    Unicode East Asian Width W or F) counts two, any other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def legend_layout(labels: Sequence[str] = ()) -> dict:
    """The legend of every chart: horizontal, at the bottom of the figure below the x-axis ticks
    (``yref`` container: the modebar at the top never covers it), at most
    :data:`LEGEND_MAX_SHARE` of the figure's height (plotly scrolls the rest), entries in
    columns as wide as the longest of ``labels`` so that narrow screens get as many columns as
    fit and no entry overlaps the next (``entrywidth`` 0, i.e. each its own width, without labels).
    """
    longest = max((text_width(str(x)) for x in labels), default=0)
    return {"orientation": "h", "x": 0, "xanchor": "left", "xref": "container", "y": 0, "yanchor": "bottom",
            "yref": "container", "maxheight": LEGEND_MAX_SHARE, "font": {"size": LEGEND_FONT_PX},
            "entrywidth": round(longest * LEGEND_CHAR_PX) if longest else 0, "entrywidthmode": "pixels"}


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


def range_text(years: pd.Series | Sequence[int]) -> str:
    """``"2000–2023"`` (the first and the last of ``years``, NaN ignored), or ``"2023"`` for one year."""
    values = [y for y in (years.tolist() if isinstance(years, pd.Series) else years) if y == y]  # y == y: not NaN
    lo, hi = int(min(values)), int(max(values))
    return str(lo) if lo == hi else f"{lo}–{hi}"


def floats(values) -> np.ndarray:
    # numpy arrays, not lists: Dash's JSON encoder converts an array in one call, while it walks
    # a list element by element (measured: ~9 ms of a 36 ms render response)
    return np.asarray(values, dtype="float64")


def strings(values) -> list[str]:
    """Per-point texts (hover notes, marker symbols) as a list of ``str`` (None -> "None"). A list,
    not a numpy unicode array: orjson, plotly's JSON encoder, writes lists of str and numeric numpy
    arrays directly, and one unicode array in a response made it fall back to cleaning the whole
    response item by item (issue 14)."""
    return [str(v) for v in values]


def ints(values) -> np.ndarray:
    return np.asarray(values, dtype="int32")


#: with at most this many years between the first and the last, every year with data gets a
#: tick; over longer spans plotly's own tick step is a whole number of years (its step is at
#: least span / 10, rounded up to 1, 2 or 5, i.e. 1 from a span of 6 years)
YEAR_TICKS_SPAN = 5
#: the x axis of a chart of years is never narrower than this many years (one year's bar or
#: point would otherwise fill the whole width)
MIN_YEAR_SPAN = 6


def year_axis(years: pd.Series | Sequence[int]) -> dict:
    """The x-axis settings of a chart over calendar ``years`` (int-like; NaN ignored).

    Ticks are whole years only (``tickformat "d"``). Over a short span (<= :data:`YEAR_TICKS_SPAN`
    years) the ticks are exactly the years that have data, so one year reads "2023" once, not
    "2023" under every fractional tick plotly would pick. Spans shorter than
    :data:`MIN_YEAR_SPAN` are widened around their middle, so a single year's bar has a
    normal width. ``{"tickformat": "d"}`` for no years.
    """
    values = years.tolist() if isinstance(years, pd.Series) else list(years)
    if all(type(y) is int for y in values):  # the charts' case: plain ints, no parsing needed
        ys = sorted(set(values))
    else:
        ys = sorted({int(y) for y in pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").dropna()})
    axis: dict = {"tickformat": "d"}
    if not ys:
        return axis
    lo, hi = ys[0], ys[-1]
    if hi - lo <= YEAR_TICKS_SPAN:
        axis.update(tickmode="array", tickvals=ys)
    if hi - lo < MIN_YEAR_SPAN:
        pad = (MIN_YEAR_SPAN - (hi - lo)) / 2 + 0.5
        axis["range"] = [lo - pad, hi + pad]
    return axis
