"""The app's callbacks: wiring only, with named (dict) inputs and outputs.

One user action is one server round trip. Every control of a dimension page (and a click on
the time series) is an input of :meth:`Callbacks.update`, which answers in the same response
with the dependent controls (options and values for a new indicator, the compare years a click
sets, the base-year switch), the view-state store (for the URL sync and the exports) and every
chart card whose inputs changed; the parts not needed to draw the chart in view (the other cards)
reach the page one painted frame later through the ``later`` store.
Its outputs include some of its own inputs, which Dash allows within one callback ("circular"
callbacks), so setting a control never triggers a second hop.

Untrusted payloads become typed values at this edge: control values and stored view states
pass :func:`dashboard.model.state.normalize` (via :mod:`dashboard.model.catalog`), a click
becomes an ``int`` year or nothing. The bodies are methods on :class:`Callbacks`, bound to one
store, so tests call them directly.
"""

from __future__ import annotations

import json
from typing import Any

import dash
from dash import MATCH, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard import runtime
from dashboard.cache import RenderCache
from dashboard.callback_helpers import clicked_year, plain_json, toggle_navbar
from dashboard.components import ids
from dashboard.components.chart_card import export_group_id
from dashboard.components.controls import (
    log_options,
    overlay_options,
    overlay_style,
    region_options,
    sector_options,
    transform_options,
    year_marks,
    year_options,
)
from dashboard.data.contract import YEAR_MAX, YEAR_MIN
from dashboard.data.i18n import get_lang, parse_lang, use_lang
from dashboard.data.store import DataStore
from dashboard.exports import csv_download_data, payload_lang
from dashboard.model.catalog import (
    catalog_row,
    indicator_ids,
    indicator_meta,
    state_from_payload,
    state_from_raw,
    valid_dimension,
    view_payload,
)
from dashboard.model.compare_default import default_compare_years
from dashboard.model.state import ViewState
from dashboard.render import CHART_KEYS, Card, chart_export, charts_to_redraw, export_filename, page_state, render_card

#: control name -> (component id, property): the inputs of the update callback, and their URL key
CONTROLS: dict[str, tuple[str, str, str]] = {
    "indicator": (ids.INDICATOR, "value", "indicator"),
    "regions": (ids.REGIONS, "value", "region"),
    "sectors": (ids.SECTORS, "value", "sector"),
    "years": (ids.YEARS, "value", "time"),
    "transform": (ids.TRANSFORM, "value", "transform"),
    "base_year": (ids.BASE_YEAR, "value", "base"),
    "log": (ids.LOG, "value", "log"),
    "year_a": (ids.YEAR_A, "value", "compare"),
    "year_b": (ids.YEAR_B, "value", "compare"),
    "stack": (ids.STACK, "value", "stack"),
    "events": (ids.EVENTS, "value", "events"),
    "overlay": (ids.OVERLAY, "value", "overlay"),
}

#: dependent-control output name -> (component id, property)
CONTROL_OUTPUTS: dict[str, tuple[str, str]] = {
    "region_options": (ids.REGIONS, "options"), "regions": (ids.REGIONS, "value"),
    "sector_options": (ids.SECTORS, "options"), "sectors": (ids.SECTORS, "value"),
    "sectors_disabled": (ids.SECTORS, "disabled"),
    "year_min": (ids.YEARS, "min"), "year_max": (ids.YEARS, "max"), "years": (ids.YEARS, "value"),
    "year_marks": (ids.YEARS, "marks"),
    "transform_options": (ids.TRANSFORM, "options"), "transform": (ids.TRANSFORM, "value"),
    "base_year_options": (ids.BASE_YEAR, "options"), "base_year": (ids.BASE_YEAR, "value"),
    "base_year_disabled": (ids.BASE_YEAR, "disabled"),
    "year_a_options": (ids.YEAR_A, "options"), "year_a": (ids.YEAR_A, "value"),
    "year_b_options": (ids.YEAR_B, "options"), "year_b": (ids.YEAR_B, "value"),
    "stack": (ids.STACK, "value"), "log": (ids.LOG, "value"), "log_options": (ids.LOG, "options"),
    "overlay_options": (ids.OVERLAY, "options"), "overlay": (ids.OVERLAY, "value"),
    "overlay_style": (ids.OVERLAY, "style"),
}

