"""One set of callbacks for all five dimension pages.

The flow is ``controls -> view state -> charts``: every control feeds one normalised
:class:`~dashboard.state.ViewState` (checked against the catalog, so a hostile payload
becomes a default or an empty state, never an exception), and every chart, table, CSV and
the URL are derived from that state alone.

The functions are plain Python and are registered on the app by :func:`register`, so
tests call them directly with real inputs.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
from dash import MATCH, Input, Output, State, ctx, dcc, html, no_update

from dashboard.components.layout import (
    data_table,
    flag_legend,
    region_options,
    sector_options,
    source_caption,
    sources_panel,
    transform_options,
    year_marks,
    year_options,
)
from dashboard.figures.charts import (
    compare_figure,
    composition_figure,
    empty_figure,
    figure_heading,
    region_name,
    sector_name,
    timeseries_figure,
)
from dashboard.data.contract import YEAR_MAX, YEAR_MIN
from dashboard.layouts import default_indicator
from dashboard.summary import view_summary
from dashboard.state import ViewState, normalize, query_string, state_from_dict, to_query
from dashboard.views import (
    catalog_row,
    compare_data,
    composition_data,
    composition_region,
    export_frame,
    indicator_meta,
    timeseries_data,
)

log = logging.getLogger(__name__)

CHART_KEYS = ("ts", "cmp", "comp")
COMP_STYLE = {"height": "460px"}
COMP_STYLE_EMPTY = {"height": "170px"}


def toggle_navbar(n_clicks: Any, is_open: Any) -> bool:
    """Open/close the phone menu; a non-boolean state from the client counts as closed."""
    is_open = is_open if isinstance(is_open, bool) else False
    return (not is_open) if n_clicks else is_open


def heading(fig) -> list:
    """HTML title and subtitle of a chart (they wrap on narrow screens, unlike SVG text)."""
    title, subtitle = figure_heading(fig)
    return [html.H3(title, className="chart-title"), html.P(subtitle, className="chart-subtitle")] if title else []


class Callbacks:
    """Callback bodies bound to one data store (no module-level mutable state)."""

    def __init__(self, store, cache=None):
        self.store = store
        self.cache = cache

    # ------------------------------------------------------------ helpers
    def _valid_dimension(self, dimension: Any) -> str | None:
        if isinstance(dimension, str) and not self.store.indicators(dimension).empty:
            return dimension
        return None

    def _indicator_ids(self, dimension: str) -> list[str]:
        return list(self.store.indicators(dimension).index)

    def _state_from_store_data(self, data: Any) -> ViewState | None:
        """Re-validate a view-state payload (it comes back from the browser)."""
        if not isinstance(data, dict) or not isinstance(data.get("state"), dict):
            return None
        s = data["state"]
        dimension = self._valid_dimension(s.get("dimension"))
        if dimension is None:
            return None
        raw = {
            "indicator": s.get("indicator"),
            "region": s.get("regions"),
            "sector": s.get("sectors"),
            "time": [s.get("start"), s.get("end")],
            "transform": s.get("transform"),
            "base": s.get("base_year"),
            "log": s.get("log"),
            "compare": [s.get("year_a"), s.get("year_b")],
            "stack": s.get("stack"),
        }
        try:
            state, _ = normalize(raw, dimension, self._indicator_ids(dimension),
                                 lambda i: indicator_meta(self.store, i), empty_lists_ok=True)
        except Exception:  # pragma: no cover - defensive: normalise never raises on payloads
            log.exception("could not normalise a view-state payload")
            return None
        return state

    # ------------------------------------------------------------ indicator -> dependent controls
    def on_indicator(self, indicator: Any, regions: Any, dimension: Any):
        """When the indicator changes, offer only what it has; keep still-valid regions."""
        dimension = self._valid_dimension(dimension)
        if dimension is None or not isinstance(indicator, str) or indicator not in self._indicator_ids(dimension):
            return (no_update,) * 19
        meta = indicator_meta(self.store, indicator)
        keep = [r for r in (regions if isinstance(regions, list) else []) if isinstance(r, str) and r in meta.regions]
        new_regions = keep or list(meta.default_regions())
        a, b = meta.default_compare()
        years = year_options(meta)
        return (
            region_options(meta), new_regions,
            sector_options(meta), list(meta.default_sectors()), not meta.has_sectors,
            meta.year_min, meta.year_max, [meta.year_min, meta.year_max], year_marks(meta.year_min, meta.year_max),
            transform_options(meta), "level",
            years, meta.default_base_year(),
            years, a, years, b,
            "absolute", [],
        )

    # ------------------------------------------------------------ click on time series -> compare year
    def on_click(self, click_data: Any, year_a: Any, year_b: Any):
        try:
            point = click_data["points"][0]
            year = int(point["x"])
        except (TypeError, KeyError, IndexError, ValueError, OverflowError):
            return no_update, no_update
        if not YEAR_MIN <= year <= YEAR_MAX:  # a posted value, not a point of the chart
            return no_update, no_update
        if not isinstance(year_a, int) or isinstance(year_a, bool) or not YEAR_MIN <= year_a <= YEAR_MAX:
            year_a = None  # only a real year is echoed back
        if year_a is not None and year == year_a:
            return no_update, no_update
        if year_a is not None and year < year_a:
            return year, year_a  # keep the two years in order: the click becomes "from"
        return no_update, year

    # ------------------------------------------------------------ controls -> view state
    def build_state(self, indicator, regions, sectors, years, transform, base_year, log_value, year_a, year_b,
                    stack, dimension):
        dimension = self._valid_dimension(dimension)
        if dimension is None:
            return no_update
        raw = {
            "indicator": indicator,
            "region": regions,
            "sector": sectors,
            "time": years,
            "transform": transform,
            "base": base_year,
            "log": log_value,
            "compare": [year_a, year_b],
            "stack": stack,
        }
        state, _ = normalize(raw, dimension, self._indicator_ids(dimension),
                             lambda i: indicator_meta(self.store, i),
                             default_indicator=default_indicator(self.store, dimension), empty_lists_ok=True)
        meta = indicator_meta(self.store, state.indicator)
        query = query_string(to_query(state, meta, default_indicator(self.store, dimension)))
        return {"state": state.to_dict(), "query": query, "summary": view_summary(state, catalog_row(self.store, state.indicator))}

    # ------------------------------------------------------------ view state -> charts
    def render_chart(self, chart: str, data: Any) -> tuple:
        """One chart's outputs (figure, heading, caption, table, sources; plus the graph style
        for "comp"). Each chart is its own callback, so the three run in parallel."""
        state = self._state_from_store_data(data)
        if state is None:
            fig = empty_figure("Nothing to show: pick an indicator.")
            return (fig, [], [], [], []) + ((COMP_STYLE_EMPTY,) if chart == "comp" else ())
        key = ("render", chart) + state.cache_key()
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        meta = catalog_row(self.store, state.indicator)
        out = {"ts": self._render_ts, "cmp": self._render_cmp, "comp": self._render_comp}[chart](state, meta)
        if self.cache is not None:
            self.cache.set(key, out)
        return out

    def render(self, data: Any) -> tuple:
        """All three charts' outputs in CHART_KEYS order (16 values): the page's first view."""
        return sum((self.render_chart(chart, data) for chart in CHART_KEYS), ())

    def _render_ts(self, state: ViewState, meta: dict) -> tuple:
        if not state.regions:
            fig = empty_figure("Pick at least one region.", meta["name"])
            ts = pd.DataFrame(columns=["region", "sector", "year", "value", "flag"])
        elif not state.sectors:
            fig = empty_figure("Pick at least one sector.", meta["name"])
            ts = pd.DataFrame(columns=["region", "sector", "year", "value", "flag"])
        else:
            ts = timeseries_data(self.store, state)
            fig = timeseries_figure(ts, meta, state)
        extra = flag_legend(ts["flag"]) if not ts.empty else []
        if state.log and not ts.empty and not bool((ts["value"] > 0).all()):
            extra.append(html.Span(" Log scale needs positive values: shown on a linear scale.",
                                   className="text-warning-emphasis"))
        caption = [html.Div(str(meta["definition"]), className="chart-definition text-body")] + \
            source_caption(meta, extra)
        table = data_table(export_frame(ts, meta, state, "timeseries"), int(meta["decimals"]))
        return fig, heading(fig), caption, table, sources_panel(meta)

    def _render_cmp(self, state: ViewState, meta: dict) -> tuple:
        cmp = compare_data(self.store, state)
        fig = compare_figure(cmp, meta, state)
        caption = source_caption(meta, self._missing_note(state, cmp))
        table = data_table(export_frame(cmp, meta, state, "compare"), int(meta["decimals"]))
        return fig, heading(fig), caption, table, sources_panel(meta)

    def _render_comp(self, state: ViewState, meta: dict) -> tuple:
        region = composition_region(state)
        imeta = indicator_meta(self.store, state.indicator)
        if not imeta.stack_sectors:
            why = ("No sector breakdown for this indicator." if not imeta.has_sectors else
                   "This indicator's sectors overlap<br>(they are nested), so they are not stacked.")
            comp = pd.DataFrame(columns=["region", "sector", "year", "value", "flag"])
            fig = empty_figure(why + "<br>Pick one marked “by sector”<br>to see a composition.", meta["name"])
        else:
            comp = composition_data(self.store, state)
            fig = composition_figure(comp, meta, state, region or "CHN")
        caption = source_caption(meta, [html.Span(f" Region shown: {region_name(region)}.")] if region else [])
        table = data_table(export_frame(comp, meta, state, "composition"), int(meta["decimals"]))
        style = COMP_STYLE if imeta.stack_sectors else COMP_STYLE_EMPTY
        return fig, heading(fig), caption, table, sources_panel(meta), style

    def _missing_note(self, state: ViewState, cmp: pd.DataFrame) -> list:
        """Say which selected series the comparison leaves out for lack of data."""
        if state.year_a == state.year_b or not state.regions or not state.sectors:
            return []
        shown = set(zip(cmp["region"], cmp["sector"]))
        imeta = indicator_meta(self.store, state.indicator)
        sectors = [s for s in state.sectors if s in imeta.sectors]
        missing = [(r, s) for r in state.regions for s in sectors if (r, s) not in shown]
        if not missing:
            return []
        names = [region_name(r) + ("" if s == "total" else f" ({sector_name(s)})") for r, s in missing[:8]]
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        a, b = sorted((state.year_a, state.year_b))
        return [html.Span(f" Not shown, no value for both {a} and {b}: {', '.join(names)}{more}.",
                          className="missing-note")]

    # ------------------------------------------------------------ CSV download
    def csv(self, n_clicks: Any, data: Any, chart: str):
        if not n_clicks:
            return no_update
        state = self._state_from_store_data(data)
        if state is None or chart not in CHART_KEYS:
            return no_update
        frame = self.chart_export(state, chart)
        filename = f"{state.indicator}-{ {'ts': 'timeseries', 'cmp': 'compare', 'comp': 'composition'}[chart]}.csv"
        return dcc.send_data_frame(frame.to_csv, filename, index=False, float_format="%.10g")

    def chart_export(self, state: ViewState, chart: str) -> pd.DataFrame:
        """The exact rows the chart ``chart`` draws for ``state``, tidy and labelled."""
        meta = catalog_row(self.store, state.indicator)
        if chart == "ts":
            frame = timeseries_data(self.store, state) if state.regions and state.sectors else \
                pd.DataFrame(columns=["region", "sector", "year", "value", "flag"])
            return export_frame(frame, meta, state, "timeseries")
        if chart == "cmp":
            return export_frame(compare_data(self.store, state), meta, state, "compare")
        return export_frame(composition_data(self.store, state), meta, state, "composition")


def register(app, store, cache=None) -> Callbacks:
    """Register every callback of the app on ``app``; returns the bound :class:`Callbacks`."""
    cb = Callbacks(store, cache)

    app.callback(
        Output("navbar-collapse", "is_open"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )(toggle_navbar)

    app.callback(
        Output("regions", "options"), Output("regions", "value"),
        Output("sectors", "options"), Output("sectors", "value"), Output("sectors", "disabled"),
        Output("years", "min"), Output("years", "max"), Output("years", "value"), Output("years", "marks"),
        Output("transform", "options"), Output("transform", "value"),
        Output("base-year", "options"), Output("base-year", "value"),
        Output("year-a", "options"), Output("year-a", "value"),
        Output("year-b", "options"), Output("year-b", "value"),
        Output("stack", "value"), Output("log", "value"),
        Input("indicator", "value"),
        State("regions", "value"), State("page-dimension", "data"),
        prevent_initial_call=True,
    )(cb.on_indicator)

    app.callback(
        Output("base-year", "disabled"), Input("transform", "value"),
    )(lambda t: t != "index")

    app.callback(
        Output("year-a", "value", allow_duplicate=True), Output("year-b", "value", allow_duplicate=True),
        Input("ts-graph", "clickData"),
        State("year-a", "value"), State("year-b", "value"),
        prevent_initial_call=True,
    )(cb.on_click)

    app.callback(
        Output("view-state", "data"),
        Input("indicator", "value"), Input("regions", "value"), Input("sectors", "value"),
        Input("years", "value"), Input("transform", "value"), Input("base-year", "value"),
        Input("log", "value"), Input("year-a", "value"), Input("year-b", "value"), Input("stack", "value"),
        State("page-dimension", "data"),
        prevent_initial_call=True,
    )(cb.build_state)

    # One callback per chart: the three run in parallel (on different threads or workers), and
    # the page layout already holds the first view's charts (layouts.initial_cards), so they
    # run only when the view state changes.
    def chart_callback(key: str):
        def render_one(data):
            return cb.render_chart(key, data)
        render_one.__name__ = f"render_{key}"
        return render_one

    for key in CHART_KEYS:
        outputs = [Output(f"{key}-graph", "figure"), Output(f"{key}-heading", "children"),
                   Output(f"{key}-caption", "children"), Output(f"{key}-table", "children"),
                   Output(f"{key}-sources", "children")]
        if key == "comp":
            outputs.append(Output("comp-graph", "style"))  # a short card when there is nothing to stack
        app.callback(*outputs, Input("view-state", "data"), prevent_initial_call=True)(chart_callback(key))

    def csv_download(n_clicks, data):
        chart = ctx.triggered_id["chart"] if isinstance(ctx.triggered_id, dict) else None
        return cb.csv(n_clicks, data, chart)

    app.callback(
        Output({"type": "csv-download", "chart": MATCH}, "data"),
        Input({"type": "csv", "chart": MATCH}, "n_clicks"),
        State("view-state", "data"),
        prevent_initial_call=True,
    )(csv_download)

    # Browser-side: image export (Plotly.downloadImage) and the URL (history.replaceState).
    app.clientside_callback(
        "function(n, data){ return window.dash_clientside.dashboard.exportImage(n, data); }",
        Output({"type": "export-done", "chart": MATCH, "format": MATCH}, "data"),
        Input({"type": "export", "chart": MATCH, "format": MATCH}, "n_clicks"),
        State("view-state", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(data){ return window.dash_clientside.dashboard.syncUrl(data); }",
        Output("url-sync", "data"),
        Input("view-state", "data"),
    )
    return cb
