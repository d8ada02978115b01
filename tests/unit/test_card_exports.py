"""A card that draws nothing offers no PNG/SVG/CSV export (new-user check: the empty "Compare sectors" card
of an indicator without a sector breakdown still offered its three buttons)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.callbacks import Callbacks, card_parts
from dashboard.components import ids
from dashboard.components.chart_card import chart_card, export_group_id
from dashboard.data import load_store
from dashboard.model.catalog import view_payload
from dashboard.render import page_state, render_card
from dashboard.settings import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def _group(card) -> object:
    found = []

    def walk(node):
        if getattr(node, "id", None) == export_group_id("comp"):
            found.append(node)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            walk(child)
    walk(card)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("indicator, dimension, hidden", [
    ("gdp_growth", "structure", True),  # no sector breakdown
    ("va_share_gdp_by_industry", "structure", False),  # primary + secondary + tertiary stack
    ("fdi_inflows_usd", "internationalization", True),
])
def test_the_composition_card_offers_exports_only_when_it_draws(store, indicator, dimension, hidden):
    obs = pd.read_parquet(f"datasets/{dimension}.parquet")
    sectors = set(obs.loc[obs["indicator_id"] == indicator, "sector"])
    assert (sectors == {"total"}) is hidden  # the premise, from the Parquet file
    state, _ = page_state(store, dimension, {"indicator": indicator})
    card = render_card(store, state, "comp")
    assert card["exports_hidden"] is hidden
    assert bool(card["figure"]["data"]) is not hidden
    group = _group(chart_card("comp", "Compare sectors", {}, initial=card))
    assert group.hidden is hidden
    assert "exports_hidden" in card_parts("comp") and "exports_hidden" not in card_parts("ts")


def test_choosing_an_indicator_with_sectors_brings_the_exports_back(store):
    cb = Callbacks(store)
    state, _ = page_state(store, "structure", {"indicator": "gdp_growth"})
    controls = {"indicator": "va_share_gdp_by_industry", "regions": ["CHN"], "sectors": ["total"],
                "years": [state.start, state.end], "transform": "level", "base_year": state.base_year, "log": [],
                "year_a": state.year_a, "year_b": state.year_b, "stack": "absolute", "events": ["on"], "overlay": []}
    out = cb.update(controls, None, "structure", view_payload(store, state), ids.INDICATOR)
    assert out["cards"]["comp"]["exports_hidden"] is False
    back = cb.update({**controls, "indicator": "gdp_growth"}, None, "structure", out["view"], ids.INDICATOR)
    assert back["cards"]["comp"]["exports_hidden"] is True
