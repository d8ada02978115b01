"""DATA-AUDIT.md (issue 9, item 12): one test per fault fixed or stated, named by the fault's number.

Every expected value is read from the raw files under ``datasets/raw`` (or computed from the shipped Parquet files)
and, where the audit named the right figure, also checked against it. Faults 2, 3, 6, 7, 10, 21, 23, 25 and 34
(the official national series) are tested with that work.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from dashboard.data import content as ct
from dashboard.data import load_store
from dashboard.data.build import read_raw, source_tier, wdi_rows

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
RAW = DATASETS / "raw"


@pytest.fixture(scope="module")
def store():
    return load_store(DATASETS)


@pytest.fixture(scope="module")
def catalog(store):
    return store.catalog


@pytest.fixture(scope="module")
def paper():
    return pd.read_csv(RAW / "facts" / "paper_facts.csv")


@pytest.fixture(scope="module")
def communique():
    return pd.read_csv(RAW / "facts" / "communique_facts.csv")


@pytest.fixture(scope="module")
def wc():
    return pd.read_csv(RAW / "raw" / "wdi_combined.csv")


@pytest.fixture(scope="module")
def ws():
    return pd.read_csv(RAW / "raw" / "wdi_selected.csv")


@pytest.fixture(scope="module")
def owid():
    return pd.read_csv(RAW / "raw" / "owid_energy_selected.csv")


def obs(store, ind, region=None, sector=None) -> pd.DataFrame:
    d = store.observations(ind)
    if region is not None:
        d = d[d["region"] == region]
    if sector is not None:
        d = d[d["sector"] == sector]
    return d


def at(store, ind, year, region="CHN", sector="total") -> pd.Series:
    d = obs(store, ind, region, sector)
    d = d[d["year"] == year]
    assert len(d) == 1, (ind, region, sector, year)
    return d.iloc[0]


def fact(df: pd.DataFrame, indicator: str, year: int, region: str = "China") -> float:
    r = df[(df["indicator"] == indicator) & (df["year"] == year) & (df["region"] == region)]
    assert len(r) == 1, (indicator, year, region)
    return float(r["value"].iloc[0])


def wdi(df: pd.DataFrame, code: str, region: str, year: int, source: str | None = None) -> float:
    r = df[(df["indicator_code"] == code) & (df["country_code"] == region) & (df["year"] == year)]
    if source is not None:
        r = r[r["source_id"] == source]
    assert len(r) == 1, (code, region, year, source)
    return float(r["value"].iloc[0])


# --------------------------------------------------------------------------------------------------
def test_fault_01_clean_energy_share_replaces_renewables_share(store, catalog, communique):
    assert "renewables_share_energy_consumption_nea" not in catalog.index
    ind = "clean_energy_share_energy_consumption_nbs"
    assert catalog.at[ind, "dimension"] == "green"
    assert catalog.at[ind, "unit"] == "% of total energy consumption"
    assert "not a renewables share" in catalog.at[ind, "notes"]
    name = "Clean energy share of energy consumption"
    assert at(store, ind, 2023)["value"] == fact(communique, name, 2023) == 26.4
    assert at(store, ind, 2021)["value"] == fact(communique, name, 2021) == 25.5
    assert set(obs(store, ind)["year"]) == {2018, 2020, 2021, 2023}
    assert set(obs(store, ind)["flag"]) == {"preliminary"}  # communique first releases
    # the impossible "renewables 25.9 % in 2023" (above the 17.5 % non-fossil share of 2022) is gone
    green = [i for i in catalog.index if catalog.at[i, "dimension"] == "green"]
    for i in green:
        d = obs(store, i, "CHN")
        assert not ((d["year"] == 2023) & (d["value"] == 25.9)).any(), i


def test_fault_05_robot_density_undated_2016_figures_left_out(store, paper):
    d = obs(store, "robot_density")
    assert 2016 not in set(d["year"])
    assert set(obs(store, "robot_density", "CHN")["year"]) == {2020, 2021, 2022, 2023}
    dens = "Robot density (industrial robots per 10,000 manufacturing employees)"
    assert at(store, "robot_density", 2020)["value"] == fact(paper, dens, 2020) == 246
    assert "2016" not in store.catalog.at["robot_density", "notes"]


def test_fault_08_nbs_lower_bound_moved_from_caam_to_nbs_series(store, paper):
    caam = obs(store, "nev_production_caam")
    assert set(caam["year"]) == {2023}
    assert caam["value"].iloc[0] == fact(paper, "NEV production", 2023) == 9.587
    row = at(store, "nev_output_nbs", 2025)
    assert row["value"] == fact(paper, "NEV production (lower bound)", 2025) == 16.52
    assert row["flag"] == "lower_bound"
    assert "lower bound" not in store.catalog.at["nev_production_caam", "notes"]


def test_fault_09_digital_economy_size_other_publishers_bound_left_out(store, paper):
    d = obs(store, "digital_economy_size", "CHN")
    assert d["year"].max() == 2022
    assert at(store, "digital_economy_size", 2022)["value"] == fact(paper, "Digital economy size", 2022) == 50.2
    assert "lower_bound" not in set(d["flag"])
    assert "Digital China Development Report" in store.catalog.at["digital_economy_size", "notes"]


def test_fault_11_va_share_note_matches_china_shares_adding_to_100(store, wc):
    d = obs(store, "va_share_gdp_by_industry", "CHN")
    d = d[d["sector"].isin(["primary", "secondary", "tertiary"])]
    sums = d.groupby("year")["value"].sum()
    assert len(sums) >= 60 and ((sums - 100).abs() < 0.01).all()  # rounding in the source: at most 0.0086
    raw23 = sum(wdi(wc, code, "CHN", 2023) for code in ("NV.AGR.TOTL.ZS", "NV.IND.TOTL.ZS", "NV.SRV.TOTL.ZS"))
    assert math.isclose(sums.loc[2023], raw23, abs_tol=1e-9)
    notes = store.catalog.at["va_share_gdp_by_industry", "notes"]
    assert "basic prices, so China's" not in notes
    assert "add up to 100% within 0.01 point" in notes
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert "WDI value added by industry is at basic prices; NBS shares" not in readme


def test_fault_14_va_share_old_vintage_pieces_dropped(store, wc):
    d = obs(store, "va_share_gdp_by_industry")
    gbr = d[(d["region"] == "GBR") & (d["sector"] == "manufacturing")]
    assert gbr["year"].min() == 1990
    assert gbr.set_index("year").at[1990, "value"] == wdi(wc, "NV.IND.MANF.ZS", "GBR", 1990)
    jpn = d[(d["region"] == "JPN") & (d["sector"] == "manufacturing")]
    assert jpn["year"].max() == 2022
    assert jpn.set_index("year").at[2022, "value"] == wdi(wc, "NV.IND.MANF.ZS", "JPN", 2022)
    usa = d[(d["region"] == "USA") & (d["sector"] == "secondary")]
    assert usa["year"].min() == 1997
    assert usa.set_index("year").at[1997, "value"] == wdi(wc, "NV.IND.TOTL.ZS", "USA", 1997)
    # China's manufacturing join (within 2.7 %) is kept
    assert at(store, "va_share_gdp_by_industry", 2003, sector="manufacturing")["value"] == \
        wdi(wc, "NV.IND.MANF.ZS", "CHN", 2003)
    rw = d[d["source_vintage"].str.startswith("RW:")]
    assert not rw["region"].isin(["DEU", "GBR", "JPN", "USA", "WLD"]).any()
    assert set(rw[rw["region"] == "EUU"]["sector"]) == {"manufacturing"}
    assert not d["source_vintage"].str.startswith("BULK:JPN:").any()


def test_fault_15_hightech_exports_old_product_list_dropped(store, wc):
    for ind in ("hightech_exports_usd", "hightech_exports_share"):
        d = obs(store, ind)
        assert not d["source_vintage"].str.startswith("RW:").any(), ind
        assert obs(store, ind, "CHN")["year"].min() == 2007, ind
    assert math.isclose(at(store, "hightech_exports_usd", 2007, "GBR")["value"],
                        wdi(wc, "TX.VAL.TECH.CD", "GBR", 2007) / 1e9, rel_tol=1e-12)
    assert at(store, "hightech_exports_share", 2007)["value"] == wdi(wc, "TX.VAL.TECH.MF.ZS", "CHN", 2007)


def test_fault_16_education_expenditure_one_vintage_per_economy(store, catalog, wc):
    usa = obs(store, "education_expenditure", "USA")
    assert sorted(usa["year"]) == list(range(2015, 2022))
    assert at(store, "education_expenditure", 2015, "USA")["value"] == wdi(wc, "SE.XPD.TOTL.GD.ZS", "USA", 2015)
    assert math.isclose(at(store, "education_expenditure", 2015, "USA")["value"], 4.9306, abs_tol=1e-4)
    assert not {2006, 2007, 2009} & set(obs(store, "education_expenditure", "DEU")["year"])
    assert not set(range(2001, 2011)) & set(obs(store, "education_expenditure", "KOR")["year"])
    chn = at(store, "education_expenditure", 2010)
    assert chn["source_vintage"].startswith("BULK:CHN:")  # within 1 % of the current vintage: kept
    assert chn["value"] == wdi(wc, "SE.XPD.TOTL.GD.ZS", "CHN", 2010)
    assert "China 2023" in catalog.at["education_expenditure", "notes"]  # the flagged step, shown to users


def test_fault_17_gross_capital_formation_starts_at_current_vintage(store, wc):
    d = obs(store, "gross_capital_formation")
    assert not d["source_vintage"].str.startswith("RW:").any()
    wld = obs(store, "gross_capital_formation", "WLD")
    assert wld["year"].min() == 1970
    assert at(store, "gross_capital_formation", 1970, "WLD")["value"] == wdi(wc, "NE.GDI.TOTL.ZS", "WLD", 1970)


def test_fault_18_internet_users_partial_revision_marked(store, catalog, ws):
    new = "API:IT.NET.USER.ZS:33086"
    assert at(store, "internet_users_share", 2018)["value"] == wdi(ws, "IT.NET.USER.ZS", "CHN", 2018, new)
    assert math.isclose(at(store, "internet_users_share", 2018)["value"], 65.358398, abs_tol=1e-6)
    assert at(store, "internet_users_share", 2023)["value"] == wdi(ws, "IT.NET.USER.ZS", "CHN", 2023, new) == 90.6
    old = "API:IT.NET.USER.ZS:2160"
    assert at(store, "internet_users_share_2024v", 2023)["value"] == \
        wdi(ws, "IT.NET.USER.ZS", "CHN", 2023, old)
    notes = catalog.at["internet_users_share", "notes"]
    assert "breaks at 2018 and 2023" in notes and "Marked points" in notes
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\| `internet_users_share` \| flag \| \d+: CHN total 2023", readme)


def test_fault_19_electricity_mix_from_one_export_adds_to_100(store, owid):
    d = obs(store, "electricity_mix_share")
    assert set(d["source_vintage"]) == {"OWID:share-elec-by-source"}
    sums = d[d["year"] >= 2015].groupby(["region", "year"])["value"].sum()
    assert ((sums >= 99.5) & (sums <= 100.5)).all(), sums[(sums < 99.5) | (sums > 100.5)]
    assert d["year"].max() == 2023
    assert obs(store, "electricity_mix_share", "EUU")["year"].max() == 2022
    r = owid[(owid["variable"] == "hydro_share_elec") & (owid["iso_code"] == "CHN") & (owid["year"] == 2023)
             & (owid["source_id"] == "OWID:share-elec-by-source")]
    hydro = at(store, "electricity_mix_share", 2023, sector="hydro")["value"]
    assert hydro == r["value"].iloc[0]
    assert math.isclose(hydro, 13.163045, abs_tol=1e-6)


def test_fault_20_licences_name_the_publishers_terms(store, catalog):
    old = "Official statistics, cited"
    for pub in ("International Federation of Robotics", "CAICT", "China Association of Automobile",
                "Griffith", "WIPO"):
        ids = [i for i in catalog.index if pub in catalog.at[i, "source"]]
        assert ids, pub
        for i in ids:
            assert catalog.at[i, "licence"] not in (old, ct.FACTS_LICENCE), (pub, i)
    assert "proprietary" in catalog.at["robot_density", "licence"]
    assert "no open licence stated" in catalog.at["digital_economy_size", "licence"]
    assert "Statista" in catalog.at["nbs_employment_share_by_industry", "licence"]
    assert old not in set(catalog["licence"])
    # no facts indicator claims an open licence (none is stated in the files used)
    wdi_owid = {ct.WDI_LICENCE, ct.OWID_LICENCE}
    assert not any("CC BY" in lic for lic in catalog["licence"] if lic not in wdi_owid)
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    for lic in set(catalog["licence"]) - wdi_owid:
        assert f"  - {lic}: " in readme, lic


def test_fault_22_wdi_flags_depend_on_rule_region_year_only(store):
    specs = {s.meta.id: s for s in ct.load_indicators() if isinstance(s, ct.Wdi)}
    start = ct.WDI_PRELIMINARY_FROM
    assert start == 2024
    for ind, spec in specs.items():
        d = store.observations(ind)
        if spec.flag == "default":
            assert ((d["flag"] == "preliminary") == (d["year"] >= start)).all(), ind
            assert set(d["flag"]) <= {"observed", "preliminary"}, ind
    va = obs(store, "va_share_gdp_by_industry", "CHN")
    va = va[(va["year"] == 2024) & va["sector"].isin(["primary", "secondary", "tertiary"])]
    assert len(va) == 3 and set(va["flag"]) == {"preliminary"}
    assert at(store, "internet_users_share", 2024)["flag"] == "preliminary"
    assert at(store, "gdp_usd", 2024, "USA")["flag"] == "preliminary"  # peers too, not only China
    assert set(store.observations("urban_population_share")["flag"]) == {"estimate"}
    assert set(store.observations("secure_servers_per_million")["flag"]) == {"observed"}
    assert set(store.observations("employment_share_by_industry")["flag"]) == {"estimate"}


def test_fault_22_flags_unchanged_when_source_ids_are_renamed():
    raw = read_raw(RAW)
    specs = [s for s in ct.load_indicators() if isinstance(s, ct.Wdi) and s.vintage is None]
    renamed = type(raw)(wdi=raw.wdi.assign(source_id="X:" + raw.wdi["source_id"].str[::-1]),
                        wdi_selected=raw.wdi_selected, owid=raw.owid, facts=raw.facts)
    for spec in specs:
        a = wdi_rows(spec, raw).sort_values(["region", "sector", "year"]).reset_index(drop=True)
        b = wdi_rows(spec, renamed).sort_values(["region", "sector", "year"]).reset_index(drop=True)
        assert a["flag"].tolist() == b["flag"].tolist(), spec.meta.id


def test_fault_24_rd_intensity_wdi_named_as_intensity(catalog):
    assert catalog.at["rd_intensity_wdi", "name"] == "R&D intensity (WDI/UNESCO)"
    named = catalog[catalog["name"].str.startswith("R&D expenditure")]
    assert len(named) >= 1
    # a name promising an expenditure level never carries a share-of-GDP unit
    assert not named["unit"].str.contains("%").any(), named[["name", "unit"]]


def test_fault_26_nearly_thirty_percent_is_an_upper_bound(store, catalog, paper):
    row = at(store, "china_share_world_mfg_va", 2021)
    assert row["value"] == fact(paper, "China's share of global manufacturing value added (approx.)", 2021) == 30
    assert row["flag"] == "upper_bound"
    assert at(store, "china_share_world_mfg_va", 2023)["flag"] == "approximate"
    assert "upper bound" in catalog.at["china_share_world_mfg_va", "notes"]


def test_fault_26_pick_flag_and_file_are_validated(tmp_path):
    bad = '''
[[indicator]]
id = "synthetic_share"
group = "Test"
name = "Synthetic share"
unit = "%"
definition = "Synthetic test content."
source = "Test"
source_codes = "T"

[[indicator.facts]]
indicator = "X"
unit = "%"
flag = "nearly"
file = "elsewhere"
'''
    path = tmp_path / "green.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ct.ContentError) as err:
        ct.load_file(path)
    assert "facts[0].flag" in str(err.value) and "facts[0].file" in str(err.value)


def test_fault_27_nev_sales_2014_is_a_rounded_nea_figure(store, catalog, paper):
    row = at(store, "nev_sales", 2014)
    assert row["value"] == fact(paper, "NEV sales", 2014) / 1e6 == 0.075
    assert row["flag"] == "approximate"
    assert "NEA/NDRC" in catalog.at["nev_sales", "source_codes"]
    assert at(store, "nev_sales", 2023)["flag"] == "observed"


def test_fault_28_official_pages_preferred_and_mirrors_ranked_low(catalog):
    assert urlparse(catalog.at["nbs_gdp_share_by_industry", "source_url"]).netloc.endswith("gov.cn")
    hosts = {urlparse(u).netloc for u in catalog["source_url"]}
    assert not any(h.endswith("fzxysj.com") for h in hosts)
    assert source_tier("https://phroot.kroovy.de/x") == 3
    assert source_tier("http://it.138479.xyz/x") == 3
    assert "gopher" in catalog.at["robot_installations", "notes"]
    assert "mirror" in catalog.at["digital_economy_size", "notes"]
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert "where no official page was stored" in readme


def test_fault_29_competing_series_point_to_each_other(catalog):
    for a, b in (("ev_sales", "nev_sales"), ("hightech_exports_usd", "hightech_product_exports_yuan")):
        assert catalog.at[b, "name"] in catalog.at[a, "notes"], (a, b)
        assert catalog.at[a, "name"] in catalog.at[b, "notes"], (b, a)


def test_fault_30_internet_users_is_one_vintage(store, ws):
    d = store.observations("internet_users_share")
    assert set(d["source_vintage"]) == {"API:IT.NET.USER.ZS:33086"}
    assert "EUU" not in set(d["region"])
    wld = ws[(ws["source_id"] == "API:IT.NET.USER.ZS:33086") & (ws["country_code"] == "WLD")
             & (ws["indicator_code"] == "IT.NET.USER.ZS") & ws["value"].notna()]
    assert obs(store, "internet_users_share", "WLD")["year"].min() == wld["year"].min() == 2005


def test_fault_31_undated_digital_share_left_out(store, paper):
    assert set(obs(store, "digital_economy_share_gdp", "CHN")["year"]) == {2016, 2021, 2022}
    assert at(store, "digital_economy_share_gdp", 2021)["value"] == \
        fact(paper, "Digital economy share of GDP", 2021) == 39.8


def test_fault_32_employment_note_names_the_right_last_years(store, catalog):
    last = obs(store, "employment_share_by_industry").groupby("region")["year"].max()
    assert last["WLD"] == 2010
    assert {r: last[r] for r in ("DEU", "GBR", "FRA", "IND", "EUU")} == dict.fromkeys(
        ("DEU", "GBR", "FRA", "IND", "EUU"), 2012)
    notes = catalog.at["employment_share_by_industry", "notes"]
    assert "India and the EU stop in 2012" in notes and "World in 2010" in notes


def test_fault_33_india_1960_shares_above_100_stand_as_published(store, wc):
    d = obs(store, "va_share_gdp_by_industry", "IND")
    d = d[(d["year"] == 1960) & d["sector"].isin(["primary", "secondary", "tertiary"])]
    raw = sum(wdi(wc, code, "IND", 1960) for code in ("NV.AGR.TOTL.ZS", "NV.IND.TOTL.ZS", "NV.SRV.TOTL.ZS"))
    assert math.isclose(d["value"].sum(), raw, abs_tol=1e-9)
    assert math.isclose(raw, 101.358140, abs_tol=1e-6)
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert "India 1960-1962" in readme


def test_fault_25_employment_shares_said_to_be_around_are_approximate(store, paper):
    """The 2023 employment shares come from a summary that says "around": flagged approximate, values as given."""
    for sector in ("primary", "secondary", "tertiary"):
        src = paper[(paper.indicator == f"Employment share of {sector} industry") & (paper.year == 2023)]
        d = obs(store, "nbs_employment_share_by_industry", "CHN", sector)
        row = d[d.year == 2023].iloc[0]
        assert row["value"] == src["value"].iloc[0]
        assert row["flag"] == "approximate"
