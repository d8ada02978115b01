"""The "Report" button (overview, the five dimension pages, the scorecard; not /provinces, which has no
report), and the report page's own print button."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import ids
from dashboard.data.i18n import _, is_zh


def report_button(href: str) -> html.A:
    """A link styled as a button opening the print-ready report of the current view (``href`` starts
    with ``/report?page=``; on dimension pages a callback keeps it in step with the view state)."""
    return html.A(_("Report"), href=href, id=ids.REPORT_LINK,
                  className="btn btn-sm btn-outline-secondary report-link no-print",
                  title=_("A print-ready report of this view (print it or save it as PDF)"))


def print_button() -> dbc.Button:
    """Opens the browser's print dialog (browser-side: assets/30_milestones.js)."""
    return dbc.Button(_("Print or save as PDF"), id=ids.REPORT_PRINT, n_clicks=0, size="sm", color="primary",
                      className="no-print")


def report_query(page: str, view_query: str) -> str:
    """``/report?page=<page>`` followed by a page's view query (``?a=b`` or "")."""
    return f"/report?page={page}" + ("&" + view_query[1:] if view_query.startswith("?") and len(view_query) > 1 else "")


def with_tools(header: Any, report_href: str, scorecard_dimension: str | None = None) -> html.Div:
    """A page header with the Report button (and, on a dimension page, a link to its scorecard) at its right."""
    tools: list = [report_button(report_href)]
    if scorecard_dimension:
        lang = "&lang=zh" if is_zh() else ""
        tools.insert(0, html.A(_("Scorecard"), href=f"/scorecard?dimension={scorecard_dimension}{lang}",
                               className="btn btn-sm btn-outline-secondary no-print",
                               title=_("Every indicator of this dimension in one table: 2012 vs latest")))
    return html.Div([header, html.Div(tools, className="d-flex gap-2 page-tools")],
                    className="d-flex justify-content-between align-items-start flex-wrap gap-2")
