"""Link notices give the right reason: a refused transform says why it is refused for this indicator, and a
region code the dashboard has no data for is not called "not available for this indicator".

The facts the reasons rest on (sectors, kind, the regions in the data) are read here from the Parquet files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.i18n import use_lang
from dashboard.model.catalog import state_from_raw

DATA = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def store(shipped_store):
    return shipped_store


@pytest.fixture(scope="module")
def cat() -> pd.DataFrame:
    return pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")


@pytest.fixture(scope="module")
def obs(shipped_observations) -> pd.DataFrame:
    return shipped_observations


def test_share_of_a_rate_without_sectors_says_it_has_no_sectors(store, cat, obs):
    assert cat.loc["gdp_growth", "kind"] == "rate"
    assert set(obs.loc[obs.indicator_id == "gdp_growth", "sector"]) == {"total"}
    state, notes = state_from_raw(store, "structure", {"indicator": "gdp_growth", "transform": "share"})
    assert state.transform == "level"
    assert notes == ["'Share of total %' is not offered for this indicator: it has no sectors to take a share of. "
                     "Showing levels."]
    # an index of the same rate: the rate-of-change reason
    _, notes = state_from_raw(store, "structure", {"indicator": "gdp_growth", "transform": "index"})
    assert len(notes) == 1 and "already a rate of change" in notes[0] and "sectors" not in notes[0]


def test_share_of_overlapping_sectors_says_they_are_not_parts_of_a_whole(store, cat, obs):
    ind = "va_share_gdp_by_industry"
    assert not bool(cat.loc[ind, "share_of_total"]) and cat.loc[ind, "kind"] != "rate"
    assert len(set(obs.loc[obs.indicator_id == ind, "sector"])) > 1
    state, notes = state_from_raw(store, "structure", {"indicator": ind, "transform": "share"})
    assert state.transform == "level"
    assert notes == ["'Share of total %' is not offered for this indicator: its sectors are not separate parts "
                     "adding up to one whole. Showing levels."]


@pytest.mark.parametrize("lang,unknown,unavailable", [
    ("en", "Ignored economies that are not in the dashboard's data: BRA, RUS.",
     "Ignored regions not available for this indicator: {codes}."),
    ("zh", "已忽略本数据看板没有数据的经济体：BRA, RUS。", None),
])
def test_a_region_not_in_the_data_is_named_so(store, cat, obs, lang, unknown, unavailable):
    country = cat.index[cat.geography == "country"]
    in_data = set(obs.loc[obs.indicator_id.isin(country), "region"])
    assert not {"BRA", "RUS"} & in_data
    robots = set(obs.loc[obs.indicator_id == "robot_installations", "region"])
    lacking = sorted(in_data - robots)  # in the data, not in this indicator's
    assert lacking
    with use_lang(lang):
        state, notes = state_from_raw(store, "endowments", {"indicator": "robot_installations",
                                                            "region": "~".join(["CHN", "bra", "RUS", lacking[0]])})  # any case
    assert state.regions == ("CHN",)
    assert notes[0] == unknown and len(notes) == 2
    if unavailable:
        assert notes[1] == unavailable.format(codes=lacking[0])
    assert "BRA" not in notes[1]
