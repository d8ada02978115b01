"""The shipped datasets/ : valid, complete, and tied back to the raw files."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import contract as c
from dashboard.data import load_store, validate_dir

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
RAW = DATASETS / "raw"


@pytest.fixture(scope="module")
def store():
    return load_store(DATASETS)


def need_raw() -> Path:
    """The project's copy of the raw inputs (``datasets/raw``)."""
    return RAW


def test_shipped_files_validate_with_zero_problems():
    assert [str(p) for p in validate_dir(DATASETS)] == []


def test_store_loads_without_problems(store):
    assert store.problems == []
    assert store.data_dir == DATASETS


@pytest.mark.parametrize("dimension", c.DIMENSIONS)
def test_at_least_eight_indicators_per_dimension(store, dimension):
    assert len(store.indicators(dimension)) >= 8


@pytest.mark.parametrize("dimension", c.DIMENSIONS)
def test_three_or_four_headlines_per_dimension(store, dimension):
    assert 3 <= int(store.indicators(dimension)["headline"].sum()) <= 4


def test_every_catalog_field_non_empty(store):
    optional = {"stack_sectors", "notes", "counterpart", "counterpart_note"}
    for col in store.catalog.columns:
        if col in optional or store.catalog[col].dtype == bool:
            continue
        empty = store.catalog[store.catalog[col].astype(str).str.strip() == ""]
        assert empty.empty, f"{col} empty for {list(empty.index)}"


def test_every_indicator_has_observations_with_china(store):
    for ind in store.catalog.index:
        obs = store.observations(ind)
        assert len(obs) > 0, ind
        assert store.regions(ind)[0] == "CHN", ind


def test_catalog_consistency(store):
    for ind, row in store.catalog.iterrows():
        sectors = store.sectors(ind)
        assert row["has_sectors"] == (sectors != ["total"]), ind
        stack = [s for s in row["stack_sectors"].split(",") if s]
        assert set(stack) <= set(sectors), ind
        assert row["default_chart"] in c.CHART_KINDS
        for s in sectors:
            assert s in c.SECTOR_LABELS, (ind, s)
    # manufacturing is part of secondary: never stacked
    assert "manufacturing" not in store.catalog.at["va_share_gdp_by_industry", "stack_sectors"]
    assert store.catalog.at["mobile_network_coverage", "stack_sectors"] == ""


def test_readme_lists_every_indicator():
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    catalog = pd.read_parquet(DATASETS / c.CATALOG_FILE)
    for ind in catalog["indicator_id"]:
        assert f"`{ind}`" in text, ind


def test_no_quote_text_in_the_project():
    """The gathered facts files' ``quote`` column (third-party text) is not in the project's copies."""
    for name in ("paper_facts.csv", "communique_facts.csv"):
        facts = pd.read_csv(need_raw() / "facts" / name)
        assert "quote" not in facts.columns, name
        assert list(facts.columns) == ["dimension", "indicator", "region", "sector", "year", "value", "unit",
                                       "source_title", "source_url"], name
        assert len(facts) > 100, name


def test_store_api_shapes(store):
    obs = store.observations("va_share_gdp_by_industry")
    assert list(obs.columns) == ["region", "sector", "year", "value", "flag", "source_vintage"]
    assert obs["year"].dtype == "int32" and obs["value"].dtype == "float64"
    assert obs.equals(obs.sort_values(["region", "sector", "year"]))
    q = store.query("va_share_gdp_by_industry", ["CHN", "USA"], ["manufacturing"], (2010, 2015))
    assert set(q["region"]) == {"CHN", "USA"} and set(q["sector"]) == {"manufacturing"}
    assert q["year"].between(2010, 2015).all() and len(q) == 12
    assert store.sectors("va_share_gdp_by_industry") == ["primary", "secondary", "tertiary", "manufacturing"]
    assert store.observations("no_such_indicator").empty
    assert list(store.query("no_such_indicator").columns) == list(obs.columns)
    assert store.year_range("no_such_indicator") is None
    assert store.regions("no_such_indicator") == []


def test_observations_cannot_mutate_store(store):
    obs = store.observations("rd_intensity_wdi")
    before = store.observations("rd_intensity_wdi")["value"].sum()
    obs["value"] = 0.0
    obs.loc[0, "region"] = "XXX"
    assert store.observations("rd_intensity_wdi")["value"].sum() == before
    assert "XXX" not in store.regions("rd_intensity_wdi")


# --- tie-back to the raw files ----------------------------------------------------------------
def value(store, ind, region="CHN", year=None, sector="total"):
    obs = store.query(ind, [region], [sector], (year, year) if year else None)
    assert len(obs) >= 1, (ind, region, year)
    return obs.iloc[-1]


