"""Provincial R&D indicators from raw/nbs_rd, tied back to the raw CSV cells (read here with csv)."""

from __future__ import annotations

import csv
from functools import cache

import pandas as pd
import pytest

from dashboard.data import validate as v
from dashboard.data.official import nbs_rd as n
from dashboard.data.official.paths import find_raw_dir
from dashboard.data.official.provinces import province_codes

NBS = find_raw_dir() / "raw" / "nbs_rd"


@cache
def _rows(file: str) -> tuple[dict, ...]:
    with open(NBS / file, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def raw(file: str, names: tuple[str, ...], year: int, item: str) -> float:
    """The one raw cell for a province spelled as any of ``names`` (spaces removed before comparing)."""
    hits = [
        float(r["value"])
        for r in _rows(file)
        if "".join(r["province"].split()) in names and int(r["year"]) == year and r["chn_block4"] == item
    ]
    assert len(hits) == 1, (file, names, year, item, hits)
    return hits[0]


NM = ("内蒙古", "内蒙占")  # Inner Mongolia as the files spell it (one year has the OCR misspelling)


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    return n.provincial_indicators(NBS)


def got(obs, ind, region, year, sector="total") -> float:
    hit = obs[(obs.indicator_id == ind) & (obs.region == region) & (obs.year == year) & (obs.sector == sector)]
    assert len(hit) == 1, (ind, region, year, sector)
    return float(hit["value"].iloc[0])


# (region code, names in the raw file, year): five cells per indicator across provinces and years
CASES = [
    ("CHN", ("全国",), 2023),
    ("CN-BJ", ("北京",), 2012),
    ("CN-GD", ("广东",), 2018),
    ("CN-NM", NM, 2013),
    ("CN-XZ", ("西藏",), 2016),
    ("CN-SH", ("上海",), 2021),
]


@pytest.mark.parametrize("region, names, year", CASES)
def test_gerd_and_intensity_tie_back(obs, region, names, year):
    assert got(obs, "gerd_province", region, year) == pytest.approx(
        raw(n.INTENSITY_FILE, names, year, "RD经费") / 10, rel=1e-12)
    assert got(obs, "rd_intensity_province", region, year) == pytest.approx(
        raw(n.INTENSITY_FILE, names, year, "RD强度"), rel=1e-12)


@pytest.mark.parametrize("region, names, year", CASES + [("CN-HL", ("黑龙江",), 2010)])
def test_activity_expenditure_and_shares_tie_back(obs, region, names, year):
    parts = {s: raw(n.ACTIVITY_FILE, names, year, item) for item, s in n.ACTIVITY_SECTORS.items()}
    total = sum(parts.values())
    for sector, wan in parts.items():
        assert got(obs, "rd_expenditure_by_activity_province", region, year, sector) == pytest.approx(wan / 1e5, rel=1e-12)
        assert got(obs, "rd_activity_share_province", region, year, sector) == pytest.approx(wan / total * 100, rel=1e-12)


@pytest.mark.parametrize("region, names, year", CASES + [("CN-HL", ("黑龙江",), 2010)])
def test_personnel_and_researchers_fte_tie_back(obs, region, names, year):
    assert got(obs, "rd_personnel_fte_province", region, year) == pytest.approx(
        raw(n.PERSONNEL_FILE, names, year, "合计") / 1e3, rel=1e-12)
    assert got(obs, "researchers_fte_province", region, year) == pytest.approx(
        raw(n.PERSONNEL_FILE, names, year, "研究人员") / 1e3, rel=1e-12)


@pytest.mark.parametrize("region, names, year", CASES)
def test_gerd_per_fte_tie_back(obs, region, names, year):
    yuan = raw(n.INTENSITY_FILE, names, year, "RD经费") * 1e8
    person_years = raw(n.PERSONNEL_FILE, names, year, "合计")
    assert got(obs, "gerd_per_rd_fte_province", region, year) == pytest.approx(yuan / person_years / 1e3, rel=1e-12)


def test_known_published_values(obs):
    # S&T expenditure communiqué 2023 (paper_facts.csv lines 3, 8, 15, 62): 461 thousand yuan per FTE,
    # basic 6.77 %, applied 11.0 %, experimental development 82.2 % of GERD
    assert got(obs, "gerd_per_rd_fte_province", "CHN", 2023) == pytest.approx(461, abs=0.5)
    assert got(obs, "rd_activity_share_province", "CHN", 2023, "basic_research") == pytest.approx(6.77, abs=0.005)
    assert got(obs, "rd_activity_share_province", "CHN", 2023, "applied_research") == pytest.approx(11.0, abs=0.05)
    assert got(obs, "rd_activity_share_province", "CHN", 2023, "experimental_development") == pytest.approx(
        82.2, abs=0.06)  # published 82.2 (82.25 computed)
    # audit faults 2 and 10: 7.24 million person-years FTE in 2023, not "over 6 million" persons
    assert got(obs, "rd_personnel_fte_province", "CHN", 2023) == pytest.approx(7240.582)
    # PROVENANCE.md: 2018 national GERD 19,677.9 亿元 and 2.19 % (the .xlsx repeated 2019's)
    assert got(obs, "gerd_province", "CHN", 2018) == pytest.approx(1967.79)
    assert got(obs, "rd_intensity_province", "CHN", 2018) == pytest.approx(2.19)


def test_inner_mongolia_and_every_province_has_every_year(obs):
    years = {
        "gerd_province": range(2011, 2024), "rd_intensity_province": range(2011, 2024),
        "gerd_per_rd_fte_province": range(2011, 2024),
        "rd_personnel_fte_province": range(2010, 2024), "researchers_fte_province": range(2010, 2024),
        "rd_expenditure_by_activity_province": range(2010, 2024), "rd_activity_share_province": range(2010, 2024),
    }
    assert set(obs["indicator_id"]) == set(years)
    for ind, yrs in years.items():
        d = obs[obs.indicator_id == ind]
        assert set(d["region"]) == {"CHN", *province_codes()}, ind
        for region, g in d.groupby("region"):
            for sector, gs in g.groupby("sector"):
                assert sorted(gs["year"]) == list(yrs), (ind, region, sector)
    # Inner Mongolia's personnel in 2013 comes from the row spelled 内蒙占 and 2010 from "内蒙 古"
    assert got(obs, "rd_personnel_fte_province", "CN-NM", 2013) == pytest.approx(
        raw(n.PERSONNEL_FILE, ("内蒙占",), 2013, "合计") / 1e3)
    assert got(obs, "rd_personnel_fte_province", "CN-NM", 2010) == pytest.approx(
        raw(n.PERSONNEL_FILE, ("内蒙古",), 2010, "合计") / 1e3)


def test_output_validates_against_the_contract(obs):
    df, problems = v.validate_observations(obs, "provinces.parquet")
    assert problems == []
    assert len(df) == len(obs) == 416 * 3 + 448 * 2 + 1344 * 2


def test_shares_add_to_100_and_shanghai_2021_gap_is_reported(obs):
    s = obs[obs.indicator_id == "rd_activity_share_province"].groupby(["region", "year"])["value"].sum()
    assert (s - 100).abs().max() < 1e-9
    gaps = n.activity_total_gaps(n.read_table(NBS / n.ACTIVITY_FILE))
    assert gaps[["region", "year"]].values.tolist() == [["CN-SH", 2021]]
    total = raw(n.ACTIVITY_FILE, ("上海",), 2021, "合计")
    parts = sum(raw(n.ACTIVITY_FILE, ("上海",), 2021, i) for i in n.ACTIVITY_SECTORS)
    assert gaps["gap_pct"].iloc[0] == pytest.approx((parts / total - 1) * 100)


def _write_csv(path, rows):
    pd.DataFrame(rows, columns=["province", "year", "chn_block4", "value", "units", "variables"]).to_csv(path, index=False)


def test_read_table_rejects_a_missing_year_and_a_wrong_unit(tmp_path):
    # synthetic test files (not data): the real file minus one Inner Mongolia row, or with one unit changed
    src = pd.read_csv(NBS / n.INTENSITY_FILE)
    drop = src[~((src.province.str.replace(" ", "") == "内蒙古") & (src.year == 2015) & (src.chn_block4 == "RD强度"))]
    p = tmp_path / n.INTENSITY_FILE
    drop.to_csv(p, index=False)
    with pytest.raises(n.NbsRdError, match="lack years"):
        n.read_table(p)
    unit = src.copy()
    unit.loc[unit.index[0], "units"] = "万元"
    unit.to_csv(p, index=False)
    with pytest.raises(n.NbsRdError, match="expected '亿元'"):
        n.read_table(p)
    dup = pd.concat([src, src.iloc[[5]].assign(province=lambda d: d.province + " ")])
    dup.to_csv(p, index=False)
    with pytest.raises(n.NbsRdError, match="duplicate cells"):
        n.read_table(p)
