"""One page per dimension declared in ``content/dimensions.toml``: ``/<id>``, controls from the query."""

from functools import partial
from typing import Any

import dash

from dashboard.data.dimensions import DIMENSIONS
from dashboard.lang import page_lang
from dashboard.layouts import dimension_page

SITE = "China Industrial Upgrading"


def _layout(dimension_id: str, **query: Any) -> Any:
    page_lang(query)
    return dimension_page(dimension_id, query)


for _dim in DIMENSIONS:
    dash.register_page(
        f"{__name__}.{_dim.id}",
        path=f"/{_dim.id}",
        name=_dim.label,
        title=f"{_dim.label} · {SITE}",
        order=_dim.order,
        layout=partial(_layout, _dim.id),
        dimension=_dim.id,
    )