#: card part -> (id function, property); "style" and "exports_hidden" only for the composition chart
CARD_OUTPUTS: dict[str, tuple[Any, str]] = {
    "figure": (ids.graph, "figure"), "heading": (ids.heading, "children"), "caption": (ids.caption, "children"),
    "table": (ids.table, "children"), "sources": (ids.sources, "children"), "style": (ids.graph, "style"),
    "exports_hidden": (export_group_id, "hidden"),
}
#: the card parts only the composition chart has (it may draw nothing: a short chart, no export buttons)
COMP_ONLY = ("style", "exports_hidden")


#: the parts of the cards the update callback sets in its own response: the first chart (the one in
#: view) with its title. Every other part (its caption, the tables and sources, and the charts below)
#: goes into the card's ``later`` store and reaches the page one painted frame afterwards
#: (browser-side ``applyLater``), so the chart in view is drawn without waiting for the rest
#: (issue 14; measured by benchmarks/side_by_side.py).
DRAWN_FIRST: dict[str, tuple[str, ...]] = {CHART_KEYS[0]: ("figure", "heading")}


def later_parts(key: str) -> tuple[str, ...]:
    """The parts of chart ``key``'s card applied one frame after the response (see :data:`DRAWN_FIRST`)."""
    return tuple(p for p in card_parts(key) if p not in DRAWN_FIRST.get(key, ()))


def split_cards(cards: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], Any]:
    """:meth:`Callbacks.update`'s ``cards`` split into (parts set now, by chart and part; the
    ``later`` store's value: ``{chart: {part: value}}`` of the :func:`later_parts` that change, or
    ``no_update`` when none does)."""
    now = {key: {p: cards[key][p] for p in parts} for key, parts in DRAWN_FIRST.items()}
    later: dict[str, Any] = {}
    for key in CHART_KEYS:
        parts = {p: cards[key][p] for p in later_parts(key) if cards[key][p] is not no_update}
        if parts:
            later[key] = parts
    return now, (later or no_update)


def card_parts(key: str) -> tuple[str, ...]:
    """The parts of chart ``key``'s card that the update callback sets."""
    return tuple(p for p in CARD_OUTPUTS if p not in COMP_ONLY or key == "comp")


