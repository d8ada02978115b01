"""Changes from a zero or negative base are "n/a" with a reason, never a number (issue 9, item 2).

Expected values are computed here from the shipped Parquet file (World Bank FDI net inflows,
BX.KLT.DINV.CD.WD, billion current US$): the UK's 2018 value and the EU's 2023 value are
negative, so the 2019 and 2024 year-on-year changes are not percentages.
"""

import io
import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.model.transforms import (
    NA_BASE,
    NA_END,
    apply_transform,
    base_note,
    cagr,
    compare_years,
    latest_change,
    yoy_pct,
)

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def fdi() -> pd.DataFrame:
    obs = pd.read_parquet(DATASETS / "internationalization.parquet")
    obs = obs[(obs["indicator_id"] == "fdi_inflows_usd") & obs["region"].isin(["GBR", "EUU"])]
    return obs[["region", "sector", "year", "value", "flag"]].reset_index(drop=True)


def value(frame: pd.DataFrame, region: str, year: int) -> float:
    rows = frame[(frame["region"] == region) & (frame["year"] == year)]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


def test_the_shipped_bases_really_are_negative(fdi):
    # the premise of the fault: GBR 2018 and EUU 2023 are negative, the next year positive
    assert value(fdi, "GBR", 2018) < 0 < value(fdi, "GBR", 2019)
    assert value(fdi, "EUU", 2023) < 0 < value(fdi, "EUU", 2024)


def test_yoy_from_a_negative_base_is_na_with_the_base_in_the_note(fdi):
    out = yoy_pct(fdi)
    for region, year in (("GBR", 2019), ("EUU", 2024)):
        row = out[(out["region"] == region) & (out["year"] == year)]
        assert len(row) == 1, (region, year)
        assert math.isnan(row["value"].iloc[0])  # not -179 % / -230.9 %
        base = value(fdi, region, year - 1)
        assert row["note"].iloc[0] == f"n/a: base \u2264 0 ({year - 1} value is negative: {base:,.4g})"
    # the note names the real value: GBR 2018 = -25.06 (billion US$) in the shipped file
    gbr = out[(out["region"] == "GBR") & (out["year"] == 2019)]["note"].iloc[0]
    assert f"{value(fdi, 'GBR', 2018):,.4g}" in gbr and gbr.startswith(NA_BASE)


def test_yoy_from_a_positive_base_is_the_exact_percentage(fdi):
    out = yoy_pct(fdi)
    for region, year in (("GBR", 2020), ("EUU", 2023), ("GBR", 2024)):
        expected = (value(fdi, region, year) / value(fdi, region, year - 1) - 1.0) * 100.0
        row = out[(out["region"] == region) & (out["year"] == year)]
        assert row["value"].iloc[0] == pytest.approx(expected, rel=1e-12)
        assert row["note"].iloc[0] == ""
    # a positive base falling to a negative value is a real percentage change (below -100 %)
    assert out[(out["region"] == "GBR") & (out["year"] == 2024)]["value"].iloc[0] < -100


def test_index_from_a_negative_base_year_is_na_for_the_whole_series(fdi):
    out = apply_transform(fdi, "index", base_year=2018)
    gbr = out[out["region"] == "GBR"]
    assert len(gbr) == len(fdi[fdi["region"] == "GBR"])  # rows kept, values not invented
    assert gbr["value"].isna().all()
    assert set(gbr["note"]) == {base_note(value(fdi, "GBR", 2018), 2018)}
    eu = out[out["region"] == "EUU"]
    assert eu["note"].eq("").all()
    assert value(eu, "EUU", 2024) == pytest.approx(value(fdi, "EUU", 2024) / value(fdi, "EUU", 2018) * 100)


def test_compare_years_from_a_negative_base(fdi):
    out = compare_years(fdi, 2023, 2024).set_index("region")
    eu = out.loc["EUU"]
    assert math.isnan(eu["pct_change"]) and math.isnan(eu["cagr"])
    assert eu["note"] == base_note(value(fdi, "EUU", 2023), 2023)
    assert eu["abs_change"] == pytest.approx(value(fdi, "EUU", 2024) - value(fdi, "EUU", 2023))
    # the UK goes from a positive 2023 to a negative 2024: % change defined, CAGR not
    uk = out.loc["GBR"]
    assert uk["pct_change"] == pytest.approx((value(fdi, "GBR", 2024) / value(fdi, "GBR", 2023) - 1) * 100)
    assert math.isnan(uk["cagr"]) and uk["note"] == NA_END
    # both positive: both defined, no note
    both = compare_years(fdi, 2019, 2021).set_index("region").loc["GBR"]
    a, b = value(fdi, "GBR", 2019), value(fdi, "GBR", 2021)
    assert both["pct_change"] == pytest.approx((b / a - 1) * 100)
    assert both["cagr"] == pytest.approx(((b / a) ** 0.5 - 1) * 100)
    assert both["note"] == ""


