"""Callbacks and routes of the scorecard and report pages, and the "Report" button's link.

* the scorecard table: dimension, years, filter or a header's sort button -> table, CSV link, URL;
* ``/scorecard.csv?dimension=...&a=...&b=...``: the scorecard as UTF-8 CSV (a plain download link);
* browser-side (``assets/30_milestones.js``): the Report link follows a dimension page's view state,
  the report's print button, the scorecard's URL sync (``dashboard.syncUrl``).
"""

from __future__ import annotations

from typing import Any

import dash
import flask
from dash import Input, Output, State, ctx

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.scorecard_table import SORTABLE, scorecard_table
from dashboard.data.i18n import _, is_zh
from dashboard.data.store import DataStore
from dashboard.views.scorecard import (
    clean_sort,
    csv_frame,
    data_years,
    filter_rows,
    next_sort,
    parse_query,
    scorecard_query,
    scorecard_rows,
    sort_rows,
)


def scorecard_update(store: DataStore, dimension: Any, year_a: Any, year_b: Any, text: Any, sort: Any,
                     trigger: Any) -> dict[str, Any]:
    """Table, sort state, CSV href, URL query, report href and the two pickers' values (year A after
    year B are swapped, as :func:`~dashboard.views.scorecard.parse_query` does) for untrusted control values.

    ``trigger`` is the id of the control that changed (a sort button's id sorts by its column).
    """
    by_button = {ids.scorecard_sort_button(c): c for c in SORTABLE}
    sort = clean_sort(sort)  # it comes back from the browser: rebuilt from known values only
    if trigger in by_button:
        sort = next_sort(sort, by_button[trigger])
    raw = {"dimension": dimension, "a": year_a if isinstance(year_a, str) else None,
           "b": year_b if isinstance(year_b, str) else None}
    dim, a, b, _msgs = parse_query(raw, data_years(store))  # A after B: swapped, in the pickers too
    rows = sort_rows(filter_rows(scorecard_rows(store, dim, a, b), text), sort)
    query = scorecard_query(dim, a, b)
    return {
        "table": scorecard_table(rows, sort, a, _("latest year") if b == "latest" else b),
        "sort": sort,
        "csv": "/scorecard.csv" + query,
        "query": {"query": query},
        "report": f"/report?page=scorecard&{query[1:]}",
        "year_a": str(a),
        "year_b": str(b),
    }


def register(app: dash.Dash) -> None:
    """Register this module's callbacks and the CSV route on ``app`` (built by ``create_app``)."""
    store = runtime.current(app.server).store

    def update(dimension: Any, year_a: Any, year_b: Any, text: Any, sort: Any, **_clicks: Any) -> dict[str, Any]:
        return scorecard_update(store, dimension, year_a, year_b, text, sort, ctx.triggered_id)

    app.callback(
        output=dict(table=Output(ids.SCORECARD_TABLE, "children"), sort=Output(ids.SCORECARD_SORT, "data"),
                    csv=Output(ids.SCORECARD_CSV, "href"), query=Output(ids.SCORECARD_QUERY, "data"),
                    report=Output(ids.REPORT_LINK, "href"), year_a=Output(ids.SCORECARD_YEAR_A, "value"),
                    year_b=Output(ids.SCORECARD_YEAR_B, "value")),
        inputs=dict(dimension=Input(ids.SCORECARD_DIMENSION, "value"), year_a=Input(ids.SCORECARD_YEAR_A, "value"),
                    year_b=Input(ids.SCORECARD_YEAR_B, "value"), text=Input(ids.SCORECARD_FILTER, "value"),
                    **{f"sort_{c}": Input(ids.scorecard_sort_button(c), "n_clicks") for c in SORTABLE}),
        state=dict(sort=State(ids.SCORECARD_SORT, "data")),
        prevent_initial_call=True,
    )(update)

    app.clientside_callback(
        "function(data){ return window.dash_clientside.dashboard.syncUrl(data); }",
        Output(ids.SCORECARD_URL_SYNC, "data"),
        Input(ids.SCORECARD_QUERY, "data"),
        prevent_initial_call=False,  # on load: a link's invalid values leave the address (views/scorecard.py)
    )
    app.clientside_callback(
        "function(data){ return window.dash_clientside.milestones.reportHref(data); }",
        Output(ids.REPORT_LINK, "href", allow_duplicate=True),
        Input(ids.VIEW_STATE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(n){ return window.dash_clientside.milestones.printReport(n); }",
        Output(ids.REPORT_PRINTED, "data"),
        Input(ids.REPORT_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.server.route("/scorecard.csv")
    def scorecard_csv() -> Any:
        dim, a, b, _msgs = parse_query(flask.request.args.to_dict(), data_years(store))
        body = csv_frame(store, dim, a, b).to_csv(index=False, float_format="%.10g")
        name = f"scorecard-{dim}-{a}-{b}.csv"
        # Chinese: UTF-8 with a BOM, so that Excel reads the Chinese names (as every CSV of a zh page)
        return flask.Response(body.encode("utf-8-sig" if is_zh() else "utf-8"), mimetype="text/csv",
                              headers={"Content-Disposition": f'attachment; filename="{name}"',
                                       "Content-Type": "text/csv; charset=utf-8"})
