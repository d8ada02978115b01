"""Turn the browser suite's screenshots into the README screenshot ``docs/screenshot.png``.

Run the browser tests first (they save full-page shots into ``screenshots/``), then:

    python scripts/screenshots.py [--source structure-1440x900.png] [--width 1200]

The top 1440x900 of the chosen page (the first screen a visitor sees) is cropped and
resized with Pillow; without Pillow the full-page shot is copied unchanged.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "screenshots"
OUT = ROOT / "docs" / "screenshot.png"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default="structure-1440x900.png", help="file in screenshots/")
    ap.add_argument("--width", type=int, default=1200, help="width of the README image")
    ap.add_argument("--height", type=int, default=900, help="crop height of the first screen (px)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    src = SHOTS / args.source
    if not src.is_file():
        print(f"{src} not found: run `python -m pytest tests/browser` first", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(src, args.out)
        print(f"Pillow not installed: copied {src.name} to {args.out}")
        return 0
    with Image.open(src) as im:
        im = im.convert("RGB")
        im = im.crop((0, 0, im.width, min(im.height, args.height)))
        if im.width > args.width:
            im = im.resize((args.width, round(im.height * args.width / im.width)), Image.LANCZOS)
        im.save(args.out, optimize=True)
        size = im.size
    print(f"wrote {args.out.relative_to(ROOT)} ({size[0]}x{size[1]}) from {src.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
