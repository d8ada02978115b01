"""Official series and provinces in the shipped data: values tied back to the raw files (audit faults 2, 3, 6, 7,
10, 21, 23, 34), counterparts, aliases, geography in the catalog and the store."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import content as ct
from dashboard.data import contract as c
from dashboard.data import load_store
from dashboard.data.validate import validate_catalog, validate_observations

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "datasets" / "raw"
NBS_RD = RAW / "raw" / "nbs_rd"
PROVINCIAL = {"gerd_province", "rd_intensity_province", "rd_expenditure_by_activity_province",
              "rd_activity_share_province", "rd_personnel_fte_province", "researchers_fte_province",
              "gerd_per_rd_fte_province"}


@pytest.fixture(scope="module")
def store():
    return load_store(ROOT / "datasets")


def obs(store, ind: str, region: str = "CHN", sector: str = "total") -> pd.DataFrame:
    d = store.query(ind, [region], [sector])
    return d.set_index("year")


def _rd(file: str) -> pd.DataFrame:
    d = pd.read_csv(NBS_RD / file)
    d["province"] = d["province"].str.replace(r"\s+", "", regex=True)
    return d


def rd_value(file: str, names: tuple[str, ...], year: int, item: str) -> float:
    """One cell of a raw nbs_rd CSV; ``names`` the province names the source uses (whitespace removed)."""
    d = _rd(file)
    r = d[d["province"].isin(names) & (d["year"] == year) & (d["chn_block4"] == item)]
    assert len(r) == 1, (file, names, year, item)
    return float(r["value"].iloc[0])


def cf_row(indicator: str, year: int, sector: str | None = None) -> float:
    d = pd.read_csv(RAW / "facts" / "communique_facts.csv")
    r = d[(d["indicator"] == indicator) & (d["year"] == year)]
    if sector is not None:
        r = r[r["sector"] == sector]
    assert len(r) >= 1
    return float(r["value"].iloc[0])


# --- national official series -------------------------------------------------------------------------
def test_gerd_every_year_2011_2023_from_the_s_and_t_communique(store):
    """Fault 7 and issue 11: GERD = RD经费 (100 million yuan) of 全国 / 10,000 -> trillion yuan, final, every year."""
    s = obs(store, "rd_expenditure_yuan")
    assert list(s.index) == list(range(2011, 2024))
    for year in range(2011, 2024):
        assert s.at[year, "value"] == pytest.approx(
            rd_value("rd_intensity_by_province.csv", ("全国",), year, "RD经费") / 1e4, rel=1e-12)
    assert set(s["flag"]) == {"final"}
    assert s.at[2022, "value"] == pytest.approx(3.07829)  # not the lower bound "over 3 trillion"
    assert s.at[2023, "value"] == pytest.approx(3.33571)
    growth = (s.at[2023, "value"] / s.at[2022, "value"] - 1) * 100
    pf = pd.read_csv(RAW / "facts" / "paper_facts.csv")
    published = pf[(pf["indicator"] == "R&D expenditure growth") & (pf["year"] == 2023)]["value"].iloc[0]
    assert abs(growth - published) < 0.05


def test_rd_intensity_every_year_final(store):
    s = obs(store, "rd_intensity_nbs")
    assert list(s.index) == list(range(2011, 2024))
    for year in (2011, 2013, 2018, 2023):
        assert s.at[year, "value"] == rd_value("rd_intensity_by_province.csv", ("全国",), year, "RD强度")
    assert set(s["flag"]) == {"final"}


def test_rd_personnel_is_fte_from_the_yearbook(store):
    """Faults 2 and 10: FTE totals (人年) / 1e6, unit says full-time equivalent, no 'over 6 million' point."""
    meta = store.catalog.loc["rd_personnel"]
    assert "full-time equivalent" in meta["unit"] and "million person-years" in meta["unit"]
    assert "Headcount" not in meta["notes"]
    s = obs(store, "rd_personnel")
    assert list(s.index) == list(range(2010, 2024))
    assert s.at[2023, "value"] == pytest.approx(7.240582)
    assert s.at[2022, "value"] == pytest.approx(6.35357)
    assert s.at[2012, "value"] == pytest.approx(3.24684)
    for year in range(2010, 2024):
        assert s.at[year, "value"] == pytest.approx(
            rd_value("rd_personnel_fte_by_province.csv", ("全国",), year, "合计") / 1e6, rel=1e-12)
    assert s.at[2023, "value"] > s.at[2022, "value"]
    assert set(s["flag"]) == {"final"}


def test_gdp_shares_full_communique_stacks(store):
    """Faults 3, 23, 34: 2024 from the communiqué (tertiary 56.7), every year a complete stack adding to 100."""
    d = store.observations("nbs_gdp_share_by_industry")
    wide = d.pivot(index="year", columns="sector", values="value")
    assert set(wide.columns) == {"primary", "secondary", "tertiary"}
    assert not wide.isna().any().any()
    assert ((wide.sum(axis=1) - 100).abs() <= 0.3).all()
    for year in (2013, 2018, 2019):
        assert year in wide.index
        assert abs(wide.loc[year].sum() - 100) <= 0.2
    assert wide.at[2024, "tertiary"] == cf_row("Share of GDP by industry (NBS communiqué)", 2024, "tertiary") == 56.7
    assert abs(wide.loc[2024].sum() - 100) <= 0.1
    assert 2012 not in wide.index  # the communiqué copy lacks the primary share
    assert set(d["flag"]) == {"preliminary"}  # first releases, never 'observed' nor a weak copy
    assert (d["source_vintage"].str.startswith("facts (communique")).all()


def test_tertiary_value_added_first_release_is_preliminary(store):
    """Fault 23: the 2013 value is the pre-census first release, flagged preliminary."""
    s = obs(store, "tertiary_va_yuan", sector="tertiary")
    assert s.at[2013, "flag"] == "preliminary"
    assert "observed" not in set(s["flag"])
    assert s.at[2013, "value"] == pytest.approx(cf_row("Value added by industry (NBS communiqué)", 2013, "tertiary") / 1e3)


def test_graduate_admissions_and_enrolment_split_with_alias(store):
    """Fault 6: admissions and enrolment are two indicators; the old id maps to admissions."""
    assert "graduate_students" not in store.catalog.index
    assert store.catalog.at["graduate_admissions", "name"] == "Graduate admissions (China)"
    adm = obs(store, "graduate_admissions")
    assert adm.at[2012, "value"] == cf_row("Graduate students enrolled, new entrants", 2012) == 590
    assert adm.at[2017, "value"] == 805 and adm.at[2021, "value"] == 1177
    assert adm.at[2022, "value"] == pytest.approx(1242.5)  # paper summary, persons / 1,000
    enr = obs(store, "graduate_enrolment")
    assert enr.at[2012, "value"] == cf_row("Graduate students in school", 2012) == 1720
    assert ct.load_aliases() == {"graduate_students": "graduate_admissions"}


def test_aliases_are_validated(tmp_path):
    bad = tmp_path / "aliases.toml"
    bad.write_text('[[alias]]\nold = "rd_personnel"\nnew = "nothing_here"\nreason = "x"\n', encoding="utf-8")
    with pytest.raises(ct.ContentError) as err:
        ct.load_aliases(bad)
    assert "'old'" in str(err.value) and "'new'" in str(err.value)


def test_every_official_point_has_a_contract_flag(store):
    for key in ("final", "revised", "weak_source"):
        assert key in c.FLAGS
    flags = set()
    for ind in store.catalog.index:
        flags |= set(store.observations(ind)["flag"])
    assert flags <= set(c.FLAGS)
    assert {"final", "preliminary", "weak_source"} <= flags


def test_official_source_urls_come_from_the_raw_files(store):
    urls = set(pd.read_csv(RAW / "facts" / "paper_facts.csv")["source_url"]) | set(
        pd.read_csv(RAW / "facts" / "communique_facts.csv")["source_url"])
    official = store.catalog[store.catalog["licence"].str.startswith("Official statistics of the People")]
    assert len(official) >= 20
    assert set(official["source_url"]) <= urls
    assert not official["source_url"].str.contains("kaotiyun|1dq.com|misspennysaver|datasetsearch").any()


# --- counterparts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("a,b", [("rd_intensity_nbs", "rd_intensity_wdi"),
                                 ("nbs_gdp_share_by_industry", "va_share_gdp_by_industry")])
def test_counterparts_are_mutual_and_explained(store, a, b):
    cat = store.catalog
    assert cat.at[a, "counterpart"] == b and cat.at[b, "counterpart"] == a
    assert cat.at[a, "unit"] == cat.at[b, "unit"]
    assert cat.at[a, "counterpart_note"] and cat.at[b, "counterpart_note"]


def test_rd_intensity_counterpart_note_matches_the_data(store):
    """The note says WDI is 0.03-0.12 points lower in every year 2011-2023; check that against the data."""
    nbs = obs(store, "rd_intensity_nbs")["value"]
    wdi = obs(store, "rd_intensity_wdi")["value"]
    gap = (nbs - wdi).dropna()
    assert list(gap.index) == list(range(2011, 2024))
    assert 0.025 <= gap.min() and gap.max() <= 0.12
    assert "0.03-0.12" in store.catalog.at["rd_intensity_nbs", "counterpart_note"]


def test_gdp_share_counterpart_note_matches_the_data(store):
    nbs = store.observations("nbs_gdp_share_by_industry").pivot(index="year", columns="sector", values="value")
    wdi = store.query("va_share_gdp_by_industry", ["CHN"]).pivot(index="year", columns="sector", values="value")
    d = (wdi[["primary", "secondary", "tertiary"]] - nbs).dropna()
    early = d.loc[2013:2023]
    assert early["tertiary"].between(1.0, 2.2).all()
    assert early["secondary"].between(-2.05, -0.4).all()
    assert early["primary"].between(-1.25, 0).all()
    assert (d.loc[2024:2025].abs() <= 0.14).all().all()
    assert "within 0.14 points" in store.catalog.at["nbs_gdp_share_by_industry", "counterpart_note"]


def test_catalog_rejects_a_one_sided_counterpart(store):
    cat = store.catalog.reset_index(drop=True).copy()
    i = cat.index[cat["indicator_id"] == "rd_intensity_wdi"][0]
    cat.loc[i, ["counterpart", "counterpart_note"]] = ["", ""]
    good, problems = validate_catalog(cat)
    assert "rd_intensity_nbs" not in good.index
    assert any("not mutual" in str(p) for p in problems)


def test_content_rejects_counterpart_without_note(tmp_path):
    src = (ct.INDICATORS_DIR / "endowments.toml").read_text(encoding="utf-8")
    src = re.sub(r'counterpart_note = """\\\n(?:.*\n)*?.*"""\n', "", src, count=1)
    for dim in c.DIMENSIONS:
        text = src if dim == "endowments" else (ct.INDICATORS_DIR / f"{dim}.toml").read_text(encoding="utf-8")
        (tmp_path / f"{dim}.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ct.ContentError, match="counterpart and counterpart_note go together"):
        ct.load_indicators(tmp_path)


# --- provinces ----------------------------------------------------------------------------------------
def test_provincial_indicators_cover_every_province_and_year(store):
    provinces = set(c.subnational_regions())
    assert len(provinces) == 31
    for ind in PROVINCIAL:
        assert store.catalog.at[ind, "geography"] == "province"
        assert store.catalog.at[ind, "dimension"] == "endowments"
        d = store.observations(ind)
        assert set(d["region"]) == provinces | {"CHN"}, ind
        years = sorted(d["year"].unique())
        per_region = d.groupby(["region", "sector"])["year"].nunique()
        assert (per_region == len(years)).all(), ind
        assert set(d["flag"]) == {"final"}


NM = ("内蒙古", "内蒙占")  # Inner Mongolia; the 2013 personnel table has the OCR misspelling 内蒙占
CASES = [("CN-BJ", ("北京",), 2011), ("CN-GD", ("广东",), 2023), ("CN-XZ", ("西藏",), 2015),
         ("CN-SH", ("上海",), 2021), ("CHN", ("全国",), 2023)]


def _expected(ind: str, names: tuple[str, ...], year: int, sector: str = "total") -> float:
    act = {"basic_research": "基础研究", "applied_research": "应用研究", "experimental_development": "试验发展"}
    if ind == "gerd_province":
        return rd_value("rd_intensity_by_province.csv", names, year, "RD经费") / 10
    if ind == "rd_intensity_province":
        return rd_value("rd_intensity_by_province.csv", names, year, "RD强度")
    if ind == "rd_expenditure_by_activity_province":
        return rd_value("rd_expenditure_by_activity_by_province.csv", names, year, act[sector]) / 1e5
    if ind == "rd_activity_share_province":
        parts = {s: rd_value("rd_expenditure_by_activity_by_province.csv", names, year, z) for s, z in act.items()}
        return parts[sector] / sum(parts.values()) * 100
    if ind == "rd_personnel_fte_province":
        return rd_value("rd_personnel_fte_by_province.csv", names, year, "合计") / 1e3
    if ind == "researchers_fte_province":
        return rd_value("rd_personnel_fte_by_province.csv", names, year, "研究人员") / 1e3
    if ind == "gerd_per_rd_fte_province":  # GERD (bn yuan) / FTE (thousand person-years) * 1,000
        g = rd_value("rd_intensity_by_province.csv", names, year, "RD经费") / 10
        p = rd_value("rd_personnel_fte_by_province.csv", names, year, "合计") / 1e3
        return g / p * 1e3
    raise KeyError(ind)


@pytest.mark.parametrize("ind", sorted(PROVINCIAL))
def test_provincial_values_tie_back_to_the_raw_csv(store, ind):
    """At least five values per indicator across provinces and years, plus Inner Mongolia in every year."""
    sector = "basic_research" if "activity" in ind else "total"
    d = store.observations(ind)
    checked = 0
    for region, names, year in CASES:
        got = d[(d["region"] == region) & (d["sector"] == sector) & (d["year"] == year)]["value"].iloc[0]
        assert got == pytest.approx(_expected(ind, names, year, sector), rel=1e-9), (ind, region, year)
        checked += 1
    nm = d[(d["region"] == "CN-NM") & (d["sector"] == sector)].set_index("year")["value"]
    assert len(nm) >= 13
    for year, got in nm.items():
        assert got == pytest.approx(_expected(ind, NM, int(year), sector), rel=1e-9), (ind, year)
        checked += 1
    assert checked >= 5 + 13


def test_activity_shares_add_to_100_per_province_year(store):
    d = store.observations("rd_activity_share_province")
    sums = d.groupby(["region", "year"])["value"].sum()
    assert ((sums - 100).abs() < 1e-9).all()


def test_dimension_pages_do_not_offer_provincial_indicators(store):
    country = store.indicators("endowments")
    assert not set(country.index) & PROVINCIAL
    assert (country["geography"] == "country").all()
    assert set(store.indicators("endowments", geography="province").index) == PROVINCIAL
    assert set(store.indicators(None, geography="province").index) == PROVINCIAL
    for dim in c.DIMENSIONS:
        for ind in store.indicators(dim).index:
            assert not store.observations(ind)["region"].str.startswith("CN-").any(), ind
    assert store.indicators(42).empty and store.indicators("endowments", geography="moon").empty


def test_province_code_in_a_country_indicator_is_rejected(store):
    bad = store.observations("rd_intensity_wdi").head(2).assign(indicator_id="rd_intensity_wdi")
    bad.loc[bad.index[0], "region"] = "CN-BJ"
    cat = store.catalog.reset_index(drop=True)
    good, problems = validate_observations(bad, "endowments.parquet", cat, "endowments")
    assert len(good) == 1
    assert any("province code in an indicator whose catalog geography is 'country'" in str(p) for p in problems)


def test_readme_lists_official_indicators_and_the_rule():
    text = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Official series of China and provinces")[1].split("## Licences")[0]
    assert "exact figure beats a bound" in section and "**final**" in section
    for ind in PROVINCIAL | {"rd_expenditure_yuan", "rd_intensity_nbs", "rd_personnel", "nbs_gdp_share_by_industry",
                             "graduate_admissions", "graduate_enrolment", "tertiary_va_yuan"}:
        assert f"| `{ind}` |" in section, ind
    assert "shares add up to 97.9" in section  # the dropped Statista 2024 set is listed with its reason