class Callbacks:
    """Callback bodies bound to one data store and render cache (no module-level mutable state)."""

    def __init__(self, store: DataStore, cache: RenderCache | None = None):
        self.store = store
        self.cache = cache

    # ------------------------------------------------------------ indicator -> dependent controls
    def on_indicator(self, indicator: Any, regions: Any, dimension: Any) -> dict[str, Any] | None:
        """The dependent controls for a new indicator: only what it has, still-valid regions kept.
        None if the indicator is not one of the page's."""
        dimension = valid_dimension(self.store, dimension)
        if dimension is None or not isinstance(indicator, str) or indicator not in indicator_ids(self.store, dimension):
            return None
        meta = indicator_meta(self.store, indicator)
        keep = [r for r in (regions if isinstance(regions, list) else []) if isinstance(r, str) and r in meta.regions]
        a, b = default_compare_years(self.store, meta, keep or meta.default_regions(), meta.default_sectors())
        years = year_options(meta)
        counterpart = str(catalog_row(self.store, meta.counterpart)["name"]) if meta.counterpart else ""
        return {
            "region_options": region_options(meta), "regions": keep or list(meta.default_regions()),
            "sector_options": sector_options(meta), "sectors": list(meta.default_sectors()),
            "sectors_disabled": not meta.has_sectors,
            "year_min": meta.year_min, "year_max": meta.year_max, "years": [meta.year_min, meta.year_max],
            "year_marks": year_marks(meta.year_min, meta.year_max),
            "transform_options": transform_options(meta), "transform": "level",
            "base_year_options": years, "base_year": meta.default_base_year(), "base_year_disabled": True,
            "year_a_options": years, "year_a": a, "year_b_options": years, "year_b": b,
            "stack": "absolute", "log": [], "log_options": log_options(meta),
            "overlay_options": overlay_options(counterpart), "overlay": [], "overlay_style": overlay_style(counterpart),
        }

    # ------------------------------------------------------------ click on time series -> compare year
    def on_click(self, click_data: Any, year_a: Any, year_b: Any) -> tuple[Any, Any]:
        """(From, To) after a click on the time series; ``no_update`` where nothing changes."""
        year = clicked_year(click_data)
        if year is None:
            return no_update, no_update
        if not isinstance(year_a, int) or isinstance(year_a, bool) or not YEAR_MIN <= year_a <= YEAR_MAX:
            year_a = None  # only a real year is echoed back
        if year_a is not None and year == year_a:
            return no_update, no_update
        if year_a is not None and year < year_a:
            return year, year_a  # keep the two years in order: the click becomes "from"
        return no_update, year

    # ------------------------------------------------------------ regions or sectors -> default compare years
    def on_selection(self, controls: dict[str, Any], before: ViewState | None) -> dict[str, Any]:
        """``{"year_a", "year_b"}`` when a new region or sector selection moves the default compared
        years (:func:`~dashboard.model.compare_default.default_compare_years`) and the page showed the
        default of ``before`` (the state the page showed); ``{}`` when the user had picked the years (kept)
        or nothing moves. So the years follow the selection as a first view of its URL would show them."""
        if before is None or [controls.get("year_a"), controls.get("year_b")] != [before.year_a, before.year_b]:
            return {}
        meta = indicator_meta(self.store, before.indicator)
        if (before.year_a, before.year_b) != default_compare_years(self.store, meta, before.regions, before.sectors):
            return {}
        raw = {url_key: controls.get(name) for name, (_, _, url_key) in CONTROLS.items() if url_key != "compare"}
        raw["lang"] = before.lang
        state, _ = state_from_raw(self.store, before.dimension, raw, empty_lists_ok=True)  # no compare: the default
        if (state.year_a, state.year_b) == (before.year_a, before.year_b):
            return {}
        return {"year_a": state.year_a, "year_b": state.year_b}

    # ------------------------------------------------------------ controls -> view state
    def build_state(self, controls: dict[str, Any], dimension: Any, lang: Any = None) -> dict[str, Any] | None:
        """The view-state payload ``{"state", "query"}`` of the controls' values (untrusted,
        normalised); None if ``dimension`` is not a page's."""
        dimension = valid_dimension(self.store, dimension)
        if dimension is None:
            return None
        raw = {url_key: controls.get(name) for name, (_, _, url_key) in CONTROLS.items() if url_key != "compare"}
        raw["compare"] = [controls.get("year_a"), controls.get("year_b")]
        raw["lang"] = parse_lang(lang) or get_lang()  # the page's language (its view state), not a control
        state, _ = page_state(self.store, dimension, raw, empty_lists_ok=True)  # log scale checked on the data
        return view_payload(self.store, state)

    # ------------------------------------------------------------ view state -> charts
    def render(self, data: Any, keys: tuple[str, ...] = CHART_KEYS) -> dict[str, Card]:
        """The cards of charts ``keys`` for a view-state payload (empty cards if it is not valid)."""
        state = state_from_payload(self.store, data)
        return {key: render_card(self.store, state, key, self.cache) for key in keys}

    # ------------------------------------------------------------ one round trip per action
    def update(self, controls: dict[str, Any], click: Any, dimension: Any, previous: Any,
               trigger: Any, log_options_shown: Any = None) -> dict[str, Any]:
        """Everything one control change (``trigger``: a control id or the time-series graph id)
        changes: ``{"controls": {...}, "view": payload, "cards": {key: {part: value}}}``, with
        ``no_update`` for what stays. ``log_options_shown``: the Log scale switch's options as the page
        holds them (JSON; None: unknown, so they are sent whenever the time series is redrawn).
        Raises ``PreventUpdate`` when nothing changes."""
        with use_lang(payload_lang(previous)):
            return self._update(controls, click, dimension, previous, trigger, log_options_shown)

    def _update(self, controls: dict[str, Any], click: Any, dimension: Any, previous: Any,
                trigger: Any, log_options_shown: Any = None) -> dict[str, Any]:
        original = controls
        controls = dict(controls)
        before = state_from_payload(self.store, previous)  # the view the page showed (None: unknown)
        changed: dict[str, Any] = {}
        if trigger == ids.INDICATOR:
            changed = self.on_indicator(controls.get("indicator"), controls.get("regions"), dimension) or {}
        elif trigger == ids.graph("ts"):
            a, b = self.on_click(click, controls.get("year_a"), controls.get("year_b"))
            if a is no_update and b is no_update:
                raise PreventUpdate
            changed = {k: v for k, v in (("year_a", a), ("year_b", b)) if v is not no_update}
        elif trigger in (ids.REGIONS, ids.SECTORS):
            changed = self.on_selection(controls, before)
        controls.update({k: v for k, v in changed.items() if k in CONTROLS})
        view = self.build_state(controls, dimension, get_lang())
        if view is None:
            raise PreventUpdate
        state = state_from_payload(self.store, view)
        assert state is not None  # built from a valid dimension just above
        changed.setdefault("base_year_disabled", state.transform != "index")
        if trigger == ids.INDICATOR and before is not None:
            changed = self._unchanged_dropped(changed, before, original, dimension)
        redraw = charts_to_redraw(before, state)
        cards = {key: render_card(self.store, state, key, self.cache) for key in redraw}
        if "ts" in cards:  # the Log scale switch: offered as the drawn values allow (model/log_scale.py)
            changed.pop("log_options", None)
            changed.update(self._log_switch(controls, state, cards["ts"].get("log_reason", ""), log_options_shown))
        # the Sources panel depends on the indicator and the language only: not resent on other changes
        same_source = before is not None and (before.indicator, before.lang) == (state.indicator, state.lang)
        return {
            "controls": {name: changed.get(name, no_update) for name in CONTROL_OUTPUTS},
            "view": view,
            # a card without a part (a renderer that leaves out an optional one) leaves it as it is
            "cards": {key: {part: cards[key].get(part, no_update) if key in cards and not (part == "sources" and same_source)
                            else no_update for part in card_parts(key)} for key in CHART_KEYS},
        }

    def _log_switch(self, controls: dict[str, Any], state: ViewState, reason: str,
                    shown: Any) -> dict[str, Any]:
        """The Log scale switch's outputs for a new time series whose values give ``reason`` (why no log
        scale, "" if one can be drawn): its options when they differ from ``shown`` (the options the
        page holds, as JSON; compared as the JSON they are sent as, so nothing is recomputed for the
        view the page showed), its value when normalisation turned the log scale off (the new view
        has a value <= 0)."""
        out: dict[str, Any] = {}
        options = plain_json(log_options(indicator_meta(self.store, state.indicator), reason))
        if options != shown:
            out["log_options"] = options
        if bool(controls.get("log")) != state.log:
            out["log"] = ["log"] if state.log else []
        return out

    def _unchanged_dropped(self, changed: dict[str, Any], before: Any, original: dict[str, Any],
                           dimension: Any) -> dict[str, Any]:
        """``changed`` (a new indicator's dependent controls) without what the page already shows:
        a value equal to the control's current value, and options (marks, bounds, disabled, style)
        equal to those of the indicator ``before`` showed, which the page holds (its controls were
        built by the same functions, in the same language). Every output left out is one component
        the browser does not re-render (and one option list its dropdown does not index again);
        e.g. the three year lists of ~50 options each when both indicators span the same years."""
        shown = self.on_indicator(before.indicator, [], dimension) if before.lang == get_lang() else None
        keep: dict[str, Any] = {}
        for name, value in changed.items():
            if name in CONTROLS:
                if value == original.get(name):
                    continue
            elif name == "base_year_disabled":
                if value == (before.transform != "index"):
                    continue
            elif shown is not None and name in shown and shown[name] == value:
                continue
            keep[name] = value
        return keep

    # ------------------------------------------------------------ CSV download
    def csv(self, n_clicks: Any, data: Any, chart: Any) -> Any:
        """The CSV download of chart ``chart`` (exactly the rows it draws), or ``no_update``."""
        if not n_clicks:
            return no_update
        state = state_from_payload(self.store, data)
        if state is None or chart not in CHART_KEYS:
            return no_update
        frame = chart_export(self.store, state, chart)
        return csv_download_data(frame, export_filename(state, chart), state.lang)


