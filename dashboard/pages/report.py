"""``/report?page=<page>&<view query>``: the print-ready report of a page's current view."""

from typing import Any

import dash

from dashboard.data.i18n import N_
from dashboard.lang import page_lang, page_title
from dashboard.views.report import report_page

dash.register_page(__name__, path="/report", name="Report", title=page_title(N_("Report")), order=91)


def layout(**query: Any) -> Any:
    page_lang(query)
    return report_page(query)
