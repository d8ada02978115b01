"""``/scorecard?dimension=green&a=2012&b=latest``: every China indicator of a dimension in one table."""

from typing import Any

import dash

from dashboard import runtime
from dashboard.views.scorecard import scorecard_page

dash.register_page(__name__, path="/scorecard", name="Scorecard", title="Scorecard · China Industrial Upgrading",
                   order=90)


def layout(**query: Any) -> Any:
    return scorecard_page(runtime.get_store(), query)
