"""The provincial view: ``/provinces``, controls from the query (see dashboard.province_layout)."""

from typing import Any

import dash

from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import N_
from dashboard.lang import page_lang, page_title
from dashboard.province_layout import provinces_page

dash.register_page(__name__, path="/provinces", name="Provinces", title=page_title(N_("Provinces")),
                   order=max((d.order for d in DIMENSIONS), default=0) + 1)


def layout(**query: Any) -> Any:
    page_lang(query)
    return provinces_page(query)
