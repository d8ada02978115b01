"""The provincial view's page (``/provinces``): controls from the URL query (invalid values ->
defaults with a notice) and the first view of its four charts, drawn with the page."""

from __future__ import annotations

from typing import Any, Mapping

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.frame import data_problems_notice, notices
from dashboard.components.province_controls import province_card, province_filter_panel
from dashboard.data.i18n import N_, _, get_lang
from dashboard.data.store import DataStore
from dashboard.layouts import clean_query, unknown_parameters
from dashboard.model.catalog import catalog_row
from dashboard.model.province_data import (
    QUERY_KEYS,
    normalize_province,
    province_indicator_ids,
    province_meta,
    province_names,
    province_payload,
)
from dashboard.province_render import PROVINCE_SPECS, province_cards

INTRO = N_("China's official R&D statistics for its 31 provincial-level divisions. Pick an indicator and a year; "
           "click provinces on the map or in the ranking to follow them over time against the national value.")


def indicator_rows(store: DataStore) -> list[tuple[str, str, str]]:
    """(id, name, unit) of every provincial indicator with data, in catalog order, in the current language."""
    rows = [catalog_row(store, i) for i in province_indicator_ids(store)]
    return [(str(r["indicator_id"]), str(r["name"]), str(r["unit"])) for r in rows]


def provinces_page(query: Mapping[str, Any] | None = None) -> html.Div:
    """The provincial view for a URL query (see :mod:`dashboard.model.province_data` for its keys),
    in the page's language (the query's ``lang``, else the request's)."""
    app = runtime.current()
    store = app.store
    header = html.Div([html.H1(_("Provinces"), className="h3 mb-1"), html.P(_(INTRO), className="text-muted mb-3")])
    raw = {"lang": get_lang(), **clean_query(query or {})}
    state, msgs = normalize_province(store, {k: v for k, v in raw.items() if k in QUERY_KEYS})
    if state is None:
        return html.Div([header, data_problems_notice(store.problems),
                         dbc.Alert(_("No provincial indicators are available."), color="warning")],
                        className="provinces-page")
    msgs += unknown_parameters(query or {}, QUERY_KEYS)
    meta = province_meta(store, state.indicator)
    cards = province_cards(store, state, app.cache)
    names = {c: n for c, n in province_names().items() if c != "CHN"}

    def card(key: str) -> Any:
        spec = PROVINCE_SPECS[key]
        return province_card(key, _(spec.title), cards[key], spec.style)

    panel = province_filter_panel(indicator_rows(store), state.indicator, meta.sectors, state.sector,
                                  list(meta.years), state.year, names, state.provinces, state.year_a, state.year_b)
    return html.Div(
        [
            dcc.Store(id=ids.VIEW_STATE, data=province_payload(store, state)),
            dcc.Store(id=ids.URL_SYNC),
            header,
            data_problems_notice(store.problems),
            html.Div(notices(msgs), id=ids.URL_NOTICE),
            dbc.Row([
                dbc.Col(panel, lg=4, xl=3, className="filters-col"),
                dbc.Col([
                    dbc.Row([dbc.Col(card("pmap"), xxl=7), dbc.Col(card("prank"), xxl=5)]),
                    card("pts"),
                    card("pcmp"),
                ], lg=8, xl=9),
            ]),
        ],
        className="provinces-page",
    )


__all__ = ["indicator_rows", "provinces_page"]
