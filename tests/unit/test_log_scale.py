"""The Log scale switch, the chart and the notes agree (new-user check: on net FDI inflows the switch could be
turned on while the chart fell back to a linear axis). Expected values come from the shipped Parquet files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dash import no_update

from dashboard.callbacks import Callbacks
from dashboard.components import ids
from dashboard.components.controls import filter_panel, log_options
from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.model.catalog import indicator_meta, state_from_raw, view_payload
from dashboard.model.log_scale import log_drawable
from dashboard.model.overlay import drawn_log_reason
from dashboard.render import page_state, render_card
from dashboard.settings import DEFAULT_DATA_DIR

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
DIM = "internationalization"
FDI = "fdi_inflows_usd"


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def _values(indicator: str, region: str, file: str = DIM) -> pd.Series:
    obs = pd.read_parquet(DATASETS / f"{file}.parquet")
    rows = obs[(obs["indicator_id"] == indicator) & (obs["region"] == region)]
    return rows.set_index("year")["value"].sort_index()


def test_the_premise_in_the_parquet_files():
    # China's net FDI inflows are above zero in every year; Germany's and Japan's are not
    assert (_values(FDI, "CHN") > 0).all() and len(_values(FDI, "CHN")) > 30
    assert (_values(FDI, "DEU") <= 0).any() and (_values(FDI, "JPN") <= 0).any()
    # a fall from one year to the next: the year-on-year % of China's inflows goes below zero
    assert (_values(FDI, "CHN").diff().dropna() < 0).any()


def test_positive_values_keep_the_log_scale(store):
    state, notes = page_state(store, DIM, {"indicator": FDI, "log": "1"})
    assert notes == [] and state.log is True and state.regions == ("CHN",)
    card = render_card(store, state, "ts")
    assert card["log_reason"] == "" and card["figure"]["layout"]["yaxis"]["type"] == "log"
    assert "linear scale" not in str(card["caption"])
    assert log_options(indicator_meta(store, FDI), card["log_reason"]) == [
        {"label": "Log scale", "value": "log", "disabled": False}]


@pytest.mark.parametrize("raw", [
    {"indicator": FDI, "region": "CHN~DEU", "log": "1"},  # Germany's negative years
    {"indicator": FDI, "transform": "yoy", "log": "1"},  # China's falls, as year-on-year %
    {"indicator": "fixed_broadband_per100", "log": "1"},  # zero subscriptions before broadband
])
def test_a_link_asking_for_log_on_values_at_or_below_zero_is_linear_with_a_notice(store, raw):
    dimension = "digital" if raw["indicator"].startswith("fixed") else DIM
    state, notes = page_state(store, dimension, raw)
    assert state.log is False
    assert notes == ["Log scale is not available: the chart has values of zero or below. Shown on a linear scale."]
    card = render_card(store, state, "ts")
    assert card["figure"]["layout"]["yaxis"]["type"] == "linear"
    assert card["log_reason"] == "the chart has values of zero or below"
    assert "log=1" not in view_payload(store, state)["query"]
    # the switch: off, disabled, its label saying why
    panel = str(filter_panel(store.indicators(dimension), indicator_meta(store, state.indicator), state,
                             card["log_reason"]))
    assert "unavailable: values ≤ 0" in panel and "title='the chart has values of zero or below'" in panel
    assert "'disabled': True" in panel
    # the chart really draws a value at or below zero
    drawn = [float(y) for t in card["figure"]["data"] for y in (t.get("y") if t.get("y") is not None else [])
             if y is not None and y == y]
    assert drawn and min(drawn) <= 0 and not log_drawable(drawn)


def test_without_the_data_check_the_state_keeps_what_the_link_asked(store):
    # normalize alone (no data) keeps log=1; only the page's check (page_state) turns it off
    state, notes = state_from_raw(store, DIM, {"indicator": FDI, "region": "CHN~DEU", "log": "1"})
    assert state.log is True and notes == []
    assert drawn_log_reason(store, state) == "the chart has values of zero or below"
    card = render_card(store, state, "ts")  # the figure still never draws a log axis it cannot
    assert card["figure"]["layout"]["yaxis"]["type"] == "linear"
    assert "Log scale needs positive values" in str(card["caption"])


def test_a_rate_of_change_gives_its_own_reason(store):
    state, notes = page_state(store, "structure", {"indicator": "gdp_growth", "log": "1"})
    assert state.log is False and len(notes) == 1 and "rate of change" in notes[0]
    card = render_card(store, state, "ts")
    assert card["log_reason"] == "a rate of change can be zero or negative"
    assert log_options(indicator_meta(store, "gdp_growth"))[0]["disabled"] is True


def _controls(store, state) -> dict:
    return {"indicator": state.indicator, "regions": list(state.regions), "sectors": list(state.sectors),
            "years": [state.start, state.end], "transform": state.transform, "base_year": state.base_year,
            "log": ["log"] if state.log else [], "year_a": state.year_a, "year_b": state.year_b,
            "stack": state.stack, "events": ["on"] if state.events else [], "overlay": []}


def test_adding_a_region_with_negative_values_turns_the_switch_off_and_disables_it(store):
    cb = Callbacks(store)
    state, _ = page_state(store, DIM, {"indicator": FDI, "log": "1"})
    view = view_payload(store, state)
    controls = {**_controls(store, state), "regions": ["CHN", "DEU"]}
    out = cb.update(controls, None, DIM, view, ids.REGIONS)
    assert out["view"]["state"]["log"] is False
    assert out["controls"]["log"] == []
    assert out["controls"]["log_options"][0]["disabled"] is True
    assert out["controls"]["log_options"][0]["label"]["props"]["title"] == "the chart has values of zero or below"
    assert out["cards"]["ts"]["figure"]["layout"]["yaxis"]["type"] == "linear"
    # and back to China alone: offered again (still off: the user turns it on)
    after = out["view"]
    shown = out["controls"]["log_options"]  # what the page now holds
    back = cb.update({**controls, "regions": ["CHN"], "log": []}, None, DIM, after, ids.REGIONS, shown)
    assert back["controls"]["log_options"] == [{"label": "Log scale", "value": "log", "disabled": False}]
    # the options the page holds are not sent again: a third region with positive values only
    again = cb.update({**controls, "regions": ["CHN", "USA"], "log": []}, None, DIM, back["view"], ids.REGIONS,
                      back["controls"]["log_options"])
    assert again["cards"]["ts"]["figure"] is not no_update  # the time series is redrawn ...
    assert again["controls"]["log_options"] is no_update  # ... and the switch's options stay


def test_the_reason_in_chinese(store):
    with use_lang("zh"):
        state, notes = page_state(store, DIM, {"indicator": FDI, "region": "CHN~DEU", "log": "1", "lang": "zh"})
        assert notes == ["无法使用对数坐标：图中有零或负值。已改用线性坐标。"]
        label = log_options(indicator_meta(store, FDI), "图中有零或负值")[0]["label"]
        assert label.children[0] == "对数坐标" and label.children[1].children == "不可用：有≤0的值"
        assert label.title == "图中有零或负值"
