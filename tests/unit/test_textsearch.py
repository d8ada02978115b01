"""Folding of typed and pasted search text (issue 9, item 7)."""

import pandas as pd
import pytest

from dashboard.model.textsearch import fold, matches
from dashboard.settings import DEFAULT_DATA_DIR


@pytest.mark.parametrize("typed, folded", [
    ("’new three’", "new three"),
    ("“New three”", "new three"),
    ("«New three»", "new three"),
    ("CO₂", "co2"),
    ("m²", "m2"),
    ("ＲＤ", "rd"),
    ("R&D", "rd"),
    ("r＆d", "rd"),
    ("Ｒ＆Ｄ　ｅｘｐｅｎｄｉｔｕｒｅ", "rd expenditure"),
    ("Türkiye", "turkiye"),
    ("électricité", "electricite"),
    ("Straße", "strasse"),
    ("high–tech", "high-tech"),
    ("high—tech", "high-tech"),
    ("high\u2212tech", "high-tech"),
    ("  many   spaces\t", "many spaces"),
    ("GDP (PPP), per person", "gdp ppp per person"),
    ("% of GDP", "% of gdp"),
    ("kg CO2 per PPP $", "kg co2 per ppp $"),
    ("ﬁbre", "fibre"),
])
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_catalog_names_are_found_from_what_people_type():
    cat = pd.read_parquet(DEFAULT_DATA_DIR / "catalog.parquet")
    key = {r.indicator_id: f"{r.name} {r.unit} {r.group}" for r in cat.itertuples()}
    new_three = {i for i, n in zip(cat["indicator_id"], cat["name"]) if "new three" in n.lower()}
    co2 = {i for i, n in zip(cat["indicator_id"], cat["name"]) if "CO2" in n}
    rd = {i for i, n in zip(cat["indicator_id"], cat["name"]) if "R&D" in n}
    assert new_three and co2 and rd  # the catalog has them
    for typed, want in (("’new three’", new_three), ("CO₂", co2), ("ＲＤ", rd), ("r&d", rd)):
        found = {i for i, k in key.items() if matches(typed, k)}
        assert want <= found, typed
    # group and unit are searchable too
    group = cat["group"].iloc[0]
    assert {i for i, k in key.items() if matches(group.upper(), k)} >= set(cat.loc[cat["group"] == group,
                                                                                   "indicator_id"])
    assert {i for i, k in key.items() if matches("trillion yuan", k)} == set(
        cat.loc[cat["unit"] == "trillion yuan", "indicator_id"]) | {
        i for i, k in key.items() if "trillion yuan" in k.lower()}
