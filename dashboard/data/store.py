"""In-memory store of the shipped datasets, split per indicator for fast lookups.

Two loading paths, chosen by the row count in the Parquet footers (see docs/performance.md):

* small data (the shipped ~26k rows, up to ``LARGE_ROWS``): the pandas validation of
  :mod:`dashboard.data.validate`, then one pandas frame per indicator, all built at start-up;
* large data: files are read as dictionary-encoded Arrow columns and checked with vectorised
  Arrow/NumPy operations on the distinct values (same rules as the validator; a file that fails any
  check falls back to the pandas validator so the problems are reported exactly as before), sorted once
  by an integer key, and kept as one Arrow table. Per-indicator pandas frames are cut from it on first
  use and kept in a bounded LRU, so memory stays near the size of the encoded table.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import contract as c
from .validate import (
    REGION_RE,
    SLUG_RE,
    Problem,
    catalog_dimensions,
    empty_observations,
    load_dir,
    read_parquet_file,
    validate_catalog,
)

#: above this many observation rows, load_store takes the Arrow path (measured: docs/performance.md)
LARGE_ROWS = 1_000_000
#: per-indicator pandas frames kept at once on the Arrow path
FRAME_CACHE = 64

__all__ = ["DataStore", "load_store", "OBS_VIEW_COLUMNS"]

#: columns of the frames returned by observations() / query()
OBS_VIEW_COLUMNS = ["region", "sector", "year", "value", "flag", "source_vintage"]


def _empty_view() -> pd.DataFrame:
    return empty_observations()[OBS_VIEW_COLUMNS]


@dataclass
class DataStore:
    """Validated catalog plus observations, one small frame per indicator.

    Frames returned by :meth:`observations` and :meth:`query` are shallow copies: with pandas 3
    copy-on-write, changing them never changes the store.
    """

    catalog: pd.DataFrame
    problems: list[Problem]
    data_dir: Path
    _obs: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def indicators(self, dimension: str | None, geography: str = "country") -> pd.DataFrame:
        """Catalog rows of one dimension and geography, in catalog order (empty if unknown).

        ``geography``: ``country`` (default: what the dimension pages offer in their country picker) or
        ``province`` (China's provincial indicators, regions CN-XX and CHN); see ``contract.GEOGRAPHIES``.
        ``dimension=None`` means every dimension (e.g. all provincial indicators). A catalog without the
        ``geography`` column reads as all ``country``. Memoised per (dimension, geography): callbacks ask
        on every request and the catalog never changes.
        """
        cache = self.__dict__.setdefault("_by_dimension", {})
        if (dimension is not None and not isinstance(dimension, str)) or not isinstance(geography, str):
            return self.catalog.iloc[0:0]
        key = (dimension, geography)
        rows = cache.get(key)
        if rows is None:
            geo = self.catalog["geography"] if "geography" in self.catalog.columns else "country"
            mask = geo == geography
            if dimension is not None:
                mask = mask & (self.catalog["dimension"] == dimension)
            rows = self.catalog[mask] if not isinstance(mask, bool) else self.catalog.iloc[0:0]
            if (dimension is None or dimension in c.DIMENSIONS) and geography in c.GEOGRAPHIES:
                cache[key] = rows
        return rows

    @property
    def in_memory(self) -> bool:
        """True when every indicator's frame is held in memory; False for a store too large for that,
        whose frames are cut lazily from one Arrow table (above :data:`LARGE_ROWS` rows)."""
        return isinstance(self._obs, dict)

    def observations(self, indicator_id: str) -> pd.DataFrame:
        """All rows of one indicator sorted by region, sector, year (empty frame if unknown)."""
        df = self._obs.get(indicator_id)
        if df is None:
            return _empty_view()
        return df.copy(deep=False)

    def query(self, indicator_id: str, regions: Sequence[str] | None = None, sectors: Sequence[str] | None = None,
              years: tuple[int, int] | None = None) -> pd.DataFrame:
        """Subset of :meth:`observations`; ``years`` is an inclusive (first, last) range."""
        df = self._obs.get(indicator_id)
        if df is None:
            return _empty_view()
        # the charts' query: whole series, found through the series' row ranges (the frame is
        # sorted by region, sector, year) instead of masks over every row
        ranges = self._ranges(indicator_id, df, regions, sectors) if years is None else None
        if ranges is not None:
            return df.take(_positions(ranges)).reset_index(drop=True)
        mask = pd.Series(True, index=df.index)
        if regions is not None:
            mask &= df["region"].isin(list(regions))
        if sectors is not None:
            mask &= df["sector"].isin(list(sectors))
        if years is not None:
            lo, hi = years
            mask &= (df["year"] >= lo) & (df["year"] <= hi)
        return df[mask].reset_index(drop=True)

    def series_lists(self, indicator_id: str, regions: Sequence[str],
                     sectors: Sequence[str]) -> dict[str, list] | None:
        """The rows ``query(indicator_id, regions, sectors)`` returns (same rows, same order: by
        region, sector, year), as plain Python lists by column of :data:`OBS_VIEW_COLUMNS` (``year``
        ints, ``value`` floats, the others str). None for an unknown indicator or a frame whose
        series' rows are not contiguous (then use :meth:`query`).

        For the charts' small selections, where a pandas operation costs far more than the work
        (issue 14). An in-memory store keeps each indicator's columns as lists once asked (the
        stored rows, independent of any view); a large store cuts them from the frame each call.
        """
        df = self._obs.get(indicator_id)
        ranges = None if df is None else self._ranges(indicator_id, df, regions, sectors)
        if df is None or ranges is None:
            return None
        if not self.in_memory:
            part = df.take(_positions(ranges))
            return {col: part[col].tolist() for col in OBS_VIEW_COLUMNS}
        cache = self.__dict__.setdefault("_lists", {})
        hit = cache.get(indicator_id)
        if hit is None or hit[0] is not df:
            hit = cache[indicator_id] = (df, {col: df[col].tolist() for col in OBS_VIEW_COLUMNS})
        if len(ranges) == 1:
            return {col: values[ranges[0][0]:ranges[0][1]] for col, values in hit[1].items()}
        return {col: [v for lo, hi in ranges for v in values[lo:hi]] for col, values in hit[1].items()}

    def _ranges(self, indicator_id: str, df: pd.DataFrame, regions: Sequence[str] | None,
                sectors: Sequence[str] | None) -> list[tuple[int, int]] | None:
        """Row ranges of the series of ``regions`` x ``sectors`` in row order (None: a list not given, or not contiguous)."""
        spans = self._series_spans(indicator_id, df) if regions is not None and sectors is not None else None
        if spans is None:
            return None
        wanted, keep = set(regions or ()), set(sectors or ())
        return [spans[key] for key in spans if key[0] in wanted and key[1] in keep]

    def _series_spans(self, indicator_id: str, df: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int]] | None:
        """``{(region, sector): (first row, end row)}`` of one indicator's frame (sorted by region,
        sector, year), in row order; None if a series' rows are not contiguous. Memoised per frame
        (a large store's frames come and go)."""
        cache = self.__dict__.setdefault("_spans", {})
        hit = cache.get(indicator_id)
        if hit is not None and hit[0] is df:
            return hit[1]
        spans: dict[tuple[str, str], tuple[int, int]] = {}
        contiguous, last = True, None
        for i, key in enumerate(zip(df["region"].tolist(), df["sector"].tolist())):
            if key == last:
                spans[key] = (spans[key][0], i + 1)
                continue
            if key in spans:  # a series' rows are split: not sorted by series, use the mask path
                contiguous = False
                break
            spans[key], last = (i, i + 1), key
        result = spans if contiguous else None
        cache[indicator_id] = (df, result)
        return result

    def regions(self, indicator_id: str) -> list[str]:
        """Regions with data: China first, then contract.REGIONS order, then others sorted."""
        df = self._obs.get(indicator_id)
        if df is None:
            return []
        have = set(df["region"].unique())
        order = ["CHN"] + [r for r in c.REGIONS if r != "CHN"]
        known = [r for r in order if r in have]
        return known + sorted(have - set(known))

    def sectors(self, indicator_id: str) -> list[str]:
        """Sectors with data: catalog stack order, then contract.SECTOR_LABELS order, then others."""
        df = self._obs.get(indicator_id)
        if df is None:
            return []
        have = set(df["sector"].unique())
        order: list[str] = []
        if indicator_id in self.catalog.index:
            stack = str(self.catalog.at[indicator_id, "stack_sectors"])
            order = [s.strip() for s in stack.split(",") if s.strip()]
        order += [s for s in c.SECTOR_LABELS if s not in order]
        known = [s for s in order if s in have]
        return known + sorted(have - set(known))

    def year_range(self, indicator_id: str) -> tuple[int, int] | None:
        df = self._obs.get(indicator_id)
        if df is None or df.empty:
            return None
        return int(df["year"].min()), int(df["year"].max())


def _positions(ranges: list[tuple[int, int]]) -> np.ndarray:
    return np.concatenate([np.arange(lo, hi) for lo, hi in ranges]) if ranges else np.arange(0)


class _ArrowFrames(Mapping):
    """Per-indicator frames cut lazily from one Arrow table sorted by indicator, region, sector, year."""

    def __init__(self, table: pa.Table, bounds: dict[str, tuple[int, int]], size: int = FRAME_CACHE):
        self._table = table
        self._bounds = bounds
        self._size = size
        self._lru: OrderedDict[str, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> pd.DataFrame:
        with self._lock:
            df = self._lru.get(key)
            if df is not None:
                self._lru.move_to_end(key)
                return df
        lo, hi = self._bounds[key]  # KeyError for unknown indicators, as a dict
        part = self._table.slice(lo, hi - lo).select(OBS_VIEW_COLUMNS)
        cols = {}
        for name in OBS_VIEW_COLUMNS:
            col = part.column(name)
            if pa.types.is_dictionary(col.type):
                col = col.cast(pa.string())
            cols[name] = col.to_pandas()
        df = pd.DataFrame(cols)
        df = df.astype({"year": "int32", "value": "float64"})
        with self._lock:
            self._lru[key] = df
            while len(self._lru) > self._size:
                self._lru.popitem(last=False)
        return df

    def __iter__(self):
        return iter(self._bounds)

    def __len__(self) -> int:
        return len(self._bounds)

    def __contains__(self, key) -> bool:
        return key in self._bounds


_STR_OBS = ["indicator_id", "region", "sector", "flag", "source_vintage"]


def _fast_check(table: pa.Table, dimension: str, cat_dims: dict[str, str]) -> pa.Table | None:
    """The validator's rules, vectorised over distinct values; None if anything is off (then the
    pandas validator runs and reports the exact problems)."""
    want = {f.name: f.type for f in c.OBSERVATION_SCHEMA}
    if set(table.column_names) != set(want) or table.num_rows == 0:
        return None
    for name, typ in want.items():
        col = table.column(name)
        t = col.type.value_type if pa.types.is_dictionary(col.type) else col.type
        if t != typ or col.null_count:
            return None
    table = table.unify_dictionaries().combine_chunks()
    for name in _STR_OBS:
        col = table.column(name)
        if not pa.types.is_dictionary(col.type):
            return None
        values = col.chunk(0).dictionary if col.num_chunks else pa.array([], pa.string())
        vals = values.to_pylist()
        limit = c.MAX_ID if name != "source_vintage" else c.MAX_TEXT
        if any(len(v) > limit or not v.strip() for v in vals):
            return None
        if name in ("indicator_id", "sector") and not all(SLUG_RE.match(v) for v in vals):
            return None
        if name == "region" and not all(REGION_RE.match(v) for v in vals):
            return None  # province codes too: the pandas validator checks them against the catalog geography
        if name == "flag" and not set(vals) <= set(c.FLAGS):
            return None
        if name == "indicator_id" and not all(cat_dims.get(v) == dimension for v in vals):
            return None
    years = pc.min_max(table.column("year"))
    if years["min"].as_py() < c.YEAR_MIN or years["max"].as_py() > c.YEAR_MAX:
        return None
    if not pc.all(pc.is_finite(table.column("value"))).as_py():
        return None
    return table


def _ranks(col: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Per-row rank of each value in sorted order, and the sorted distinct values."""
    arr = col.chunk(0)
    values = arr.dictionary.to_pylist()
    order = np.argsort(np.array(values, dtype=object), kind="stable")
    rank_of_code = np.empty(len(values), dtype=np.int64)
    rank_of_code[order] = np.arange(len(values))
    codes = arr.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return rank_of_code[codes], [values[i] for i in order]


def _load_large(data_dir: Path) -> DataStore | None:
    """Arrow path; None when any file needs the pandas validator (then load_dir runs)."""
    problems: list[Problem] = []
    cat_path = data_dir / c.CATALOG_FILE
    if not cat_path.exists():
        return None
    table, probs = read_parquet_file(cat_path)
    if table is None or probs:
        return None
    catalog, probs = validate_catalog(table, c.CATALOG_FILE)
    if probs:
        return None
    cat_dims = catalog_dimensions(catalog)
    tables = []
    for path in sorted(data_dir.glob("*.parquet")):
        if path.name == c.CATALOG_FILE:
            continue
        dims = {c.observation_file(d): d for d in c.DIMENSIONS}
        if path.name not in dims:
            return None
        try:
            t = pq.read_table(path, columns=list(c.OBSERVATION_SCHEMA.names), read_dictionary=_STR_OBS)
        except Exception:  # noqa: BLE001 - the pandas path reports it
            return None
        t = _fast_check(t, dims[path.name], cat_dims)
        if t is None:
            return None
        tables.append(t)
    if len(tables) != len(c.DIMENSIONS):
        return None
    allobs = pa.concat_tables(tables, promote_options="permissive").unify_dictionaries().combine_chunks()
    del tables
    ind, ind_values = _ranks(allobs.column("indicator_id"))
    reg, reg_values = _ranks(allobs.column("region"))
    sec, sec_values = _ranks(allobs.column("sector"))
    year = allobs.column("year").to_numpy().astype(np.int64) - c.YEAR_MIN
    span = c.YEAR_MAX - c.YEAR_MIN + 1
    key = ((ind * len(reg_values) + reg) * len(sec_values) + sec) * span + year
    order = np.argsort(key, kind="stable")
    skey = key[order]
    if len(skey) > 1 and bool(np.any(skey[1:] == skey[:-1])):
        return None  # duplicate keys: the pandas validator drops and reports them
    allobs = allobs.take(pa.array(order))
    sind = ind[order]
    del key, skey, order, reg, sec, year
    pa.default_memory_pool().release_unused()  # give the copies made while sorting back to the OS
    starts = np.searchsorted(sind, np.arange(len(ind_values)), side="left")
    ends = np.searchsorted(sind, np.arange(len(ind_values)), side="right")
    bounds = {v: (int(a), int(b)) for v, a, b in zip(ind_values, starts, ends) if b > a and v in catalog.index}
    for i in catalog.index:
        if i not in bounds:
            dim = catalog.at[i, "dimension"]
            problems.append(Problem(c.observation_file(dim), f"indicator '{i}' of the catalog has no valid "
                                    "observations", "indicator_id"))
    return DataStore(catalog=catalog, problems=problems, data_dir=data_dir, _obs=_ArrowFrames(allobs, bounds))


def _row_count(data_dir: Path) -> int:
    n = 0
    for path in data_dir.glob("*.parquet"):
        if path.name == c.CATALOG_FILE:
            continue
        try:
            n += pq.ParquetFile(path).metadata.num_rows
        except Exception:  # noqa: BLE001 - unreadable: the validator reports it
            pass
    return n


def load_store(data_dir: Path) -> DataStore:
    """Load and validate a data directory.

    Never raises for bad files: unreadable or invalid files are reported in ``problems`` and
    skipped, the valid rows of partly bad files are kept. Raises FileNotFoundError only if
    ``data_dir`` does not exist.
    """
    data_dir = Path(data_dir)
    if data_dir.is_dir() and _row_count(data_dir) > LARGE_ROWS:
        store = _load_large(data_dir)
        if store is not None:
            return store
    catalog, frames, problems = load_dir(data_dir)
    obs: dict[str, pd.DataFrame] = {}
    if frames:
        allobs = pd.concat(list(frames.values()), ignore_index=True)
        allobs = allobs[allobs["indicator_id"].isin(list(catalog.index))]
        allobs = allobs.sort_values(["indicator_id", "region", "sector", "year"], kind="stable")
        for ind, grp in allobs.groupby("indicator_id", sort=False):
            obs[str(ind)] = grp[OBS_VIEW_COLUMNS].reset_index(drop=True)
    return DataStore(catalog=catalog, problems=problems, data_dir=data_dir, _obs=obs)
