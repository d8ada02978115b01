"""Data layer: contract, validation, in-memory store and the build of ``datasets/``."""

from .store import DataStore, load_store
from .validate import (
    Problem,
    read_parquet_file,
    validate_catalog,
    validate_dir,
    validate_observations,
)

__all__ = [
    "DataStore",
    "Problem",
    "load_store",
    "read_parquet_file",
    "validate_catalog",
    "validate_dir",
    "validate_observations",
]
