"""Small pure helpers of the app's callbacks (:mod:`dashboard.callbacks`): the phone menu's toggle, the
year a click on the time series names, and the JSON a response is sent as."""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component

from dashboard.data.contract import YEAR_MAX, YEAR_MIN


def plain_json(value: Any) -> Any:
    """``value`` with every Dash component in it replaced by the dict Dash sends for it
    (``Component.to_plotly_json``: ``{"props", "type", "namespace"}``), recursively; other values
    as they are (a figure dict is not walked: it holds no component). The same JSON as before, but
    plotly's encoder then serialises the response in one pass: a component anywhere in it made the
    encoder walk and copy the whole response, figures included, item by item (~3 ms of a ~12 ms
    indicator change; issue 14)."""
    if isinstance(value, Component):
        out = value.to_plotly_json()
        out["props"] = {k: plain_json(v) for k, v in out["props"].items()}
        return out
    if isinstance(value, dict):
        if "data" in value and "layout" in value:  # a figure
            return value
        return {k: plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_json(v) for v in value]
    return value


def toggle_navbar(n_clicks: Any, is_open: Any) -> bool:
    """Open/close the phone menu; a non-boolean state from the client counts as closed."""
    is_open = is_open if isinstance(is_open, bool) else False
    return (not is_open) if n_clicks else is_open


def clicked_year(click_data: Any) -> int | None:
    """The year of the time-series point a click payload names (None if it names none)."""
    try:
        year = int(click_data["points"][0]["x"])
    except (TypeError, KeyError, IndexError, ValueError, OverflowError):
        return None
    return year if YEAR_MIN <= year <= YEAR_MAX else None  # a posted value, not a point of the chart
