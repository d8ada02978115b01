"""Where the raw files are: the project's copy ``datasets/raw/`` or the shared ``../shared/data``.

Both have the same layout: ``facts/communique_facts.csv``, ``facts/paper_facts.csv``,
``raw/nbs_rd/*.csv``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
#: environment variable that, when set, names the raw directory (checked first)
RAW_ENV = "CHINA_DASH_RAW"


def raw_candidates() -> list[Path]:
    """Directories searched for the raw files, in order."""
    out = []
    if os.environ.get(RAW_ENV):
        out.append(Path(os.environ[RAW_ENV]))
    out += [PROJECT_ROOT / "datasets" / "raw", PROJECT_ROOT.parent / "shared" / "data"]
    return out


def find_raw_dir() -> Path:
    """The first candidate directory that holds ``raw/nbs_rd/`` and ``facts/``.

    Raises FileNotFoundError naming every directory tried.
    """
    tried = raw_candidates()
    for path in tried:
        if (path / "raw" / "nbs_rd").is_dir() and (path / "facts").is_dir():
            return path
    raise FileNotFoundError(
        "raw data not found; tried " + ", ".join(str(p) for p in tried)
        + f" (set {RAW_ENV} to the directory holding facts/ and raw/nbs_rd/)"
    )
