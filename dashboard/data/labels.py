"""Display labels of region, sector, flag and source codes: the one place the app turns a code into text.

The labels are content (``dashboard/content/labels.toml``), keyed by language:
``[en.*]`` and ``[zh.*]``; every function answers in the current language
(:func:`dashboard.data.i18n.get_lang`), English for a code the Chinese table lacks.

One fallback rule for a code with no label (a user's own data may bring new codes):
:func:`fallback_label` - underscores become spaces and the first letter is upper-cased, so
``other_x`` reads "Other x" and an ISO code such as ``XKX`` stays "XKX". It is the same in the
legend, the table, the CSV, the dropdowns and the overview cards.

Raises :class:`ContentError` at import if the file is malformed (names the file, table and key).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from dashboard.data.i18n import get_lang

LABELS_FILE = Path(__file__).resolve().parents[1] / "content" / "labels.toml"
LANGUAGE = "en"
TABLES = ("regions", "sectors", "flags", "sources")
_CODE_RE = re.compile(r"^[A-Za-z0-9_]{1,40}$")

#: Text marker of each non-observed flag in the data tables (the chart marker symbols are
#: ``figures.theme.FLAG_SYMBOLS``); "observed" values carry no marker.
FLAG_MARKS: Mapping[str, str] = MappingProxyType({
    "estimate": "○", "preliminary": "◇", "approximate": "◎", "lower_bound": "△", "upper_bound": "▽",
    "revised": "□", "weak_source": "✕",
})

#: Flags of values shown plainly, with no marker: published values and the final official figures.
PLAIN_FLAGS: frozenset[str] = frozenset({"observed", "final"})


class ContentError(ValueError):
    """A content file does not follow its schema; the message names the file, entry and field."""


def load_labels(path: Path = LABELS_FILE, language: str = LANGUAGE) -> dict[str, dict[str, str]]:
    """``{"regions": {code: label}, "sectors": {...}, "flags": {...}, "sources": {...}}`` of one
    language, file order.

    Raises :class:`ContentError` if a table is missing, a code is not ``[A-Za-z0-9_]`` or a
    label is not a non-empty string.
    """
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{path.name}: not valid TOML ({exc})") from exc
    lang = data.get(language)
    if not isinstance(lang, dict):
        raise ContentError(f"{path.name}: no [{language}.*] tables")
    out: dict[str, dict[str, str]] = {}
    for table in TABLES:
        rows = lang.get(table)
        if not isinstance(rows, dict) or not rows:
            raise ContentError(f"{path.name}: [{language}.{table}] is missing or empty")
        for code, label in rows.items():
            if not _CODE_RE.match(code):
                raise ContentError(f"{path.name}: [{language}.{table}] key '{code}' is not a code")
            if not isinstance(label, str) or not label.strip():
                raise ContentError(f"{path.name}: [{language}.{table}] {code}: label must be a non-empty string")
        out[table] = dict(rows)
    return out


_LABELS = load_labels()
_LABELS_BY_LANG: dict[str, dict[str, dict[str, str]]] = {"en": _LABELS, "zh": load_labels(language="zh")}

#: code -> label, in the order the app lists them (read-only views of the content file)
REGIONS: Mapping[str, str] = MappingProxyType(_LABELS["regions"])
SECTORS: Mapping[str, str] = MappingProxyType(_LABELS["sectors"])
FLAGS: Mapping[str, str] = MappingProxyType(_LABELS["flags"])


def _table(table: str) -> Mapping[str, str]:
    """A table of the current language (:func:`dashboard.data.i18n.get_lang`); a code missing
    there falls back to English, then to :func:`fallback_label`."""
    return _LABELS_BY_LANG.get(get_lang(), _LABELS)[table]


def fallback_label(code: str) -> str:
    """The label of a code the content file does not name: ``other_x`` -> "Other x", ``XKX`` -> "XKX"."""
    text = str(code).replace("_", " ")
    return text[:1].upper() + text[1:]


def region_name(code: str) -> str:
    """Display name of an ISO 3166 alpha-3 (or WLD/EUU) region code in the current language;
    unknown codes by the fallback rule."""
    return _table("regions").get(code) or REGIONS.get(code) or fallback_label(code)


def sector_name(code: str) -> str:
    """Display name of a sector code ("total" = no breakdown); unknown codes by the fallback rule."""
    return _table("sectors").get(code) or SECTORS.get(code) or fallback_label(code)


def flag_label(code: str) -> str:
    """What a data-quality flag means, e.g. "Preliminary figure, may be revised"."""
    return _table("flags").get(code) or FLAGS.get(code) or fallback_label(code)


def source_name(code: str) -> str:
    """Plain name of a source code, the leading word of a ``source_vintage`` as the break rule reads
    it (``"BULK"`` -> "World Bank country file", ``"official"`` -> "China's official statistics";
    :func:`dashboard.figures.segments.break_source`); unknown codes by the fallback rule."""
    return _table("sources").get(code) or _LABELS["sources"].get(code) or fallback_label(code)


def flag_short(code: str) -> str:
    """The flag's label up to its first comma, lower-cased (legend text under a chart)."""
    return flag_label(code).replace("，", ",").split(",")[0].lower()


def flag_mark(code: str) -> str:
    """The text marker of a flag in the data tables ("" for observed values)."""
    return FLAG_MARKS.get(code, "")


__all__ = [
    "ContentError", "FLAGS", "FLAG_MARKS", "PLAIN_FLAGS", "LANGUAGE", "REGIONS", "SECTORS", "fallback_label", "flag_label",
    "flag_mark", "flag_short", "load_labels", "region_name", "sector_name", "source_name",
]
