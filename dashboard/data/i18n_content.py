"""Chinese content of the catalog: ``dashboard/content/i18n/indicators.zh.toml``.

The indicator files stay English (the build's input); the Chinese text of every catalog row lives
in one separate file, validated when this module is imported:

- ``[groups]``: English group name -> Chinese group name (the indicator picker's headers);
- ``[sources]``: English source line -> Chinese (publishers named in Chinese, e.g. 国家统计局, 世界银行);
- ``[licences]``: English licence line -> Chinese;
- ``[source_codes]``: English series-code line -> Chinese, for the lines that name a release rather
  than give codes (e.g. "NBS statistical communiques" -> 国家统计局统计公报); codes stay as they are;
- ``[units]``: English unit -> ``{unit, scale, decimals, stored}``: the unit shown in Chinese, the factor
  values are multiplied by for it and, for a scaled unit, the stored unit in Chinese (the notes quote
  figures as stored: a Chinese note gets a last sentence naming both units). This is the unit-scaling
  rule of the Chinese display: yuan are
  shown in 亿元 (1 billion yuan = 10 亿元, 1 trillion yuan = 10,000 亿元), persons in 万人
  (1 million persons = 100 万人), other counts in 万 (1 million = 100 万) and billions of US$ in
  亿美元 (1 billion = 10 亿), as Chinese statistical releases do (万 = 10^4, 亿 = 10^8; never
  百万 or 十亿); ``decimals`` (optional) is the
  number of decimals after scaling;
- ``[indicator.<id>]``: ``name``, ``definition`` (required), ``notes`` (the caveats; optional),
  ``counterpart_note`` (why the indicator and its counterpart differ, shown under the time series
  when the counterpart is overlaid; optional, expected wherever the catalog row has one).

:func:`localize_row` overlays a catalog row (a dict, see ``model.catalog.catalog_row``) when the
current language is Chinese and leaves it unchanged otherwise; :func:`value_scale` is the factor
of an indicator's values in the current language (1.0 in English). Raises
:class:`~dashboard.data.labels.ContentError` at import on an unknown key, a wrong type or an
empty text (the message names the table and key).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any, Mapping

from dashboard.data.i18n import _, is_zh
from dashboard.data.labels import ContentError

ZH_FILE = Path(__file__).resolve().parents[1] / "content" / "i18n" / "indicators.zh.toml"
#: pinyin sort keys of the Chinese names, written by ``python -m dashboard i18n pinyin`` (dashboard/i18n_tool.py)
PINYIN_FILE = ZH_FILE.with_name("pinyin.toml")
INDICATOR_KEYS = {"name": True, "definition": True, "notes": False, "counterpart_note": False}
UNIT_KEYS = {"unit": str, "scale": (int, float), "decimals": int, "stored": str}


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{ZH_FILE.name}: {where}: must be a non-empty string")
    return value.strip()


def load_zh(path: Path = ZH_FILE) -> dict[str, dict[str, Any]]:
    """``{"groups": {en: zh}, "sources": {en: zh}, "units": {en: {...}}, "indicator": {id: {...}}}``.
    Raises :class:`ContentError` if the file does not follow the format above."""
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{path.name}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"groups", "sources", "licences", "source_codes", "units", "indicator"}
    if unknown:
        raise ContentError(f"{path.name}: unknown tables {sorted(unknown)}")
    out: dict[str, dict[str, Any]] = {
        "groups": {k: _text(v, f"[groups] {k}") for k, v in data.get("groups", {}).items()},
        "sources": {k: _text(v, f"[sources] {k}") for k, v in data.get("sources", {}).items()},
        "licences": {k: _text(v, f"[licences] {k}") for k, v in data.get("licences", {}).items()},
        "source_codes": {k: _text(v, f"[source_codes] {k}") for k, v in data.get("source_codes", {}).items()},
        "units": {}, "indicator": {},
    }
    for unit, spec in data.get("units", {}).items():
        if not isinstance(spec, dict) or set(spec) - set(UNIT_KEYS) or "unit" not in spec:
            raise ContentError(f"{path.name}: [units] '{unit}': needs unit (and optional scale, decimals) only")
        scale = spec.get("scale", 1)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
            raise ContentError(f"{path.name}: [units] '{unit}': scale must be a positive number")
        decimals = spec.get("decimals")
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6):
            raise ContentError(f"{path.name}: [units] '{unit}': decimals must be an integer 0-6")
        if scale != 1 and "stored" not in spec:  # notes quote figures in the stored unit: name it
            raise ContentError(f"{path.name}: [units] '{unit}': a scaled unit needs 'stored' (the stored unit in Chinese)")
        out["units"][unit] = {"unit": _text(spec["unit"], f"[units] '{unit}'.unit"), "scale": float(scale),
                              "decimals": decimals, "stored": str(spec.get("stored", ""))}
    for ind, spec in data.get("indicator", {}).items():
        if not isinstance(spec, dict):
            raise ContentError(f"{path.name}: [indicator.{ind}] must be a table")
        extra = set(spec) - set(INDICATOR_KEYS)
        if extra:
            raise ContentError(f"{path.name}: [indicator.{ind}] unknown keys {sorted(extra)}")
        row = {}
        for key, required in INDICATOR_KEYS.items():
            if key in spec or required:
                row[key] = _text(spec.get(key), f"[indicator.{ind}].{key}")
        out["indicator"][ind] = row
    return out


ZH = load_zh()


def load_pinyin(path: Path = PINYIN_FILE) -> dict[str, tuple[str, ...]]:
    """``{Chinese name: (syllable, ...)}`` of ``content/i18n/pinyin.toml`` (``[names]``, each a list of
    non-empty strings). Raises :class:`ContentError` naming the file and the name otherwise."""
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{path.name}: not valid TOML ({exc})") from exc
    if set(data) - {"names"}:
        raise ContentError(f"{path.name}: unknown tables {sorted(set(data) - {'names'})}")
    out = {}
    for name, key in data.get("names", {}).items():
        if not isinstance(key, list) or not key or not all(isinstance(k, str) and k for k in key):
            raise ContentError(f"{path.name}: [names] '{name}': must be a list of non-empty strings")
        out[name] = tuple(key)
    return out


PINYIN = load_pinyin()


def name_sort_key(name: str) -> tuple[str, ...]:
    """The key that sorts names as a reader of the current language expects: in Chinese by pinyin
    (dictionary order, as Excel and Chinese lists sort: 人均GDP (ren2) before 中高技术 (zhong1), where
    code points would put 中 first), from ``content/i18n/pinyin.toml``; otherwise, and for a name the file
    lacks, the name in lower case."""
    if is_zh():
        key = PINYIN.get(str(name))
        if key is not None:
            return key
    return (str(name).lower(),)


def unit_rule(unit: str) -> Mapping[str, Any] | None:
    """The Chinese display rule of an English unit (``{unit, scale, decimals}``) or None."""
    return ZH["units"].get(str(unit))


def display_decimals(unit: str, decimals: int) -> int:
    """Decimals of a value in ``unit`` (stored with ``decimals``, the catalog's) as shown in the
    current language: in Chinese, a ``[units]`` rule's ``decimals`` where it gives them, else for a
    scaled unit the same precision as the English figure: ``decimals`` less the factor's power of ten
    (1.04 billion US$, 2 decimals -> 10.4 亿美元, 1; 290.1 thousand units, 1 -> 29.01 万台, 2); never
    below 0. ``decimals`` itself in English or for a unit without a rule."""
    rule = unit_rule(unit) if is_zh() else None
    if rule is None:
        return int(decimals)
    if rule["decimals"] is not None:
        return int(rule["decimals"])
    return max(0, int(decimals) - round(math.log10(float(rule["scale"]))))


def value_scale(unit: str) -> float:
    """The factor values in ``unit`` are multiplied by in the current language (1.0 in English
    or for a unit without a rule)."""
    rule = unit_rule(unit) if is_zh() else None
    return float(rule["scale"]) if rule else 1.0


def localize_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A catalog row in the current language: in Chinese, name, definition, notes, counterpart note,
    group, source, licence, series codes (release names) and unit (with ``decimals`` after the unit's
    scaling) are replaced where the file has them; ``name_en`` always holds the English name;
    ``notes_lang`` and ``counterpart_note_lang`` say the language of the two notes ("en" where the
    Chinese file has none). Returns a new dict."""
    out = dict(row)
    out["name_en"] = str(row.get("name", ""))
    if not is_zh():
        return out
    ind = ZH["indicator"].get(str(row.get("indicator_id", "")), {})
    for key in ("name", "definition", "notes", "counterpart_note"):
        if ind.get(key):
            out[key] = ind[key]
    out["group"] = ZH["groups"].get(str(row.get("group", "")), row.get("group", ""))
    out["source"] = ZH["sources"].get(str(row.get("source", "")), row.get("source", ""))
    out["licence"] = ZH["licences"].get(str(row.get("licence", "")), row.get("licence", ""))
    if "source_codes" in row:
        out["source_codes"] = ZH["source_codes"].get(str(row["source_codes"]), row["source_codes"])
    # notes not yet translated stay English and are tagged so (<span lang="en">)
    out["notes_lang"] = "zh" if ind.get("notes") else "en"
    out["counterpart_note_lang"] = "zh" if ind.get("counterpart_note") else "en"
    rule = unit_rule(str(row.get("unit", "")))
    if rule and rule["scale"] != 1 and str(out.get("notes", "")).strip():
        # the notes quote figures as stored (290.144 thousand units), the charts in the Chinese unit (万台);
        # a space after a note ending in a URL or Latin text, so that the sentence is not glued to it
        notes = str(out["notes"]).rstrip()
        sentence = _(" Figures in these notes are in {stored}; the charts show {unit}.").format(
            stored=rule["stored"], unit=rule["unit"]).strip()
        out["notes"] = notes + ("" if notes.endswith(("。", "）", "」", "！", "？")) else " ") + sentence
    if rule:
        out["unit"] = rule["unit"]
        if "decimals" in row:
            out["decimals"] = display_decimals(str(row.get("unit", "")), int(row["decimals"]))
        elif rule["decimals"] is not None:
            out["decimals"] = rule["decimals"]
    return out


def source_text(source: str) -> str:
    """A catalog source line in the current language (itself in English or when not translated)."""
    return str(ZH["sources"].get(str(source), source)) if is_zh() else str(source)


def search_text(indicator_id: str, row: Mapping[str, Any], group: str) -> str:
    """What the indicator picker searches: the English and the Chinese name, unit and group, so
    an indicator is found by either name in either language."""
    zh = ZH["indicator"].get(indicator_id, {})
    unit = str(row.get("unit", ""))
    rule = unit_rule(unit)
    parts = [str(row.get("name_en", row.get("name", ""))), str(row.get("name", "")), zh.get("name", ""), unit,
             rule["unit"] if rule else "", group, ZH["groups"].get(group, "")]
    return " ".join(dict.fromkeys(p for p in parts if p))


__all__ = ["PINYIN", "PINYIN_FILE", "ZH", "ZH_FILE", "load_pinyin", "load_zh", "localize_row", "name_sort_key",
           "search_text", "source_text", "unit_rule", "value_scale"]
