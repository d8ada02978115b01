"""Scorecard link years: one correction with a notice, and caption, pickers and rows agree.

The data's first and last years and each row's years are computed here from the Parquet files with pandas.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.components import ids
from dashboard.views.callbacks import scorecard_update
from dashboard.views.scorecard import data_years, parse_query, scorecard_page

DATA = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def store(shipped_store):
    return shipped_store


@pytest.fixture(scope="module")
def obs(shipped_observations) -> pd.DataFrame:
    """The observations of the country indicators (the scorecard's)."""
    return shipped_observations[shipped_observations.geography == "country"]


def test_data_years_are_the_parquet_range(store, obs):
    assert data_years(store) == (int(obs.year.min()), int(obs.year.max()))


def test_a_year_after_the_data_is_the_latest_and_a_before_b(store, obs):
    first, last = int(obs.year.min()), int(obs.year.max())
    after = last + 5
    dim, a, b, notes = parse_query({"a": str(after), "b": "2012"}, data_years(store))
    assert (dim, a, b) == ("endowments", 2012, "latest")
    assert notes == [f"Year {after} is after the last year of the data ({last}): showing the latest year.",
                     "Year A (latest year) was after year B (2012): the two were swapped."]
    # a year before the data is its first year; A after B is swapped
    assert parse_query({"a": str(first - 10), "b": str(last)}, (first, last))[1:3] == (first, last)
    # ... however far before it (a real year, not an invalid one): 1800 -> the first year, with that notice
    assert parse_query({"a": "1800", "b": str(last)}, (first, last))[1:] == (
        first, last, [f"Year 1800 is before the first year of the data ({first}): showing {first}."])
    # not a year: five digits, a year after 2100, words -> the default, with the invalid-year notice
    for bad in ("18000", "2101", "abcd", "0999"):
        assert parse_query({"a": bad}, (first, last))[1:] == (
            2012, "latest", ["Ignored an invalid year: use a year like 2012 or 'latest'."]), bad
    assert parse_query({"a": "2020", "b": "2015"}, (first, last))[1:3] == (2015, 2020)
    # both "latest": year A is the default 2012
    assert parse_query({"a": "latest", "b": str(last + 1)}, (first, last))[1:3] == (2012, "latest")
    # one year compared with itself (every change n/a): year A back to 2012, or year B to the latest
    assert parse_query({"a": str(last), "b": "latest"}, (first, last))[1:] == (
        2012, "latest", [f"Year A and year B were the same year ({last}): comparing 2012 with latest year."])
    assert parse_query({"a": "2012", "b": "2012"}, (first, last))[1:3] == (2012, "latest")
    assert parse_query({"a": "2015", "b": "2015"}, (first, last))[1:3] == (2012, 2015)
    # valid links are left alone, with no notice
    assert parse_query({"a": "2015", "b": str(last)}, (first, last)) == ("endowments", 2015, last, [])
    assert parse_query({}, (first, last)) == ("endowments", 2012, "latest", [])


def _texts(node) -> list:
    out = []
    if isinstance(node, str):
        return [node]
    children = getattr(node, "children", None)
    for c in children if isinstance(children, list) else [children] if children is not None else []:
        out += _texts(c)
    return out


def _find(node, cls_name: str, found=None) -> list:
    found = [] if found is None else found
    if type(node).__name__ == cls_name or getattr(node, "id", None) == cls_name:
        found.append(node)
    children = getattr(node, "children", None)
    for c in children if isinstance(children, list) else [children] if children is not None else []:
        _find(c, cls_name, found)
    return found


def test_the_page_of_a_2030_link_agrees_with_itself(store, obs):
    last = int(obs.year.max())
    page = scorecard_page(store, {"a": "2030", "b": "2012"})
    caption = " ".join(_texts(_find(page, "Caption")[0]))
    assert "year A = 2012, year B = latest year" in caption
    assert _find(page, ids.SCORECARD_YEAR_A)[0].value == "2012"
    assert _find(page, ids.SCORECARD_YEAR_B)[0].value == "latest"
    options = [o["value"] for o in _find(page, ids.SCORECARD_YEAR_A)[0].options]
    assert options[0] == str(last) and options[-1] == str(int(obs.year.min()))
    notice = " ".join(_texts(_find(page, "Alert")[0]))
    assert "Some link settings were not valid and were reset" in notice and "after the last year" in notice
    # the address is corrected to what is shown
    assert _find(page, ids.SCORECARD_QUERY)[0].data == {"query": "?dimension=endowments&a=2012&b=latest"}
    # every row: year A = 2012 (or China's nearest year), year B = China's latest year, from the Parquet
    chn = obs[(obs.region == "CHN") & obs.value.notna() & obs.indicator_id.isin(
        pd.read_parquet(DATA / "endowments.parquet").indicator_id)]
    rows = _find(page, "Tr")[1:]
    assert len(rows) > 5
    for tr in rows:
        ind, sec = tr.to_plotly_json()["props"]["data-indicator"], tr.to_plotly_json()["props"]["data-sector"]
        years = chn[(chn.indicator_id == ind) & (chn.sector == sec)].year
        want_a = min(years, key=lambda y: (abs(y - 2012), -y))
        cells = [" ".join(_texts(td)) for td in tr.children[2:4]]
        assert re.search(rf"\b{want_a}$", cells[0]) and re.search(rf"\b{years.max()}$", cells[1]), (ind, sec, cells)


def test_pickers_with_a_after_b_are_swapped(store):
    out = scorecard_update(store, "green", "2020", "2015", "", None, ids.SCORECARD_YEAR_B)
    assert (out["year_a"], out["year_b"]) == ("2015", "2020")
    assert out["query"] == {"query": "?dimension=green&a=2015&b=2020"}
    caption = " ".join(_texts(_find(out["table"], "Caption")[0]))
    assert "year A = 2015, year B = 2020" in caption
