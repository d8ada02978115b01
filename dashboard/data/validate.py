"""Validation of the Parquet files under ``datasets/`` against :mod:`dashboard.data.contract`.

Every check returns :class:`Problem` records instead of raising, so the app can load whatever is
valid and show the rest as a notice. Row numbers in messages are 0-based positions in the file.

* :func:`validate_catalog` / :func:`validate_observations` check one table and return its valid rows;
* :func:`read_parquet_file` reads one file (unreadable -> ``(None, [Problem])``);
* :func:`validate_dir` checks a whole directory; :func:`load_dir` does the same and also returns
  the valid frames (used by :mod:`dashboard.data.store`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import contract as c
from .checks import (
    CAT_COLUMNS,
    OBS_COLUMNS,
    REGION_RE,
    SHOW,
    SLUG_RE,
    STRING_CAT,
    STRING_OBS,
    Problem,
    RowChecker,
    check_columns,
    empty_observations,
    obs_dtypes,
    row_count,
    row_list,
    to_frame,
)

__all__ = [
    "Problem",
    "validate_catalog",
    "validate_observations",
    "read_parquet_file",
    "validate_dir",
    "load_dir",
    "empty_observations",
]

#: catalog text columns that may be empty
_MAY_BE_EMPTY = {"stack_sectors", "notes", "counterpart", "counterpart_note"}


def validate_observations(
    table: pa.Table | pd.DataFrame,
    file: str,
    catalog: pd.DataFrame | None = None,
    dimension: str | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check one observations table; return its valid rows (typed as the contract) and problems.

    Bad rows are dropped and reported; the whole table is rejected only when it is structurally
    broken (missing column, wrong dtype, unknown dimension) or empty.
    """
    try:
        df = to_frame(table)
    except Exception as exc:  # noqa: BLE001 - anything unreadable is a problem, not a crash
        return empty_observations(), [Problem(file, f"cannot be read as a table ({exc})")]
    if dimension is not None and dimension not in c.DIMENSIONS:
        return empty_observations(), [
            Problem(file, f"unknown dimension '{dimension}' (expected one of {', '.join(c.DIMENSIONS)})")
        ]
    problems = check_columns(df, c.OBSERVATION_SCHEMA, file)
    if problems:
        return empty_observations(), problems
    df = df[OBS_COLUMNS]
    if len(df) == 0:
        return empty_observations(), [Problem(file, "file has no rows")]

    rc = RowChecker(df, file)
    rc.strings(STRING_OBS)
    ids = df["indicator_id"].fillna("").astype(str)
    rc.flag(df["indicator_id"].notna() & ~ids.str.match(SLUG_RE.pattern), "indicator_id",
            "not a lower-case slug")
    reg = df["region"].fillna("").astype(str)
    subnational = reg.str.match(c.SUBNATIONAL_CODE_PATTERN)
    rc.flag(df["region"].notna() & ~subnational & ~reg.str.match(REGION_RE.pattern), "region",
            "not an upper-case three-letter code")
    rc.flag(subnational & ~reg.isin(list(c.subnational_regions())), "region",
            "not the ISO 3166-2:CN code of one of the 31 mainland provinces")
    sec = df["sector"].fillna("").astype(str)
    rc.flag(df["sector"].notna() & ~sec.str.match(SLUG_RE.pattern), "sector", "not a lower-case slug")
    flags = df["flag"].fillna("").astype(str)
    rc.flag(df["flag"].notna() & ~flags.isin(list(c.FLAGS)), "flag",
            f"not a known flag ({', '.join(c.FLAGS)})")

    year = pd.to_numeric(df["year"], errors="coerce")
    rc.flag(year.isna(), "year", "null")
    rc.flag(year.notna() & ((year < c.YEAR_MIN) | (year > c.YEAR_MAX)), "year",
            f"outside {c.YEAR_MIN}..{c.YEAR_MAX}")
    value = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    rc.flag(~np.isfinite(value.to_numpy()), "value", "NaN or infinite")

    if catalog is not None:
        cat_dims = catalog_dimensions(catalog)
        known = ids.isin(list(cat_dims))
        rc.flag(df["indicator_id"].notna() & ~known, "indicator_id", "not in the catalog")
        if dimension is not None:
            other = known & (ids.map(cat_dims) != dimension)
            rc.flag(other, "indicator_id", f"indicators of another dimension than '{dimension}'")
        geo = ids.map(_catalog_geographies(catalog)).fillna("country")
        rc.flag(known & (geo == "country") & subnational, "region",
                "a province code in an indicator whose catalog geography is 'country'")
        rc.flag(known & (geo == "province") & ~subnational & (reg != "CHN"), "region",
                "not a province code nor CHN in an indicator whose catalog geography is 'province'")

    good = df[~rc.bad]
    # duplicate keys among the remaining rows: drop every copy, report the keys
    dup = good.duplicated(list(c.OBSERVATION_KEY), keep=False)
    if dup.any():
        keys = good.loc[dup, list(c.OBSERVATION_KEY)].drop_duplicates()
        shown = "; ".join("/".join(str(v) for v in k) for k in keys.head(SHOW).itertuples(index=False))
        pos = np.flatnonzero(df.index.isin(good.index[dup]))
        rc.problems.append(
            Problem(
                file,
                f"{row_count(int(dup.sum()))} duplicates of {len(keys)} key(s) (indicator_id, region, "
                f"sector, year) and were all dropped ({row_list(pos)}; keys {shown})",
                "indicator_id",
            )
        )
        good = good[~dup]
    return obs_dtypes(good), rc.problems


