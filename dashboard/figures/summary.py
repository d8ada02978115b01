"""A one-sentence text alternative of a chart, computed from the figure's own data.

Screen-reader users reach it through the chart's heading (``aria-labelledby`` of the chart
region); sighted users get the same numbers from the chart and its data table.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from dashboard.data.i18n import _

MAX_SERIES = 3  # the sentence names at most this many series; the data table has them all


def _year(x: Any) -> str:
    """A year on the x axis as text: the drawn arrays are floats (NaN marks a break), so 2012.0 -> "2012"."""
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    return str(int(f)) if f.is_integer() else str(x)


def _num(v: float) -> str:
    """A value with a precision that suits its size (the data table has the exact figures)."""
    a = abs(v)
    decimals = 0 if a >= 100 else 1 if a >= 10 else 2
    return f"{v:,.{decimals}f}"


def _points(trace: Mapping[str, Any]) -> list[tuple[Any, float]]:
    x, y = trace.get("x"), trace.get("y")  # lists or numpy arrays
    # numpy arrays as lists in one call (iterating one yields numpy scalars, one object each)
    xs: Sequence = [] if x is None else x.tolist() if hasattr(x, "tolist") else list(x)
    ys: Sequence = [] if y is None else y.tolist() if hasattr(y, "tolist") else list(y)
    out = []
    for xv, yv in zip(xs, ys):
        try:
            fy = float(yv)
        except (TypeError, ValueError):
            continue
        if not math.isnan(fy):
            out.append((xv.item() if hasattr(xv, "item") else xv, fy))
    return out


def chart_summary(fig: Mapping[str, Any]) -> str:
    """One sentence saying what a line chart shows: each named series' first and last drawn
    value with their years (e.g. "China: from 1.91 in 2012 to 2.65 in 2023."), at most
    ``MAX_SERIES`` series, then how many more. Charts of another kind (bars, compared years,
    stacks) get the count and names of their series. '' for an empty figure."""
    traces = [t for t in fig.get("data") or []
              if t.get("name") and t.get("showlegend", True) is not False]
    if not traces:
        return ""
    lines = [t for t in traces if "lines" in str(t.get("mode", "")) and not t.get("stackgroup")
             and t.get("type", "scatter") == "scatter"]
    if lines:
        parts: list[str] = []
        for t in lines:  # the first MAX_SERIES lines with two points or more
            if len(parts) == MAX_SERIES:
                break
            pts = _points(t)
            if len(pts) < 2:
                continue
            (x0, y0), (x1, y1) = pts[0], pts[-1]
            parts.append(_("{name}: from {a} in {ya} to {b} in {yb}").format(
                name=t["name"], a=_num(y0), ya=_year(x0), b=_num(y1), yb=_year(x1)))
        if parts:
            more = len(lines) - len(parts)  # every line not described, one too short to describe too
            tail = _(" (and {n} more series)").format(n=more) if more > 0 else ""
            return _("; ").join(parts) + tail + _(".")
    names = [str(t["name"]) for t in traces]
    return _("The chart shows {n} series: {names}.").format(n=len(names), names=_(", ").join(names))
