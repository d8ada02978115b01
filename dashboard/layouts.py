"""Page layouts built from the data store: the overview, a dimension page and the not-found page.

``pages/`` only registers routes (from ``content/dimensions.toml``) and calls these functions;
the charts of a page's first view come from :mod:`dashboard.render`, as the callbacks' do.
"""

from __future__ import annotations

import base64
import math
from typing import Any, Mapping

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.chart_card import chart_card
from dashboard.components.controls import compare_controls, filter_panel, overlay_switch, stack_controls
from dashboard.components.frame import data_problems_notice, notices
from dashboard.components.milestones import events_switch
from dashboard.components.report import report_query, with_tools
from dashboard.data.dimensions import DIMENSIONS, dimension
from dashboard.data.i18n import _, bracketed, get_lang
from dashboard.data.i18n_content import value_scale
from dashboard.data.labels import flag_short, sector_name
from dashboard.data.store import DataStore
from dashboard.figures import fmt_number, sparkline_svg
from dashboard.figures.theme import CHINA_COLOR
from dashboard.model.catalog import catalog_row, indicator_meta, view_payload
from dashboard.model.state import QUERY_KEYS, url_query
from dashboard.model.transforms import latest_change
from dashboard.render import SPECS, page_state, render_cards
from dashboard.views.milestones import milestones_section


def clean_query(query: Mapping[str, Any]) -> dict[str, Any]:
    """One string per key (repeated keys and ``key[]`` joined as a list), see state.url_query."""
    return url_query(query)


def unknown_parameters(query: Mapping[str, Any], known: Any) -> list[str]:
    """The notice (a list of 0 or 1 message in the current language) naming the keys of an untrusted
    URL query that the page does not read (at most 5, each cut to 20 characters); ``known``: the keys it reads."""
    ignored = set(clean_query(query)) - set(known)
    if not ignored:
        return []
    names = ", ".join(sorted(str(k)[:20] for k in ignored)[:5])
    return [_("Ignored unknown link parameters: {names}.").format(names=names)]


