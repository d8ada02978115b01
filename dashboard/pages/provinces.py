"""The provincial view: ``/provinces``, controls from the query (see dashboard.province_layout)."""

from typing import Any

import dash

from dashboard.data.dimensions import DIMENSIONS
from dashboard.province_layout import provinces_page

dash.register_page(__name__, path="/provinces", name="Provinces", title="Provinces · China Industrial Upgrading",
                   order=max((d.order for d in DIMENSIONS), default=0) + 1)


def layout(**query: Any) -> Any:
    return provinces_page(query)
