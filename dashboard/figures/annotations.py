"""Dated events (``content/events.toml``, dated from the data) as markers on a time-series figure.

Pure: takes a figure dict built by :func:`dashboard.figures.timeseries_figure`, the rows it draws
and the indicator's events, and returns a new figure dict; the input is not changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from dashboard.data.i18n import N_, _, bracketed, is_zh
from dashboard.data.i18n_content import source_text
from dashboard.data.labels import region_name, sector_name
from dashboard.figures.common import legend_layout
from dashboard.model.milestones import Event

EVENT_COLOR = "#1f2933"
EVENTS_TRACE = N_("Milestones")  # the trace's name in English (translated where drawn)


def _hover(ev: Event) -> str:
    first = ev.evidence[0]
    who = region_name(ev.region) if ev.sector == "total" else bracketed(region_name(ev.region), sector_name(ev.sector))
    label = ev.label_zh if is_zh() and ev.label_zh else ev.label
    return (f"<b>{escape(label)}</b><br>" + _("{who}, first in {year}").format(who=who, year=ev.year)
            + f"<br>{escape(ev.explanation)}<br>" + _("Source: {source}").format(source=escape(source_text(first.source))))


def shown_events(data: pd.DataFrame, events: Sequence[Event]) -> list[tuple[Event, float]]:
    """The events whose series (region, sector) and year the chart draws, each with its y value there.

    ``data`` is the time series' rows (region, sector, year, value, possibly transformed). An
    event of a series not drawn, or of a year outside the chosen range, is left out.
    """
    out: list[tuple[Event, float]] = []
    if data.empty:
        return out
    for ev in events:
        row = data[(data["region"] == ev.region) & (data["sector"] == ev.sector) & (data["year"] == ev.year)]
        if not row.empty and pd.notna(row["value"].iloc[0]):
            out.append((ev, float(row["value"].iloc[0])))
    return out


def add_event_markers(fig: dict, data: pd.DataFrame, events: Sequence[Event]) -> dict:
    """``fig`` with a "Milestones" marker trace (one star per shown event, label and source on
    hover) and a dotted vertical line at each event's year. Unchanged (same dict) if no event is shown.
    """
    shown = shown_events(data, events)
    if not shown or not fig.get("data"):
        return fig
    trace = {
        "type": "scatter", "mode": "markers", "name": _(EVENTS_TRACE),
        "x": [ev.year for ev, _ in shown], "y": [y for _, y in shown],
        "text": [_hover(ev) for ev, _ in shown], "hovertemplate": "%{text}<extra></extra>",
        "marker": {"symbol": "star", "size": 16, "color": "#F0E442", "line": {"width": 1.5, "color": EVENT_COLOR}},
        "legendrank": 1000, "cliponaxis": False,
        "meta": {"events": [ev.id for ev, _ in shown]},
    }
    lines = [{"type": "line", "xref": "x", "yref": "paper", "x0": ev.year, "x1": ev.year, "y0": 0, "y1": 1,
              "layer": "below", "line": {"color": "#7b8794", "width": 1, "dash": "dot"}} for ev, _ in shown]
    layout = dict(fig.get("layout", {}))
    layout["shapes"] = list(layout.get("shapes", [])) + lines
    if "legend" in layout:  # legend columns as wide as the longest name, "Milestones" included
        names = [str(t.get("name", "")) for t in fig["data"]] + [str(trace["name"])]
        layout["legend"] = {**layout["legend"], "entrywidth": legend_layout(names)["entrywidth"]}
    return {"data": list(fig["data"]) + [trace], "layout": layout}
