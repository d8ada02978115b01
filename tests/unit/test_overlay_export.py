"""The overlay's export text: every drawn source named, every drawn series counted (subtitle and summary).

Expected values are read from the shipped Parquet files, not from the code under test.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.i18n import use_lang
from dashboard.data.store import load_store
from dashboard.figures.summary import chart_summary
from dashboard.model.catalog import state_from_raw
from dashboard.render import render_card

DATA = Path(__file__).resolve().parents[2] / "datasets"
IND, NBS = "va_share_gdp_by_industry", "nbs_gdp_share_by_industry"
FOUR = ("CHN", "USA", "JPN", "DEU")
RAW = {"indicator": IND, "overlay": "1", "region": "~".join(FOUR)}


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


def _catalog() -> pd.DataFrame:
    return pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")


def _drawn_series(indicator: str, sectors: list[str]) -> int:
    """(region, sector) series of the four regions and ``sectors`` with at least one value."""
    obs = pd.read_parquet(DATA / f"{_catalog().loc[indicator, 'dimension']}.parquet")
    obs = obs[(obs.indicator_id == indicator) & obs.region.isin(FOUR) & obs.sector.isin(sectors)]
    obs = obs[obs["value"].map(lambda v: not math.isnan(v))]
    return len(obs.groupby(["region", "sector"]))


def _expected_count() -> int:
    stack = [s.strip() for s in str(_catalog().loc[IND, "stack_sectors"]).split(",")]
    return _drawn_series(IND, stack) + _drawn_series(NBS, stack)


def test_overlay_export_names_both_sources_and_counts_every_series(store):
    cat = _catalog()
    state, notes = state_from_raw(store, "structure", RAW)
    assert notes == [] and state.overlay
    fig = render_card(store, state, "ts")["figure"]
    export = fig["layout"]["meta"]["export"]
    assert cat.loc[IND, "source"] in export["source"] and cat.loc[NBS, "source"] in export["source"]
    n = _expected_count()
    assert n == 15 and f" {n} series " in export["subtitle"]
    legend = [t["name"] for t in fig["data"] if t.get("name") and t.get("showlegend", True) is not False
              and t.get("name") != "Milestones"]
    assert len(legend) == n
    # the hidden summary: three series named, the rest counted, together the subtitle's count
    summary = chart_summary(fig)
    named = summary.count(" to ")
    more = int(re.search(r"and (\d+) more series", summary).group(1))
    assert named + more == n, summary


def test_overlay_export_in_chinese(store):
    with use_lang("zh"):
        state, _ = state_from_raw(store, "structure", {**RAW, "lang": "zh"})
        export = render_card(store, state, "ts")["figure"]["layout"]["meta"]["export"]
    assert "世界银行" in export["source"] and "国家统计局" in export["source"]
    assert f"{_expected_count()}个系列" in export["subtitle"]


def test_summary_counts_a_line_too_short_to_describe():
    """Synthetic figure (test data, not shipped): four lines, the second with one point only;
    three are described, the one-point line is one of the 'more'."""
    line = {"type": "scatter", "mode": "lines"}
    fig = {"data": [{**line, "name": "A", "x": [2000, 2001], "y": [1.0, 2.0]},
                    {**line, "name": "B", "x": [2000], "y": [1.0]},
                    {**line, "name": "C", "x": [2000, 2001], "y": [1.0, 2.0]},
                    {**line, "name": "D", "x": [2000, 2001], "y": [1.0, 2.0]}]}
    summary = chart_summary(fig)
    assert summary.count(" to ") == 3 and "(and 1 more series)" in summary, summary