def test_wdi_rd_intensity_china_2023_matches_raw(store):
    raw = pd.read_csv(need_raw() / "raw" / "wdi_combined.csv")
    r = raw[(raw.indicator_code == "GB.XPD.RSDV.GD.ZS") & (raw.country_code == "CHN") & (raw.year == 2023)]
    row = value(store, "rd_intensity_wdi", year=2023)
    assert row["value"] == r["value"].iloc[0]
    assert row["source_vintage"] == r["source_id"].iloc[0]


def test_billion_usd_conversion_matches_raw(store):
    raw = pd.read_csv(need_raw() / "raw" / "wdi_combined.csv")
    r = raw[(raw.indicator_code == "TX.VAL.TECH.CD") & (raw.country_code == "CHN")].sort_values("year").iloc[-1]
    row = value(store, "hightech_exports_usd", year=int(r["year"]))
    assert math.isclose(row["value"], r["value"] / 1e9, rel_tol=1e-12)
    assert "billion" in store.catalog.at["hightech_exports_usd", "unit"]


def test_nov_2024_internet_vintage_is_separate(store):
    sel = pd.read_csv(need_raw() / "raw" / "wdi_selected.csv")
    r = sel[(sel.source_id == "API:IT.NET.USER.ZS:2160") & (sel.country_code == "CHN") & (sel.year == 2023)]
    old = value(store, "internet_users_share_2024v", year=2023)
    new = value(store, "internet_users_share", year=2023)
    assert old["value"] == r["value"].iloc[0]
    assert old["source_vintage"] == "API:IT.NET.USER.ZS:2160"
    assert new["value"] != old["value"]


def test_owid_renewables_share_china_latest_matches_raw(store):
    owid = pd.read_csv(need_raw() / "raw" / "owid_energy_selected.csv")
    r = owid[(owid.variable == "renewables_share_elec") & (owid.iso_code == "CHN")].sort_values("year").iloc[-1]
    assert store.year_range("renewables_share_elec")[1] == int(r["year"])
    row = value(store, "renewables_share_elec", year=int(r["year"]))
    assert row["value"] == r["value"]


def test_owid_world_and_eu_mapped(store):
    assert {"WLD", "EUU"} <= set(store.regions("ev_share_new_car_sales"))
    assert "WLD" in store.regions("co2_intensity_gdp")


def test_rd_intensity_final_over_preliminary(store):
    """2023: the final S&T-communique figure (raw/nbs_rd, also the stats.gov.cn page of paper_facts) is kept
    over the February communique's preliminary 2.64, which the notes name."""
    facts = pd.read_csv(need_raw() / "facts" / "paper_facts.csv")
    r = facts[(facts.indicator == "R&D intensity (R&D expenditure / GDP)") & (facts.year == 2023)
              & facts.source_url.str.contains("stats.gov.cn")]
    rd = pd.read_csv(need_raw() / "raw" / "nbs_rd" / "rd_intensity_by_province.csv")
    nat = rd[(rd.province == "全国") & (rd.year == 2023) & (rd.chn_block4 == "RD强度")]["value"].iloc[0]
    row = value(store, "rd_intensity_nbs", year=2023)
    assert row["value"] == r["value"].iloc[0] == nat == 2.65
    assert row["flag"] == "final"
    assert row["source_vintage"].startswith("NBS-RD:S&T expenditure communiqu")
    assert "2023 2.64 (communique first release, preliminary" in store.catalog.at["rd_intensity_nbs", "notes"]


def test_facts_unit_conversion_and_flags(store):
    facts = pd.read_csv(need_raw() / "facts" / "paper_facts.csv")
    r = facts[(facts.indicator == "Tertiary industry value added") & (facts.year == 2019)]
    assert r["unit"].iloc[0] == "billion yuan"
    assert math.isclose(value(store, "tertiary_va_yuan", year=2019, sector="tertiary")["value"],
                        r["value"].iloc[0] / 1000, rel_tol=1e-12)
    assert value(store, "nev_output_nbs", year=2025)["flag"] == "lower_bound"
    assert value(store, "nbs_gdp_share_by_industry", year=2024, sector="primary")["flag"] == "preliminary"
    assert value(store, "china_share_world_mfg_va", year=2023)["flag"] == "approximate"


def test_facts_two_sources_kept_apart(store):
    caam = value(store, "nev_production_caam", year=2023)["value"]
    nbs = value(store, "nev_output_nbs", year=2023)["value"]
    assert (caam, nbs) == (9.587, 9.44)


def test_part_year_facts_left_out(store):
    # 5G base stations: only year-end figures, not the 2023 month-end ones
    obs = store.observations("five_g_base_stations")
    assert not obs.duplicated(["region", "sector", "year"]).any()
    assert value(store, "five_g_base_stations", year=2023)["value"] == 3.377


def test_headlines_have_china_2012_and_recent_value(store):
    heads = store.catalog[store.catalog["headline"]]
    for ind in heads.index:
        years = set(store.query(ind, ["CHN"])["year"])
        assert 2012 in years, ind
        assert max(years) >= 2020, ind