def dimension_page(dimension_id: str, query: Mapping[str, Any] | None = None) -> html.Div:
    """A dimension page whose controls start from the URL query (invalid values -> defaults + notice)."""
    app = runtime.current()
    store = app.store
    dim = dimension(dimension_id)
    catalog = store.indicators(dimension_id)
    header = html.Div([html.H1(dim.label, className="h3 mb-1"), html.P(dim.intro, className="text-muted mb-3")])
    if catalog.empty:
        return html.Div([header, data_problems_notice(store.problems),
                         dbc.Alert(_("No valid indicators are available for this dimension."), color="warning")],
                        className="dimension-page")
    state, msgs = page_state(store, dimension_id, {"lang": get_lang(), **clean_query(query or {})})
    meta = indicator_meta(store, state.indicator)
    msgs += unknown_parameters(query or {}, QUERY_KEYS)
    cards = render_cards(store, state, app.cache)
    counterpart_name = str(catalog_row(store, meta.counterpart)["name"]) if meta.counterpart else ""
    payload = view_payload(store, state)
    header = with_tools(header, report_query(dimension_id, payload["query"]), dimension_id)

    def card(key: str, controls: Any = None) -> Any:
        spec = SPECS[key]
        return chart_card(key, spec.title, spec.style, controls, initial=cards[key])

    return html.Div(
        [
            dcc.Store(id=ids.PAGE_DIMENSION, data=dimension_id),
            dcc.Store(id=ids.VIEW_STATE, data=payload),
            dcc.Store(id=ids.URL_SYNC),
            dcc.Store(id=ids.CARDS_LATER),  # card parts applied one frame after the update (callbacks.DRAWN_FIRST)
            header,
            html.P(payload["summary"], id=ids.PRINT_SUMMARY, className="print-summary"),  # print only
            data_problems_notice(store.problems),
            html.Div(notices(msgs), id=ids.URL_NOTICE),
            dbc.Row(
                [
                    dbc.Col(filter_panel(catalog, meta, state, cards["ts"].get("log_reason", "")),
                            lg=4, xl=3, className="filters-col"),
                    dbc.Col(
                        [card("ts", html.Div([events_switch(state.events),
                                             overlay_switch(counterpart_name, state.overlay)])),
                         card("cmp", compare_controls(meta, state)),
                         card("comp", stack_controls(state))],
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
        return _("only one year of data")
    since = info["base_year"]
    if unit.startswith("%") or "per cent" in unit:
        return _("{change} pp since {year}").format(change=f"{info['abs_change']:+,.{decimals}f}", year=since)
    pct = info["pct_change"]
    if math.isfinite(pct):
        return _("{change}% since {year}").format(change=f"{pct:+,.0f}", year=since)
    return _("{change} since {year}").format(change=f"{info['abs_change']:+,.{decimals}f}", year=since)


def headline_card(store: DataStore, indicator_id: str) -> dbc.Col | None:
    """China's latest value, change since 2012 and trend of one indicator, linking to its page."""
    meta = catalog_row(store, indicator_id)
    obs = store.query(indicator_id, regions=["CHN"])
    if obs.empty:
        return None
    sectors = list(obs["sector"].unique())
    sector = "total" if "total" in sectors else sectors[0]
    series = obs[obs["sector"] == sector]
    series = series.assign(value=series["value"] * value_scale(str(store.catalog.loc[indicator_id, "unit"])))
    info = latest_change(series)
    if info is None:
        return None
    decimals = int(meta["decimals"])
    svg = sparkline_svg(series["year"].to_numpy(), series["value"].to_numpy(), color=CHINA_COLOR)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    flag = "" if info["flag"] == "observed" else bracketed("", flag_short(info["flag"]))
    dim = meta["dimension"]
    sector_note = "" if sector == "total" else f" · {sector_name(sector)}"
    return dbc.Col(
        dcc.Link(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(meta["name"] + sector_note, className="kpi-name"),
                        html.Div([html.Span(fmt_number(info["value"], decimals), className="kpi-value"),
                                  html.Span(f" {meta['unit']}", className="kpi-unit")]),
                        html.Div(_("China, {year}").format(year=info["year"]) + flag, className="kpi-year"),
                        html.Img(src=src, alt=_("Trend of {name} in China").format(name=meta["name"]), className="kpi-spark",
                                 width=160, height=40),
                        html.Div(_change_text(info, str(meta["unit"]), decimals), className="kpi-change"),
                        html.Div(_("Source: {source}").format(source=meta["source"]), className="kpi-source"),
                    ]
                ),
                className="kpi-card h-100 shadow-sm",
            ),
            href=f"/{dim}?indicator={indicator_id}",
            className="kpi-link",
            title=_("Explore {name}").format(name=meta["name"]),
        ),
        xs=12, sm=6, lg=3, className="mb-3",
    )


#: the overview's URL query reads only the language; any other key gets a notice
OVERVIEW_KEYS = ("lang",)


def overview_page(query: Mapping[str, Any] | None = None) -> html.Div:
    """One section per declared dimension with up to four headline cards. Keys of the URL ``query``
    other than :data:`OVERVIEW_KEYS` (e.g. ``/?indicator=nope``) are named in a notice, as on the
    dimension pages; the page is the same."""
    store = runtime.get_store()
    sections = []
    for dim in DIMENSIONS:
        inds = store.indicators(dim.id)
        heads = inds[inds["headline"]] if not inds.empty else inds
        cards = [c for c in (headline_card(store, i) for i in heads.index[:4]) if c is not None]
        sections.append(
            html.Section(
                [
                    html.Div(
                        [html.H2(dim.label, className="h4 mb-0"),
                         dcc.Link(_("Explore {n} indicators →").format(n=len(inds)), href=f"/{dim.id}",
                                  className="section-link")],
                        className="d-flex justify-content-between align-items-baseline flex-wrap gap-2",
                    ),
                    html.P(dim.intro, className="text-muted small mb-2"),
                    dbc.Row(cards) if cards else html.P(_("No headline data available."), className="text-muted"),
                ],
                className="overview-section mb-4",
                id=ids.overview_section(dim.id),
            )
        )
    return html.Div(
        [
            html.Div(
                [
                    html.H1(_("China's industrial transformation and upgrading"), className="h3 mb-1"),
                    html.P(
                        [
                            _("Milestones along the five dimensions read by the IIE-CASS paper "),
                            html.Em(_("New Milestone Achievements in China's Industrial Transformation and Upgrading")),
                            _(" (China Economist, 2024 no. 3), with China compared to its peers. "
                              "Each card shows China's latest value, its change since 2012 and its trend; "
                              "click a card to explore the indicator."),
                        ],
                        className="text-muted",
                    ),
                ],
                className="mb-3",
            ),
            with_tools(html.Div(), "/report?page=overview" + ("&lang=zh" if get_lang() == "zh" else "")),
            data_problems_notice(store.problems),
            html.Div(notices(unknown_parameters(query or {}, OVERVIEW_KEYS)), className="overview-notices"),
            milestones_section(store),
            html.H2(_("Headline indicators"), className="h4 mb-2"),
            *sections,
        ],
        className="overview-page",
    )


def not_found_page() -> html.Div:
    """The 404 page, linking every page of the app."""
    return html.Div(
        [
            html.H1(_("Page not found"), className="h3"),
            html.P(_("There is no page at this address. The dashboard has these pages:")),
            html.Ul([html.Li(dcc.Link(_("Overview"), href="/"))]
                    + [html.Li(dcc.Link(d.label, href=f"/{d.id}")) for d in DIMENSIONS]
                    + [html.Li(dcc.Link(_("Provinces"), href="/provinces")),
                       html.Li(dcc.Link(_("Scorecard"), href="/scorecard"))]),
        ],
        className="not-found-page",
    )


__all__ = ["OVERVIEW_KEYS", "clean_query", "dimension_page", "headline_card", "not_found_page", "overview_page",
           "unknown_parameters"]
