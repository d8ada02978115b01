"""Deterministic Parquet writer: contract schema, zstd level 9, fixed row groups, no pandas metadata."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_SIZE = 100_000


def _arrow(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    arrays = [pa.array(df[f.name].tolist(), type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(df: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    pq.write_table(
        _arrow(df, schema),
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=ROW_GROUP_SIZE,
        version="2.6",
    )

