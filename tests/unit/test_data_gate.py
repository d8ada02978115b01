"""The build's plausibility gate: each kind of violation on small SYNTHETIC frames, and the shipped data."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import content as ct
from dashboard.data.build import gate

ROOT = Path(__file__).resolve().parents[2]

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def synthetic(values: dict[int, float], region: str = "CHN", vintage: str = "DH:X") -> pd.DataFrame:
    """A SYNTHETIC one-series observation frame (test data, not from any source)."""
    return pd.DataFrame({"region": region, "sector": "total", "year": list(values), "value": list(values.values()),
                         "flag": "observed", "source_vintage": vintage})


def kinds(df: pd.DataFrame, unit: str = "% of GDP", check: dict | None = None) -> list[tuple[int, str]]:
    v = gate.check_series("synthetic", df, gate.rules_for(unit, check))
    return list(zip(v["year"], v["kind"]))


def test_unit_defaults():
    share = gate.rules_for("% of total energy use")
    assert (share["min"], share["max"], share["max_step"], share["max_ratio"]) == (0, 100, 20, math.inf)
    level = gate.rules_for("billion current US$")
    assert (level["min"], level["max"], level["max_ratio"]) == (0, math.inf, 3)
    growth = gate.rules_for("% per year")
    assert growth["min"] == -math.inf and growth["max_step"] == math.inf
    assert gate.rules_for("billion current US$", {"min": -math.inf})["min"] == -math.inf


def test_zero_run_after_nonzero_values_is_caught():
    df = synthetic({2014: 80.0, 2015: 79.0, 2016: 0.0, 2017: 0.0})
    assert kinds(df) == [(2016, "zero_run"), (2017, "zero_run")]
    # zeros before the first non-zero value are not a run after values
    assert kinds(synthetic({2000: 0.0, 2001: 0.0, 2002: 0.5})) == []
    assert kinds(df, check={"zero_runs": True}) == []


def test_out_of_range_values_are_caught():
    assert kinds(synthetic({2000: 95.0, 2001: 101.0})) == [(2001, "above_max")]
    assert kinds(synthetic({2000: 5.0, 2001: -0.5}), unit="billion current US$") == [(2001, "below_min")]
    assert kinds(synthetic({2000: 5.0, 2001: -0.5}), unit="billion current US$", check={"min": -math.inf}) == []


def test_jumps_beyond_the_bound_are_caught():
    assert kinds(synthetic({2000: 30.0, 2001: 55.0})) == [(2001, "jump")]  # +25 points > 20
    assert kinds(synthetic({2000: 30.0, 2001: 45.0})) == []
    assert kinds(synthetic({2000: 100.0, 2001: 350.0}), unit="applications") == [(2001, "jump")]  # x3.5
    assert kinds(synthetic({2000: 100.0, 2001: 250.0}), unit="applications") == []
    # a gap breaks the comparison; a tiny base (below 5 % of the series maximum) is not judged
    assert kinds(synthetic({2000: 100.0, 2002: 350.0}), unit="applications") == []
    assert kinds(synthetic({2000: 1.0, 2001: 4.0, 2002: 11.0, 2003: 30.0, 2004: 80.0, 2005: 100.0}),
                 unit="applications") == []


def _exc(**kw) -> ct.GateException:
    return ct.GateException(indicator="synthetic", reason="synthetic test rule", **kw)


def test_apply_gate_drops_flags_and_fails_on_uncovered_or_stale_rules():
    df = synthetic({2014: 80.0, 2015: 79.0, 2016: 0.0, 2017: 0.0})
    rules = gate.rules_for("% of total energy use")
    with pytest.raises(ValueError, match=r"synthetic CHN total 2016: zero_run"):
        gate.apply_gate("synthetic", df, rules, [])
    kept, log = gate.apply_gate("synthetic", df, rules, [_exc(action="drop", kinds=("zero_run",))])
    assert list(kept["year"]) == [2014, 2015]
    assert log[0][1:] == ("drop", ["CHN total 2016", "CHN total 2017"])
    kept, log = gate.apply_gate("synthetic", df, rules, [_exc(action="flag", from_year=2016)])
    assert list(kept["year"]) == [2014, 2015, 2016, 2017] and log[0][1] == "flag"
    with pytest.raises(ValueError, match="matches no point"):
        gate.apply_gate("synthetic", df, rules, [_exc(action="drop", kinds=("zero_run",)),
                                                 _exc(action="drop", regions=("USA",))])


def test_drop_by_vintage_prefix():
    df = pd.concat([synthetic({1989: 40.0, 1990: 41.0}, vintage="RW:X"), synthetic({1991: 90.0, 1992: 91.0})])
    rules = gate.rules_for("constant 2021 PPP $")
    kept, _ = gate.apply_gate("synthetic", df, rules, [_exc(action="drop", vintage="RW:")])
    assert list(kept["year"]) == [1991, 1992]


def test_exceptions_file_is_valid_and_rejects_bad_entries(tmp_path):
    ids = {s.meta.id for s in ct.load_indicators()}
    assert len(ct.load_exceptions(indicator_ids=ids)) >= 10
    bad = tmp_path / "exceptions.toml"
    bad.write_text('[[exception]]\nindicator = "nope"\naction = "hide"\nreason = ""\n', encoding="utf-8")
    with pytest.raises(ct.ContentError) as err:
        ct.load_exceptions(bad, indicator_ids=ids)
    text = str(err.value)
    assert "exceptions.toml" in text and "field 'action'" in text and "field 'reason'" in text
    assert "field 'indicator'" in text


# --- the shipped data (values computed from the Parquet files) --------------------------------------
@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    return pd.concat([pd.read_parquet(p) for p in sorted(DATASETS.glob("*.parquet")) if p.stem != "catalog"])


def test_shipped_fossil_fuel_share_has_no_zero_run(obs):
    f = obs[obs["indicator_id"] == "fossil_fuel_share_energy"]
    assert len(f) > 100
    assert (f["value"] == 0).sum() == 0
    # Germany keeps its last complete year; China's 2015 (an incomplete last year: -18.5 points) is left out
    assert f[f["region"] == "DEU"]["year"].max() == 2015
    chn = f[f["region"] == "CHN"].set_index("year")["value"]
    assert chn.index.max() == 2014
    raw = pd.read_csv(ROOT / "datasets" / "raw" / "raw" / "wdi_combined.csv")
    raw = raw[(raw["indicator_code"] == "EG.USE.COMM.FO.ZS") & (raw["country_code"] == "CHN")].set_index("year")
    assert chn[2014] == pytest.approx(raw.loc[2014, "value"])


def test_shipped_fossil_fuel_share_has_no_incredible_one_year_change(obs):
    """A national fossil share moving > 10 points in a year is a defect (China/World/India 2015, World 1971)."""
    f = obs[obs["indicator_id"] == "fossil_fuel_share_energy"].sort_values("year")
    for region, g in f.groupby("region"):
        g = g.set_index("year")["value"]
        consecutive = g.index.to_series().diff() == 1
        assert (g.diff()[consecutive].abs() <= 10).all(), region
    assert f[f["region"] == "WLD"]["year"].min() == 1971


def test_shipped_gdp_per_person_employed_has_one_price_base(obs):
    """Audit fault 4: the constant-1990-PPP years (1980-1990, RW vintage) are not shipped."""
    g = obs[obs["indicator_id"] == "gdp_per_person_employed"]
    assert not g["source_vintage"].str.startswith("RW:").any()
    assert g["year"].min() == 1991


def test_shipped_data_passes_the_gate_after_its_exceptions(obs):
    specs = {s.meta.id: s for s in ct.load_indicators()}
    exceptions = ct.load_exceptions(indicator_ids=set(specs))
    for ind_id, rows in obs.groupby("indicator_id"):
        spec = specs[ind_id]
        flags = [e for e in exceptions if e.indicator == ind_id and e.action == "flag"]
        gate.apply_gate(ind_id, rows, gate.rules_for(spec.meta.unit, spec.check), flags)


def test_readme_lists_every_exception_reason():
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    for exc in ct.load_exceptions():
        assert f"`{exc.indicator}`" in text and exc.reason[:60] in text
