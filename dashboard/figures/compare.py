"""The compare-years chart: a dumbbell per series, with % change and CAGR labels."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd

from dashboard.data.i18n import _
from dashboard.figures.common import base_figure, empty_figure, floats, label_list, text_width
from dashboard.figures.theme import MUTED, VALUE_TICKS, region_color, sector_color
from dashboard.model.state import ViewState
from dashboard.model.transforms import NA_BASE

#: a row's label and change on one line of at most this many character cells (a CJK character counts
#: two: common.text_width): the plot of a 390 px phone is 292 px wide, ~7 px a cell at 12 px. A longer
#: one puts the change on a second line, and a label longer than that breaks after its region
LINE_CELLS = 38
#: px of chart height per row, and per extra line of a row's text
ROW_PX = 58
LINE_PX = 15


def row_text(label: str, change: str, cells: int = LINE_CELLS) -> str:
    """The annotation text of a row: ``"<b>label</b>  change"`` on one line when it has at most
    ``cells`` character cells, else the change on its own line; a label itself longer than ``cells``
    is broken after its region (at " – ", kept at the end of the first line)."""
    if text_width(label) + 2 + text_width(change) <= cells:
        return f"<b>{label}</b>  {change}"
    if text_width(label) > cells and " – " in label:
        region, rest = label.split(" – ", 1)
        label = f"{region} –<br>{rest}"
    return f"<b>{label}</b><br>{change}"


def _changes(pct: float, growth: float) -> str:
    """A row's "+12.3%, CAGR +1.2%/yr" (n/a where a base or an end value is <= 0)."""
    p = _(NA_BASE) if not math.isfinite(pct) else f"{pct:+,.1f}%"
    r = _(", CAGR n/a") if math.isfinite(pct) and not math.isfinite(growth) else \
        "" if not math.isfinite(growth) else _(", CAGR {rate}%/yr").format(rate=f"{growth:+.1f}")
    return f"{p}{r}"


def _difference(diff: float, decimals: int) -> str:
    """A rate of change's row: the difference of its two values in percentage points ("−1.2 pp")."""
    return _("{change} pp").format(change=f"{diff:+,.{decimals}f}")


