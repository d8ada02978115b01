"""The whole build: raw files -> frames -> Parquet files and README in the output folder, validated."""

from __future__ import annotations

from pathlib import Path

from .. import contract as c
from ..validate import validate_dir
from .assemble import build_checked, load_specs
from .official import official_log
from .raw import BuildError, read_raw
from .readme import render_readme
from .write import write_parquet

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_RAW = PROJECT_ROOT / "datasets" / "raw"
DEFAULT_OUT = PROJECT_ROOT / "datasets"


def build(raw_dir: Path, out_dir: Path, readme: bool = True) -> list[Path]:
    """Build every file into ``out_dir``; return the paths written. Raises BuildError if invalid."""
    raw = read_raw(raw_dir)
    catalog, obs, gate_log = build_checked(raw)
    official = official_log(raw, load_specs())
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    path = out_dir / c.CATALOG_FILE
    write_parquet(catalog, c.CATALOG_SCHEMA, path)
    written.append(path)
    dims = catalog.set_index("indicator_id")["dimension"]
    obs_dim = obs["indicator_id"].map(dims)
    for dim in c.DIMENSIONS:
        path = out_dir / c.observation_file(dim)
        write_parquet(obs[obs_dim == dim], c.OBSERVATION_SCHEMA, path)
        written.append(path)
    if readme:
        path = out_dir / "README.md"
        path.write_text(render_readme(catalog, obs, gate_log, official), encoding="utf-8")
        written.append(path)
    problems = validate_dir(out_dir)
    if problems:
        raise BuildError("the build wrote invalid files:\n" + "\n".join(str(p) for p in problems))
    return written