def register(app: dash.Dash) -> Callbacks:
    """Register every callback of the app on ``app`` (built by ``create_app``, which holds its
    store); returns the bound :class:`Callbacks`."""
    data = runtime.current(app.server)
    cb = Callbacks(data.store, data.cache)

    app.callback(
        output=Output(ids.NAVBAR_COLLAPSE, "is_open"),
        inputs=dict(n_clicks=Input(ids.NAVBAR_TOGGLER, "n_clicks")),
        state=dict(is_open=State(ids.NAVBAR_COLLAPSE, "is_open")),
        prevent_initial_call=True,
    )(toggle_navbar)

    def update(click: Any, dimension: Any, previous: Any, log_shown: Any, **controls: Any) -> dict[str, Any]:
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        out = cb.update(controls, click, dimension, previous, trigger, log_shown)
        now, later = split_cards(out["cards"])
        return {"controls": out["controls"], "view": out["view"], "cards": plain_json(now), "later": plain_json(later)}

    app.callback(
        output=dict(
            controls={name: Output(cid, prop) for name, (cid, prop) in CONTROL_OUTPUTS.items()},
            view=Output(ids.VIEW_STATE, "data"),
            cards={key: {part: Output(CARD_OUTPUTS[part][0](key), CARD_OUTPUTS[part][1]) for part in parts}
                   for key, parts in DRAWN_FIRST.items()},
            later=Output(ids.CARDS_LATER, "data"),
        ),
        inputs=dict(click=Input(ids.graph("ts"), "clickData"),
                    **{name: Input(cid, prop) for name, (cid, prop, _) in CONTROLS.items()}),
        state=dict(dimension=State(ids.PAGE_DIMENSION, "data"), previous=State(ids.VIEW_STATE, "data"),
                   log_shown=State(ids.LOG, "options")),
        prevent_initial_call=True,
    )(update)

    # the phone menu closes when a link in it (or Back/Forward) changes the page: browser-side, no request
    # (a click on the link of the page already shown changes no address: assets/20_dashboard.js)
    app.clientside_callback(
        "function(path){ return false; }",
        Output(ids.NAVBAR_COLLAPSE, "is_open", allow_duplicate=True),
        Input(ids.PAGES_LOCATION, "pathname"),
        prevent_initial_call=True,
    )

    def csv_download(n_clicks: Any, data: Any) -> Any:
        chart = ctx.triggered_id["chart"] if isinstance(ctx.triggered_id, dict) else None
        return cb.csv(n_clicks, data, chart)

    app.callback(
        output=Output(ids.csv_download(MATCH), "data"),
        inputs=dict(n_clicks=Input(ids.csv_button(MATCH), "n_clicks")),
        state=dict(data=State(ids.VIEW_STATE, "data")),
        prevent_initial_call=True,
    )(csv_download)

    # Browser-side: image export (Plotly.downloadImage) and the URL (history.replaceState).
    app.clientside_callback(
        "function(n, data){ return window.dash_clientside.dashboard.exportImage(n, data); }",
        Output(ids.export_done(MATCH, MATCH), "data"),
        Input(ids.export_button(MATCH, MATCH), "n_clicks"),
        State(ids.VIEW_STATE, "data"),
        prevent_initial_call=True,
    )
    # one browser-side callback applies every card's later parts (one pass of Dash's callback
    # machinery instead of one per card: each pass re-runs every component's store selector)
    later = [(key, part, CARD_OUTPUTS[part][0](key)) for key in CHART_KEYS for part in later_parts(key)]
    app.clientside_callback(
        "function(data){ return window.dash_clientside.dashboard.applyLater(data, " + json.dumps(later) + "); }",
        [Output(cid, CARD_OUTPUTS[part][1]) for _key, part, cid in later],
        Input(ids.CARDS_LATER, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(data){ return window.dash_clientside.dashboard.syncUrl(data); }",
        Output(ids.URL_SYNC, "data"),
        Input(ids.VIEW_STATE, "data"),
    )
    return cb
