"""The charts' text alternative: a summary sentence computed from the data a chart draws."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.figures.summary import chart_summary
from dashboard.model.catalog import state_from_raw
from dashboard.render import render_card
from dashboard.settings import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def _china(indicator: str) -> pd.Series:
    """China's values of an indicator, straight from the shipped Parquet files."""
    cat = pd.read_parquet(DEFAULT_DATA_DIR / "catalog.parquet")
    dim = cat.loc[cat["indicator_id"] == indicator, "dimension"].iloc[0]
    obs = pd.read_parquet(DEFAULT_DATA_DIR / f"{dim}.parquet")
    s = obs[(obs["indicator_id"] == indicator) & (obs["region"] == "CHN") & (obs["sector"] == "total")]
    return s.set_index("year")["value"].dropna().sort_index()


def _text(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(_text(n) for n in node)
    children = getattr(node, "children", None)
    return _text(children) if children is not None else ""


def test_time_series_summary_names_chinas_first_and_last_value(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "rd_intensity_wdi", "time": "2012..2022"})
    card = render_card(store, state, "ts")
    summary = [h for h in card["heading"] if "chart-summary" in (h.className or "")]
    assert len(summary) == 1 and "visually-hidden" in summary[0].className
    s = _china("rd_intensity_wdi").loc[2012:2022]
    want = f"China: from {s.iloc[0]:,.2f} in {s.index[0]} to {s.iloc[-1]:,.2f} in {s.index[-1]}."
    assert summary[0].children == want


def test_summary_in_chinese_and_for_many_series(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "rd_intensity_wdi",
                                                    "region": "CHN~USA~JPN~DEU~KOR", "lang": "zh"})
    with use_lang("zh"):
        fig = render_card(store, state, "ts")["figure"]
        text = chart_summary(fig)
    # the first three series, their first and last drawn value from the Parquet files, Chinese punctuation only
    obs = pd.read_parquet(DEFAULT_DATA_DIR / "endowments.parquet")
    parts = []
    for code, name in (("CHN", "中国"), ("USA", "美国"), ("JPN", "日本")):
        s = obs[(obs["indicator_id"] == "rd_intensity_wdi") & (obs["region"] == code) & (obs["sector"] == "total")
                & obs["year"].between(state.start, state.end)].set_index("year")["value"].dropna().sort_index()
        parts.append(f"{name}：从{s.index[0]}年的{s.iloc[0]:,.2f}变为{s.index[-1]}年的{s.iloc[-1]:,.2f}")
    assert text == "；".join(parts) + "（另有2个系列）。"


def test_summary_of_a_chart_without_lines_ends_with_a_chinese_full_stop_in_chinese():
    bars = {"data": [{"type": "bar", "name": "太阳能发电", "x": [2020], "y": [1.0]},
                     {"type": "bar", "name": "风电", "x": [2020], "y": [2.0]}]}
    with use_lang("zh"):
        assert chart_summary(bars) == "图中显示2个系列：太阳能发电、风电。"
    line = {"data": [{"type": "scatter", "mode": "lines", "name": "中国", "x": [2012, 2023], "y": [1.91, 2.65]}]}
    with use_lang("zh"):
        assert chart_summary(line) == "中国：从2012年的1.91变为2023年的2.65。"
    assert chart_summary(line) == "中国: from 1.91 in 2012 to 2.65 in 2023."  # English punctuation in English


def test_summary_of_a_chart_without_lines_lists_its_series_and_empty_is_blank():
    bars = {"data": [{"type": "bar", "name": "Solar", "x": [2020], "y": [1.0]},
                     {"type": "bar", "name": "Wind", "x": [2020], "y": [2.0]}]}
    assert chart_summary(bars) == "The chart shows 2 series: Solar, Wind."
    assert chart_summary({"data": []}) == ""
