"""Milestone verdicts and dated events, checked against values read from the shipped Parquet files.

Expected values are computed here with pandas straight from ``datasets/*.parquet`` (not through the
store or the engine), so the tests follow the data when it is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.store import load_store
from dashboard.model import milestones as m

DATA = Path(__file__).resolve().parents[2] / "datasets"
PEERS = ["USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA"]


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    dims = ["endowments", "structure", "digital", "green", "internationalization"]
    return pd.concat([pd.read_parquet(DATA / f"{d}.parquet") for d in dims], ignore_index=True)


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id", drop=False)


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


@pytest.fixture(scope="module")
def verdicts(store):
    claims = m.load_claims(catalog=store.catalog)
    return {v.claim_id: v for v in m.evaluate_claims(store, claims)}


# ----------------------------------------------------------------- expectations straight from Parquet

def series(obs, ind, region="CHN", sector="total") -> pd.Series:
    s = obs[(obs.indicator_id == ind) & (obs.region == region) & (obs.sector == sector)]
    return s.set_index("year")["value"].sort_index()


def near(s: pd.Series, year: int, shift: int = 3) -> int | None:
    cands = [y for y in s.index if abs(y - year) <= shift]
    return min(cands, key=lambda y: (abs(y - year), -y)) if cands else None


def rises(obs, ind, start, sector="total") -> bool | None:
    s = series(obs, ind, sector=sector)
    y0 = near(s, start)
    if y0 is None or s.index.max() <= y0:
        return None
    return bool(s.iloc[-1] > s[y0])


def falls(obs, ind, start) -> bool | None:
    r = rises(obs, ind, start)
    s = series(obs, ind)
    y0 = near(s, start)
    return None if r is None else bool(s.iloc[-1] < s[y0])


def at_least(obs, ind, threshold, sector="total") -> bool | None:
    s = series(obs, ind, sector=sector)
    return None if s.empty else bool(s.iloc[-1] >= threshold)


def rank(obs, ind, sector="total", min_peers=3) -> int | None:
    s = series(obs, ind, sector=sector)
    if s.empty:
        return None
    year, value = s.index.max(), s.iloc[-1]
    p = obs[(obs.indicator_id == ind) & (obs.sector == sector) & (obs.year == year) & obs.region.isin(PEERS)]
    if len(p) < min_peers:
        return None
    return 1 + int((p.value > value).sum())


def rank_ok(obs, ind, at_most=1) -> bool | None:
    r = rank(obs, ind)
    return None if r is None else r <= at_most


def share_of_world(obs, ind) -> float | None:
    c, w = series(obs, ind), series(obs, ind, region="WLD")
    years = sorted(set(c.index) & set(w.index))
    return None if not years else float(c[years[-1]] / w[years[-1]] * 100)


def expected(parts: list[bool | None]) -> str:
    """The all_of combination rule as the content file documents it."""
    if all(p is True for p in parts):
        return "supported"
    if all(p is None for p in parts):
        return "no data yet"
    if not any(p is True for p in parts):
        return "not supported"
    return "partly supported"


# ----------------------------------------------------------------- verdicts

def test_every_claim_of_the_abstract_has_a_verdict(verdicts):
    assert len(verdicts) == 17
    assert {v.verdict for v in verdicts.values()} <= set(m.VERDICTS)
    dims = [v.dimension for v in verdicts.values()]
    assert dims.count("endowments") == 5 and dims.count("internationalization") == 3


def test_innovation_capability(verdicts, obs):
    parts = [rises(obs, "rd_intensity_wdi", 2012), rises(obs, "researchers_per_million", 2012),
             rank_ok(obs, "patent_applications_resident"), rank_ok(obs, "pct_applications")]
    v = verdicts["innovation_capability"]
    assert v.verdict == expected(parts)
    rd = series(obs, "rd_intensity_wdi")
    assert f"{rd[2012]:.2f}" in v.explanation and f"{rd.iloc[-1]:.2f}" in v.explanation
    assert "World Bank" in v.evidence[0].source


def test_talent_dividend(verdicts, obs):
    parts = [rises(obs, i, 2012) for i in
             ("graduate_enrolment", "tertiary_enrolment", "rd_personnel", "researchers_per_million")]
    assert verdicts["talent_dividend"].verdict == expected(parts)


def test_new_infrastructure_5g_names_the_missing_peer_data(verdicts, obs):
    parts = [rises(obs, "five_g_base_stations", 2019), rises(obs, "five_g_users", 2019),
             rank_ok(obs, "five_g_base_stations")]
    v = verdicts["new_infrastructure_5g"]
    assert v.verdict == expected(parts)
    if parts[2] is None:
        assert "peers" in v.details[2] and v.details[2].startswith("[no data]")


def test_largest_robot_market(verdicts, obs):
    r = rank(obs, "robot_installations")
    share = share_of_world(obs, "robot_installations")
    parts = [None if r is None else r == 1, None if share is None else share >= 50]
    v = verdicts["largest_robot_market"]
    assert v.verdict == expected(parts)
    assert f"{share:.1f} %" in v.explanation


def test_service_economy(verdicts, obs):
    parts = [at_least(obs, "va_share_gdp_by_industry", 50, sector="tertiary"),
             rises(obs, "va_share_gdp_by_industry", 2012, sector="tertiary"), None]
    v = verdicts["service_economy"]
    assert v.verdict == expected(parts)
    latest = series(obs, "va_share_gdp_by_industry", sector="tertiary")
    assert f"{latest.index.max()}: {latest.iloc[-1]:.1f} % of GDP" in v.explanation


def test_structure_claims(verdicts, obs):
    assert verdicts["knowledge_intensive_services"].verdict == expected(
        [rises(obs, "ict_service_exports_share", 2012), None])
    hi = rises(obs, "hightech_mfg_share_industrial_va", 2012)
    assert verdicts["hightech_growth_drivers"].verdict == {True: "supported", False: "not supported",
                                                           None: "no data yet"}[hi]


def test_digital_claims(verdicts, obs):
    # first dated years in the project (DATA-AUDIT.md faults 5 and 31: undated figures are left out)
    assert series(obs, "digital_economy_share_gdp").index.min() == 2016
    assert series(obs, "robot_density").index.min() == 2020
    assert verdicts["digital_economy_growth"].verdict == expected(
        [rises(obs, "digital_economy_size", 2016), rises(obs, "digital_economy_share_gdp", 2016),
         rises(obs, "internet_users_share", 2012)])
    assert verdicts["digital_factor_ai_plus"].verdict == expected(
        [rises(obs, "robot_density", 2020), rises(obs, "ecommerce_transactions", 2018),
         rises(obs, "online_retail_sales", 2018)])


def test_green_claims(verdicts, obs):
    assert verdicts["green_industrial_system"].verdict == expected(
        [rises(obs, "renewables_share_elec", 2012), falls(obs, "co2_intensity_gdp", 2012),
         falls(obs, "energy_intensity", 2012), None])
    share = share_of_world(obs, "ev_sales")
    assert verdicts["new_energy_powerhouse"].verdict == expected(
        [None if share is None else share >= 50, rises(obs, "new_three_share_exports", 2017), None])


def test_hightech_exports_partly_supported_names_the_other_definition(verdicts, obs):
    ht = series(obs, "hightech_exports_share")
    mh = series(obs, "medhigh_tech_exports_share")
    v = verdicts["hightech_exports_bulk"]
    if ht.iloc[-1] >= 50:
        assert v.verdict == "supported"
    elif mh.iloc[-1] >= 50:
        assert v.verdict == "partly supported"
        assert "UNIDO" in v.alternative
        assert f"{ht.iloc[-1]:.1f} %" in v.explanation and f"{mh.iloc[-1]:.1f} %" in v.explanation
    else:
        assert v.verdict == "not supported"


def test_outward_investment(verdicts, obs):
    parts = [at_least(obs, "china_share_global_odi", 10), rank_ok(obs, "fdi_outflows_usd", 3)]
    assert verdicts["outward_investment_source"].verdict == expected(parts)


def test_claims_without_data_are_listed_with_what_is_needed(verdicts):
    for cid in ("engineering_breakthroughs", "industry_digital_integration", "renewables_new_capacity",
                "integrating_locally"):
        v = verdicts[cid]
        assert v.verdict == "no data yet"
        assert v.explanation.startswith("no data in the project yet: ") and len(v.explanation) > 40


# ----------------------------------------------------------------- missing data never raises

def _one(rule: dict, evidence: list[str]) -> m.Claim:
    doc = {"claim": [{"id": "c", "dimension": "green", "claim": "x", "rule_text": "y", "evidence": evidence,
                      "rule": rule}]}
    claims, problems = m.parse_claims(doc)
    assert problems == []
    return claims[0]


def test_unknown_indicator_is_no_data_and_named(store):
    c = _one({"kind": "rises_between", "indicator": "renewables_share_gone", "from_year": 2012},
             ["renewables_share_gone"])
    v = m.evaluate_claim(store, c)
    assert v.verdict == "no data yet" and "renewables_share_gone" in v.explanation


def test_missing_year_is_no_data(store, obs):
    first = int(series(obs, "rd_intensity_nbs").index.min())
    c = _one({"kind": "share_at_least", "indicator": "rd_intensity_nbs", "year": first - 10, "threshold": 1},
             ["rd_intensity_nbs"])
    v = m.evaluate_claim(store, c)
    assert v.verdict == "no data yet" and str(first - 10) in v.explanation


def test_nearest_year_is_used_and_named(store, obs):
    s = series(obs, "hightech_mfg_share_industrial_va")
    y0 = near(s, 2012)
    c = _one({"kind": "cagr_above", "indicator": "hightech_mfg_share_industrial_va", "from_year": 2012,
              "threshold": 0}, ["hightech_mfg_share_industrial_va"])
    v = m.evaluate_claim(store, c)
    n = s.index.max() - y0
    growth = ((s.iloc[-1] / s[y0]) ** (1 / n) - 1) * 100
    assert f"CAGR {growth:.1f} %" in v.explanation
    if y0 != 2012:
        assert f"nearest year {y0}" in v.explanation


# ----------------------------------------------------------------- validation

def _problems(raw_claim: dict, catalog=None) -> list[str]:
    base = {"id": "bad_claim", "dimension": "digital", "claim": "x", "rule_text": "y",
            "evidence": ["internet_users_share"]}
    _, problems = m.parse_claims({"claim": [{**base, **raw_claim}]}, file="milestones.toml", catalog=catalog)
    return problems


def test_validator_names_file_claim_and_field(catalog):
    p = _problems({"rule": {"kind": "grows_fast", "indicator": "internet_users_share"}})
    assert len(p) == 1 and p[0].startswith("milestones.toml: claim 'bad_claim': rule.kind: unknown kind 'grows_fast'")
    p = _problems({"rule": {"kind": "rises_between", "indicator": "internet_users_share", "from_year": 2012,
                            "treshold": 5}})
    assert p == ["milestones.toml: claim 'bad_claim': rule.treshold: unknown parameter for kind "
                 "'rises_between'; expected from_year, indicator, max_shift, region, sector, to_year"]
    p = _problems({"rule": {"kind": "share_at_least", "indicator": "internet_users_share"}})
    assert p == ["milestones.toml: claim 'bad_claim': rule.threshold: missing (required for kind 'share_at_least')"]
    p = _problems({"rule": {"kind": "share_at_least", "indicator": "internet_users_share", "threshold": "half"}})
    assert "rule.threshold: must be a finite number" in p[0]
    p = _problems({"rule": {"kind": "rises_between", "indicator": "internet_users", "from_year": 2012}},
                  catalog=catalog)
    assert "claim 'bad_claim': rule.indicator: unknown indicator 'internet_users'" in p[0]
    p = _problems({"rule": {"kind": "all_of", "rules": [{"kind": "all_of", "rules": [{"kind": "no_data",
                                                                                       "needed": "z"}]}]}})
    assert p == ["milestones.toml: claim 'bad_claim': rule.rules[0].kind: all_of cannot be nested"]
    p = _problems({"rule": {"kind": "rank_among_peers", "indicator": "gdp_usd"}})
    assert p == ["milestones.toml: claim 'bad_claim': evidence: the rule reads 'gdp_usd', which is not listed "
                 "in evidence"]
    p = _problems({"rule": {"kind": "share_at_least", "indicator": "internet_users_share", "threshold": 5},
                   "dimension": "space", "colour": "red"})
    assert any("claim 'bad_claim': dimension: must be one of" in x for x in p)
    assert any("claim 'bad_claim': colour: unknown field" in x for x in p)


def test_validator_checks_units_and_alternatives(catalog):
    p = _problems({"evidence": ["gdp_usd"], "rule": {"kind": "share_at_least", "indicator": "gdp_usd",
                                                     "threshold": 5}}, catalog=catalog)
    assert p == ["milestones.toml: claim 'bad_claim': rule.indicator: share_at_least needs a percentage unit; "
                 "'gdp_usd' is in 'trillion current US$' (use level_at_least)"]
    p = _problems({"rule": {"kind": "no_data", "needed": "z"},
                   "alternatives": [{"definition": "other", "rule": {"kind": "no_data"}}]})
    assert p == ["milestones.toml: claim 'bad_claim': alternatives[0].rule.needed: missing (required for kind "
                 "'no_data')"]


def test_load_rejects_a_broken_file(tmp_path):
    bad = tmp_path / "milestones.toml"
    bad.write_text('[[claim]]\nid = "a"\ndimension = "green"\nclaim = "x"\nrule_text = "y"\nevidence = []\n'
                   '[claim.rule]\nkind = "no_data"\n', encoding="utf-8")
    with pytest.raises(m.ContentError) as err:
        m.load_claims(bad)
    assert err.value.problems == ["milestones.toml: claim 'a': rule.needed: missing (required for kind 'no_data')"]
    bad.write_text("[[claim]\n", encoding="utf-8")
    with pytest.raises(m.ContentError, match="milestones.toml: cannot be read"):
        m.load_claims(bad)


def test_shipped_content_is_valid_against_the_shipped_catalog(catalog):
    claims = m.load_claims(catalog=catalog)
    events = m.load_events(catalog=catalog)
    assert len({c.id for c in claims}) == len(claims) == 17
    assert events


# ----------------------------------------------------------------- events

def since(s: pd.Series, ok) -> int | None:
    """Year from which ok(value) holds through the latest year (None if not observed)."""
    flags = [ok(y, v) for y, v in s.items()]
    if not flags or not flags[-1]:
        return None
    i = len(flags) - 1
    while i > 0 and flags[i - 1]:
        i -= 1
    return None if i == 0 else int(s.index[i])


def test_event_years_come_from_the_data(store, obs):
    events = {e.id: e for e in m.evaluate_events(store, m.load_events())}
    rd = series(obs, "rd_intensity_wdi")
    assert events["rd_intensity_2pct"].year == since(rd, lambda y, v: v >= 2)
    assert events["rd_intensity_2pct"].evidence[0].value == rd[events["rd_intensity_2pct"].year]
    ter, sec = (series(obs, "va_share_gdp_by_industry", sector=x) for x in ("tertiary", "secondary"))
    both = ter[ter.index.isin(sec.index)]
    assert events["services_exceed_industry"].year == since(both, lambda y, v: v > sec[y])
    ev, wld = series(obs, "ev_sales"), series(obs, "ev_sales", region="WLD")
    ev = ev[ev.index.isin(wld.index)]
    assert events["ev_sales_half_world"].year == since(ev, lambda y, v: v / wld[y] * 100 >= 50)
    solar = obs[(obs.indicator_id == "renewable_capacity_gw") & (obs.sector == "solar")]
    wide = solar.pivot(index="year", columns="region", values="value")
    chn = wide["CHN"].dropna()
    assert events["solar_capacity_rank_1"].year == since(
        chn, lambda y, v: (wide.loc[y, PEERS].dropna() <= v).all() and wide.loc[y, PEERS].notna().sum() >= 3)
    assert "IRENA" in events["solar_capacity_rank_1"].evidence[0].source


def test_events_for_one_indicator(store):
    events = m.load_events()
    got = m.events_for(store, events, "renewable_capacity_gw")
    assert {e.sector for e in got} == {"solar", "wind"}
    assert [e.year for e in got] == sorted(e.year for e in got)
    assert m.events_for(store, events, "no_such_indicator") == []


def test_event_validator_names_the_event():
    _, p = m.parse_events({"event": [{"id": "e1", "label": "x", "kind": "first_year_at_least",
                                      "indicator": "gdp_usd"}]})
    assert p == ["events.toml: event 'e1': event.threshold: missing (required for kind 'first_year_at_least')"]
