"""``/scorecard?dimension=green&a=2012&b=latest``: every China indicator of a dimension in one table."""

from typing import Any

import dash

from dashboard import runtime
from dashboard.data.i18n import N_
from dashboard.lang import page_lang, page_title
from dashboard.views.scorecard import scorecard_page

dash.register_page(__name__, path="/scorecard", name="Scorecard", title=page_title(N_("Scorecard")),
                   order=90)


def layout(**query: Any) -> Any:
    page_lang(query)
    return scorecard_page(runtime.get_store(), query)
