"""The synthetic benchmark data generator, the Arrow load path it exercises, and a smoke run of the
benchmark script (quick mode; no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import dashboard.data.store as store_mod
from dashboard.data import contract as c
from dashboard.data import load_store, validate_dir
from dashboard.data.synthetic import NAME_PREFIX, SOURCE, generate, main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate(30_000, out)
    return out


def test_follows_the_contract_and_is_labelled(synth):
    assert validate_dir(synth) == []
    cat = pq.read_table(synth / c.CATALOG_FILE).to_pandas()
    assert cat["name"].str.startswith(NAME_PREFIX).all()
    assert (cat["source"] == SOURCE).all()
    assert set(cat["dimension"]) == set(c.DIMENSIONS)
    rows = sum(pq.ParquetFile(synth / c.observation_file(d)).metadata.num_rows for d in c.DIMENSIONS)
    assert rows == 30_000


def test_deterministic(tmp_path, synth):
    generate(30_000, tmp_path)
    for d in c.DIMENSIONS:
        a = pq.read_table(synth / c.observation_file(d))
        b = pq.read_table(tmp_path / c.observation_file(d))
        assert a.equals(b)


def test_cli(tmp_path, capsys):
    assert main(["--rows", "5000", "--out", str(tmp_path)]) == 0
    assert "SYNTHETIC" in capsys.readouterr().out
    assert (tmp_path / c.CATALOG_FILE).exists()


def test_arrow_path_matches_pandas_path(synth, monkeypatch):
    small = load_store(synth)
    monkeypatch.setattr(store_mod, "LARGE_ROWS", 0)
    large = load_store(synth)
    assert not isinstance(small._obs, store_mod._ArrowFrames)
    assert isinstance(large._obs, store_mod._ArrowFrames)
    assert small.problems == large.problems == []
    for ind in small.catalog.index:
        pd.testing.assert_frame_equal(small.observations(ind), large.observations(ind))
        assert small.regions(ind) == large.regions(ind)
        assert small.sectors(ind) == large.sectors(ind)
        assert small.year_range(ind) == large.year_range(ind)
        pd.testing.assert_frame_equal(small.query(ind, ["CHN", "BEJ"], ["total", "coal"], (2010, 2020)),
                                      large.query(ind, ["CHN", "BEJ"], ["total", "coal"], (2010, 2020)))
        # the charts' lists (issue 14): the rows query() gives, from both load paths
        lists = small.series_lists(ind, ["CHN", "BEJ"], ["total", "coal"])
        assert lists == large.series_lists(ind, ["CHN", "BEJ"], ["total", "coal"])
        rows = small.query(ind, ["CHN", "BEJ"], ["total", "coal"])
        assert lists == {col: rows[col].tolist() for col in store_mod.OBS_VIEW_COLUMNS}
    assert large.observations("nope").empty and large.regions("nope") == []


def test_arrow_path_falls_back_on_bad_rows(tmp_path, monkeypatch):
    generate(30_000, tmp_path)
    path = tmp_path / c.observation_file("green")
    df = pq.read_table(path).to_pandas()
    df.loc[0, "flag"] = "bogus"
    df = pd.concat([df, df.iloc[[5]]], ignore_index=True)  # a duplicate key
    df.to_parquet(path, index=False)
    expected = load_store(tmp_path).problems
    monkeypatch.setattr(store_mod, "LARGE_ROWS", 0)
    assert load_store(tmp_path).problems == expected
    assert any("flag" in str(p) for p in expected) and any("duplicate" in str(p) for p in expected)


def test_benchmark_quick_smoke():
    """bench.py --quick runs end to end against real gunicorn processes and prints its table."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--no-browser"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "| metric | product | baseline | baseline/product |" in r.stdout
    assert "filter change -> all chart callbacks answered, cache-cold p95 (ms)" in r.stdout
    assert "filter change -> all chart callbacks answered, cache-warm p95 (ms)" in r.stdout
    assert "one chart callback, cache-cold p95 (ms)" in r.stdout
