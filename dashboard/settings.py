"""Runtime configuration from command-line flags and environment variables.

Precedence: CLI flag > environment variable > default. Defaults are the safe ones:
bind to 127.0.0.1, debug off, the shipped ``datasets/`` folder, a render cache on the local
filesystem (``dashboard/cache.py``; Redis when ``DASHBOARD_CACHE_REDIS_URL`` is set).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "datasets"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, got {raw!r}")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8050
    data_dir: Path = field(default=DEFAULT_DATA_DIR)
    debug: bool = False
    cache_seconds: int = 3600
    cache_dir: Path | None = None
    cache_threshold: int = 2000
    cache_redis_url: str | None = None

    def __post_init__(self) -> None:
        if not (0 < self.port < 65536):
            raise ValueError(f"port must be between 1 and 65535, got {self.port}")
        if self.cache_seconds < 0:
            raise ValueError(f"DASHBOARD_CACHE_SECONDS must be >= 0 (0 turns the render cache off), "
                             f"got {self.cache_seconds}")
        if self.cache_threshold < 1:
            raise ValueError(f"DASHBOARD_CACHE_THRESHOLD must be >= 1, got {self.cache_threshold}")
        if self.cache_redis_url is not None and not self.cache_redis_url.startswith(_REDIS_SCHEMES):
            raise ValueError("DASHBOARD_CACHE_REDIS_URL must start with one of "
                             f"{', '.join(_REDIS_SCHEMES)} (e.g. redis://127.0.0.1:6379/0)")

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            host=os.environ.get("DASHBOARD_HOST", "127.0.0.1"),
            port=_env_int("DASHBOARD_PORT", 8050),
            data_dir=Path(os.environ.get("DASHBOARD_DATA_DIR") or DEFAULT_DATA_DIR),
            debug=_env_bool("DASHBOARD_DEBUG", False),
            cache_seconds=_env_int("DASHBOARD_CACHE_SECONDS", 3600),
            cache_dir=Path(os.environ["DASHBOARD_CACHE_DIR"]) if os.environ.get("DASHBOARD_CACHE_DIR") else None,
            cache_threshold=_env_int("DASHBOARD_CACHE_THRESHOLD", 2000),
            cache_redis_url=os.environ.get("DASHBOARD_CACHE_REDIS_URL") or None,
        )

    @classmethod
    def from_args(cls, argv: list[str] | None = None) -> Settings:
        env = cls.from_env()
        parser = argparse.ArgumentParser(
            prog="app.py",
            description="China industrial transformation and upgrading dashboard",
        )
        parser.add_argument("--host", default=env.host, help="interface to bind (default 127.0.0.1; env DASHBOARD_HOST)")
        parser.add_argument("--port", type=int, default=env.port, help="port (default 8050; env DASHBOARD_PORT)")
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=env.data_dir,
            help="folder of Parquet files that follow the data contract (default: shipped datasets/; env DASHBOARD_DATA_DIR)",
        )
        parser.add_argument(
            "--debug",
            action=argparse.BooleanOptionalAction,
            default=env.debug,
            help="Dash debug mode: never on a network (default off; env DASHBOARD_DEBUG)",
        )
        args = parser.parse_args(argv)
        return dataclasses.replace(env, host=args.host, port=args.port, data_dir=args.data_dir, debug=args.debug)
