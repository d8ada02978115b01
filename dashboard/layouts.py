"""Page layouts built from the data store: the overview and the (shared) dimension page.

``pages/`` only registers routes and calls these functions, so they can be imported and
tested without a running app.
"""

from __future__ import annotations

import base64
import math
from typing import Any, Mapping

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import runtime
from dashboard.components.layout import (
    chart_card,
    compare_controls,
    data_problems_notice,
    filter_panel,
    notices,
    stack_controls,
)
from dashboard.data.contract import DIMENSION_LABELS, DIMENSIONS
from dashboard.figures.charts import fmt_number, sparkline_svg
from dashboard.figures.theme import CHINA_COLOR
from dashboard.state import normalize, query_string, to_query, url_query
from dashboard.summary import view_summary
from dashboard.transforms import latest_change
from dashboard.views import catalog_row, indicator_meta

DIMENSION_INTROS: dict[str, str] = {
    "endowments": "Innovation investment, talent, new infrastructure and high-end products: "
    "the factors that make industrial upgrading possible.",
    "structure": "How output and jobs moved between primary, secondary and tertiary industry, "
    "and the weight of manufacturing and its high-tech part.",
    "digital": "The size of the digital economy, internet and broadband use, and online sales.",
    "green": "Renewables in electricity and capacity, solar and wind, new-energy vehicles, "
    "and the carbon and energy intensity of output.",
    "internationalization": "High-tech exports and their share, and direct investment into and out of China.",
}


def default_indicator(store, dimension: str) -> str | None:
    inds = store.indicators(dimension)
    if inds.empty:
        return None
    heads = inds[inds["headline"]]
    return str((heads if not heads.empty else inds).index[0])


def clean_query(query: Mapping[str, Any]) -> dict[str, Any]:
    """One string per key (repeated keys and ``key[]`` joined as a list), see state.url_query."""
    return url_query(query)


def initial_cards(store, view_state: dict) -> dict[str, dict]:
    """The charts of a page's first view, rendered with the page (the render callback then
    only runs when a control changes)."""
    from dashboard.callbacks import CHART_KEYS, Callbacks  # callbacks import this module

    out = Callbacks(store, runtime.get_cache()).render(view_state)
    parts = ("figure", "heading", "caption", "table", "sources")
    cards = {key: dict(zip(parts, out[i * 5:(i + 1) * 5])) for i, key in enumerate(CHART_KEYS)}
    cards["comp"]["style"] = out[15]
    return cards


def dimension_page(dimension: str, query: Mapping[str, Any] | None = None) -> html.Div:
    """A dimension page whose controls start from the URL query (invalid values -> defaults + notice)."""
    store = runtime.get_store()
    label = DIMENSION_LABELS[dimension]
    catalog = store.indicators(dimension)
    header = html.Div(
        [html.H1(label, className="h3 mb-1"), html.P(DIMENSION_INTROS[dimension], className="text-muted mb-3")]
    )
    if catalog.empty:
        return html.Div([header, data_problems_notice(store.problems),
                         dbc.Alert("No valid indicators are available for this dimension.", color="warning")],
                        className="dimension-page")
    dflt = default_indicator(store, dimension)
    state, msgs = normalize(clean_query(query or {}), dimension, list(catalog.index),
                            lambda i: indicator_meta(store, i), default_indicator=dflt)
    meta = indicator_meta(store, state.indicator)
    ignored = set(clean_query(query or {})) - {"indicator", "region", "sector", "time", "transform", "base", "log",
                                        "compare", "stack"}
    if ignored:
        msgs.append("Ignored unknown link parameters: " + ", ".join(sorted(str(k)[:20] for k in ignored)[:5]) + ".")
    initial = {"state": state.to_dict(), "query": query_string(to_query(state, meta, dflt)),
               "summary": view_summary(state, catalog_row(store, state.indicator))}
    cards = initial_cards(store, initial)
    return html.Div(
        [
            dcc.Store(id="page-dimension", data=dimension),
            dcc.Store(id="view-state", data=initial),
            dcc.Store(id="url-sync"),
            header,
            html.P(initial["summary"], id="print-summary", className="print-summary"),  # print only
            data_problems_notice(store.problems),
            html.Div(notices(msgs), id="url-notice"),
            dbc.Row(
                [
                    dbc.Col(filter_panel(catalog, meta, state), lg=4, xl=3, className="filters-col"),
                    dbc.Col(
                        [
                            chart_card("ts", initial=cards["ts"]),
                            chart_card("cmp", compare_controls(meta, state), initial=cards["cmp"]),
                            chart_card("comp", stack_controls(state), initial=cards["comp"]),
                        ],
                        lg=8, xl=9,
                    ),
                ]
            ),
        ],
        className="dimension-page",
    )