def catalog_dimensions(catalog: pd.DataFrame) -> dict[str, str]:
    """indicator_id -> dimension of a catalog (ids from the column, else from the index)."""
    if "indicator_id" in catalog.columns:
        ids = catalog["indicator_id"]
    else:
        ids = pd.Series(catalog.index, index=catalog.index)
    return dict(zip(ids.astype(str), catalog["dimension"].astype(str)))


def _catalog_geographies(catalog: pd.DataFrame) -> dict[str, str]:
    """indicator_id -> geography (``country`` for a catalog without the column)."""
    ids = catalog["indicator_id"] if "indicator_id" in catalog.columns else pd.Series(catalog.index, index=catalog.index)
    geo = catalog["geography"] if "geography" in catalog.columns else pd.Series("country", index=catalog.index)
    return dict(zip(ids.astype(str), geo.astype(str)))


def with_catalog_defaults(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the columns of :data:`contract.CATALOG_DEFAULTS` it lacks added at their default
    (a catalog written before they existed reads as country indicators without counterpart)."""
    missing = {k: v for k, v in c.CATALOG_DEFAULTS.items() if k not in df.columns}
    return df.assign(**missing) if missing else df


def validate_catalog(
    table: pa.Table | pd.DataFrame, file: str = c.CATALOG_FILE
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check the catalog; return its valid rows indexed by indicator_id, and problems."""
    empty = _empty_catalog()
    try:
        df = to_frame(table)
    except Exception as exc:  # noqa: BLE001
        return empty, [Problem(file, f"cannot be read as a table ({exc})")]
    if "indicator_id" in df.columns:
        df = with_catalog_defaults(df)
    problems = check_columns(df, c.CATALOG_SCHEMA, file)
    if problems:
        return empty, problems
    df = df[CAT_COLUMNS]
    if len(df) == 0:
        return empty, [Problem(file, "file has no rows")]
    rc = RowChecker(df, file)
    rc.strings(STRING_CAT, _MAY_BE_EMPTY)
    ids = df["indicator_id"].fillna("").astype(str)
    rc.flag(df["indicator_id"].notna() & ~ids.str.match(SLUG_RE.pattern), "indicator_id",
            "not a lower-case slug")
    rc.flag(df["dimension"].notna() & ~df["dimension"].isin(list(c.DIMENSIONS)), "dimension",
            f"not a known dimension ({', '.join(c.DIMENSIONS)})")
    rc.flag(df["default_chart"].notna() & ~df["default_chart"].isin(list(c.CHART_KINDS)),
            "default_chart", f"not one of {', '.join(c.CHART_KINDS)}")
    dec = df["decimals"]
    rc.flag(dec.isna() | (dec < 0) | (dec > 10), "decimals", "outside 0..10")
    for col in ("has_sectors", "share_of_total", "headline"):
        rc.flag(df[col].isna(), col, "null")
    stack = df["stack_sectors"].fillna("").astype(str)
    bad_stack = stack.map(
        lambda s: bool(s) and not all(SLUG_RE.match(p.strip()) for p in s.split(","))
    )
    rc.flag(bad_stack, "stack_sectors", "not a comma-separated list of sector slugs")
    url = df["source_url"].fillna("").astype(str)
    rc.flag(df["source_url"].notna() & ~url.str.match(r"^https?://"), "source_url",
            "not an http(s) URL")
    rc.flag(df["geography"].notna() & ~df["geography"].isin(list(c.GEOGRAPHIES)), "geography",
            f"not one of {', '.join(c.GEOGRAPHIES)}")
    rc.flag(df["kind"].notna() & ~df["kind"].isin(list(c.INDICATOR_KINDS)), "kind",
            f"not one of {', '.join(c.INDICATOR_KINDS)}")
    _check_counterparts(df, rc)
    good = df[~rc.bad]
    dup = good.duplicated("indicator_id", keep=False)
    if dup.any():
        pos = np.flatnonzero(df.index.isin(good.index[dup]))
        keys = ", ".join(sorted(set(good.loc[dup, "indicator_id"].astype(str)))[:SHOW])
        rc.problems.append(
            Problem(file, f"column 'indicator_id': {row_count(int(dup.sum()))} duplicate ids and were "
                          f"dropped ({row_list(pos)}; ids {keys})", "indicator_id")
        )
        good = good[~dup]
    return _cat_dtypes(good), rc.problems


def _check_counterparts(df: pd.DataFrame, rc: RowChecker) -> None:
    """A counterpart is another indicator of the catalog, with the same unit, naming this one back, and
    comes with a note saying why the two differ; a note without a counterpart is an error too."""
    ids = df["indicator_id"].fillna("").astype(str)
    cp = df["counterpart"].fillna("").astype(str)
    note = df["counterpart_note"].fillna("").astype(str).str.strip()
    back = dict(zip(ids, cp))
    unit = dict(zip(ids, df["unit"].fillna("").astype(str)))
    has = cp != ""
    rc.flag(has & ((cp == ids) | ~cp.isin(set(ids))), "counterpart", "not another indicator of the catalog")
    known = has & cp.isin(set(ids)) & (cp != ids)
    rc.flag(known & (cp.map(back) != ids), "counterpart", "not mutual (the counterpart does not name this indicator)")
    rc.flag(known & (cp.map(unit) != df["unit"].fillna("").astype(str)), "counterpart",
            "has another unit (an overlay needs the same unit)")
    rc.flag(has != (note != ""), "counterpart_note", "must be given exactly when counterpart is")


def _cat_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for f in c.CATALOG_SCHEMA:
        s = df[f.name]
        if pa.types.is_string(f.type):
            out[f.name] = s.fillna("").astype("str")
        elif pa.types.is_integer(f.type):
            out[f.name] = s.astype("int32")
        else:
            out[f.name] = s.astype(bool)
    frame = pd.DataFrame(out)
    frame.index = pd.Index(frame["indicator_id"].to_numpy(), dtype="str")
    frame.index.name = None
    return frame


def _empty_catalog() -> pd.DataFrame:
    return _cat_dtypes(pd.DataFrame({col: [] for col in CAT_COLUMNS}))


def read_parquet_file(path: Path) -> tuple[pa.Table | None, list[Problem]]:
    """Read the contract columns of one Parquet file; never raises for a bad file."""
    path = Path(path)
    name = path.name
    try:
        schema = pq.read_schema(path)
        wanted = set(OBS_COLUMNS) | set(CAT_COLUMNS)
        columns = [n for n in schema.names if n in wanted]
        table = pq.read_table(path, columns=columns)
    except Exception as exc:  # noqa: BLE001 - every failure here means "not usable"
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return None, [Problem(name, f"is not a readable Parquet file ({reason})")]
    return table, []


def load_dir(data_dir: Path) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], list[Problem]]:
    """Read and validate every file of a data directory.

    Returns the valid catalog, the valid observations of each dimension present and every problem.
    Raises FileNotFoundError only when ``data_dir`` itself does not exist.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data directory {data_dir} does not exist (or is not a directory)")
    problems: list[Problem] = []
    catalog = _empty_catalog()
    cat_path = data_dir / c.CATALOG_FILE
    have_catalog = False
    if not cat_path.exists():
        problems.append(Problem(c.CATALOG_FILE, "catalog is missing: no indicator can be shown"))
    else:
        table, probs = read_parquet_file(cat_path)
        problems += probs
        if table is not None:
            catalog, probs = validate_catalog(table, c.CATALOG_FILE)
            problems += probs
            have_catalog = True

    frames: dict[str, pd.DataFrame] = {}
    expected = {c.observation_file(d): d for d in c.DIMENSIONS}
    for path in sorted(data_dir.glob("*.parquet")):
        if path.name == c.CATALOG_FILE:
            continue
        dim = expected.get(path.name)
        if dim is None:
            problems.append(Problem(path.name, "unexpected file (not a dimension of the contract), ignored"))
            continue
        table, probs = read_parquet_file(path)
        problems += probs
        if table is None:
            continue
        df, probs = validate_observations(
            table, path.name, catalog if have_catalog else None, dim
        )
        problems += probs
        frames[dim] = df
    for name, dim in expected.items():
        if not (data_dir / name).exists():
            problems.append(Problem(name, f"file is missing: dimension '{dim}' has no observations"))
    if have_catalog and len(catalog):
        seen = set()
        for df in frames.values():
            seen |= set(df["indicator_id"].unique())
        for ind in catalog.index:
            if ind not in seen:
                dim = catalog.at[ind, "dimension"]
                problems.append(
                    Problem(c.observation_file(dim), f"indicator '{ind}' of the catalog has no valid observations",
                            "indicator_id")
                )
    return catalog, frames, problems


def validate_dir(data_dir: Path) -> list[Problem]:
    """Every problem found in a data directory (empty list = valid)."""
    return load_dir(data_dir)[2]
