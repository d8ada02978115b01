"""Command line: ``python -m dashboard validate DIR`` and ``python -m dashboard serve [app.py flags]``.

``validate`` prints every problem of a data directory (one per line, ``file: message``) and
exits 1 if there is any, 0 if none, 2 if the directory does not exist. ``serve`` runs the
development server exactly as ``python app.py`` (defaults: 127.0.0.1, debug off).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(data_dir: Path) -> int:
    from dashboard.data import validate_dir

    try:
        problems = validate_dir(data_dir)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s) of {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: no problems", file=sys.stderr)
    return 0


def serve(argv: list[str]) -> int:
    """Run the development server with ``argv``'s flags (``app.py`` and ``python -m dashboard serve``)."""
    import logging

    from dashboard import Settings, create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_args(argv)
    app = create_app(settings)
    from dashboard.app_factory import warm_up

    warm_up(app)
    app.run(host=settings.host, port=settings.port, debug=settings.debug,
            dev_tools_disable_version_check=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a data directory against the data contract")
    v.add_argument("data_dir", type=Path, nargs="?", default=None,
                   help="folder of Parquet files (default: the shipped datasets/)")
    sub.add_parser("serve", help="run the development server (same flags as app.py)", add_help=False)
    sub.add_parser("i18n", help="message catalogs: extract | update | compile | check (Babel)", add_help=False)
    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    if argv[:1] == ["i18n"]:
        from dashboard.i18n_tool import main as i18n_main

        return i18n_main(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "validate":
        from dashboard.settings import DEFAULT_DATA_DIR

        return _validate(args.data_dir or DEFAULT_DATA_DIR)
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
