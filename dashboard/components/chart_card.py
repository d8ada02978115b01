"""The chart card: heading, graph, export buttons, data table, caption and Sources panel."""

from __future__ import annotations

from typing import Any, Mapping, NotRequired, TypedDict

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import ids
from dashboard.data.i18n import PLOTLY_LOCALE, _, get_lang
from dashboard.figures.theme import EXPORT_HEIGHT, EXPORT_WIDTH


class Card(TypedDict):
    """The contents of one chart card (the callback outputs of one chart)."""

    figure: dict[str, Any]
    heading: list
    caption: list
    table: Any
    sources: Any
    style: dict[str, str]
    #: the composition card: True when it draws nothing (no sector breakdown, nothing stacked), so its
    #: PNG/SVG/CSV buttons are not offered (:func:`export_group_id`'s ``hidden``)
    exports_hidden: NotRequired[bool]
    #: the time series: why its values cannot be drawn on a log scale ("" when they can), the reason the
    #: "Log scale" switch shows while disabled (:func:`dashboard.components.controls.log_options`)
    log_reason: NotRequired[str]


def graph_config(filename: str) -> dict:
    """Plotly config: SVG-friendly export at publication size from the modebar camera."""
    return {
        "displaylogo": False,
        "responsive": True,
        # plotly.js's only built-in CDN default (map outlines for geo traces, which the app never
        # draws): pointed at the app's own assets so no configuration can make it leave the host
        "topojsonURL": "/assets/topojson/",
        # image export is done by the PNG/SVG buttons, which put title and source in the picture
        "locale": PLOTLY_LOCALE[get_lang()],
        # plotly.js 3 shows a "Share chart..." button that uploads the chart to Plotly Cloud: never here
        "showSendToCloud": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage", "sendChartToCloud"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 1,
        },
    }


def export_group_id(key: str) -> str:
    """The box of chart ``key``'s PNG, SVG and CSV buttons (its ``hidden`` is a card part: "exports_hidden")."""
    return f"{key}-exports"


def export_buttons(key: str, hidden: bool = False) -> html.Div:
    """PNG, SVG (browser-side, with title and source in the picture) and CSV buttons, in a box
    :func:`export_group_id` that is ``hidden`` while the chart draws nothing to export."""
    def btn(label: str, fmt: str, title: str):
        return dbc.Button(label, id=ids.export_button(key, fmt), n_clicks=0,
                          size="sm", color="secondary", outline=True, title=title,
                          className="export-btn")
    group = dbc.ButtonGroup(
        [
            btn("PNG", "png", _("Download the chart as a PNG image (1600×900)")),
            btn("SVG", "svg", _("Download the chart as an SVG image (1600×900)")),
            dbc.Button("CSV", id=ids.csv_button(key), n_clicks=0, size="sm", color="secondary",
                       outline=True, title=_("Download the data shown in the chart as CSV"),
                       className="export-btn"),
        ],
        size="sm",
        className="export-group",
    )
    return html.Div(group, id=export_group_id(key), hidden=hidden, className="export-box")


def table_disclosure(key: str, exports: Any, note: Any) -> list:
    """The exports row with the "Data table" disclosure button after the export buttons, and the
    box it opens: the table (drawn on request by ``dashboard/table_callbacks.py``, only while
    open) and its note (``note``: the card's ``table`` part, sent with every render).

    A button with ``aria-expanded`` (the WAI-ARIA disclosure pattern) rather than <details>:
    Dash's html.Details does not report its ``open`` state, which the table callback needs."""
    toggle = html.Button(_("Data table"), id=ids.table_toggle(key), type="button", n_clicks=0,
                         className="btn btn-sm btn-outline-secondary table-toggle",
                         **{"aria-expanded": "false"})  # type: ignore[arg-type]
    return [
        html.Div([exports, toggle], className="d-flex justify-content-end flex-wrap gap-2 mt-1 card-actions"),
        html.Div([html.Div(id=ids.table_body(key)),
                  html.Div(note, id=ids.table(key), className="data-table-note"),
                  dcc.Store(id=ids.table_request(key))],
                 id=ids.table_region(key), hidden=True, className="data-table-wrap mt-2"),
    ]


def chart_card(key: str, title: str, graph_style: Mapping[str, str], controls: Any = None,
               initial: Mapping[str, Any] | None = None) -> dbc.Card:
    """A chart with its heading, caption, Sources panel, data table and export buttons.

    ``initial`` (figure, heading, caption, table, sources, style) fills the card when the
    page is built, so a page shows its charts without a second round trip to the server.
    """
    initial = initial or {}
    # figure=None would be sent as null, which dcc.Graph cannot draw: leave it unset instead
    graph_extra = {"figure": initial["figure"]} if initial.get("figure") is not None else {}
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(_(title), className="h6 mb-0")),
            dbc.CardBody(
                [
                    # focus order: the card's controls, title and summary, the chart, its exports, the data
                    # table, then sources
                    controls if controls is not None else html.Div(),
                    # title and chart in one block: printed together, never split (assets/30_print.css)
                    html.Div([
                        html.Div(initial.get("heading"), id=ids.heading(key), className="chart-heading"),
                        # the chart as one figure for assistive technology: named by the heading (title, unit,
                        # a summary sentence computed from the data), described by the caption; focusable
                        html.Div(
                            dcc.Loading(
                                dcc.Graph(id=ids.graph(key), config=graph_config(key), className="chart",  # type: ignore[arg-type]
                                          style=initial.get("style") or dict(graph_style), **graph_extra),
                                type="dot", delay_show=250,
                            ),
                            role="figure", tabIndex="0", className="chart-region",
                            **{"aria-labelledby": ids.heading(key), "aria-describedby": ids.caption(key)},  # type: ignore[arg-type]
                        )
                    ], className="chart-figure"),
                    *table_disclosure(key, export_buttons(key, bool(initial.get("exports_hidden"))), initial.get("table")),
                    html.Div(initial.get("caption"), id=ids.caption(key), className="chart-caption small text-muted"),
                    html.Details(
                        [html.Summary(_("Sources & definition")),
                         html.Div(initial.get("sources"), id=ids.sources(key), className="sources-panel small")],
                        className="chart-details", open=key == "ts",
                    ),
                    dcc.Download(id=ids.csv_download(key)),
                    dcc.Store(id=ids.export_done(key, "png")),
                    dcc.Store(id=ids.export_done(key, "svg")),
                ]
            ),
        ],
        className="chart-card shadow-sm mb-4",
        id=ids.card(key),
    )
