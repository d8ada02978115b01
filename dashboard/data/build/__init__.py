"""Build every Parquet file under ``datasets/`` from the raw files in ``datasets/raw``.

    python -m dashboard.data.build --raw datasets/raw --out datasets

Deterministic: the same raw files and content give byte-identical output (sorted rows, fixed schema, fixed
compression, no pandas metadata). The build validates the indicator content and what it wrote and exits non-zero
if either is invalid. It also regenerates ``datasets/README.md`` (contract + indicator table).

Modules: :mod:`.raw` reads the raw files, :mod:`.sources` turns them into rows per indicator (WDI, OWID, facts,
with their flag rules), :mod:`.assemble` builds the catalog and observations through the plausibility gate
(:mod:`.gate`), :mod:`.write` writes Parquet, :mod:`.readme` renders ``readme_template.md``,
:mod:`.pipeline` runs it all and :mod:`.__main__` is the CLI.
"""

from __future__ import annotations

from .assemble import build_checked, build_frames, load_exceptions, load_specs
from .pipeline import DEFAULT_OUT, DEFAULT_RAW, PROJECT_ROOT, build
from .raw import BuildError, Raw, read_raw
from .readme import render_readme
from .sources import PART_YEAR, fact_flag, fact_rows, owid_rows, short_title, source_tier, wdi_flag, wdi_rows
from .write import ROW_GROUP_SIZE, write_parquet

__all__ = [
    "BuildError", "DEFAULT_OUT", "DEFAULT_RAW", "PART_YEAR", "PROJECT_ROOT", "ROW_GROUP_SIZE", "Raw", "build",
    "build_checked", "build_frames", "load_exceptions", "fact_flag", "fact_rows", "load_specs", "owid_rows", "read_raw",
    "render_readme",
    "short_title", "source_tier", "wdi_flag", "wdi_rows", "write_parquet",
]
