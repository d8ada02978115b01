"""One page per dimension declared in ``content/dimensions.toml``: ``/<id>``, controls from the query."""

from functools import partial
from typing import Any, Callable

import dash

from dashboard.data.dimensions import DIMENSIONS
from dashboard.lang import page_lang, page_title
from dashboard.layouts import dimension_page


def _label_of(dim: Any) -> Callable[[], str]:
    """The dimension's label in the current language, for its page title."""
    def label() -> str:
        return str(dim.label)
    return label


def _layout(dimension_id: str, **query: Any) -> Any:
    page_lang(query)
    return dimension_page(dimension_id, query)


for _dim in DIMENSIONS:
    dash.register_page(
        f"{__name__}.{_dim.id}",
        path=f"/{_dim.id}",
        name=_dim.label,
        title=page_title(_label_of(_dim)),
        order=_dim.order,
        layout=partial(_layout, _dim.id),
        dimension=_dim.id,
    )