def compare_figure(data: pd.DataFrame, meta: Mapping, state: ViewState, years: Sequence[int] | None = None) -> dict:
    """Dumbbell chart: each series' value in two years, with % change and CAGR labels; for an indicator
    that is itself a rate of change (``meta["kind"] == "rate"``) the difference in percentage points
    instead (a % change or a CAGR of a growth rate means nothing).

    ``data`` is :func:`dashboard.model.transforms.compare_years` output; ``years`` the years in
    which the selected series have data (:func:`dashboard.model.chart_data.selection_years`),
    which, when ``data`` is empty, says why: a selection with a single year of data reads
    "Only one year of data (2023)." instead of asking for two different years.
    """
    if data.empty:
        if years is not None and len(set(years)) == 1:
            return empty_figure(_("Only one year of data ({year}).").format(year=int(next(iter(years)))),
                                meta.get("name", ""))
        if years is not None and not years:
            return empty_figure(_("No data for this selection."), meta.get("name", ""))
        if state.year_a == state.year_b:
            return empty_figure(_("Pick two different years to compare."), meta.get("name", ""))
        return empty_figure(
            _("No selected series has values in both {a} and {b}. Pick other years.").format(a=state.year_a, b=state.year_b),
            meta.get("name", ""),
        )
    decimals = int(meta.get("decimals", 1))
    unit = meta["unit"] if state.transform != "share" else _("% of total")
    rate = meta.get("kind") == "rate"  # a rate of change: its difference in percentage points only
    # plain lists, last row first (the first series on top): a few rows, where pandas' per-column
    # operations cost more than the work (issue 14)
    col = {c: data[c].tolist()[::-1] for c in ("region", "sector", "value_a", "value_b", "abs_change", "pct_change",
                                               "cagr", "year_a", "year_b")}
    labels = label_list(col["region"], col["sector"])
    a, b = int(col["year_a"][0]), int(col["year_b"][0])
    by_sector = len(set(col["region"])) == 1 and len(set(col["sector"])) > 1
    colours = [sector_color(s, i) if by_sector else region_color(r, i)
               for i, (r, s) in enumerate(zip(col["region"], col["sector"]))]
    va, vb = floats(col["value_a"]), floats(col["value_b"])
    xs: list = []
    ys: list = []
    for x0, x1, label in zip(va.tolist(), vb.tolist(), labels):
        xs += [x0, x1, None]
        ys += [label, label, None]
    hover = "<b>%{y}</b><br>%{customdata}: %{x:,." + str(decimals) + "f} " + unit + "<extra></extra>"
    # Each row is labelled above its dumbbell, left-aligned, with its change: this reads on a
    # phone as well as on a wide screen (axis tick labels would eat a narrow plot's width).
    annotations = []
    texts: list[str] = []
    for label, diff, pct, growth in zip(labels, col["abs_change"], col["pct_change"], col["cagr"]):
        texts.append(row_text(label, _difference(diff, decimals) if rate else _changes(pct, growth)))
        annotations.append({
            "text": texts[-1], "x": 0, "xref": "paper", "xanchor": "left", "y": label,
            "yref": "y", "yanchor": "bottom", "yshift": 7, "showarrow": False, "align": "left",
            "font": {"size": 12, "color": MUTED},
        })
    # rows are evenly spaced: each gets room for the most lines any row's text takes
    extra_lines = max(t.count("<br>") for t in texts)
    traces = [
        {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": "#c1c7cd", "width": 4},
         "hoverinfo": "skip", "showlegend": False},
        {"type": "scatter", "x": va, "y": labels, "mode": "markers", "name": str(a), "legendgroup": "a",
         "marker": {"size": 13, "symbol": "circle-open", "color": colours, "line": {"width": 2.5}},
         "customdata": [a] * len(labels), "hovertemplate": hover, "showlegend": False},
        {"type": "scatter", "x": vb, "y": labels, "mode": "markers", "name": str(b), "legendgroup": "b",
         "marker": {"size": 13, "symbol": "circle", "color": colours},
         "customdata": [b] * len(labels), "hovertemplate": hover, "showlegend": False},
    ]
    # the legend says which year is open and which filled, in a neutral colour: the dots take each
    # series' colour, and a legend symbol would show only the first one's (a new-user check found it)
    traces += [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": str(year),
                "legendgroup": group, "hoverinfo": "skip", "meta": {"legend_only": True},
                "marker": {"size": 13, "symbol": symbol, "color": MUTED, "line": {"width": 2.5}}}
               for year, group, symbol in ((a, "a", "circle-open"), (b, "b", "circle"))]
    lo, hi = float(min(va.min(), vb.min())), float(max(va.max(), vb.max()))
    # a margin of the axis's length (from zero or the smallest value), not of the values' spread: two
    # close values far from zero got a margin thinner than a dot (education_expenditure: 3.944 on an
    # axis ending at 3.947, the dot cut in half)
    pad = (max(hi, 0.0) - min(lo, 0.0)) * 0.05 or abs(hi) * 0.1 or 1.0
    x_range = [min(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad]
    subtitle = (_("{unit} · {a} (open circle) vs {b} (filled) · difference in percentage points") if rate else
                _("{unit} · {a} (open circle) vs {b} (filled) · % change, compound annual growth rate")).format(
                    unit=unit, a=a, b=b)
    return base_figure(
        traces, _("{name}: {a} vs {b}").format(name=meta["name"], a=a, b=b), subtitle, meta,
        xaxis={"title": {"text": unit}, "range": x_range, "showgrid": True, "gridcolor": "#e4e7eb", **VALUE_TICKS},
        yaxis={"showgrid": False, "type": "category", "showticklabels": False,
               "range": [-0.6, len(labels) - 0.2]},
        annotations=annotations, margin={"t": 40, "b": 48, "l": 24, "r": 24},
        height=max(300, 130 + (ROW_PX + LINE_PX * extra_lines) * len(labels)), showlegend=True,
    )
