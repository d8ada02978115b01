"""The default compared years of a selection: the latest year every chosen series has a value.

Expected years are computed here from the shipped Parquet files with pandas, not with the code under test.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import parse_qsl

import pandas as pd
import pytest
from dash import no_update

from dashboard.callbacks import Callbacks
from dashboard.components import ids
from dashboard.data.store import load_store
from dashboard.model.catalog import state_from_payload, state_from_raw, view_payload
from dashboard.render import render_card

DATA = Path(__file__).resolve().parents[2] / "datasets"
IND = "va_share_gdp_by_industry"
FOUR = ("CHN", "USA", "JPN", "DEU")


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


def _obs(indicator: str) -> pd.DataFrame:
    dimension = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id").loc[indicator, "dimension"]
    obs = pd.read_parquet(DATA / f"{dimension}.parquet")
    obs = obs[obs.indicator_id == indicator]
    return obs[obs["value"].map(lambda v: v is not None and not math.isnan(v))]


def _stack(indicator: str) -> list[str]:
    cat = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")
    return [s.strip() for s in str(cat.loc[indicator, "stack_sectors"]).split(",") if s.strip()]


def _common_year(indicator: str, regions, sectors) -> int:
    """Latest year in which every (region, sector) pair of the selection that has data has a value."""
    obs = _obs(indicator)
    obs = obs[obs.region.isin(regions) & obs.sector.isin(sectors)]
    series = obs.groupby(["region", "sector"])["year"].apply(set)
    return max(set.intersection(*series.tolist()))


def test_four_regions_default_to_their_latest_common_year(store):
    expected = _common_year(IND, FOUR, _stack(IND))
    china_latest = int(_obs(IND).query("region == 'CHN'")["year"].max())
    assert expected < china_latest  # the case of the defect: China has years the others lack
    state, notes = state_from_raw(store, "structure", {"indicator": IND, "region": "~".join(FOUR)})
    assert notes == []
    assert (state.year_a, state.year_b) == (2012, expected)
    # every chosen region is on the compare chart
    fig = render_card(store, state, "cmp")["figure"]
    drawn = " ".join(str(t.get("name", "")) + " " + str(t.get("y", "")) for t in fig["data"])
    for name in ("United States", "Japan", "Germany"):
        assert name in drawn
    # the URL leaves the default out, and the URL reproduces the view
    payload = view_payload(store, state)
    assert "compare" not in payload["query"]
    again, _ = state_from_raw(store, "structure", dict(parse_qsl(payload["query"].lstrip("?"))))
    assert again == state
    # China alone (the page's default) keeps its own latest year
    alone, _ = state_from_raw(store, "structure", {"indicator": IND})
    assert _common_year(IND, ("CHN",), _stack(IND)) == china_latest
    assert (alone.year_a, alone.year_b) == (2012, china_latest)


def test_an_explicit_compare_is_kept_and_stays_in_the_url(store):
    china_latest = int(_obs(IND).query("region == 'CHN'")["year"].max())
    raw = {"indicator": IND, "region": "~".join(FOUR), "compare": f"2012..{china_latest}"}
    state, notes = state_from_raw(store, "structure", raw)
    assert notes == [] and (state.year_a, state.year_b) == (2012, china_latest)
    query = view_payload(store, state)["query"]
    assert f"compare=2012..{china_latest}" in query
    again, _ = state_from_raw(store, "structure", dict(parse_qsl(query.lstrip("?"))))
    assert again == state


def _controls(state) -> dict:
    return {"indicator": state.indicator, "regions": list(state.regions), "sectors": list(state.sectors),
            "years": [state.start, state.end], "transform": state.transform, "base_year": state.base_year,
            "log": [], "year_a": state.year_a, "year_b": state.year_b, "stack": state.stack, "events": ["on"],
            "overlay": []}


def test_adding_regions_moves_the_default_years_but_not_picked_ones(store):
    cb = Callbacks(store)
    first, _ = state_from_raw(store, "structure", {"indicator": IND})
    view = view_payload(store, first)
    ctl = {**_controls(first), "regions": list(FOUR)}
    out = cb.update(ctl, None, "structure", view, ids.REGIONS)
    expected = _common_year(IND, FOUR, _stack(IND))
    assert (out["controls"]["year_a"], out["controls"]["year_b"]) == (2012, expected)
    moved = state_from_payload(store, out["view"])
    assert moved.year_b == expected and "compare" not in out["view"]["query"]
    # years the user picked stay as they are
    picked, _ = state_from_raw(store, "structure", {"indicator": IND, "compare": "2015..2025"})
    out = cb.update({**_controls(picked), "regions": list(FOUR)}, None, "structure",
                    view_payload(store, picked), ids.REGIONS)
    assert out["controls"]["year_b"] is no_update
    assert state_from_payload(store, out["view"]).year_b == 2025


def test_a_new_indicator_defaults_to_the_common_year_of_the_kept_regions(store):
    cb = Callbacks(store)
    changed = cb.on_indicator(IND, list(FOUR), "structure")
    assert changed is not None and changed["regions"] == list(FOUR)
    assert (changed["year_a"], changed["year_b"]) == (2012, _common_year(IND, FOUR, _stack(IND)))


def _best_pair(indicator: str, regions, sectors, lowest: int) -> tuple[tuple[int, int], int, int]:
    """By brute force over every pair of years (From >= ``lowest``): the pair the most chosen series have
    both values of (ties: latest To, then earliest From), its count and the number of series."""
    obs = _obs(indicator)
    obs = obs[obs.region.isin(regions) & obs.sector.isin(sectors)]
    series = obs.groupby(["region", "sector"])["year"].apply(set).tolist()
    years = sorted(set().union(*series))
    scored = [(sum({a, b} <= s for s in series), b, -a) for a in years for b in years if lowest <= a < b]
    count, to, neg_from = max(scored)
    return (-neg_from, to), count, len(series)


def test_robots_of_five_economies_compare_the_years_most_of_them_have(store):
    regions = ("CHN", "USA", "JPN", "DEU", "KOR")
    first_year = int(_obs("robot_installations")["year"].min())  # the indicator's From: no 2012 value
    (a, b), count, n = _best_pair("robot_installations", regions, ["total"], first_year)
    assert n == 5 and count > 1  # the old default (first year .. 2023) had China alone
    assert _best_pair("robot_installations", regions, ["total"], first_year)[1] > \
        sum(1 for r in regions if {first_year, b} <= set(_obs("robot_installations").query("region == @r")["year"]))
    state, notes = state_from_raw(store, "endowments", {"indicator": "robot_installations", "region": "~".join(regions)})
    assert notes == [] and (state.year_a, state.year_b) == (a, b)
    fig = render_card(store, state, "cmp")["figure"]
    drawn = " ".join(str(t.get("name", "")) + " " + str(t.get("y", "")) for t in fig["data"])
    assert "China" in drawn and "Japan" in drawn  # the old default (first year .. 2023) drew China alone


def test_ten_regions_and_four_sectors_leave_out_only_what_cannot_be_compared(store):
    regions = ("CHN", "USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA", "EUU", "WLD")
    sectors = ("primary", "secondary", "tertiary", "manufacturing")
    state, notes = state_from_raw(store, "structure", {"region": "~".join(regions), "sector": "~".join(sectors)})
    assert notes == [] and state.indicator == IND
    (a, b), count, n = _best_pair(IND, regions, sectors, 2012)
    assert (state.year_a, state.year_b) == (a, b)
    obs = _obs(IND)
    ends = obs[obs.region.isin(regions) & obs.sector.isin(sectors)].groupby(["region", "sector"])["year"].max()
    # every series with values from 2012 on is compared; the old default (2012 vs China's latest) left ~15 out
    assert count == int((ends >= b).sum()) and n - count == int((ends < 2012).sum())
    china_mfg = set(obs.query("region == 'CHN' and sector == 'manufacturing'")["year"])
    assert {a, b} <= china_mfg
