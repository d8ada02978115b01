"""The build: deterministic, byte-identical to the committed datasets/, and strict about its input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import build as b
from dashboard.data import content as ind

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
RAW = DATASETS / "raw"


@pytest.fixture(scope="module")
def raw_dir() -> Path:
    """The project's own copy of the raw inputs (``datasets/raw``), also the build's default."""
    return RAW


def test_default_raw_is_the_projects_copy():
    assert b.DEFAULT_RAW == RAW
    assert (RAW / "raw" / "wdi_combined.csv").is_file() and (RAW / "SOURCES.md").is_file()


def test_build_is_deterministic_and_matches_committed(raw_dir, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    written = b.build(raw_dir, one)
    b.build(raw_dir, two)
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in one.iterdir())
    for name in names:
        data = (one / name).read_bytes()
        assert data == (two / name).read_bytes(), f"{name} differs between two builds"
        assert data == (DATASETS / name).read_bytes(), f"{name} differs from the committed datasets/"


def test_written_parquet_has_no_pandas_metadata():
    import pyarrow.parquet as pq

    for path in DATASETS.glob("*.parquet"):
        meta = pq.read_schema(path).metadata or {}
        assert b"pandas" not in meta, path.name


def test_fact_flag_wording():
    assert b.fact_flag("R&D personnel (lower bound)") == "lower_bound"
    assert b.fact_flag("\"New Three\" exports (upper bound)") == "upper_bound"
    assert b.fact_flag("Robot density (approx.)") == "approximate"
    assert b.fact_flag("R&D intensity (preliminary)") == "preliminary"
    assert b.fact_flag("Clean energy investment (IEA estimate)") == "estimate"
    assert b.fact_flag("Outward FDI stock") == "observed"


def test_part_year_pattern():
    for text in ("NEV production (Jan-Oct)", "Online retail sales (H1)", "5G base stations (end of June)",
                 "Newly installed renewable capacity (Q1)"):
        assert b.PART_YEAR.search(text), text
    for text in ("5G base stations (end of year)", "5G base stations (end of period)", "Outward FDI stock"):
        assert not b.PART_YEAR.search(text), text


def test_picks_never_select_part_year_rows():
    for spec in ind.load_indicators():
        for pick in getattr(spec, "picks", []):
            assert not b.PART_YEAR.search(pick.indicator), (spec.meta.id, pick.indicator)


def test_build_fails_loudly_on_missing_facts_row(raw_dir):
    """A synthetic facts table without the rows an indicator needs must stop the build."""
    raw = b.read_raw(raw_dir)
    raw.facts = raw.facts[raw.facts["indicator"] != "Outward FDI stock"]
    with pytest.raises(b.BuildError, match="odi_stock_mofcom: no facts row"):
        b.build_frames(raw)


def test_build_fails_on_missing_raw_dir(tmp_path):
    with pytest.raises(b.BuildError, match="raw files missing"):
        b.build(tmp_path / "nothing", tmp_path / "out")


def test_conflicting_facts_resolved_by_rule():
    """Synthetic facts: two figures for one year -> final official figure kept, never averaged."""
    facts = pd.DataFrame(
        {
            "indicator": ["R&D intensity (R&D expenditure / GDP)", "R&D intensity (preliminary)",
                          "R&D intensity (R&D expenditure / GDP)"],
            "region": ["China"] * 3,
            "sector": ["all"] * 3,
            "year": [2023, 2023, 2022],
            "value": [2.65, 2.64, 2.54],
            "unit": ["%"] * 3,
            "source_title": ["Communique (NBS)", "News (x)", "Other news (y)"],
            "source_url": ["https://www.stats.gov.cn/a", "https://news.example/b", "https://news.example/c"],
        }
    )
    spec = next(s for s in ind.load_indicators() if s.meta.id == "rd_intensity_nbs")
    picks = [ind.Pick("R&D intensity (R&D expenditure / GDP)", "%"), ind.Pick("R&D intensity (preliminary)", "%")]
    spec = ind.Facts(ind.Meta(**{**spec.meta.__dict__, "source_url": ""}), picks)
    rows, conflicts, url = b.fact_rows(spec, facts)
    assert sorted(rows["value"]) == [2.54, 2.65]
    assert url == "https://www.stats.gov.cn/a"
    assert conflicts and "kept 2.65" in conflicts[0] and "over 2.64" in conflicts[0]
