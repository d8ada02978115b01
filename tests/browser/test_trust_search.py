"""Indicator search matches what people type and paste (issue 9, item 7).

Expected options are computed from datasets/catalog.parquet (the country indicators of a page)
with plain string tests on the names, units and groups (not with the app's folding code).
"""

from __future__ import annotations

import pandas as pd
import pytest
from browser_helpers import ROOT, goto, open_dropdown

CATALOG = pd.read_parquet(ROOT / "datasets" / "catalog.parquet")


def offered_after_typing(page, text: str) -> set[str]:
    open_dropdown(page, "indicator")
    box = page.locator(".dash-dropdown-content input.dash-dropdown-search")
    box.click()
    page.keyboard.type(text)
    page.wait_for_function("(t) => document.querySelector('.dash-dropdown-search').value === t", arg=text)
    page.wait_for_timeout(400)  # the browser-side callback has rewritten the option keys
    values = page.eval_on_selector_all(".dash-dropdown-content .dash-options-list-option input",
                                       "els => els.filter(e => !e.disabled).map(e => e.value)")
    assert page.locator(".dash-dropdown-search").input_value() == text  # what was typed stays
    page.keyboard.press("Escape")
    return set(values)


def ids(dimension: str, test) -> set[str]:
    # the dimension pages' picker offers the country indicators (provincial ones live on /provinces)
    geo = CATALOG["geography"] if "geography" in CATALOG.columns else "country"
    rows = CATALOG[(CATALOG["dimension"] == dimension) & (geo == "country")]
    return {r.indicator_id for r in rows.itertuples() if test(f"{r.name} {r.unit} {r.group}")}


@pytest.mark.parametrize("dimension, typed, expected", [
    ("internationalization", "\u2019new three\u2019", lambda k: "new three" in k.lower()),
    ("internationalization", "\u201cNew Three\u201d", lambda k: "new three" in k.lower()),
    ("green", "CO\u2082", lambda k: "co2" in k.lower()),
    ("endowments", "\uff32\uff24", lambda k: "rd" in k.lower().replace("&", "")),
    ("endowments", "r&d", lambda k: "rd" in k.lower().replace("&", "")),
    ("endowments", "INNOVATION investment",  # a group
     lambda k: "innovation" in k.lower() and "investment" in k.lower()),
    # each typed word is looked for on its own (the dropdown's rule): "per" is also in "persons"
    ("endowments", "per million", lambda k: "per" in k.lower() and "million" in k.lower()),  # a unit
])
def test_indicator_search_folds_typed_text(page, dimension, typed, expected):
    want = ids(dimension, expected)
    assert want, "the catalog has such indicators"
    goto(page, f"/{dimension}", keys=("ts",))
    assert offered_after_typing(page, typed) == want


def test_browser_folding_equals_the_server_folding(page):
    from dashboard.model.textsearch import fold

    goto(page, "/green", keys=("ts",))
    samples = ["\u2019new three\u2019", "CO\u2082", "\uff32\uff24", "R&D", "T\u00fcrkiye", "Stra\u00dfe",
               "high\u2014tech", "GDP (PPP), per person", "kg CO2 per PPP $", "\ufb01bre", "m\u00b2",
               "\u00abNew three\u00bb", "  many   spaces\t", "r\uff06d"]
    got = page.evaluate("(xs) => xs.map(x => window.dash_clientside.dashboard_search.fold(x))", samples)
    assert got == [fold(s) for s in samples]
