"""The provincial view's callbacks: wiring only, one server round trip per user action.

Every control of ``/provinces``, a click on the map, the ranking or the compare bars, the play
button and the play timer are inputs of one callback (:meth:`ProvinceCallbacks.update`), which
answers with the dependent controls (sector and years of a new indicator, the chosen provinces after
a click, the next year while playing), the view-state store (the URL sync and the image export read
it) and every chart whose inputs changed. Untrusted values pass
:func:`dashboard.model.province_data.normalize_province`; a click becomes a province code or nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash
from dash import MATCH, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard import runtime
from dashboard.cache import RenderCache
from dashboard.components import ids
from dashboard.components.province_controls import (
    play_label,
    prov_sector_options,
    year_dropdown_options,
    year_slider_marks,
    year_slider_step,
)
from dashboard.data.i18n import use_lang
from dashboard.data.store import DataStore
from dashboard.exports import csv_download_data
from dashboard.model.province_data import (
    ProvinceState,
    clicked_province,
    map_province_codes,
    normalize_province,
    province_meta,
    province_payload,
    state_from_province_payload,
    toggle_province,
)
from dashboard.province_render import (
    PROVINCE_KEYS,
    province_card,
    province_charts_to_redraw,
    province_export,
    province_filename,
)

#: control name -> (component id, property)
CONTROLS: dict[str, tuple[str, str]] = {
    "indicator": (ids.PROV_INDICATOR, "value"),
    "sector": (ids.PROV_SECTOR, "value"),
    "year": (ids.PROV_YEAR, "value"),
    "provinces": (ids.PROV_PROVINCES, "value"),
    "year_a": (ids.PROV_YEAR_A, "value"),
    "year_b": (ids.PROV_YEAR_B, "value"),
}
#: dependent-control output name -> (component id, property)
CONTROL_OUTPUTS: dict[str, tuple[str, str]] = {
    "sector_options": (ids.PROV_SECTOR, "options"), "sector": (ids.PROV_SECTOR, "value"),
    "sector_disabled": (ids.PROV_SECTOR, "disabled"),
    "year_min": (ids.PROV_YEAR, "min"), "year_max": (ids.PROV_YEAR, "max"),
    "year_marks": (ids.PROV_YEAR, "marks"), "year_step": (ids.PROV_YEAR, "step"), "year": (ids.PROV_YEAR, "value"),
    "provinces": (ids.PROV_PROVINCES, "value"),
    "year_a_options": (ids.PROV_YEAR_A, "options"), "year_a": (ids.PROV_YEAR_A, "value"),
    "year_b_options": (ids.PROV_YEAR_B, "options"), "year_b": (ids.PROV_YEAR_B, "value"),
    "timer_disabled": (ids.PROV_INTERVAL, "disabled"), "play_label": (ids.PROV_PLAY, "children"),
}
CARD_PARTS: dict[str, tuple[Any, str]] = {
    "figure": (ids.graph, "figure"), "heading": (ids.heading, "children"), "caption": (ids.caption, "children"),
    "table": (ids.table, "children"), "sources": (ids.sources, "children"),
}
#: charts whose bars or polygons select a province when clicked
CLICKABLE = ("pmap", "prank", "pcmp")


class ProvinceCallbacks:
    """Callback bodies bound to one data store and render cache (tests call them directly)."""

    def __init__(self, store: DataStore, cache: RenderCache | None = None):
        self.store = store
        self.cache = cache

    def update(self, controls: dict[str, Any], clicks: dict[str, Any], previous: Any, playing: Any,
               trigger: Any) -> dict[str, Any]:
        """Everything one action changes: ``{"controls": {...}, "view": payload, "cards": {key: {part: ...}}}``
        with ``no_update`` for what stays. ``trigger``: the id of the control, graph, play button or
        timer that fired. Raises PreventUpdate when nothing changes."""
        before = state_from_province_payload(self.store, previous)
        raw = {"indicator": controls.get("indicator"), "sector": controls.get("sector"),
               "year": controls.get("year"), "province": controls.get("provinces"),
               "compare": [controls.get("year_a"), controls.get("year_b")],
               "lang": before.lang if before else None}  # the page's language, not a control
        playing = playing is False  # the timer's "disabled" property: False while playing
        if trigger == ids.PROV_INDICATOR:
            raw.update(sector=None, year=before.year if before else None,
                       compare=[before.year_a, before.year_b] if before else None)
        state, _notes = normalize_province(self.store, raw)
        if state is None:
            raise PreventUpdate
        with use_lang(state.lang):
            return self._update(state, clicks, before, playing, trigger)

    def _update(self, state: ProvinceState, clicks: dict[str, Any], before: ProvinceState | None, playing: bool,
                trigger: Any) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        meta = province_meta(self.store, state.indicator)
        if trigger in {ids.graph(k) for k in CLICKABLE}:
            key = trigger.removesuffix("-graph")
            code = clicked_province(clicks.get(key), map_province_codes() if key == "pmap" else ())
            if code is None:
                raise PreventUpdate
            state = replace(state, provinces=toggle_province(state.provinces, code))
            changed["provinces"] = list(state.provinces)
        elif trigger == ids.PROV_PLAY:
            playing = not playing
            if playing and state.year == meta.years[-1]:
                state = replace(state, year=meta.years[0])  # play from the start
                changed["year"] = state.year
            changed.update(timer_disabled=not playing, play_label=play_label(playing))
        elif trigger == ids.PROV_INTERVAL:
            if not playing:
                raise PreventUpdate
            later = [y for y in meta.years if y > state.year]
            if later:
                state = replace(state, year=later[0])
                changed["year"] = state.year
            if len(later) <= 1:  # the last year is shown: stop
                changed.update(timer_disabled=True, play_label=play_label(False))
        if trigger == ids.PROV_INDICATOR:
            years = list(meta.years)
            changed.update(
                sector_options=prov_sector_options(meta.sectors), sector=state.sector,
                sector_disabled=meta.sectors == ("total",), year_min=years[0], year_max=years[-1],
                year_marks=year_slider_marks(years), year_step=year_slider_step(years), year=state.year,
                year_a_options=year_dropdown_options(years), year_a=state.year_a,
                year_b_options=year_dropdown_options(years), year_b=state.year_b)
        redraw = province_charts_to_redraw(before, state)
        if before == state and not changed:
            raise PreventUpdate
        cards = {key: province_card(self.store, state, key, self.cache) for key in redraw}
        return {
            "controls": {name: changed.get(name, no_update) for name in CONTROL_OUTPUTS},
            "view": province_payload(self.store, state),
            "cards": {key: {part: cards[key][part] if key in cards else no_update  # type: ignore[literal-required]
                            for part in CARD_PARTS} for key in PROVINCE_KEYS},
        }

    def csv(self, n_clicks: Any, data: Any, chart: Any) -> Any:
        """The CSV download of provincial chart ``chart`` (exactly the rows it draws; UTF-8 with a BOM,
        headers in the view's language), or ``no_update``."""
        if not n_clicks or chart not in PROVINCE_KEYS:
            return no_update
        state = state_from_province_payload(self.store, data)
        if state is None:
            return no_update
        frame = province_export(self.store, state, chart)
        return csv_download_data(frame, province_filename(state, chart), state.lang)


def register(app: dash.Dash) -> ProvinceCallbacks:
    """Register the provincial view's callbacks on ``app`` (built by ``create_app``)."""
    data = runtime.current(app.server)
    cb = ProvinceCallbacks(data.store, data.cache)

    def update(previous: Any, playing: Any, clicks: dict[str, Any], **controls: Any) -> dict[str, Any]:
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        return cb.update(controls, clicks, previous, playing, trigger)

    app.callback(
        output=dict(
            controls={name: Output(cid, prop) for name, (cid, prop) in CONTROL_OUTPUTS.items()},
            view=Output(ids.VIEW_STATE, "data", allow_duplicate=True),
            cards={key: {part: Output(fn(key), prop) for part, (fn, prop) in CARD_PARTS.items()}
                   for key in PROVINCE_KEYS},
        ),
        inputs=dict(
            clicks={key: Input(ids.graph(key), "clickData") for key in CLICKABLE},
            play=Input(ids.PROV_PLAY, "n_clicks"), tick=Input(ids.PROV_INTERVAL, "n_intervals"),
            **{name: Input(cid, prop) for name, (cid, prop) in CONTROLS.items()},
        ),
        state=dict(previous=State(ids.VIEW_STATE, "data"), playing=State(ids.PROV_INTERVAL, "disabled")),
        prevent_initial_call=True,
    )(lambda previous, playing, clicks, play, tick, **controls: update(previous, playing, clicks, **controls))

    def csv_download(n_clicks: Any, data: Any) -> Any:
        chart = ctx.triggered_id["chart"] if isinstance(ctx.triggered_id, dict) else None
        return cb.csv(n_clicks, data, chart)

    app.callback(
        output=Output(ids.prov_csv_download(MATCH), "data"),
        inputs=dict(n_clicks=Input(ids.prov_csv_button(MATCH), "n_clicks")),
        state=dict(data=State(ids.VIEW_STATE, "data")),
        prevent_initial_call=True,
    )(csv_download)
    return cb
