"""Synthetic benchmark data that follows the data contract - NOT REAL DATA.

``python -m dashboard.data.synthetic --rows 10000000 --out DIR`` writes ``catalog.parquet`` and one
``<dimension>.parquet`` per dimension: synthetic provinces x sectors x years x as many indicators as
needed to reach ``--rows``. Every indicator name starts with ``SYNTHETIC`` and every source says
``Synthetic benchmark data — not real``, so nobody can mistake it for statistics. The output is
deterministic for a given ``--rows`` and ``--seed``.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from . import contract as c

__all__ = ["SOURCE", "NAME_PREFIX", "PROVINCES", "generate", "main"]

SOURCE = "Synthetic benchmark data — not real"
NAME_PREFIX = "SYNTHETIC"
VINTAGE = "synthetic-benchmark"

#: Synthetic three-letter codes standing for China's 31 provincial units (contract: ^[A-Z]{3}$).
PROVINCES: tuple[str, ...] = (
    "BEJ", "TJN", "HEB", "SXI", "NMG", "LIA", "JIL", "HLJ", "SHH", "JSU", "ZHJ", "ANH", "FUJ", "JXI", "SHD",
    "HEN", "HUB", "HUN", "GUD", "GXI", "HAI", "CHQ", "SCH", "GZH", "YUN", "XIZ", "SHA", "GAN", "QIN", "NXA",
    "XJG",
)
REGIONS: tuple[str, ...] = ("CHN",) + PROVINCES
SECTORS: tuple[str, ...] = tuple(c.SECTOR_LABELS)
FIRST_YEAR, LAST_YEAR = 1950, 2023
STACKS = ("primary,secondary,tertiary", "coal,gas,oil,nuclear,hydro,wind,solar,bioenergy,other_renewables", "")
FLAG_CODES = ("observed", "estimate", "preliminary")


def _grid(rows: int) -> tuple[int, int, int]:
    """(indicators, regions, years) so that indicators x regions x sectors x years >= rows."""
    n_sec = len(SECTORS)
    years = LAST_YEAR - FIRST_YEAR + 1
    regions = len(REGIONS)
    n_dim = len(c.DIMENSIONS)
    # small outputs: fewer years, then fewer regions, but always one indicator per dimension
    while n_dim * regions * n_sec * years > rows and years > 5:
        years -= 1
    while n_dim * regions * n_sec * years > rows and regions > 2:
        regions -= 1
    per = regions * n_sec * years
    return max(n_dim, math.ceil(rows / per)), regions, years


def _catalog(n_ind: int) -> pa.Table:
    ids, dims, groups, names, stacks, charts, heads = [], [], [], [], [], [], []
    for i in range(n_ind):
        dim = c.DIMENSIONS[i % len(c.DIMENSIONS)]
        ids.append(f"synthetic_{i:05d}")
        dims.append(dim)
        groups.append(f"{NAME_PREFIX} group {i // 50:02d}")
        names.append(f"{NAME_PREFIX} indicator {i:05d}")
        stacks.append(STACKS[i % len(STACKS)])
        charts.append("bar" if i % 7 == 3 else "line")
        heads.append(i < len(c.DIMENSIONS))
    n = n_ind
    cols = {
        "indicator_id": ids,
        "dimension": dims,
        "group": groups,
        "name": names,
        "unit": ["index points"] * n,
        "definition": [f"{NAME_PREFIX}: random-walk numbers generated for load testing. Not real data."] * n,
        "source": [SOURCE] * n,
        "source_url": ["https://example.invalid/synthetic"] * n,
        "source_codes": ["SYNTHETIC"] * n,
        "licence": ["CC0 (synthetic)"] * n,
        "decimals": [1] * n,
        "default_chart": charts,
        "has_sectors": [True] * n,
        "stack_sectors": stacks,
        "share_of_total": [s != "" for s in stacks],
        "headline": heads,
        "notes": ["Synthetic benchmark data — not real."] * n,
        **{k: [v] * n for k, v in c.CATALOG_DEFAULTS.items()},
    }
    return pa.Table.from_pydict(cols, schema=c.CATALOG_SCHEMA)


def _dict_col(codes: np.ndarray, values: tuple[str, ...] | list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype("int32")), pa.array(list(values))).cast(pa.string())


def generate(rows: int, out: Path, seed: int = 42, row_group_size: int = 131_072) -> dict:
    """Write a synthetic data directory of about ``rows`` observations; returns a summary."""
    if rows < 1:
        raise ValueError("rows must be positive")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    n_ind, n_reg, n_years = _grid(rows)
    n_sec = len(SECTORS)
    catalog = _catalog(n_ind)
    pq.write_table(catalog, out / c.CATALOG_FILE, compression="zstd")
    rng = np.random.default_rng(seed)
    per = n_reg * n_sec * n_years
    years = np.arange(LAST_YEAR - n_years + 1, LAST_YEAR + 1, dtype="int32")
    # one indicator block in (region, sector, year) order
    reg_idx = np.repeat(np.arange(n_reg, dtype="int32"), n_sec * n_years)
    sec_idx = np.tile(np.repeat(np.arange(n_sec, dtype="int32"), n_years), n_reg)
    year_col = np.tile(years, n_reg * n_sec)
    total = 0
    written = {}
    for d_i, dim in enumerate(c.DIMENSIONS):
        inds = list(range(d_i, n_ind, len(c.DIMENSIONS)))
        # drop the tail so the whole directory holds exactly ``rows`` rows (when rows >= one block each)
        blocks = []
        for i in inds:
            start = i * per
            take = min(per, max(0, rows - start)) if rows >= len(c.DIMENSIONS) * per else per
            if take > 0:
                blocks.append((i, take))
        if not blocks:
            blocks = [(inds[0], per)]
        n = sum(t for _, t in blocks)
        ind_codes = np.concatenate([np.full(t, k, dtype="int32") for k, (_, t) in enumerate(blocks)])
        regs = np.concatenate([reg_idx[:t] for _, t in blocks])
        secs = np.concatenate([sec_idx[:t] for _, t in blocks])
        yrs = np.concatenate([year_col[:t] for _, t in blocks])
        # random walk per series (each series is n_years contiguous rows): level * exp(cumulative growth)
        m = math.ceil(n / n_years)
        walk = np.cumsum(rng.normal(0.03, 0.05, size=(m, n_years)), axis=1)
        values = (rng.uniform(1.0, 1000.0, size=(m, 1)) * np.exp(walk)).ravel()[:n]
        flags = (rng.random(n) < 0.05).astype("int32") + (rng.random(n) < 0.01).astype("int32")
        table = pa.table(
            {
                "indicator_id": _dict_col(ind_codes, [f"synthetic_{i:05d}" for i, _ in blocks]),
                "region": _dict_col(regs, REGIONS[:n_reg]),
                "sector": _dict_col(secs, SECTORS),
                "year": pa.array(yrs, type=pa.int32()),
                "value": pa.array(values.astype("float64")),
                "flag": _dict_col(flags, FLAG_CODES),
                "source_vintage": _dict_col(np.zeros(n, dtype="int32"), [VINTAGE]),
            },
            schema=c.OBSERVATION_SCHEMA,
        )
        pq.write_table(table, out / c.observation_file(dim), compression="zstd", row_group_size=row_group_size)
        written[dim] = n
        total += n
    return {"rows": total, "indicators": n_ind, "regions": n_reg, "sectors": n_sec, "years": n_years,
            "per_dimension": written, "out": str(out)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.data.synthetic",
                                description="Write a SYNTHETIC (not real) data directory for benchmarks.")
    p.add_argument("--rows", type=int, default=1_000_000, help="about how many observations (default 1e6)")
    p.add_argument("--out", type=Path, required=True, help="output directory")
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    info = generate(args.rows, args.out, seed=args.seed)
    print(f"wrote {info['rows']:,} SYNTHETIC rows ({info['indicators']} indicators x {info['regions']} regions x "
          f"{info['sectors']} sectors x {info['years']} years) to {info['out']} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
