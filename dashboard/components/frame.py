"""The app frame: navbar (from the dimension declaration), footer and notices."""

from __future__ import annotations

from typing import Any, Iterable

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import ids
from dashboard.components.language import language_switch
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import _


def _aria(label: str) -> Any:
    """The toggler's ``aria-*`` keyword arguments (Dash accepts them; its type stubs do not)."""
    return {"aria-label": label, "aria-controls": ids.NAVBAR_COLLAPSE}


def navbar() -> dbc.Navbar:
    """Brand, the Overview link and one link per declared dimension (collapsed on phones)."""
    links = [dbc.NavItem(dbc.NavLink(_("Overview"), href="/", active="exact"))]
    for dim in DIMENSIONS:  # the short navbar label; the full label is the page's heading and the link's title
        links.append(dbc.NavItem(dbc.NavLink(html.Span(dim.nav_label, title=dim.label), href=f"/{dim.id}", active="exact")))
    links.append(dbc.NavItem(dbc.NavLink(_("Provinces"), href="/provinces", active="exact")))
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span(_("China Industrial Upgrading"), className="brand-main"),
                     html.Span(_(" dashboard"), className="brand-sub")],
                    href="/",
                ),
                # a plain button with Bootstrap's toggler look: dbc.NavbarToggler names itself
                # "Toggle navigation" in English only (no prop for its aria-label)
                html.Button(html.Span(className="navbar-toggler-icon"), id=ids.NAVBAR_TOGGLER, n_clicks=0,
                            type="button", className="navbar-toggler", **_aria(_("Toggle navigation"))),
                dbc.Collapse(dbc.Nav(links + [language_switch()], navbar=True, className="ms-auto"), id=ids.NAVBAR_COLLAPSE,
                             navbar=True, is_open=False),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3 app-navbar",
    )


def credit_line() -> list:
    """Data licences and the paper the dashboard follows, in the current language: the footer's text,
    and the printed report's (where the footer is not printed)."""
    return [
        _("Data: World Bank WDI (CC BY 4.0), Our World in Data (CC BY 4.0) and official "
          "Chinese statistics as cited beside each chart. After IIE-CASS, "),
        html.Em(_("New Milestone Achievements in China's Industrial Transformation and Upgrading")),
        _(", China Economist 2024 no. 3."),
    ]


def footer() -> html.Footer:
    """The page footer: :func:`credit_line`."""
    return html.Footer(
        dbc.Container(html.Small(credit_line(), className="text-muted"), fluid=True),
        className="py-3 border-top bg-white",
    )


def data_problems_notice(problems: Iterable) -> html.Div:
    """A visible, dismissable list of every bad data file and what is wrong with it."""
    problems = list(problems)
    if not problems:
        return html.Div(id=ids.DATA_PROBLEMS)
    items = [html.Li(str(p)) for p in problems[:50]]
    if len(problems) > 50:
        items.append(html.Li(_("... and {n} more (run: python -m dashboard validate)").format(n=len(problems) - 50)))
    return html.Div(
        dbc.Alert(
            [
                html.Strong(_("Some data could not be loaded. ")),
                _("Everything valid is shown; these files or rows were skipped:"),
                html.Ul(items, className="mb-0 mt-2 small"),
            ],
            color="warning",
            dismissable=True,
            className="mb-3",
        ),
        id=ids.DATA_PROBLEMS,
    )


def notices(messages: list[str]) -> list:
    """The link-settings notice (one item per rejected URL value), or nothing."""
    if not messages:
        return []
    return [
        dbc.Alert(
            [html.Strong(_("Some link settings were not valid and were reset: ")),
             html.Ul([html.Li(m) for m in messages], className="mb-0 small")],
            color="info",
            dismissable=True,
            className="mb-3 url-notice",
        )
    ]
