"""Column and row checks shared by the table validators of :mod:`dashboard.data.validate`.

:class:`Problem` is one fault of one file; :func:`check_columns` finds structural faults (a missing column, a
wrong dtype: the whole file is unusable); :class:`RowChecker` collects bad rows column by column (row numbers in
messages are 0-based positions in the file, at most :data:`SHOW` of them named).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from . import contract as c

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
REGION_RE = re.compile(r"^[A-Z]{3}$")
SHOW = 5  # how many row numbers / keys a message names

OBS_COLUMNS = [f.name for f in c.OBSERVATION_SCHEMA]
CAT_COLUMNS = [f.name for f in c.CATALOG_SCHEMA]
STRING_OBS = [f.name for f in c.OBSERVATION_SCHEMA if pa.types.is_string(f.type)]
STRING_CAT = [f.name for f in c.CATALOG_SCHEMA if pa.types.is_string(f.type)]
#: string columns limited to contract.MAX_ID characters (the rest to MAX_TEXT)
ID_COLUMNS = {"indicator_id", "region", "sector", "flag", "dimension", "default_chart", "geography", "counterpart"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    file: str
    message: str
    column: str | None = None

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def row_list(positions: Iterable[int], n_total: int | None = None) -> str:
    """``row 3`` / ``rows 1, 2, ... 4 more``: the first :data:`SHOW` positions of ``positions``."""
    positions = list(positions)
    shown = ", ".join(str(int(p)) for p in positions[:SHOW])
    more = f", ... {len(positions) - SHOW} more" if len(positions) > SHOW else ""
    word = "row" if len(positions) == 1 else "rows"
    return f"{word} {shown}{more}"


def row_count(n: int) -> str:
    """``1 row is`` / ``n rows are``."""
    return f"{n} row is" if n == 1 else f"{n} rows are"


def empty_observations() -> pd.DataFrame:
    """An empty frame with the observation columns and dtypes."""
    return obs_dtypes(pd.DataFrame({col: [] for col in OBS_COLUMNS}))


def obs_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    """``df``'s observation columns cast to the contract's dtypes, on a fresh 0..n-1 index."""
    out = pd.DataFrame(
        {
            "indicator_id": df["indicator_id"].astype("str"),
            "region": df["region"].astype("str"),
            "sector": df["sector"].astype("str"),
            "year": df["year"].astype("int32"),
            "value": df["value"].astype("float64"),
            "flag": df["flag"].astype("str"),
            "source_vintage": df["source_vintage"].astype("str"),
        }
    )
    return out.reset_index(drop=True)


def to_frame(table: pa.Table | pd.DataFrame) -> pd.DataFrame:
    """A DataFrame of ``table`` on a 0..n-1 index; TypeError for anything else."""
    if isinstance(table, pa.Table):
        return table.to_pandas()
    if isinstance(table, pd.DataFrame):
        return table.reset_index(drop=True)
    raise TypeError(f"expected a pyarrow Table or pandas DataFrame, got {type(table).__name__}")


def _is_stringish(s: pd.Series) -> bool:
    if pd.api.types.is_string_dtype(s.dtype):
        return True
    if s.dtype == object:
        return all(isinstance(v, str) for v in s.dropna())
    return False


def _is_integer(s: pd.Series) -> bool:
    return pd.api.types.is_integer_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)


def _is_number(s: pd.Series) -> bool:
    return (pd.api.types.is_float_dtype(s.dtype) or _is_integer(s)) and not pd.api.types.is_bool_dtype(
        s.dtype
    )


def check_columns(df: pd.DataFrame, schema: pa.Schema, file: str) -> list[Problem]:
    """Missing columns and wrong dtypes: structural problems (the whole file is unusable)."""
    problems: list[Problem] = []
    missing = [f.name for f in schema if f.name not in df.columns]
    for name in missing:
        problems.append(Problem(file, f"column '{name}' is missing", name))
    for f in schema:
        if f.name not in df.columns:
            continue
        s = df[f.name]
        if s.isna().all():  # all-null column: reported as nulls, row by row
            continue
        if pa.types.is_string(f.type):
            ok = _is_stringish(s)
            want = "string"
        elif pa.types.is_integer(f.type):
            ok = _is_integer(s)
            want = "integer"
        elif pa.types.is_floating(f.type):
            ok = _is_number(s)
            want = "float (or integer)"
        elif pa.types.is_boolean(f.type):
            ok = pd.api.types.is_bool_dtype(s.dtype) or (
                s.dtype == object and all(isinstance(v, (bool, np.bool_)) for v in s.dropna())
            )
            want = "boolean"
        else:  # pragma: no cover - the contract uses only the types above
            ok, want = True, str(f.type)
        if not ok:
            problems.append(
                Problem(file, f"column '{f.name}' has dtype {s.dtype}, expected {want}", f.name)
            )
    return problems


class RowChecker:
    """Collects per-column bad-row masks and turns them into Problems."""

    def __init__(self, df: pd.DataFrame, file: str):
        self.df = df
        self.file = file
        self.bad = pd.Series(False, index=df.index)
        self.problems: list[Problem] = []

    def flag(self, mask: pd.Series, column: str | None, what: str) -> None:
        mask = pd.Series(mask, index=self.df.index).fillna(False).astype(bool)
        if not mask.any():
            return
        pos = np.flatnonzero(mask.to_numpy())
        col = f"column '{column}': " if column else ""
        self.problems.append(
            Problem(self.file, f"{col}{row_count(len(pos))} {what} ({row_list(pos)})", column)
        )
        self.bad |= mask

    def strings(self, columns: list[str], may_be_empty: AbstractSet[str] = frozenset()) -> None:
        for col in columns:
            s = self.df[col]
            self.flag(s.isna(), col, "null")
            text = s.fillna("").astype(str)
            limit = c.MAX_ID if col in ID_COLUMNS else c.MAX_TEXT
            self.flag(text.str.len() > limit, col, f"longer than {limit} characters")
            if col not in may_be_empty:
                self.flag(s.notna() & (text.str.strip() == ""), col, "empty")

