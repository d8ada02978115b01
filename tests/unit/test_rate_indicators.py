"""Indicators that are themselves a rate of change (content ``kind = "rate"``, catalog column ``kind``):
no index, no year-on-year %, no log scale (new-user check: Real GDP growth indexed to 2012 ran from -347 to
+230; with base 1961 it became a row of n/a markers, the legend entry cut to "n/a: ba").

Expected values come from the shipped content and Parquet files: which units name a rate of change, the
signs of the shipped growth rates, the legend entries' texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.callbacks import Callbacks
from dashboard.components.controls import log_options, transform_options
from dashboard.data import content as ct
from dashboard.data import contract as c
from dashboard.data import load_store
from dashboard.figures.common import LEGEND_CHAR_PX, text_width
from dashboard.model.catalog import indicator_meta, state_from_raw
from dashboard.model.transforms import NA_BASE, TRANSFORMS
from dashboard.render import render_card
from dashboard.settings import DEFAULT_DATA_DIR

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
#: units that say the values are a change per period (a share such as "% of GDP" is not one)
RATE_UNIT = re.compile(r"per year|annual %|% growth|growth rate|cagr|% change", re.IGNORECASE)


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return pd.read_parquet(DATASETS / c.CATALOG_FILE).set_index("indicator_id")


def test_rate_kind_marks_exactly_the_rates_of_change(catalog):
    rates = set(catalog.index[catalog["unit"].str.contains(RATE_UNIT)])
    assert rates == {"gdp_growth"}  # the shipped content has one: unit "% per year"
    assert set(catalog.index[catalog["kind"] == "rate"]) == rates
    assert set(catalog["kind"]) == {"level", "rate"}
    # shares stay levels: an index or a year-on-year % of a share is a change of that share
    assert (catalog.loc[catalog["unit"].str.startswith("% of"), "kind"] == "level").all()
    specs = {s.meta.id: s.meta.kind for s in ct.load_indicators()}
    assert specs == catalog["kind"].to_dict()


def test_shipped_growth_rates_go_below_zero():
    # the premise: an index or a % change of these values divides by negative and near-zero bases
    obs = pd.read_parquet(DATASETS / "structure.parquet")
    growth = obs[obs["indicator_id"] == "gdp_growth"]
    assert (growth["value"] < 0).any() and (growth["value"] > 0).any()
    assert (growth.loc[growth["region"] == "CHN", "value"] < 0).any()  # 1960-1962, 1967-1968, 1976


def test_transform_options_disable_index_and_yoy_for_a_rate(store):
    meta = indicator_meta(store, "gdp_growth")
    assert meta.is_rate
    disabled = {o["value"]: o["disabled"] for o in transform_options(meta)}
    assert disabled == {"level": False, "yoy": True, "index": True, "share": True}  # no sectors: no share
    assert log_options(meta)[0]["disabled"] is True
    # a share of GDP keeps index and year-on-year %, and the log switch
    share = indicator_meta(store, "va_share_gdp_by_industry")
    assert not share.is_rate
    assert {o["value"]: o["disabled"] for o in transform_options(share)} == {
        "level": False, "yoy": False, "index": False, "share": not share.share_of_total}
    assert log_options(share)[0]["disabled"] is False


@pytest.mark.parametrize("transform", ["index", "yoy"])
def test_url_asking_index_or_yoy_of_a_rate_shows_levels_with_a_notice(store, transform):
    state, notices = state_from_raw(store, "structure", {"indicator": "gdp_growth", "transform": transform,
                                                         "base": "1961"})
    assert state.indicator == "gdp_growth" and state.transform == "level"
    assert len(notices) == 1 and TRANSFORMS[transform] in notices[0] and "rate of change" in notices[0]
    card = render_card(store, state, "ts")  # draws levels, no n/a markers
    assert NA_BASE not in [t.get("name") for t in card["figure"]["data"]]


def test_url_index_of_a_share_is_kept(store):
    state, notices = state_from_raw(store, "structure", {"indicator": "gdp_usd", "transform": "index"})
    assert state.transform == "index" and notices == []


def test_url_log_scale_of_a_rate_is_linear_with_a_notice(store):
    state, notices = state_from_raw(store, "structure", {"indicator": "gdp_growth", "log": "1"})
    assert state.log is False and len(notices) == 1 and "linear scale" in notices[0]
    state, notices = state_from_raw(store, "structure", {"indicator": "gdp_usd", "log": "1"})
    assert state.log is True and notices == []


def test_choosing_a_rate_in_the_picker_disables_its_options(store):
    out = Callbacks(store).on_indicator("gdp_growth", ["CHN"], "structure")
    assert out is not None
    assert {o["value"] for o in out["transform_options"] if o["disabled"]} == {"yoy", "index", "share"}
    assert out["transform"] == "level" and out["log"] == [] and out["log_options"][0]["disabled"] is True
    out = Callbacks(store).on_indicator("gdp_usd", ["CHN"], "structure")
    assert out is not None and out["log_options"][0]["disabled"] is False


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_na_legend_entry_is_as_wide_as_its_text(store, lang):
    # FDI net inflows of Japan are negative in some years, so the next year-on-year change is n/a (a legend entry)
    state, _ = state_from_raw(store, "internationalization", {"indicator": "fdi_inflows_usd", "region": "JPN",
                                                              "transform": "yoy",
                                                              "lang": lang})
    fig = render_card(store, state, "ts")["figure"]
    names = [str(t["name"]) for t in fig["data"] if t.get("showlegend", True) and t.get("name")]
    na = [n for n in names if n != names[0]]
    assert len(na) == 1 and len(na[0]) > len(names[0])  # the n/a entry is the longer one
    assert fig["layout"]["legend"]["entrywidth"] == round(text_width(na[0]) * LEGEND_CHAR_PX)


def _growth(region: str, year: int) -> float:
    obs = pd.read_parquet(DATASETS / "structure.parquet")
    row = obs[(obs["indicator_id"] == "gdp_growth") & (obs["region"] == region) & (obs["year"] == year)]
    return float(row["value"].iloc[0])


def test_compare_years_of_a_rate_offers_the_difference_in_percentage_points(store):
    # China's real GDP growth 2019 -> 2020: a % change of it ("-61 %") or a CAGR means nothing
    state, notes = state_from_raw(store, "structure", {"indicator": "gdp_growth", "region": "CHN~USA",
                                                      "compare": "2019..2020"})
    assert notes == []
    card = render_card(store, state, "cmp")
    fig = card["figure"]
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    china = next(t for t in texts if "China" in t)
    diff = _growth("CHN", 2020) - _growth("CHN", 2019)
    assert diff < -3  # 6.1 -> 2.3 % a year
    assert china.endswith(f"{diff:+,.1f} pp") and "%" not in china and "CAGR" not in china
    usa = next(t for t in texts if "United States" in t)
    assert usa.endswith(f"{_growth('USA', 2020) - _growth('USA', 2019):+,.1f} pp")
    assert "difference in percentage points" in fig["layout"]["meta"]["export"]["subtitle"]
    assert "compound annual growth rate" not in str(fig)
    # the CSV holds the difference, and no % change or CAGR, saying why
    from dashboard.render import chart_export
    frame = chart_export(store, state, "cmp")
    row = frame[frame["region"] == "CHN"].iloc[0]
    assert row["abs_change"] == pytest.approx(diff)
    assert pd.isna(row["pct_change"]) and pd.isna(row["cagr"])
    assert "percentage points" in row["note"]
    assert "difference in percentage points" in str(card["table"])


def test_compare_years_of_a_level_keeps_percent_change_and_cagr(store):
    state, _ = state_from_raw(store, "structure", {"indicator": "va_share_gdp_by_industry", "sector": "tertiary",
                                                  "compare": "2012..2020"})
    fig = render_card(store, state, "cmp")["figure"]
    text = fig["layout"]["annotations"][0]["text"]
    assert "CAGR" in text and text.split("</b>")[1].strip().endswith("%/yr") and " pp" not in text


def test_compare_years_of_a_rate_in_chinese(store):
    state, _ = state_from_raw(store, "structure", {"indicator": "gdp_growth", "compare": "2019..2020", "lang": "zh"})
    fig = render_card(store, state, "cmp")["figure"]
    diff = _growth("CHN", 2020) - _growth("CHN", 2019)
    assert fig["layout"]["annotations"][0]["text"].endswith(f"{diff:+,.1f}个百分点")


def test_compare_table_of_a_rate_has_no_percent_change_or_cagr_columns(store):
    # the data table of a rate's compare chart: series, the two years and the difference in points; the
    # "Change (%)" and "CAGR" columns held n/a in every row
    from dashboard.components.data_table import table_html
    from dashboard.render import chart_export
    state, _ = state_from_raw(store, "structure", {"indicator": "gdp_growth", "region": "CHN~USA",
                                                  "compare": "2019..2020"})
    html_text = str(table_html(chart_export(store, state, "cmp"), 1, "cap"))
    assert "Change (%)" not in html_text and "CAGR" not in html_text
    assert "change (percentage points)" in html_text
    diff = _growth("CHN", 2020) - _growth("CHN", 2019)
    assert f"{diff:,.1f}" in html_text
    level, _ = state_from_raw(store, "structure", {"indicator": "va_share_gdp_by_industry", "compare": "2012..2020"})
    assert "CAGR (%/yr)" in str(table_html(chart_export(store, level, "cmp"), 1, "cap"))
