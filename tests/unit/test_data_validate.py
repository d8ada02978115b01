"""Broken inputs are rejected with a message naming the problem.

All frames and files here are SYNTHETIC (small made-up tables), not project data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.data import (
    Problem,
    load_store,
    read_parquet_file,
    validate_catalog,
    validate_dir,
    validate_observations,
)
from dashboard.data import contract as c


def synthetic_catalog(ids=("ind_a", "ind_b"), dimension="green") -> pd.DataFrame:
    """Synthetic catalog rows (made-up metadata)."""
    rows = []
    for i in ids:
        rows.append(
            {
                "indicator_id": i, "dimension": dimension, "group": "Test group", "name": f"Synthetic {i}",
                "unit": "%", "definition": "A synthetic indicator for tests.", "source": "Test source",
                "source_url": "https://example.org/x", "source_codes": "X.Y", "licence": "CC BY 4.0",
                "decimals": 1, "default_chart": "line", "has_sectors": False, "stack_sectors": "",
                "share_of_total": False, "headline": False, "notes": "",
            }
        )
    df = pd.DataFrame(rows)
    df["decimals"] = df["decimals"].astype("int32")
    return df


def synthetic_obs(n: int = 6, indicator: str = "ind_a") -> pd.DataFrame:
    """Synthetic observations: n distinct years for CHN."""
    return pd.DataFrame(
        {
            "indicator_id": [indicator] * n,
            "region": ["CHN"] * n,
            "sector": ["total"] * n,
            "year": np.arange(2000, 2000 + n, dtype="int32"),
            "value": np.linspace(1.0, 2.0, n),
            "flag": ["observed"] * n,
            "source_vintage": ["synthetic"] * n,
        }
    )


def write(df: pd.DataFrame, path: Path, schema: pa.Schema | None = None) -> Path:
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    pq.write_table(table, path)
    return path


def messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.fixture
def catalog() -> pd.DataFrame:
    cat, problems = validate_catalog(synthetic_catalog())
    assert problems == []
    return cat


def test_valid_synthetic_frame_passes(catalog):
    df, problems = validate_observations(synthetic_obs(), "green.parquet", catalog, "green")
    assert problems == []
    assert len(df) == 6
    assert df["year"].dtype == "int32" and df["value"].dtype == "float64"


def test_problem_str_names_file_and_message():
    p = Problem("green.parquet", "column 'value': 3 rows are NaN or infinite (rows 4, 9, 12)", "value")
    assert str(p) == "green.parquet: column 'value': 3 rows are NaN or infinite (rows 4, 9, 12)"


def test_missing_column_rejected(catalog):
    df, problems = validate_observations(synthetic_obs().drop(columns="flag"), "green.parquet", catalog, "green")
    assert df.empty
    assert "column 'flag' is missing" in messages(problems)


def test_wrong_dtype_rejected(catalog):
    bad = synthetic_obs().assign(value=["x"] * 6)
    df, problems = validate_observations(bad, "green.parquet", catalog, "green")
    assert df.empty
    assert "column 'value' has dtype" in messages(problems)


def test_int_values_are_castable_to_float(catalog):
    ok = synthetic_obs().assign(value=np.arange(6))
    df, problems = validate_observations(ok, "green.parquet", catalog, "green")
    assert problems == [] and df["value"].dtype == "float64"


def test_duplicate_keys_dropped_and_reported(catalog):
    obs = synthetic_obs()
    dup = pd.concat([obs, obs.iloc[[1, 3]]], ignore_index=True)
    df, problems = validate_observations(dup, "green.parquet", catalog, "green")
    text = messages(problems)
    assert "duplicates" in text and "ind_a/CHN/total/2001" in text
    assert len(df) == 4  # both copies of 2001 and 2003 dropped
    assert not df.duplicated(list(c.OBSERVATION_KEY)).any()


def test_unknown_dimension_rejected(catalog):
    df, problems = validate_observations(synthetic_obs(), "space.parquet", catalog, "space")
    assert df.empty
    assert "unknown dimension 'space'" in messages(problems)


def test_unknown_indicator_rejected(catalog):
    obs = pd.concat([synthetic_obs(), synthetic_obs(2, "nope")], ignore_index=True)
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    text = messages(problems)
    assert "column 'indicator_id': 2 rows are not in the catalog (rows 6, 7)" in text
    assert set(df["indicator_id"]) == {"ind_a"}


def test_indicator_of_other_dimension_rejected():
    cat = pd.concat([synthetic_catalog(("ind_a",)), synthetic_catalog(("ind_s",), "structure")])
    cat, _ = validate_catalog(cat)
    obs = pd.concat([synthetic_obs(), synthetic_obs(1, "ind_s")], ignore_index=True)
    df, problems = validate_observations(obs, "green.parquet", cat, "green")
    assert "another dimension than 'green'" in messages(problems)
    assert len(df) == 6


def test_nan_rejected(catalog):
    obs = synthetic_obs()
    obs.loc[[2, 4], "value"] = np.nan
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    assert "column 'value': 2 rows are NaN or infinite (rows 2, 4)" in messages(problems)
    assert len(df) == 4


def test_inf_rejected(catalog):
    obs = synthetic_obs()
    obs.loc[0, "value"] = np.inf
    obs.loc[5, "value"] = -np.inf
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    assert "column 'value': 2 rows are NaN or infinite (rows 0, 5)" in messages(problems)
    assert len(df) == 4


def test_year_out_of_range_rejected(catalog):
    obs = synthetic_obs()
    obs.loc[1, "year"] = 1800
    obs.loc[2, "year"] = 3000
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    assert f"outside {c.YEAR_MIN}..{c.YEAR_MAX} (rows 1, 2)" in messages(problems)
    assert len(df) == 4


def test_bad_region_sector_flag_rejected(catalog):
    obs = synthetic_obs()
    obs.loc[0, "region"] = "china"
    obs.loc[1, "sector"] = "Total Sector"
    obs.loc[2, "flag"] = "guess"
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    text = messages(problems)
    assert "column 'region': 1 row is not an upper-case three-letter code (row 0)" in text
    assert "column 'sector': 1 row is not a lower-case slug (row 1)" in text
    assert "column 'flag': 1 row is not a known flag" in text
    assert len(df) == 3


def test_nulls_rejected(catalog):
    obs = synthetic_obs().astype({"region": object})
    obs.loc[3, "region"] = None
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    assert "column 'region': 1 row is null (row 3)" in messages(problems)
    assert len(df) == 5


def test_absurdly_long_strings_rejected(catalog):
    obs = synthetic_obs()
    obs.loc[0, "source_vintage"] = "x" * (c.MAX_TEXT + 1)
    obs.loc[1, "region"] = "CHN" * 100
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    text = messages(problems)
    assert f"column 'source_vintage': 1 row is longer than {c.MAX_TEXT} characters (row 0)" in text
    assert f"column 'region': 1 row is longer than {c.MAX_ID} characters (row 1)" in text
    assert len(df) == 4


def test_long_catalog_text_rejected():
    cat = synthetic_catalog()
    cat.loc[0, "definition"] = "y" * (c.MAX_TEXT + 5)
    df, problems = validate_catalog(cat)
    assert f"column 'definition': 1 row is longer than {c.MAX_TEXT} characters (row 0)" in messages(problems)
    assert list(df.index) == ["ind_b"]


def test_catalog_bad_fields_rejected():
    cat = synthetic_catalog(("ind_a", "ind_b", "ind_c", "ind_d"))
    cat.loc[0, "dimension"] = "space"
    cat.loc[1, "default_chart"] = "pie"
    cat.loc[2, "name"] = ""
    df, problems = validate_catalog(cat)
    text = messages(problems)
    assert "column 'dimension': 1 row is not a known dimension" in text
    assert "column 'default_chart': 1 row is not one of" in text
    assert "column 'name': 1 row is empty (row 2)" in text
    assert list(df.index) == ["ind_d"]


def test_empty_file_rejected(tmp_path, catalog):
    path = write(synthetic_obs(0), tmp_path / "green.parquet", c.OBSERVATION_SCHEMA)
    table, problems = read_parquet_file(path)
    assert problems == []
    df, problems = validate_observations(table, "green.parquet", catalog, "green")
    assert df.empty
    assert messages(problems) == "green.parquet: file has no rows"


def test_text_file_named_parquet_rejected(tmp_path):
    path = tmp_path / "green.parquet"
    path.write_text("indicator_id,region\nind_a,CHN\n")
    table, problems = read_parquet_file(path)
    assert table is None
    assert "green.parquet: is not a readable Parquet file" in messages(problems)


def test_truncated_parquet_rejected(tmp_path):
    good = write(synthetic_obs(), tmp_path / "good.parquet", c.OBSERVATION_SCHEMA)
    data = good.read_bytes()
    path = tmp_path / "green.parquet"
    path.write_bytes(data[: len(data) // 2])
    table, problems = read_parquet_file(path)
    assert table is None
    assert "green.parquet: is not a readable Parquet file" in messages(problems)


def test_load_store_keeps_good_rows_and_lists_bad_files(tmp_path):
    """Synthetic directory: good catalog + a good file, a partly bad file, a broken and a stray file."""
    cat = pd.concat([synthetic_catalog(("ind_g",), "green"), synthetic_catalog(("ind_s",), "structure"),
                     synthetic_catalog(("ind_d",), "digital")])
    write(cat, tmp_path / c.CATALOG_FILE)
    write(synthetic_obs(5, "ind_g"), tmp_path / "green.parquet", c.OBSERVATION_SCHEMA)
    partly = synthetic_obs(4, "ind_s")
    partly.loc[2, "value"] = np.nan
    write(partly, tmp_path / "structure.parquet")  # nullable schema, so the NaN is stored
    (tmp_path / "digital.parquet").write_bytes(b"PAR1 not really")
    write(synthetic_obs(2, "ind_g"), tmp_path / "extra.parquet", c.OBSERVATION_SCHEMA)

    store = load_store(tmp_path)
    text = messages(store.problems)
    assert len(store.observations("ind_g")) == 5
    assert list(store.observations("ind_s")["year"]) == [2000, 2001, 2003]
    assert store.observations("ind_d").empty
    assert "digital.parquet: is not a readable Parquet file" in text
    assert "structure.parquet: column 'value': 1 row is NaN or infinite (row 2)" in text
    assert "extra.parquet: unexpected file" in text
    assert "endowments.parquet: file is missing" in text
    assert validate_dir(tmp_path) == store.problems


def test_load_store_without_catalog_reports_it(tmp_path):
    write(synthetic_obs(3, "ind_g"), tmp_path / "green.parquet", c.OBSERVATION_SCHEMA)
    store = load_store(tmp_path)
    assert "catalog.parquet: catalog is missing" in messages(store.problems)
    assert store.catalog.empty and store.observations("ind_g").empty


def test_load_store_missing_dir_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_store(tmp_path / "nowhere")


def test_all_null_column_rejected_row_by_row(catalog):
    obs = synthetic_obs().astype({"year": object})
    obs["year"] = None
    df, problems = validate_observations(obs, "green.parquet", catalog, "green")
    assert df.empty
    assert "column 'year': 6 rows are null (rows 0, 1, 2, 3, 4, ... 1 more)" in messages(problems)


def test_arrow_table_input_and_extra_columns_ignored(catalog):
    table = pa.Table.from_pandas(synthetic_obs().assign(extra="x"), preserve_index=False)
    df, problems = validate_observations(table, "green.parquet", catalog, "green")
    assert problems == [] and list(df.columns) == [f.name for f in c.OBSERVATION_SCHEMA]
