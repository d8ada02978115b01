"""Every component id the callbacks, layouts and browser tests refer to, declared once.

A misspelt id is then an ``AttributeError`` at import, not a callback that silently never
fires. The strings themselves are part of the app's contract with its tests and its
browser-side code (``assets/20_dashboard.js`` finds ``<chart>-graph``), so they do not change.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------- frame
NAVBAR_TOGGLER = "navbar-toggler"
NAVBAR_COLLAPSE = "navbar-collapse"
#: Dash Pages' own dcc.Location (its id is fixed by dash.page_container)
PAGES_LOCATION = "_pages_location"
MAIN = "main"
DATA_PROBLEMS = "data-problems"

# ---------------------------------------------------------------- dimension page: stores and notices
PAGE_DIMENSION = "page-dimension"  # dcc.Store: the page's dimension id
VIEW_STATE = "view-state"  # dcc.Store: {"state": ViewState.to_dict(), "query": "?..."}
URL_SYNC = "url-sync"  # dcc.Store written by the browser-side URL sync
#: dcc.Store: the card parts applied one painted frame after the update response, {chart: {part: value}}
#: (callbacks.DRAWN_FIRST; ``applyLater`` in assets/20_dashboard.js)
CARDS_LATER = "cards-later"
URL_NOTICE = "url-notice"
PRINT_SUMMARY = "print-summary"  # print-only line stating the view (assets/20_dashboard.js writes it)

# ---------------------------------------------------------------- dimension page: controls
INDICATOR = "indicator"
REGIONS = "regions"
SECTORS = "sectors"
YEARS = "years"
TRANSFORM = "transform"
BASE_YEAR = "base-year"
LOG = "log"
YEAR_A = "year-a"
YEAR_B = "year-b"
STACK = "stack"

# ---------------------------------------------------------------- chart cards (one per chart key)
#: pattern-matching id types of the export buttons and their targets
CSV = "csv"
CSV_DOWNLOAD = "csv-download"
EXPORT = "export"
EXPORT_DONE = "export-done"


def card(key: str) -> str:
    """The chart card of chart ``key`` ("ts", "cmp", "comp")."""
    return f"{key}-card"


def graph(key: str) -> str:
    """The ``dcc.Graph`` of chart ``key``."""
    return f"{key}-graph"


def heading(key: str) -> str:
    """The HTML title and subtitle above chart ``key``."""
    return f"{key}-heading"


def caption(key: str) -> str:
    """The definition, unit and source line under chart ``key``."""
    return f"{key}-caption"


def table(key: str) -> str:
    """The data table of chart ``key``."""
    return f"{key}-table"


def table_toggle(key: Any) -> dict[str, Any]:
    """The "Data table" disclosure button of chart ``key`` (aria-expanded follows it)."""
    return {"type": "table-toggle", "chart": key}


def table_region(key: Any) -> dict[str, Any]:
    """The box the "Data table" button shows and hides (the table and its note)."""
    return {"type": "table-region", "chart": key}


def table_body(key: Any) -> dict[str, Any]:
    """Where the data table of chart ``key`` is drawn when its disclosure is open."""
    return {"type": "table-body", "chart": key}


def table_request(key: Any) -> dict[str, Any]:
    """dcc.Store the browser writes when the table of chart ``key`` must be (re)built."""
    return {"type": "table-request", "chart": key}


def table_csv(key: Any) -> dict[str, Any]:
    """The "Download every row as CSV" button under a capped data table of chart ``key``."""
    return {"type": "table-csv", "chart": key}


def sources(key: str) -> str:
    """The Sources & definition panel of chart ``key``."""
    return f"{key}-sources"


def csv_button(key: Any) -> dict[str, Any]:
    """The CSV button of chart ``key`` (``key`` may be ``dash.MATCH``)."""
    return {"type": CSV, "chart": key}


def csv_download(key: Any) -> dict[str, Any]:
    """The ``dcc.Download`` the CSV button fills."""
    return {"type": CSV_DOWNLOAD, "chart": key}


def export_button(key: Any, fmt: Any) -> dict[str, Any]:
    """The PNG/SVG button of chart ``key``."""
    return {"type": EXPORT, "chart": key, "format": fmt}


def export_done(key: Any, fmt: Any) -> dict[str, Any]:
    """The store the browser-side image export writes to (a callback needs an output)."""
    return {"type": EXPORT_DONE, "chart": key, "format": fmt}


def overview_section(dimension: str) -> str:
    """The overview page's section of a dimension."""
    return f"overview-{dimension}"


# ---------------------------------------------------------------- provincial view (/provinces)
#: its view state and URL sync use VIEW_STATE and URL_SYNC (the browser-side sync and image export
#: read them on every page); its charts are cards "pmap", "prank", "pts", "pcmp" (graph(key) etc.)
PROV_INDICATOR = "prov-indicator"
PROV_SECTOR = "prov-sector"
PROV_YEAR = "prov-year"
PROV_PLAY = "prov-play"
PROV_INTERVAL = "prov-interval"
PROV_PROVINCES = "prov-provinces"
PROV_YEAR_A = "prov-year-a"
PROV_YEAR_B = "prov-year-b"
PROV_CSV = "prov-csv"
PROV_CSV_DOWNLOAD = "prov-csv-download"


def prov_csv_button(key: Any) -> dict[str, Any]:
    """The CSV button of provincial chart ``key`` (its own type: the dimension pages' CSV callback
    never sees it)."""
    return {"type": PROV_CSV, "chart": key}


def prov_csv_download(key: Any) -> dict[str, Any]:
    """The ``dcc.Download`` the provincial CSV button fills."""
    return {"type": PROV_CSV_DOWNLOAD, "chart": key}


# ---------------------------------------------------------------- milestones, scorecard, report (issue 12)
EVENTS = "events"  # dimension page: the "Show milestones" switch of the time-series card
OVERLAY = "overlay"  # dimension page: the "Overlay <counterpart>" switch of the time-series card (issue 11)
REPORT_LINK = "report-link"  # the "Report" button of a page (href follows the view state)
MILESTONES = "milestones"  # overview: the milestones section
SCORECARD_DIMENSION = "scorecard-dimension"
SCORECARD_YEAR_A = "scorecard-year-a"
SCORECARD_YEAR_B = "scorecard-year-b"
SCORECARD_FILTER = "scorecard-filter"
SCORECARD_SORT = "scorecard-sort"  # dcc.Store: {"column": ..., "descending": bool}
SCORECARD_TABLE = "scorecard-table"
SCORECARD_CSV = "scorecard-csv"  # the CSV download link (a plain href, served by a Flask route)
SCORECARD_QUERY = "scorecard-query"  # dcc.Store: {"query": "?dimension=..."} for the URL sync
SCORECARD_SORT_BUTTON = "scorecard-sort-button"
SCORECARD_URL_SYNC = "scorecard-url-sync"  # dcc.Store written by the browser-side URL sync
REPORT_PRINT = "report-print"
REPORT_PRINTED = "report-printed"


def milestone_card(claim_id: str) -> str:
    """The overview's card of one claim."""
    return f"milestone-{claim_id}"


def scorecard_sort_button(column: str) -> str:
    """The sort button in the header of scorecard column ``column`` (plain ids, one callback input each)."""
    return f"{SCORECARD_SORT_BUTTON}-{column.replace('_', '-')}"
