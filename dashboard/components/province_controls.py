"""The provincial view's controls, chart cards and year table (trees only, from plain values).

The option builders are data, so the update callback sends them back when the indicator changes.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.components import ids
from dashboard.components.chart_card import graph_config, table_disclosure
from dashboard.components.data_table import ranking_note
from dashboard.components.language import dropdown_labels
from dashboard.data.i18n import _, bracketed
from dashboard.data.labels import sector_name

PLAY_MS = 1200  # one year per 1.2 s while playing


def _label(text: str, for_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=for_id, className="form-label small fw-semibold mb-1")


def prov_indicator_options(rows: Iterable[tuple[str, str, str]]) -> list[dict]:
    """Options of the indicator picker from (id, name, unit) rows."""
    return [{"label": html.Span([name, html.Span(bracketed("", unit), className="dd-unit")]), "value": i,
             "search": f"{name} {unit}"} for i, name, unit in rows]


def prov_sector_options(sectors: Iterable[str]) -> list[dict]:
    """Sector options (a single "Total" for an indicator without a breakdown)."""
    return [{"label": sector_name(s) if s != "total" else _("Total (no breakdown)"), "value": s} for s in sectors]


def year_slider_marks(years: list[int]) -> dict:
    """Marks of the year slider: every other year labelled (from the last one back), all years steps."""
    last = years[-1] if years else 0
    return {y: (str(y) if (last - y) % 2 == 0 else "") for y in years}


def year_slider_step(years: list[int]) -> int | None:
    """The year slider's step: 1 when ``years`` run without a gap (each arrow key moves a year), else
    None (the thumb snaps to the marks, the years with data). dcc 4.4's slider with ``step=None`` moves
    by 0.1 on an arrow key (2022.9, ...), a value no year has, so a gap-free run never uses it."""
    return 1 if years and years[-1] - years[0] + 1 == len(set(years)) else None


def year_dropdown_options(years: Iterable[int]) -> list[dict]:
    """Compare-year options, latest first."""
    return [{"label": str(y), "value": y} for y in sorted(years, reverse=True)]


def play_label(playing: bool) -> str:
    return _("❚❚ Pause") if playing else _("▶ Play")


def province_filter_panel(indicators: list[tuple[str, str, str]], indicator: str, sectors: tuple[str, ...],
                          sector: str, years: list[int], year: int, provinces: Mapping[str, str],
                          chosen: tuple[str, ...], year_a: int, year_b: int) -> html.Section:
    """The controls that drive every chart of the view: indicator, sector, year with play, the
    chosen provinces (also set by clicks on the map and the bars) and the two compared years."""
    opts = year_dropdown_options(years)
    body = [
        html.Div([
            _label(_("Indicator"), ids.PROV_INDICATOR),
            dcc.Dropdown(labels=dropdown_labels(), id=ids.PROV_INDICATOR, options=prov_indicator_options(indicators),
                         value=indicator,
                         clearable=False, searchable=True, optionHeight=44, className="indicator-dropdown"),
        ], className="mb-3"),
        html.Div([
            _label(_("Type of activity"), ids.PROV_SECTOR),
            dcc.Dropdown(id=ids.PROV_SECTOR, options=prov_sector_options(sectors), value=sector, clearable=False,
                         disabled=sectors == ("total",)),
        ], className="mb-3"),
        html.Div([
            html.Div([_label(_("Year (map and ranking)"), ids.PROV_YEAR),
                      dbc.Button(play_label(False), id=ids.PROV_PLAY, n_clicks=0, size="sm", color="secondary",
                                 outline=True, className="play-btn",
                                 title=_("Play the years from the first to the last"))],
                     className="d-flex justify-content-between align-items-center mb-1"),
            dcc.Slider(id=ids.PROV_YEAR, min=years[0], max=years[-1], step=year_slider_step(years), value=year,
                       marks=year_slider_marks(years), included=False, allow_direct_input=False,
                       tooltip={"placement": "bottom", "always_visible": False}),
            dcc.Interval(id=ids.PROV_INTERVAL, interval=PLAY_MS, disabled=True, n_intervals=0),
        ], className="mb-3 years-slider"),
        html.Div([
            _label(_("Chosen provinces"), ids.PROV_PROVINCES),
            dcc.Dropdown(labels=dropdown_labels(), id=ids.PROV_PROVINCES,
                         options=[{"label": n, "value": c} for c, n in provinces.items()],
                         value=list(chosen), multi=True, searchable=True, placeholder=_("Click the map or pick…")),
            html.Small(_("Click a province on the map or a bar to add it; click again to remove it."),
                       className="text-muted"),
        ], className="mb-3"),
        html.Div([
            html.Div([_label(_("Compare from"), ids.PROV_YEAR_A),
                      dcc.Dropdown(id=ids.PROV_YEAR_A, options=opts, value=year_a, clearable=False)],
                     className="compare-year"),
            html.Div([_label(_("to"), ids.PROV_YEAR_B),
                      dcc.Dropdown(id=ids.PROV_YEAR_B, options=opts, value=year_b, clearable=False)],
                     className="compare-year"),
        ], className="d-flex flex-wrap gap-2"),
    ]
    return html.Section(dbc.Card(dbc.CardBody(body), className="filter-panel shadow-sm mb-3"),
                        **{"aria-label": _("Filters")})  # type: ignore[arg-type]


def _buttons(key: str) -> dbc.ButtonGroup:
    def btn(label: str, fmt: str) -> dbc.Button:
        return dbc.Button(label, id=ids.export_button(key, fmt), n_clicks=0, size="sm", color="secondary",
                          outline=True, title=_("Download the chart as a {format} image (1600×900)").format(format=label),
                          className="export-btn")
    return dbc.ButtonGroup(
        [btn("PNG", "png"), btn("SVG", "svg"),
         dbc.Button("CSV", id=ids.prov_csv_button(key), n_clicks=0, size="sm", color="secondary", outline=True,
                    title=_("Download the data shown in the chart as CSV"), className="export-btn")],
        size="sm", className="export-group")


def province_card(key: str, title: str, initial: Mapping[str, Any], style: Mapping[str, str]) -> dbc.Card:
    """A provincial chart with heading, caption, Sources panel, data table and PNG/SVG/CSV buttons,
    filled with its first view (``initial``: figure, heading, caption, table, sources). Focus order
    as on the dimension pages: title and summary, chart, exports, data table, sources."""
    extra = {"figure": initial["figure"]} if initial.get("figure") is not None else {}
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(title, className="h6 mb-0")),
            dbc.CardBody([
                html.Div(initial.get("heading"), id=ids.heading(key), className="chart-heading"),
                # the chart as one figure for assistive technology, named by its heading (title and summary)
                html.Div(
                    dcc.Loading(dcc.Graph(id=ids.graph(key), config=graph_config(key), className="chart",  # type: ignore[arg-type]
                                          style=dict(style), **extra), type="dot", delay_show=400),
                    role="figure", tabIndex="0", className="chart-region",
                    **{"aria-labelledby": ids.heading(key), "aria-describedby": ids.caption(key)},  # type: ignore[arg-type]
                ),
                *table_disclosure(key, _buttons(key), initial.get("table")),
                html.Div(initial.get("caption"), id=ids.caption(key), className="chart-caption small text-muted"),
                html.Details([html.Summary(_("Sources & definition")),
                              html.Div(initial.get("sources"), id=ids.sources(key), className="sources-panel small")],
                             className="chart-details"),
                dcc.Download(id=ids.prov_csv_download(key)),
                dcc.Store(id=ids.export_done(key, "png")),
                dcc.Store(id=ids.export_done(key, "svg")),
            ]),
        ],
        className="chart-card shadow-sm mb-4", id=ids.card(key),
    )


def year_table(frame: pd.DataFrame, decimals: int, unit: str) -> html.P:
    """The note under a year's ranking table (unit, year, flag markers): the part of the card sent
    with every render. The table itself is built when the reader opens it
    (:func:`dashboard.components.data_table.ranking_table`); ``decimals`` is not used here."""
    return ranking_note(frame, unit)
