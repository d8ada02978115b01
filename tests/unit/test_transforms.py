"""Transforms on small synthetic frames (synthetic test data, not shipped data)."""

import math

import pandas as pd
import pytest

from dashboard.model.transforms import (
    apply_transform,
    cagr,
    compare_years,
    index_to_base,
    latest_change,
    share_of_total,
    yoy_pct,
)


def frame(rows):
    return pd.DataFrame(rows, columns=["region", "sector", "year", "value"])


def test_yoy_uses_previous_calendar_year_and_skips_gaps():
    f = frame([("CHN", "total", 2010, 100.0), ("CHN", "total", 2011, 110.0),
               ("CHN", "total", 2013, 121.0), ("USA", "total", 2011, 50.0), ("USA", "total", 2012, 25.0)])
    out = yoy_pct(f)
    got = {(r.region, r.year): round(r.value, 6) for r in out.itertuples()}
    # 2013 follows a gap (no 2012): no value rather than a two-year change
    assert got == {("CHN", 2011): 10.0, ("USA", 2012): -50.0}


def test_yoy_zero_base_is_na_with_its_reason():
    out = yoy_pct(frame([("CHN", "total", 2010, 0.0), ("CHN", "total", 2011, 5.0)]))
    assert len(out) == 1 and math.isnan(out["value"].iloc[0])
    assert out["note"].iloc[0] == "n/a: base ≤ 0 (2010 value is zero)"


def test_index_to_base_year_per_series():
    f = frame([("CHN", "total", 2012, 4.0), ("CHN", "total", 2020, 10.0),
               ("USA", "total", 2012, 2.0), ("USA", "total", 2020, 3.0), ("JPN", "total", 2020, 7.0)])
    out = index_to_base(f, 2012)
    got = {(r.region, r.year): r.value for r in out.itertuples()}
    assert got == {("CHN", 2012): 100.0, ("CHN", 2020): 250.0, ("USA", 2012): 100.0, ("USA", 2020): 150.0}
    assert "JPN" not in set(out["region"])  # no base-year value: dropped, not guessed


def test_share_of_total_needs_every_part():
    f = frame([("CHN", "wind", 2020, 30.0), ("CHN", "solar", 2020, 10.0),
               ("CHN", "wind", 2021, 30.0)])  # 2021 has no solar value
    out = share_of_total(f, ["wind", "solar"])
    assert list(out["year"].unique()) == [2020]
    assert dict(zip(out["sector"], out["value"])) == {"solar": 25.0, "wind": 75.0}


def test_apply_transform_rejects_unknown_and_missing_arguments():
    f = frame([("CHN", "total", 2012, 1.0)])
    with pytest.raises(ValueError, match="unknown transform"):
        apply_transform(f, "cube")
    with pytest.raises(ValueError, match="base year"):
        apply_transform(f, "index")
    with pytest.raises(ValueError, match="parts"):
        apply_transform(f, "share")


def test_cagr_values_and_undefined_cases():
    assert cagr(100.0, 200.0, 10) == pytest.approx((2 ** 0.1 - 1) * 100)
    assert math.isnan(cagr(0.0, 5.0, 3))
    assert math.isnan(cagr(-1.0, 5.0, 3))
    assert math.isnan(cagr(1.0, 5.0, 0))


def test_compare_years_orders_years_and_computes_changes():
    f = frame([("CHN", "total", 2012, 2.0), ("CHN", "total", 2022, 3.0),
               ("USA", "total", 2012, 4.0), ("USA", "total", 2022, 2.0), ("JPN", "total", 2022, 9.0)])
    out = compare_years(f, 2022, 2012)  # reversed on purpose
    assert list(out["region"]) == ["CHN", "USA"]  # JPN lacks 2012
    chn = out.iloc[0]
    assert (chn.year_a, chn.year_b) == (2012, 2022)
    assert chn["abs_change"] == pytest.approx(1.0)
    assert chn["pct_change"] == pytest.approx(50.0)
    assert chn["cagr"] == pytest.approx((1.5 ** 0.1 - 1) * 100)
    assert out.iloc[1]["pct_change"] == pytest.approx(-50.0)


def test_compare_years_missing_year_gives_empty_frame_with_columns():
    out = compare_years(frame([("CHN", "total", 2012, 2.0)]), 2012, 2030)
    assert out.empty and "cagr" in out.columns


def test_latest_change_since_2012():
    f = pd.DataFrame({"year": [2008, 2012, 2023], "value": [1.0, 2.0, 3.0],
                      "flag": ["observed", "observed", "preliminary"]})
    info = latest_change(f)
    assert info["year"] == 2023 and info["base_year"] == 2012
    assert info["pct_change"] == pytest.approx(50.0)
    assert info["flag"] == "preliminary"
    assert latest_change(f.iloc[0:0]) is None


def test_share_ignores_a_part_the_region_never_reports_but_drops_gap_years():
    f = frame([("CHN", "wind", 2020, 30.0), ("CHN", "solar", 2020, 10.0),
               ("CHN", "wind", 2021, 40.0),  # solar missing in 2021: year dropped
               ("DEU", "wind", 2020, 10.0), ("DEU", "solar", 2020, 5.0), ("DEU", "other", 2020, 5.0)])
    out = share_of_total(f, ["wind", "solar", "other"])
    chn = out[out["region"] == "CHN"]
    assert list(chn["year"].unique()) == [2020]  # China never reports "other": not a gap
    assert dict(zip(chn["sector"], chn["value"])) == {"solar": 25.0, "wind": 75.0}
    deu = out[out["region"] == "DEU"]
    assert dict(zip(deu["sector"], deu["value"])) == {"other": 25.0, "solar": 25.0, "wind": 50.0}
