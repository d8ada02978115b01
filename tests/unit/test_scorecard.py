"""Scorecard rows checked against values computed with pandas from the shipped Parquet files."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.store import load_store
from dashboard.model.scorecard import COLUMNS, resolve_year, scorecard

DATA = Path(__file__).resolve().parents[2] / "datasets"
PEERS = ["USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA"]


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


def raw(dimension: str) -> pd.DataFrame:
    return pd.read_parquet(DATA / f"{dimension}.parquet")


def row(card: pd.DataFrame, indicator: str, sector: str = "total") -> pd.Series:
    hit = card[(card.indicator_id == indicator) & (card.sector == sector)]
    assert len(hit) == 1
    return hit.iloc[0]


def expected(obs: pd.DataFrame, indicator: str, sector: str = "total", year_a: int = 2012) -> dict:
    """Value in 2012 (or the nearest China year, ties later) and the latest year, CAGR and peer rank."""
    sub = obs[(obs.indicator_id == indicator) & (obs.sector == sector)]
    chn = sub[sub.region == "CHN"].set_index("year")["value"].sort_index()
    ya = min(chn.index, key=lambda y: (abs(y - year_a), -y))
    yb = int(chn.index.max())
    va, vb = chn[ya], chn[yb]
    wide = sub.pivot(index="region", columns="year", values="value")
    peers = wide.loc[wide.index.isin(PEERS), [ya, yb]].dropna() if {ya, yb} <= set(wide.columns) else wide.iloc[0:0]
    rank = 1 + int((peers[yb] > vb).sum()) if len(peers) else math.nan
    return {"year_a": ya, "year_b": yb, "value_a": va, "value_b": vb, "abs": vb - va,
            "pct": (vb / va - 1) * 100, "cagr": ((vb / va) ** (1 / (yb - ya)) - 1) * 100,
            "rank": rank, "rank_of": len(peers) + 1 if len(peers) else 0}


@pytest.mark.parametrize("dimension,indicator,sector", [
    ("endowments", "rd_intensity_wdi", "total"),
    ("endowments", "patent_applications_resident", "total"),
    ("structure", "va_share_gdp_by_industry", "tertiary"),
    ("green", "renewable_capacity_gw", "solar"),
    ("endowments", "robot_installations", "total"),
    ("internationalization", "hightech_exports_share", "total"),
])
def test_rows_equal_values_from_parquet(store, dimension, indicator, sector):
    card = scorecard(store, dimension)
    got = row(card, indicator, sector)
    want = expected(raw(dimension), indicator, sector)
    assert (got.year_a, got.year_b) == (want["year_a"], want["year_b"])
    assert got.value_a == want["value_a"] and got.value_b == want["value_b"]
    assert got.abs_change == pytest.approx(want["abs"])
    assert got["pct_change"] == pytest.approx(want["pct"])
    assert got.cagr == pytest.approx(want["cagr"])
    if want["rank_of"]:
        assert (got["rank"], got.rank_of) == (want["rank"], want["rank_of"])
    else:
        assert math.isnan(got["rank"]) and got.rank_of == 0 and got.rank_note
    if want["year_a"] != 2012:
        assert got.note_a == f"no 2012 value; nearest year {want['year_a']}"


def test_one_row_per_china_series_with_sparkline(store):
    obs = raw("green")
    chn = obs[obs.region == "CHN"][["indicator_id", "sector"]].drop_duplicates()
    card = scorecard(store, "green")
    assert list(card.columns) == COLUMNS
    assert set(zip(card.indicator_id, card.sector)) == set(zip(chn.indicator_id, chn.sector))
    r = row(card, "co2_intensity_gdp")
    s = obs[(obs.indicator_id == "co2_intensity_gdp") & (obs.region == "CHN")].sort_values("year")
    assert r.spark_years == s.year.tolist() and r.spark_values == s.value.tolist()
    assert scorecard(store, "no_such_dimension").empty


def test_chosen_years(store):
    obs = raw("endowments")
    card = scorecard(store, "endowments", year_a=2015, year_b=2020)
    got = row(card, "rd_intensity_wdi")
    chn = obs[(obs.indicator_id == "rd_intensity_wdi") & (obs.region == "CHN")].set_index("year")["value"]
    assert (got.year_a, got.year_b, got.value_a, got.value_b) == (2015, 2020, chn[2015], chn[2020])


def test_resolve_year_rule():
    assert resolve_year([2010, 2014, 2020], 2012) == (2014, "no 2012 value; nearest year 2014")
    assert resolve_year([2010, 2013], 2012) == (2013, "no 2012 value; nearest year 2013")
    assert resolve_year([2011, 2013], 2012) == (2013, "no 2012 value; nearest year 2013")  # tie: later year
    assert resolve_year([2011, 2012, 2019], "latest") == (2019, "")


class _Synthetic:
    """Synthetic test data (not shipped): one indicator with a zero base and one single-year series."""

    catalog = pd.DataFrame({"name": ["Synthetic balance", "Synthetic level"], "unit": ["bn", "bn"],
                            "decimals": [1, 1], "source": ["synthetic", "synthetic"], "source_url": ["", ""]},
                           index=["balance", "level"])

    def indicators(self, dimension):
        return self.catalog

    def sectors(self, indicator):
        return ["total"]

    def observations(self, indicator):
        rows = {"balance": [("CHN", 2012, -2.0), ("CHN", 2020, 3.0), ("USA", 2012, 1.0), ("USA", 2020, 5.0)],
                "level": [("CHN", 2020, 4.0)]}[indicator]
        return pd.DataFrame([(r, "total", y, v, "observed", "synthetic") for r, y, v in rows],
                            columns=["region", "sector", "year", "value", "flag", "source_vintage"])


def test_changes_not_defined_say_why():
    card = scorecard(_Synthetic(), "any")
    bal = row(card, "balance")
    assert bal.abs_change == 5.0 and math.isnan(bal["pct_change"]) and "base value -2 <= 0" in bal.pct_note
    assert math.isnan(bal.cagr) and bal.cagr_note
    assert (bal["rank"], bal.rank_of, bal.ranked_peers) == (2, 2, "USA")
    one = row(card, "level")
    assert math.isnan(one["pct_change"]) and one.pct_note == "one year of data only" and one.value_b == 4.0


def test_unknown_dimension_notice_names_the_dimension_shown_in_the_page_language():
    # "/scorecard?dimension=nope&lang=zh" said "显示endowments。" (the internal id)
    from dashboard.data.dimensions import DIMENSIONS
    from dashboard.data.i18n import use_lang
    from dashboard.views.scorecard import parse_query

    for lang in ("en", "zh"):
        with use_lang(lang):
            dim, _a, _b, msgs = parse_query({"dimension": "nope"})
            label = DIMENSIONS[0].label
            assert dim == DIMENSIONS[0].id and len(msgs) == 1 and f"{label}" in msgs[0], msgs
            if lang == "zh":
                assert DIMENSIONS[0].id not in msgs[0] and label != DIMENSIONS[0].id, msgs


def test_a_rate_of_change_has_its_change_in_points_and_no_pct_or_cagr(store):
    # real GDP growth is itself a rate (catalog kind "rate"): from 7.9 % to 5.0 % a year is a change of
    # -2.9 points, not "-37 %", and a CAGR of a growth rate means nothing (transforms.rate_changes)
    obs = raw("structure")
    chn = obs[(obs.indicator_id == "gdp_growth") & (obs.region == "CHN")].set_index("year")["value"].sort_index()
    got = row(scorecard(store, "structure", year_a=2012), "gdp_growth")
    assert got.year_a == 2012 and got.year_b == int(chn.index.max())
    assert got.abs_change == pytest.approx(chn[got.year_b] - chn[2012])
    assert math.isnan(got["pct_change"]) and math.isnan(got["cagr"])
    assert "percentage points" in got.pct_note and got.cagr_note == got.pct_note
    # a level indicator of the same page keeps its % change
    assert math.isfinite(row(scorecard(store, "structure", year_a=2012), "manufacturing_va_usd")["pct_change"])
