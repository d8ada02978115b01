"""Raw inputs of the build: the files under ``datasets/raw`` read into data frames.

Which files (relative to the raw folder): ``raw/wdi_combined.csv`` and ``raw/wdi_selected.csv`` (World Bank WDI),
``raw/owid_energy_selected.csv`` (Our World in Data) and ``facts/paper_facts.csv`` (cited single figures); see
``datasets/raw/SOURCES.md`` for their provenance and licences.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd


class BuildError(RuntimeError):
    """The raw files or the indicator definitions do not produce valid output."""


@dataclass
class Raw:
    wdi: pd.DataFrame
    wdi_selected: pd.DataFrame
    owid: pd.DataFrame
    facts: pd.DataFrame
    #: the raw folder itself: the official series (build/official.py) read their files from it
    raw_dir: Path | None = None


def read_raw(raw_dir: Path) -> Raw:
    raw_dir = Path(raw_dir)
    files = {
        "wdi": raw_dir / "raw" / "wdi_combined.csv",
        "wdi_selected": raw_dir / "raw" / "wdi_selected.csv",
        "owid": raw_dir / "raw" / "owid_energy_selected.csv",
        "facts": raw_dir / "facts" / "paper_facts.csv",
    }
    missing = [str(p) for p in files.values() if not p.exists()]
    if missing:
        raise BuildError(f"raw files missing: {', '.join(missing)}")
    wdi_cols = ["indicator_code", "country_code", "year", "value", "source_id"]
    return Raw(
        raw_dir=raw_dir,
        wdi=pd.read_csv(files["wdi"], usecols=wdi_cols),
        wdi_selected=pd.read_csv(files["wdi_selected"], usecols=wdi_cols),
        owid=pd.read_csv(files["owid"]),
        # the quote column is never read into the project
        facts=pd.read_csv(
            files["facts"],
            usecols=["dimension", "indicator", "region", "sector", "year", "value", "unit",
                     "source_title", "source_url"],
        ),
    )

