"""Command line of the build: ``python -m dashboard.data.build --raw datasets/raw --out datasets``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import DEFAULT_OUT, DEFAULT_RAW, build
from .raw import BuildError


def main(argv: list[str] | None = None) -> int:
    """Run the build; print the files written and return 0, or print the reason and return 1."""
    parser = argparse.ArgumentParser(description="Build datasets/*.parquet and datasets/README.md from raw files.")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help=f"raw data folder (default {DEFAULT_RAW})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README.md")
    args = parser.parse_args(argv)
    try:
        written = build(args.raw, args.out, readme=not args.no_readme)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    for p in written:
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
