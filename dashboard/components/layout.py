"""Reusable layout components: navbar, notices, filter panel, chart cards, sources panel.

Component ids are shared by the five dimension pages (only one is on screen at a time),
so one set of callbacks in :mod:`dashboard.callbacks` serves them all.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.data.contract import DIMENSION_LABELS, DIMENSIONS, FLAGS, REGIONS, SECTOR_LABELS
from dashboard.figures.na_points import na_footnote
from dashboard.figures.theme import EXPORT_HEIGHT, EXPORT_WIDTH
from dashboard.state import IndicatorMeta, ViewState
from dashboard.textsearch import fold
from dashboard.transforms import TRANSFORMS

# chart keys -> (card title, graph id)
CHARTS: dict[str, str] = {
    "ts": "Time series",
    "cmp": "Compare years",
    "comp": "Compare sectors",
}
TABLE_ROW_LIMIT = 2000


def graph_config(filename: str) -> dict:
    """Plotly config: SVG-friendly export at publication size from the modebar camera."""
    return {
        "displaylogo": False,
        "responsive": True,
        # plotly.js's only built-in CDN default (map outlines for geo traces, which the app never
        # draws): pointed at the app's own assets so no configuration can make it leave the host
        "topojsonURL": "/assets/topojson/",
        # image export is done by the PNG/SVG buttons, which put title and source in the picture
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 1,
        },
    }


# ---------------------------------------------------------------- navbar and frame
def navbar(active: str | None = None) -> dbc.Navbar:
    links = [dbc.NavItem(dbc.NavLink("Overview", href="/", active="exact"))]
    for dim in DIMENSIONS:
        links.append(dbc.NavItem(dbc.NavLink(DIMENSION_LABELS[dim], href=f"/{dim}", active="exact")))
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span("China Industrial Upgrading", className="brand-main"),
                     html.Span(" dashboard", className="brand-sub")],
                    href="/",
                ),
                dbc.NavbarToggler(id="navbar-toggler", n_clicks=0),
                dbc.Collapse(dbc.Nav(links, navbar=True, className="ms-auto"), id="navbar-collapse",
                             navbar=True, is_open=False),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3 app-navbar",
    )


def data_problems_notice(problems: Iterable) -> html.Div:
    """A visible, dismissable list of every bad data file and what is wrong with it."""
    problems = list(problems)
    if not problems:
        return html.Div(id="data-problems")
    items = [html.Li(str(p)) for p in problems[:50]]
    if len(problems) > 50:
        items.append(html.Li(f"... and {len(problems) - 50} more (run: python -m dashboard validate)"))
    return html.Div(
        dbc.Alert(
            [
                html.Strong("Some data could not be loaded. "),
                "Everything valid is shown; these files or rows were skipped:",
                html.Ul(items, className="mb-0 mt-2 small"),
            ],
            color="warning",
            dismissable=True,
            className="mb-3",
        ),
        id="data-problems",
    )


def notices(messages: list[str]) -> list:
    if not messages:
        return []
    return [
        dbc.Alert(
            [html.Strong("Some link settings were not valid and were reset: "),
             html.Ul([html.Li(m) for m in messages], className="mb-0 small")],
            color="info",
            dismissable=True,
            className="mb-3 url-notice",
        )
    ]


# ---------------------------------------------------------------- controls
def indicator_options(catalog: pd.DataFrame) -> list[dict]:
    """Indicator picker options grouped under their catalog group (headers disabled)."""
    options: list[dict] = []
    for group, rows in catalog.groupby("group", sort=False):
        options.append({"label": html.Span(str(group), className="dd-group"), "value": f"__group__{group}",
                        "disabled": True, "search": fold(str(group))})
        for ind_id, row in rows.iterrows():
            sectors = " · by sector" if bool(row["has_sectors"]) else ""
            options.append({
                "label": html.Span([str(row["name"]), html.Span(f" ({row['unit']}){sectors}", className="dd-unit")]),
                "value": str(ind_id),
                "search": fold(f"{row['name']} {row['unit']} {group}"),  # textsearch: what people type
            })
    return options


def region_options(meta: IndicatorMeta) -> list[dict]:
    return [{"label": REGIONS.get(r, r), "value": r} for r in meta.regions]


def sector_options(meta: IndicatorMeta) -> list[dict]:
    return [{"label": SECTOR_LABELS.get(s, s), "value": s} for s in meta.sectors]


def year_marks(lo: int, hi: int) -> dict:
    span = hi - lo
    step = 1 if span <= 6 else 2 if span <= 12 else 5 if span <= 25 else 10 if span <= 60 else 20
    marks = {y: str(y) for y in range(lo, hi + 1) if (y - lo) % step == 0 or y == hi}
    if hi - max(marks) < step and hi not in marks:
        marks[hi] = str(hi)
    # avoid the last two labels colliding
    keys = sorted(marks)
    if len(keys) >= 2 and keys[-1] - keys[-2] < step and keys[-2] != lo:
        marks.pop(keys[-2])
    return marks


def year_options(meta: IndicatorMeta) -> list[dict]:
    return [{"label": str(y), "value": y} for y in range(meta.year_max, meta.year_min - 1, -1)]


def transform_options(meta: IndicatorMeta) -> list[dict]:
    return [
        {"label": label, "value": key, "disabled": key == "share" and not meta.share_of_total}
        for key, label in TRANSFORMS.items()
    ]


def _label(text: str, for_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=for_id, className="form-label small fw-semibold mb-1")


def filter_panel(catalog: pd.DataFrame, meta: IndicatorMeta, state: ViewState) -> dbc.Card:
    """The linked filters that drive every chart on a dimension page."""
    body = [
        html.Div([
            _label("Indicator", "indicator"),
            dcc.Dropdown(id="indicator", options=indicator_options(catalog), value=state.indicator,
                         clearable=False, searchable=True, optionHeight=44,
                         className="indicator-dropdown"),
        ], className="mb-3"),
        dbc.Row([
            dbc.Col([
                _label("Regions", "regions"),
                dcc.Dropdown(id="regions", options=region_options(meta), value=list(state.regions), multi=True,
                             placeholder="Add economies…", searchable=True),
            ], md=6, className="mb-3"),
            dbc.Col([
                _label("Sectors", "sectors"),
                dcc.Dropdown(id="sectors", options=sector_options(meta), value=list(state.sectors), multi=True,
                             disabled=not meta.has_sectors, placeholder="No breakdown",
                             searchable=True),
            ], md=6, className="mb-3"),
        ]),
        html.Div([
            _label("Years", "years"),
            dcc.RangeSlider(id="years", min=meta.year_min, max=meta.year_max, step=1,
                            value=[state.start, state.end], marks=year_marks(meta.year_min, meta.year_max),
                            allowCross=False, allow_direct_input=False,
                            tooltip={"placement": "bottom", "always_visible": False}),
        ], className="mb-3 years-slider"),
        dbc.Row([
            dbc.Col([
                _label("Transform", "transform"),
                dbc.RadioItems(id="transform", options=transform_options(meta), value=state.transform,
                               className="small"),
            ], sm=7, className="mb-2"),
            dbc.Col([
                _label("Base year (index)", "base-year"),
                dcc.Dropdown(id="base-year", options=year_options(meta), value=state.base_year, clearable=False,
                             disabled=state.transform != "index"),
                dbc.Checklist(id="log", options=[{"label": "Log scale", "value": "log"}],
                              value=["log"] if state.log else [], switch=True, className="mt-2 small"),
            ], sm=5, className="mb-2"),
        ]),
    ]
    return html.Section(dbc.Card(dbc.CardBody(body), className="filter-panel shadow-sm mb-3"),
                        **{"aria-label": "Filters"})


def compare_controls(meta: IndicatorMeta, state: ViewState) -> html.Div:
    opts = year_options(meta)
    return html.Div(
        [
            html.Div([_label("From", "year-a"),
                      dcc.Dropdown(id="year-a", options=opts, value=state.year_a, clearable=False)],
                     className="compare-year"),
            html.Div([_label("To", "year-b"),
                      dcc.Dropdown(id="year-b", options=opts, value=state.year_b, clearable=False)],
                     className="compare-year"),
            html.Small("Tip: click a point on the time series to set “To”.", className="text-muted ms-2"),
        ],
        className="d-flex flex-wrap align-items-end gap-2 mb-2",
    )


def stack_controls(state: ViewState) -> html.Div:
    return html.Div(
        [
            _label("Stacking", "stack"),
            dbc.RadioItems(id="stack", options=[{"label": "Stacked", "value": "absolute"},
                                                {"label": "100% stacked", "value": "percent"}],
                           value=state.stack, inline=True, className="small"),
        ],
        className="mb-2",
    )


# ---------------------------------------------------------------- chart cards
def export_buttons(key: str) -> dbc.ButtonGroup:
    def btn(label: str, fmt: str, title: str):
        return dbc.Button(label, id={"type": "export", "chart": key, "format": fmt}, n_clicks=0,
                          size="sm", color="secondary", outline=True, title=title,
                          className="export-btn")
    return dbc.ButtonGroup(
        [
            btn("PNG", "png", "Download the chart as a PNG image (1600×900)"),
            btn("SVG", "svg", "Download the chart as an SVG image (1600×900)"),
            dbc.Button("CSV", id={"type": "csv", "chart": key}, n_clicks=0, size="sm", color="secondary",
                       outline=True, title="Download the data shown in the chart as CSV",
                       className="export-btn"),
        ],
        size="sm",
        className="export-group",
    )


def chart_card(key: str, controls=None, initial: Mapping | None = None) -> dbc.Card:
    """A chart with its heading, caption, Sources panel, data table and export buttons.

    ``initial`` (figure, heading, caption, table, sources, style) fills the card when the
    page is built, so a page shows its charts without a second round trip to the server.
    """
    title = CHARTS[key]
    initial = initial or {}
    graph_style = {"height": "460px"} if key != "cmp" else {"minHeight": "320px"}
    # figure=None would be sent as null, which dcc.Graph cannot draw: leave it unset instead
    graph_extra = {"figure": initial["figure"]} if initial.get("figure") is not None else {}
    return dbc.Card(
        [
            dbc.CardHeader(
                html.Div([html.H2(title, className="h6 mb-0"), export_buttons(key)],
                         className="d-flex justify-content-between align-items-center flex-wrap gap-2"),
            ),
            dbc.CardBody(
                [
                    controls if controls is not None else html.Div(),
                    html.Div(initial.get("heading"), id=f"{key}-heading", className="chart-heading"),
                    dcc.Loading(
                        dcc.Graph(id=f"{key}-graph", config=graph_config(key), className="chart",
                                  style=initial.get("style") or graph_style, **graph_extra),
                        type="dot", delay_show=250,
                    ),
                    html.Div(initial.get("caption"), id=f"{key}-caption", className="chart-caption small text-muted"),
                    html.Details(
                        [html.Summary("Sources & definition"),
                         html.Div(initial.get("sources"), id=f"{key}-sources", className="sources-panel small")],
                        className="chart-details", open=key == "ts",
                    ),
                    html.Details(
                        [html.Summary("Data table"),
                         html.Div(initial.get("table"), id=f"{key}-table", className="data-table-wrap")],
                        className="chart-details",
                    ),
                    dcc.Download(id={"type": "csv-download", "chart": key}),
                    dcc.Store(id={"type": "export-done", "chart": key, "format": "png"}),
                    dcc.Store(id={"type": "export-done", "chart": key, "format": "svg"}),
                ]
            ),
        ],
        className="chart-card shadow-sm mb-4",
        id=f"{key}-card",
    )


FLAG_MARKS = {"estimate": "○", "preliminary": "◇", "approximate": "◎", "lower_bound": "△", "upper_bound": "▽"}


def _text_table(header: list[str], rows: list[list[str]], right: list[bool]) -> str:
    """An aligned plain-text table (rendered in a <pre>: one DOM node, no Markdown parser
    to download; measured: page with charts drawn ~0.3 s sooner than with dcc.Markdown)."""
    cols = [header] + rows
    widths = [max(len(str(r[i])) for r in cols) for i in range(len(header))]

    def line(cells):
        return "  ".join(str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(cells, widths, right))

    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def _series_label(region_name: str, sector_name: str, many_regions: bool, many_sectors: bool) -> str:
    if many_regions and many_sectors:
        return f"{region_name} – {sector_name}"
    return sector_name if many_sectors else region_name


def data_table(frame: pd.DataFrame, decimals: int) -> html.Div:
    """The rows a chart shows as one aligned text table (a single component: thousands of
    html.Td components stalled the browser). Series are columns, years are rows; flagged
    values carry the marker explained under the table. The CSV button has the same rows."""
    if frame.empty:
        return html.P("No data to show.", className="text-muted mb-0")
    fmt = f"{{:,.{max(0, int(decimals))}f}}"
    if "value_a" in frame.columns:  # compare-years table: one row per series
        many_r = frame["region"].nunique() > 1
        many_s = frame["sector"].nunique() > 1 or frame["sector"].iloc[0] != "total"
        a, b = int(frame["year_a"].iloc[0]), int(frame["year_b"].iloc[0])
        rows = []
        for r in frame.itertuples():
            rows.append([
                _series_label(r.region_name, r.sector_name, many_r, many_s) if (many_r or many_s)
                else r.region_name,
                fmt.format(r.value_a), fmt.format(r.value_b), fmt.format(r.abs_change),
                "n/a" if pd.isna(r.pct_change) else f"{r.pct_change:+,.1f}",
                "n/a" if pd.isna(r.cagr) else f"{r.cagr:+,.1f}",
            ])
        text = _text_table(["Series", str(a), str(b), "Change", "Change (%)", "CAGR (%/yr)"], rows,
                           [False, True, True, True, True, True])
        unit = str(frame["unit"].iloc[0]) if "unit" in frame.columns else ""
        return html.Div([html.Pre(text, className="data-table", tabIndex="0"),
                         html.P(f"Values in {unit}." + na_footnote(frame), className="small text-muted mb-0")])

    regions, sectors = frame["region"].tolist(), frame["sector"].tolist()
    many_r = len(set(regions)) > 1
    many_s = len(set(sectors)) > 1 or sectors[0] != "total"
    labels = [_series_label(rn, sn, many_r, many_s)
              for rn, sn in zip(frame["region_name"].tolist(), frame["sector_name"].tolist())]
    order = list(dict.fromkeys(labels))
    grid: dict[int, dict[str, str]] = {}
    notes = frame["note"].tolist() if "note" in frame.columns else [""] * len(frame)
    for label, year, value, flag, na in zip(labels, frame["year"].tolist(), frame["value"].tolist(),
                                            frame["flag"].tolist(), notes):
        mark = FLAG_MARKS.get(flag, "")
        text = (("n/a" if na else "") if value != value else fmt.format(value)) + (f" {mark}" if mark else "")
        grid.setdefault(int(year), {}).setdefault(label, text)
    years = sorted(grid, reverse=True)[:TABLE_ROW_LIMIT]
    rows = [[str(y)] + [grid[y].get(lab, "–") for lab in order] for y in years]
    text = _text_table(["Year"] + order, rows, [False] + [True] * len(order))
    used = [f for f in dict.fromkeys(frame["flag"]) if f in FLAG_MARKS]
    legend = "; ".join(f"{FLAG_MARKS[f]} {FLAGS[f].lower()}" for f in used)
    unit = str(frame["unit"].iloc[0]) if "unit" in frame.columns else ""
    note = f"Values in {unit}." + (f" Markers: {legend}." if legend else "") + " “–”: no value." + na_footnote(frame)
    return html.Div([html.Pre(text, className="data-table", tabIndex="0"),
                     html.P(note, className="small text-muted mb-0")])


def sources_panel(meta: Mapping) -> html.Div:
    """Unit, definition, source with link, codes, licence and caveats; catalog text is plain text."""
    def row(label, content):
        return html.Div([html.Dt(label), html.Dd(content)], className="src-row")
    items = [
        row("Indicator", meta["name"]),
        row("Unit", meta["unit"]),
        row("Definition", html.Span(str(meta["definition"]))),
        row("Source", [html.Span(str(meta["source"])), " — ",
                       html.A(str(meta["source_url"]), href=str(meta["source_url"]), target="_blank",
                              rel="noopener noreferrer")]),
        row("Series code", str(meta["source_codes"])),
        row("Licence", str(meta["licence"])),
    ]
    if str(meta.get("notes", "")).strip():
        items.append(row("Notes", str(meta["notes"])))
    return html.Dl(items, className="mb-0 sources-list")


def source_caption(meta: Mapping, extra: list | None = None) -> list:
    """The short citation shown under every chart."""
    parts = [html.Span(f"Unit: {meta['unit']}. "), html.Span("Source: "),
             html.A(str(meta["source"]), href=str(meta["source_url"]), target="_blank", rel="noopener noreferrer"),
             html.Span(".")]
    return parts + (extra or [])


def flag_legend(flags: Iterable[str]) -> list:
    used = [f for f in dict.fromkeys(flags) if f != "observed"]
    if not used:
        return []
    symbols = {"estimate": "○", "preliminary": "◇", "approximate": "◎", "lower_bound": "△", "upper_bound": "▽"}
    return [html.Span(" Markers: " + "; ".join(f"{symbols.get(f, '•')} {FLAGS.get(f, f).split(',')[0].lower()}"
                                               for f in used) + ".", className="flag-legend")]
