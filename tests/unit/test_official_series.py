"""Official national series merged under the precedence rule, tied back to the raw files (read here with csv)."""

from __future__ import annotations

import csv

import pytest

from dashboard.data import validate as v
from dashboard.data.official import series as s
from dashboard.data.official.paths import find_raw_dir

RAW = find_raw_dir()


def _csv(rel):
    with open(RAW / rel, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


NBS_INT = _csv("raw/nbs_rd/rd_intensity_by_province.csv")
NBS_ACT = _csv("raw/nbs_rd/rd_expenditure_by_activity_by_province.csv")
NBS_PER = _csv("raw/nbs_rd/rd_personnel_fte_by_province.csv")
COMM = _csv("facts/communique_facts.csv")


def national(rows, year, item):
    hits = [float(r["value"]) for r in rows if "".join(r["province"].split()) == "全国"
            and int(r["year"]) == year and r["chn_block4"] == item]
    assert len(hits) == 1
    return hits[0]


def comm(indicator, year, sector="total"):
    hits = [float(r["value"]) for r in COMM if r["indicator"] == indicator and int(r["year"]) == year
            and r["sector"] == sector]
    assert len(hits) >= 1 and len(set(hits)) == 1, (indicator, year, sector, hits)
    return hits[0]


@pytest.fixture(scope="module")
def merged():
    return s.official_national(RAW)


def point(merged, ind, year, sector="total"):
    o = merged.observations
    hit = o[(o.indicator_id == ind) & (o.year == year) & (o.sector == sector)]
    assert len(hit) == 1, (ind, year, sector)
    return float(hit["value"].iloc[0]), str(hit["flag"].iloc[0])


def test_gerd_has_every_year_2011_2023_from_the_final_bulletin(merged):
    o = merged.observations
    g = o[o.indicator_id == "gerd_official"]
    assert sorted(g["year"]) == list(range(2011, 2024))
    assert set(g["flag"]) == {"final"}
    for year in (2011, 2014, 2016, 2020, 2022, 2023):
        assert point(merged, "gerd_official", year) == (pytest.approx(national(NBS_INT, year, "RD经费") / 10), "final")
    # audit fault 7: 2022 is the final 3,078.29 billion yuan, not the 3.0 trillion lower bound
    assert point(merged, "gerd_official", 2022)[0] == pytest.approx(3078.29)
    d = merged.dropped
    alt = d[(d.indicator_id == "gerd_official") & (d.year == 2016)]
    assert alt["value"].tolist() == [comm("R&D expenditure (NBS communiqué)", 2016)]
    assert alt["reason"].iloc[0].startswith("outranked by NBS-RD:S&T expenditure communiqué")
    bound = d[(d.indicator_id == "gerd_official") & (d.year == 2022) & (d.flag == "lower_bound")]
    assert bound["value"].tolist() == [3000.0]


def test_intensity_basic_research_and_personnel_tie_back(merged):
    for year in (2011, 2013, 2016, 2019, 2023):
        assert point(merged, "rd_intensity_official", year)[0] == pytest.approx(national(NBS_INT, year, "RD强度"))
    for year in (2010, 2012, 2015, 2018, 2023):
        basic = national(NBS_ACT, year, "基础研究")
        parts = sum(national(NBS_ACT, year, i) for i in ("基础研究", "应用研究", "试验发展"))
        assert point(merged, "basic_research_expenditure_official", year)[0] == pytest.approx(basic / 1e5)
        assert point(merged, "basic_research_share_official", year)[0] == pytest.approx(basic / parts * 100)
        assert point(merged, "rd_personnel_fte_official", year) == (
            pytest.approx(national(NBS_PER, year, "合计") / 1e3), "final")
    # audit faults 2 and 10: 2023 is 7,240.6 thousand person-years (FTE), not "over 6 million"
    assert point(merged, "rd_personnel_fte_official", 2023)[0] == pytest.approx(7240.582)


def test_gdp_shares_every_communique_year_add_to_100(merged):
    o = merged.observations
    sh = o[o.indicator_id == "gdp_share_by_industry_official"]
    years = sorted(sh["year"].unique())
    assert years == [2013, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]
    sums = sh.groupby("year")["value"].sum()
    assert ((sums - 100).abs() <= 0.3).all()
    assert (sh.groupby("year")["sector"].nunique() == 3).all()  # audit fault 34: full stacks
    for year in (2013, 2019, 2023, 2024, 2025):
        for sector in ("primary", "secondary", "tertiary"):
            assert point(merged, "gdp_share_by_industry_official", year, sector) == (
                comm("Share of GDP by industry (NBS communiqué)", year, sector), "preliminary")  # fault 23
    # audit fault 3: 2024 tertiary is 56.7; the Statista set (6.8/36.5/54.6 = 97.9) is rejected by the rule
    assert point(merged, "gdp_share_by_industry_official", 2024, "tertiary")[0] == 56.7
    d = merged.dropped
    stat = d[(d.indicator_id == "gdp_share_by_industry_official") & (d.year == 2024)]
    assert set(stat["flag"]) == {"weak_source"} and len(stat) == 3
    assert set(stat["reason"]) == {"shares add up to 97.9, not 100 +- 0.3"}
    # 2012 lacks the primary share: the incomplete set is rejected, not shown as a single segment
    assert "incomplete set of shares (no primary from this source)" in set(d[d.year == 2012]["reason"])


def test_other_communique_series_tie_back(merged):
    cases = [
        ("gdp_official", "GDP (NBS communiqué)", (2012, 2016, 2020, 2024, 2025)),
        ("energy_consumption_official", "Total energy consumption", (2014, 2016, 2018, 2020, 2021)),
        ("patents_granted_official", "Patents granted", (2014, 2016, 2017, 2020, 2022)),
        ("graduate_enrolment_official", "Graduate students in school", (2012, 2017, 2021)),
        ("graduate_admissions_official", "Graduate students enrolled, new entrants", (2012, 2017, 2021)),
        ("technology_contract_turnover_official", "Technology contract turnover", (2012, 2016, 2017, 2022)),
    ]
    for ind, name, years in cases:
        for year in years:
            assert point(merged, ind, year)[0] == pytest.approx(comm(name, year)), (ind, year)
    for year in (2013, 2018, 2025):
        for sector in ("primary", "secondary", "tertiary"):
            assert point(merged, "value_added_by_industry_official", year, sector)[0] == pytest.approx(
                comm("Value added by industry (NBS communiqué)", year, sector))
    # audit fault 6: admissions and enrolment are separate series (2012: 590 vs 1,720 thousand)
    assert point(merged, "graduate_enrolment_official", 2012)[0] == 1720.0
    assert point(merged, "graduate_admissions_official", 2012)[0] == 590.0


def test_weak_sources_are_flagged(merged):
    # the 2014 communiqué figures were read from an exam site: patents 2014 is flagged weak_source
    assert point(merged, "patents_granted_official", 2014) == (comm("Patents granted", 2014), "weak_source")
    o = merged.observations
    weak = o[o.flag == "weak_source"]
    assert weak["source_vintage"].str.contains(r"\[weak source: ").all()


def test_output_validates_once_flags_are_mapped(merged):
    obs = merged.observations
    assert set(obs["flag"]) <= {"final", "preliminary", "observed", "weak_source", "lower_bound", "approximate"}
    df, problems = v.validate_observations(s.to_contract_flags(obs), "official.parquet")
    assert problems == [] and len(df) == len(obs)


def test_bad_content_pick_raises(tmp_path):
    text = s.CONTENT_FILE.read_text(encoding="utf-8").replace(
        'indicator = "Patents granted"', 'indicator = "Patents grnated"')
    p = tmp_path / "official_series.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(s.SeriesError, match="Patents grnated"):
        s.official_series("patents_granted_official", RAW, p)
    with pytest.raises(KeyError, match="unknown official quantity"):
        s.official_series("nope", RAW)
