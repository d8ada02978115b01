"""Old indicator ids in shared links (dashboard/content/aliases.toml) are mapped where a URL enters the model.

``graduate_students`` shipped holding admissions; its values continue as ``graduate_admissions``
(aliases.toml). A link naming the old id must show the new indicator, say so, and the URL sync must write the
new id. Expected values come from the shipped Parquet files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import contract as c
from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.model.catalog import (
    indicator_aliases,
    indicator_ids,
    resolve_alias,
    state_from_payload,
    state_from_raw,
    view_payload,
)
from dashboard.model.chart_data import timeseries_data

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"


@pytest.fixture(scope="module")
def store():
    return load_store(DATASETS)


def test_the_shipped_alias_map():
    assert indicator_aliases() == {"graduate_students": "graduate_admissions"}


def test_old_id_in_a_link_gives_the_new_indicator_with_a_notice(store):
    state, notices = state_from_raw(store, "endowments", {"indicator": "graduate_students"})
    assert state.indicator == "graduate_admissions"
    assert len(notices) == 1 and notices[0].startswith("graduate_students is now graduate_admissions")
    # the state is the new indicator's own default: its years are those of its rows in the Parquet
    obs = pd.read_parquet(DATASETS / c.observation_file("endowments"))
    years = obs.loc[obs["indicator_id"] == "graduate_admissions", "year"]
    assert (state.start, state.end) == (int(years.min()), int(years.max())) == (2012, 2022)


def test_url_sync_writes_the_new_id(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "graduate_students"})
    assert view_payload(store, state)["query"] == "?indicator=graduate_admissions"


def test_other_link_settings_are_kept_with_the_alias(store):
    state, notices = state_from_raw(store, "endowments", {"indicator": "graduate_students", "time": "2017..2022"})
    assert (state.indicator, state.start, state.end) == ("graduate_admissions", 2017, 2022)
    assert len(notices) == 1
    assert view_payload(store, state)["query"] == "?indicator=graduate_admissions&time=2017..2022"


def test_payload_with_the_old_id_is_mapped_too(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "graduate_students"})
    payload = {"state": dict(state.to_dict(), indicator="graduate_students")}
    again = state_from_payload(store, payload)
    assert again is not None and again.indicator == "graduate_admissions"


def test_alias_rows_are_the_new_indicators_rows(store):
    """What the page draws for the old id is graduate_admissions' rows of the Parquet file."""
    state, _ = state_from_raw(store, "endowments", {"indicator": "graduate_students"})
    rows = timeseries_data(store, state)
    obs = pd.read_parquet(DATASETS / c.observation_file("endowments"))
    want = obs[obs["indicator_id"] == "graduate_admissions"].sort_values("year")
    assert list(rows["year"]) == list(want["year"]) == [2012, 2017, 2021, 2022]
    assert list(rows["value"]) == list(want["value"])


def test_old_id_on_another_dimension_page_is_an_unknown_indicator(store):
    """The alias only applies where the new indicator lives (endowments); elsewhere the usual rule holds."""
    state, notices = state_from_raw(store, "structure", {"indicator": "graduate_students"})
    assert state.indicator != "graduate_admissions" and state.indicator in indicator_ids(store, "structure")
    assert notices == ["Unknown indicator 'graduate_students' for this page: showing the default indicator."]


def test_resolve_alias_leaves_everything_else_alone():
    aliases = {"old_id": "new_id"}  # synthetic map, for the test
    ids = ["new_id", "other"]
    assert resolve_alias({"indicator": "old_id", "region": "CHN"}, ids, aliases) == (
        {"indicator": "new_id", "region": "CHN"},
        ["old_id is now new_id: this link's indicator was renamed; the address now uses the new id."])
    for raw in ({"indicator": "other"}, {"indicator": "unknown"}, {"indicator": ["old_id"]}, {}, {"indicator": None}):
        assert resolve_alias(raw, ids, aliases) == (raw, [])
    # the old id is still an indicator of the page: it wins
    assert resolve_alias({"indicator": "old_id"}, ["old_id", "new_id"], aliases) == ({"indicator": "old_id"}, [])
    # the new id is not on this page
    assert resolve_alias({"indicator": "old_id"}, ["other"], aliases) == ({"indicator": "old_id"}, [])


def test_alias_notice_in_chinese_and_the_language_kept(store):
    with use_lang("zh"):
        state, notices = state_from_raw(store, "endowments", {"indicator": "graduate_students", "lang": "zh"})
    assert notices == ["graduate_students 现为 graduate_admissions：此链接中的指标已更名，地址已改用新的标识。"]
    assert view_payload(store, state)["query"] == "?indicator=graduate_admissions&lang=zh"