def test_latest_change_from_a_negative_base(fdi):
    uk = fdi[fdi["region"] == "GBR"]
    info = latest_change(uk, since=2018)
    assert info["base_year"] == 2018 and info["year"] == int(uk["year"].max())
    assert math.isnan(info["pct_change"])
    assert info["note"] == base_note(value(fdi, "GBR", 2018), 2018)
    assert info["abs_change"] == pytest.approx(info["value"] - value(fdi, "GBR", 2018))
    ok = latest_change(uk, since=2019)
    assert ok["note"] == "" and ok["pct_change"] == pytest.approx(
        (ok["value"] / value(fdi, "GBR", 2019) - 1) * 100)


def test_base_note_texts_and_cagr():
    assert base_note(5.0, 2012) == ""
    assert base_note(float("nan"), 2012) == ""
    assert base_note(0.0, 2012) == "n/a: base \u2264 0 (2012 value is zero)"
    assert base_note(-12.3) == "n/a: base \u2264 0 (base value is negative: -12.3)"
    assert base_note(-12_345_678.9, 2000) == "n/a: base \u2264 0 (2000 value is negative: -12,345,679)"
    assert math.isnan(cagr(5.0, -1.0, 3))


# ---------------------------------------------------------------- what users see (chart, table, CSV)
from dashboard.data import load_store  # noqa: E402
from dashboard.model.catalog import state_from_raw  # noqa: E402
from dashboard.render import chart_export, render_card  # noqa: E402
from dashboard.settings import DEFAULT_DATA_DIR  # noqa: E402


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def issue_state(store, transform="yoy", a=2023, b=2024):
    # /internationalization?indicator=fdi_inflows_usd&region=EUU~GBR&transform=yoy&time=2016..2024
    state, _ = state_from_raw(store, "internationalization",
                              {"indicator": "fdi_inflows_usd", "region": "EUU~GBR", "time": "2016..2024",
                               "transform": transform, "compare": f"{a}..{b}"})
    return state


def test_time_series_hover_table_and_csv_say_na_and_why(store, fdi):
    state = issue_state(store)
    card = render_card(store, state, "ts")
    fig, table = card["figure"], card["table"]
    by_name = {t["name"]: t for t in fig["data"] if "name" in t}  # series and n/a points, not flag markers
    uk = dict(zip(by_name["United Kingdom"]["x"].tolist(), by_name["United Kingdom"]["y"].tolist()))
    eu = dict(zip(by_name["European Union"]["x"].tolist(), by_name["European Union"]["y"].tolist()))
    assert math.isnan(uk[2019]) and math.isnan(eu[2024])  # no -179 % / -230.9 % drawn
    assert uk[2020] == pytest.approx((value(fdi, "GBR", 2020) / value(fdi, "GBR", 2019) - 1) * 100)
    na = by_name[NA_BASE]
    points = {(int(x), c[0]): c[1] for x, c in zip(na["x"].tolist(), na["customdata"])}
    assert points == {(2019, "United Kingdom"): base_note(value(fdi, "GBR", 2018), 2018),
                      (2024, "European Union"): base_note(value(fdi, "EUU", 2023), 2023)}
    assert set(na["y"].tolist()) == {0.0}  # on the 0 % line
    text = str(table)
    assert "n/a" in text and f"negative: {value(fdi, 'GBR', 2018):,.4g}" in text

    csv = chart_export(store, state, "ts")
    buf = csv.to_csv(index=False, float_format="%.10g")  # as Callbacks.csv writes it
    back = pd.read_csv(io.StringIO(buf), keep_default_na=False)
    row = back[(back["region"] == "GBR") & (back["year"] == 2019)].iloc[0]
    assert row["value"] == "" and row["note"] == base_note(value(fdi, "GBR", 2018), 2018)
    ok = back[(back["region"] == "GBR") & (back["year"] == 2020)].iloc[0]
    assert float(ok["value"]) == pytest.approx((value(fdi, "GBR", 2020) / value(fdi, "GBR", 2019) - 1) * 100)
    assert ok["note"] == ""


def test_compare_years_labels_and_table_say_na(store, fdi):
    card = render_card(store, issue_state(store, transform="level"), "cmp")
    fig, table = card["figure"], card["table"]
    labels = {a["y"]: a["text"] for a in fig["layout"]["annotations"]}
    assert labels["European Union"] == "<b>European Union</b>  n/a: base \u2264 0"
    pct = (value(fdi, "GBR", 2024) / value(fdi, "GBR", 2023) - 1) * 100
    assert labels["United Kingdom"] == f"<b>United Kingdom</b>  {pct:+,.1f}%, CAGR n/a"
    assert "2023 value is negative" in str(table)
