"""Raw inputs of the build: the files under ``datasets/raw`` read into data frames.

Which files (relative to the raw folder): ``raw/wdi_combined.csv`` and ``raw/wdi_selected.csv`` (World Bank WDI),
``raw/owid_energy_selected.csv`` (Our World in Data) and the facts files ``facts/paper_facts.csv`` and
``facts/communique_facts.csv`` (cited single figures, read by :func:`read_facts`); see
``datasets/raw/SOURCES.md`` for their provenance and licences.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..content import FACTS_FILES

#: columns of a facts file the build reads (the gathered files' ``quote`` column is never read)
FACT_COLUMNS = ["dimension", "indicator", "region", "sector", "year", "value", "unit", "source_title", "source_url"]


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
        **{f"facts_{name}": raw_dir / rel for name, rel in FACTS_FILES.items()},
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
        facts=read_facts(raw_dir),
    )


def read_facts(raw_dir: Path) -> pd.DataFrame:
    """Rows of every facts file of :data:`dashboard.data.content.FACTS_FILES`, one frame.

    Columns :data:`FACT_COLUMNS` plus ``file`` (the key of the file: ``paper`` or ``communique``), in file order
    then row order; the index is unique. The quote column is never read into the project. Missing files raise
    :class:`BuildError`.
    """
    frames = []
    for name, rel in FACTS_FILES.items():
        path = Path(raw_dir) / rel
        if not path.exists():
            raise BuildError(f"raw files missing: {path}")
        frames.append(pd.read_csv(path, usecols=FACT_COLUMNS).assign(file=name))
    return pd.concat(frames, ignore_index=True)

