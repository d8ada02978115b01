"""In-memory store of the shipped datasets, split per indicator for fast lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import contract as c
from .validate import Problem, empty_observations, load_dir

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
    _obs: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def indicators(self, dimension: str) -> pd.DataFrame:
        """Catalog rows of one dimension, in catalog order (empty if unknown)."""
        return self.catalog[self.catalog["dimension"] == dimension]

    def observations(self, indicator_id: str) -> pd.DataFrame:
        """All rows of one indicator sorted by region, sector, year (empty frame if unknown)."""
        df = self._obs.get(indicator_id)
        if df is None:
            return _empty_view()
        return df.copy(deep=False)

    def query(
        self,
        indicator_id: str,
        regions: Sequence[str] | None = None,
        sectors: Sequence[str] | None = None,
        years: tuple[int, int] | None = None,
    ) -> pd.DataFrame:
        """Subset of :meth:`observations`; ``years`` is an inclusive (first, last) range."""
        df = self._obs.get(indicator_id)
        if df is None:
            return _empty_view()
        mask = pd.Series(True, index=df.index)
        if regions is not None:
            mask &= df["region"].isin(list(regions))
        if sectors is not None:
            mask &= df["sector"].isin(list(sectors))
        if years is not None:
            lo, hi = years
            mask &= (df["year"] >= lo) & (df["year"] <= hi)
        return df[mask].reset_index(drop=True)

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


def load_store(data_dir: Path) -> DataStore:
    """Load and validate a data directory.

    Never raises for bad files: unreadable or invalid files are reported in ``problems`` and
    skipped, the valid rows of partly bad files are kept. Raises FileNotFoundError only if
    ``data_dir`` does not exist.
    """
    data_dir = Path(data_dir)
    catalog, frames, problems = load_dir(data_dir)
    obs: dict[str, pd.DataFrame] = {}
    if frames:
        allobs = pd.concat(list(frames.values()), ignore_index=True)
        allobs = allobs[allobs["indicator_id"].isin(list(catalog.index))]
        allobs = allobs.sort_values(["indicator_id", "region", "sector", "year"], kind="stable")
        for ind, grp in allobs.groupby("indicator_id", sort=False):
            obs[str(ind)] = grp[OBS_VIEW_COLUMNS].reset_index(drop=True)
    return DataStore(catalog=catalog, problems=problems, data_dir=data_dir, _obs=obs)
