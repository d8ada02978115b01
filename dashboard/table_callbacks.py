"""The data table under each chart, built only while the reader has it open (issue 15).

Each chart card has a "Data table" disclosure button (``components/chart_card.table_disclosure``).
A browser-side callback shows or hides the table's box and keeps the button's ``aria-expanded``
true to it; while the box is open it asks for the table (writes the card's request store) when
the button opens it and whenever the view state changes. Only then does the server build the
table (:func:`table_for`), so a render never pays for tables nobody reads and a view change with
every table closed costs no request. The CSV button under a capped table clicks the card's CSV
button (same file, every row).

Works for the dimension pages (chart keys of :mod:`dashboard.render`) and the provincial view
(:mod:`dashboard.province_render`); both keep their view in the ``view-state`` store.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import MATCH, Input, Output, State, ctx, html, no_update

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.data_table import ranking_table, table_html
from dashboard.data.i18n import _, use_lang
from dashboard.data.labels import sector_name
from dashboard.data.store import DataStore
from dashboard.model.catalog import catalog_row, state_from_payload
from dashboard.model.chart_data import export_frame
from dashboard.model.overlay import overlay_counterpart, short_name
from dashboard.model.province_data import state_from_province_payload
from dashboard.province_render import PROVINCE_SPECS, province_meta_row
from dashboard.render import SPECS

#: browser side: (button clicks, view state, box hidden) -> (hidden, aria-expanded, request)
TOGGLE_JS = """function (n, view, hidden) {
  var nu = window.dash_clientside.no_update;
  var byButton = window.dash_clientside.callback_context.triggered.some(function (t) {
    return t.prop_id.indexOf("n_clicks") >= 0; });
  if (byButton) {
    var open = hidden !== false;  // hidden (or not yet known) -> open it
    return [!open, open ? "true" : "false", open ? {at: Date.now()} : nu];
  }
  return hidden === false ? [nu, nu, {at: Date.now()}] : [nu, nu, nu];
}"""

#: browser side: the "Download every row as CSV" button under a capped table clicks the card's CSV button
CSV_JS = """function (n) {
  var t = window.dash_clientside.callback_context.triggered[0];
  if (n && t) {
    var key = JSON.parse(t.prop_id.slice(0, t.prop_id.lastIndexOf("."))).chart;
    var card = document.getElementById(key + "-card");
    var csv = card && card.querySelector("[id*='\\"type\\":\\"csv\\"'], [id*='\\"type\\":\\"prov-csv\\"']");
    if (csv) { csv.click(); }
  }
  return window.dash_clientside.no_update;
}"""


def _caption(title: str, name: str, unit: str) -> str:
    return _("{chart}: {indicator} ({unit})").format(chart=_(title), indicator=name, unit=unit)


def _dimension_table(store: DataStore, data: Any, key: str) -> Any:
    state = state_from_payload(store, data)
    if state is None:
        return html.P(_("No data to show."), className="text-muted mb-0")
    spec = SPECS[key]
    with use_lang(state.lang):
        meta = catalog_row(store, state.indicator)
        # an empty selection draws nothing: the table says so too (the chart names what to pick)
        frame = spec.chart_frame(store, state) if state.regions and (state.sectors or key == "comp") else pd.DataFrame()
        if frame.empty:
            return html.P(_("No data to show."), className="text-muted mb-0")
        frame = export_frame(frame, meta, state, spec.stem)
        suffixes = None
        counterpart = overlay_counterpart(store, state) if key == "ts" else None
        if counterpart:
            suffixes = {counterpart: short_name(catalog_row(store, counterpart)["name"])}
        caption = _caption(spec.title, str(meta["name"]), str(frame["unit"].iloc[0]))
        return table_html(frame, int(meta["decimals"]), caption, suffixes, csv_id=ids.table_csv(key))


def _province_table(store: DataStore, data: Any, key: str) -> Any:
    state = state_from_province_payload(store, data)
    if state is None:
        return html.P(_("No data to show."), className="text-muted mb-0")
    spec = PROVINCE_SPECS[key]
    with use_lang(state.lang):
        meta = province_meta_row(store, state)
        unit, decimals = str(meta["unit"]), int(meta["decimals"])
        rows = spec.rows(store, state)
        if key in ("pmap", "prank"):
            year = f" – {state.year}"
            return ranking_table(rows, decimals, _caption(spec.title, str(meta["name"]), unit) + year,
                                 csv_id=ids.table_csv(key))
        if rows.empty:
            return html.P(_("No data to show."), className="text-muted mb-0")
        labelled = rows.assign(sector_name=sector_name(state.sector) if state.sector != "total" else _("Total"),
                               unit=unit)
        if key == "pcmp":
            labelled = labelled.assign(sector=state.sector)
        return table_html(labelled, decimals, _caption(spec.title, str(meta["name"]), unit), csv_id=ids.table_csv(key))


def table_for(store: DataStore, data: Any, key: Any) -> Any:
    """The data table of chart ``key`` for a view-state payload ``data`` (untrusted: a payload that
    is not a valid view of that chart's page, or an unknown key, gives "No data to show.").
    Returns a Dash component: :func:`~dashboard.components.data_table.table_html` or
    :func:`~dashboard.components.data_table.ranking_table` of exactly the rows the chart draws."""
    if key in SPECS:
        return _dimension_table(store, data, key)
    if key in PROVINCE_SPECS:
        return _province_table(store, data, key)
    return html.P(_("No data to show."), className="text-muted mb-0")


def register(app: dash.Dash) -> None:
    """Register the data-table callbacks on ``app`` (built by ``create_app``, which holds its store)."""
    store = runtime.current(app.server).store

    app.clientside_callback(
        TOGGLE_JS,
        Output(ids.table_region(MATCH), "hidden"),
        Output(ids.table_toggle(MATCH), "aria-expanded"),
        Output(ids.table_request(MATCH), "data"),
        Input(ids.table_toggle(MATCH), "n_clicks"),
        Input(ids.VIEW_STATE, "data"),
        State(ids.table_region(MATCH), "hidden"),
        prevent_initial_call=True,
    )

    def build(request: Any, data: Any) -> Any:
        if not request:
            return no_update
        key = ctx.outputs_list["id"]["chart"] if isinstance(ctx.outputs_list, dict) else None
        return table_for(store, data, key)

    app.callback(
        Output(ids.table_body(MATCH), "children"),
        Input(ids.table_request(MATCH), "data"),
        State(ids.VIEW_STATE, "data"),
        prevent_initial_call=True,
    )(build)

    app.clientside_callback(
        CSV_JS,
        Output(ids.table_csv(MATCH), "title"),
        Input(ids.table_csv(MATCH), "n_clicks"),
        prevent_initial_call=True,
    )
