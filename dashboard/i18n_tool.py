"""``python -m dashboard i18n {extract,update,compile,check}``: the message catalogs, with Babel.

- ``extract``: every ``_("...")`` / ``N_("...")`` of the app (``babel.cfg``) -> ``dashboard/locale/messages.pot``
  (same as ``pybabel extract -F babel.cfg -k N_ -o dashboard/locale/messages.pot --omit-header .``);
- ``update``: extract, then merge the template into each ``<lang>/LC_MESSAGES/messages.po``
  (new strings arrive untranslated; changed ones are marked fuzzy, as ``pybabel update`` does);
- ``compile``: write ``messages.mo`` next to each ``.po`` (optional: the app reads the ``.po``);
- ``check``: exit 1 and list every extracted string without a non-fuzzy translation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dashboard.data.i18n import LANGS, LOCALE_DIR, po_path

ROOT = Path(__file__).resolve().parents[1]
POT = LOCALE_DIR / "messages.pot"
KEYWORDS = {"_": None, "N_": None, "gettext": None}


def extract() -> Catalog:
    """The template catalog of every marked string under ``dashboard/`` (file order, no line numbers)."""
    method_map = [("dashboard/**.py", "python")]
    catalog = Catalog(project="china-industrial-upgrading-dashboard", charset="utf-8")
    for filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map=method_map, keywords=KEYWORDS):
        if not filename.startswith("dashboard/") and not filename.startswith("dashboard\\"):
            continue
        catalog.add(message, None, [(filename, 0)], context=context)
    return catalog


def missing(lang: str = "zh") -> list[str]:
    """Extracted msgids without a non-empty, non-fuzzy translation in ``lang``'s catalog."""
    path = po_path(lang)
    translated: dict[str, str] = {}
    if path.is_file():
        with open(path, "rb") as fh:
            for m in read_po(fh, locale=lang):
                if m.id and isinstance(m.string, str) and m.string and not m.fuzzy:
                    translated[str(m.id)] = m.string
    return [str(m.id) for m in extract() if m.id and str(m.id) not in translated]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard i18n", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.action in ("extract", "update"):
        template = extract()
        POT.parent.mkdir(parents=True, exist_ok=True)
        with open(POT, "wb") as fh:
            write_po(fh, template, omit_header=True, no_location=True, sort_output=False)
        print(f"{len(template)} messages -> {POT.relative_to(ROOT)}")
        if args.action == "update":
            for lang in LANGS[1:]:
                path = po_path(lang)
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.is_file():
                    with open(path, "rb") as fh:
                        catalog = read_po(fh, locale=lang)
                else:
                    catalog = Catalog(locale=lang, charset="utf-8")
                catalog.update(template, no_fuzzy_matching=False)
                with open(path, "wb") as fh:
                    write_po(fh, catalog, omit_header=False, no_location=True, ignore_obsolete=True)
                print(f"updated {path.relative_to(ROOT)}")
    if args.action == "compile":
        for lang in LANGS[1:]:
            with open(po_path(lang), "rb") as fh:
                catalog = read_po(fh, locale=lang)
            with open(po_path(lang).with_suffix(".mo"), "wb") as fh:
                write_mo(fh, catalog)
            print(f"compiled {po_path(lang).with_suffix('.mo').relative_to(ROOT)}")
    if args.action == "check":
        bad = {lang: missing(lang) for lang in LANGS[1:]}
        for lang, msgs in bad.items():
            for m in msgs:
                print(f"{lang}: untranslated: {m!r}")
        return 1 if any(bad.values()) else 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