# ---------------------------------------------------------------- overview
def _change_text(info: dict, unit: str, decimals: int) -> str:
    if not math.isfinite(info.get("abs_change", float("nan"))):
        return "only one year of data"
    since = info["base_year"]
    if unit.startswith("%") or "per cent" in unit:
        return f"{info['abs_change']:+,.{decimals}f} pp since {since}"
    pct = info["pct_change"]
    if math.isfinite(pct):
        return f"{pct:+,.0f}% since {since}"
    return f"{info['abs_change']:+,.{decimals}f} since {since}"


def headline_card(store, indicator_id: str) -> dbc.Col | None:
    meta = catalog_row(store, indicator_id)
    obs = store.query(indicator_id, regions=["CHN"])
    if obs.empty:
        return None
    sectors = list(obs["sector"].unique())
    sector = "total" if "total" in sectors else sectors[0]
    series = obs[obs["sector"] == sector]
    info = latest_change(series)
    if info is None:
        return None
    decimals = int(meta["decimals"])
    svg = sparkline_svg(series["year"].to_numpy(), series["value"].to_numpy(), color=CHINA_COLOR)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    flag = "" if info["flag"] == "observed" else f" ({info['flag'].replace('_', ' ')})"
    dim = meta["dimension"]
    sector_note = "" if sector == "total" else f" · {sector.replace('_', ' ')}"
    return dbc.Col(
        dcc.Link(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(meta["name"] + sector_note, className="kpi-name"),
                        html.Div([html.Span(fmt_number(info["value"], decimals), className="kpi-value"),
                                  html.Span(f" {meta['unit']}", className="kpi-unit")]),
                        html.Div(f"China, {info['year']}{flag}", className="kpi-year"),
                        html.Img(src=src, alt=f"Trend of {meta['name']} in China", className="kpi-spark",
                                 width=160, height=40),
                        html.Div(_change_text(info, str(meta["unit"]), decimals), className="kpi-change"),
                        html.Div(f"Source: {meta['source']}", className="kpi-source"),
                    ]
                ),
                className="kpi-card h-100 shadow-sm",
            ),
            href=f"/{dim}?indicator={indicator_id}",
            className="kpi-link",
            title=f"Explore {meta['name']}",
        ),
        xs=12, sm=6, lg=3, className="mb-3",
    )


def overview_page() -> html.Div:
    store = runtime.get_store()
    sections = []
    for dim in DIMENSIONS:
        inds = store.indicators(dim)
        heads = inds[inds["headline"]] if not inds.empty else inds
        cards = [c for c in (headline_card(store, i) for i in heads.index[:4]) if c is not None]
        sections.append(
            html.Section(
                [
                    html.Div(
                        [html.H2(DIMENSION_LABELS[dim], className="h4 mb-0"),
                         dcc.Link(f"Explore {len(inds)} indicators →", href=f"/{dim}", className="section-link")],
                        className="d-flex justify-content-between align-items-baseline flex-wrap gap-2",
                    ),
                    html.P(DIMENSION_INTROS[dim], className="text-muted small mb-2"),
                    dbc.Row(cards) if cards else html.P("No headline data available.", className="text-muted"),
                ],
                className="overview-section mb-4",
                id=f"overview-{dim}",
            )
        )
    return html.Div(
        [
            html.Div(
                [
                    html.H1("China's industrial transformation and upgrading", className="h3 mb-1"),
                    html.P(
                        [
                            "Milestones along the five dimensions read by the IIE-CASS paper ",
                            html.Em("New Milestone Achievements in China's Industrial Transformation and Upgrading"),
                            " (China Economist, 2024 no. 3), with China compared to its peers. "
                            "Each card shows China's latest value, its change since 2012 and its trend; "
                            "click a card to explore the indicator.",
                        ],
                        className="text-muted",
                    ),
                ],
                className="mb-3",
            ),
            data_problems_notice(store.problems),
            *sections,
        ],
        className="overview-page",
    )


def not_found_page() -> html.Div:
    return html.Div(
        [
            html.H1("Page not found", className="h3"),
            html.P("There is no page at this address. The dashboard has these pages:"),
            html.Ul([html.Li(dcc.Link("Overview", href="/"))]
                    + [html.Li(dcc.Link(DIMENSION_LABELS[d], href=f"/{d}")) for d in DIMENSIONS]),
        ],
        className="not-found-page",
    )
