"""``/report?page=<page>&<view query>``: the print-ready report of a page's current view."""

from typing import Any

import dash

from dashboard.views.report import report_page

dash.register_page(__name__, path="/report", name="Report", title="Report · China Industrial Upgrading", order=91)


def layout(**query: Any) -> Any:
    return report_page(query)
