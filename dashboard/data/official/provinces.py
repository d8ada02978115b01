"""China's provincial-level divisions (ISO 3166-2:CN) and the normaliser of source names.

The list is content: ``dashboard/content/provinces.toml`` (31 mainland divisions, the national total
and, for the map outline only, Taiwan, Hong Kong and Macao). :func:`load_provinces` reads and
validates it; :func:`region_code` maps a name as a source prints it to a code.

Normalisation rule (in this order; the first that matches wins):

1. remove every whitespace character (ASCII and full-width), e.g. "上   海" -> "上海";
2. look the name up among the codes, Chinese short and full names, English names (case-insensitive)
   and the listed variants (e.g. the OCR misspelling "内蒙占" of 内蒙古);
3. strip one suffix of ``[normalise].strip_suffixes`` (省, 市, 自治区, ...) and look it up again.

Anything else raises :class:`UnknownRegionError`: a name is never dropped silently.
The national total (全国) maps to ``CHN``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content" / "provinces.toml"
NATIONAL_CODE = "CHN"
CODE_RE = re.compile(r"^CN-[A-Z]{2}$")
_KINDS = {"province", "municipality", "autonomous_region"}
_WS = re.compile(r"\s+", re.UNICODE)

__all__ = [
    "NATIONAL_CODE",
    "Province",
    "ProvinceList",
    "UnknownRegionError",
    "load_provinces",
    "province_codes",
    "region_code",
    "region_codes",
]


class UnknownRegionError(ValueError):
    """A source name that matches no province, nor the national total."""


class ContentError(ValueError):
    """``provinces.toml`` breaks its own rules (duplicate code, bad code, wrong count...)."""


@dataclass(frozen=True)
class Province:
    """One provincial-level division."""

    code: str  # ISO 3166-2:CN, e.g. "CN-NM"
    gb_code: str  # GB/T 2260, e.g. "150000"
    name_en: str
    name_zh: str
    name_zh_full: str
    kind: str  # province | municipality | autonomous_region ("" for outline-only divisions)
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProvinceList:
    """The validated content file."""

    provinces: tuple[Province, ...]  # the 31 mainland divisions, in GB/T 2260 order
    outline: tuple[Province, ...]  # drawn on the map only (no data)
    national_names: tuple[str, ...]  # names of the national total (-> CHN)
    strip_suffixes: tuple[str, ...]

    def by_code(self) -> dict[str, Province]:
        return {p.code: p for p in self.provinces + self.outline}


def _squash(name: str) -> str:
    return _WS.sub("", str(name))


def _parse(data: dict, source: str) -> ProvinceList:
    def fail(msg: str) -> ContentError:
        return ContentError(f"{source}: {msg}")

    try:
        data["province"]  # required table
        national = data["national"]
        suffixes = tuple(data["normalise"]["strip_suffixes"])
    except (KeyError, TypeError) as exc:
        raise fail(f"missing table {exc}") from None
    provinces: list[Province] = []
    outline: list[Province] = []
    for kind_key, target in (("province", provinces), ("outline", outline)):
        for row in data.get(kind_key, []):
            try:
                p = Province(
                    code=str(row["code"]),
                    gb_code=str(row["gb_code"]),
                    name_en=str(row["name_en"]),
                    name_zh=str(row["name_zh"]),
                    name_zh_full=str(row["name_zh_full"]),
                    kind=str(row.get("kind", "")),
                    variants=tuple(str(v) for v in row.get("variants", [])),
                )
            except KeyError as exc:
                raise fail(f"[[{kind_key}]] {row.get('code', '?')} lacks {exc}") from None
            if not CODE_RE.match(p.code):
                raise fail(f"{p.code!r} is not an ISO 3166-2:CN code (CN-XX)")
            if not re.fullmatch(r"\d{6}", p.gb_code):
                raise fail(f"{p.code}: gb_code {p.gb_code!r} is not six digits")
            if kind_key == "province" and p.kind not in _KINDS:
                raise fail(f"{p.code}: kind {p.kind!r} not one of {sorted(_KINDS)}")
            target.append(p)
    if len(provinces) != 31:
        raise fail(f"expected 31 mainland provincial-level divisions, found {len(provinces)}")
    everything = provinces + outline
    for attr in ("code", "gb_code", "name_en", "name_zh", "name_zh_full"):
        values = [getattr(p, attr) for p in everything]
        dups = sorted({v for v in values if values.count(v) > 1})
        if dups:
            raise fail(f"duplicate {attr}: {', '.join(dups)}")
    nat = (str(national["name_zh"]), str(national["name_en"]), *map(str, national.get("variants", [])))
    if str(national.get("code")) != NATIONAL_CODE:
        raise fail(f"[national].code must be {NATIONAL_CODE}")
    return ProvinceList(tuple(provinces), tuple(outline), nat, suffixes)


@lru_cache(maxsize=4)
def load_provinces(path: Path = CONTENT_FILE) -> ProvinceList:
    """Read and validate the province content file.

    Raises ContentError when the file breaks a rule: not exactly 31 mainland divisions, a code that
    is not ``CN-XX``, a duplicate code / GB code / name, a missing field.
    """
    path = Path(path)
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    plist = _parse(data, path.name)
    _alias_map(plist)  # an alias shared by two divisions is a content error too
    return plist


def province_codes(path: Path = CONTENT_FILE) -> tuple[str, ...]:
    """The 31 ISO 3166-2:CN codes of the mainland provincial-level divisions, GB/T 2260 order."""
    return tuple(p.code for p in load_provinces(path).provinces)


def _alias_map(plist: ProvinceList) -> dict[str, str]:
    out: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        for key in {_squash(name), _squash(name).lower()}:
            if key in out and out[key] != code:
                raise ContentError(f"name {name!r} is given to both {out[key]} and {code}")
            out[key] = code

    for name in plist.national_names:
        add(name, NATIONAL_CODE)
    add(NATIONAL_CODE, NATIONAL_CODE)
    for p in plist.provinces:
        for name in (p.code, p.name_en, p.name_zh, p.name_zh_full, *p.variants):
            add(name, p.code)
    return out


@lru_cache(maxsize=4)
def _aliases(path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    plist = load_provinces(path)
    return _alias_map(plist), tuple(sorted(plist.strip_suffixes, key=len, reverse=True))


def region_code(name: str, path: Path = CONTENT_FILE) -> str:
    """Code of one source name: ``"CN-XX"`` for a province, ``"CHN"`` for the national total.

    Examples: "上   海" -> "CN-SH", "内蒙占" -> "CN-NM", "广西壮族自治区" -> "CN-GX", "全国" -> "CHN".
    Raises UnknownRegionError (a ValueError) for a name that matches nothing (see the module rule).
    """
    aliases, suffixes = _aliases(Path(path))
    key = _squash(name)
    for k in (key, key.lower()):
        if k in aliases:
            return aliases[k]
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) > len(suffix):
            stem = key[: -len(suffix)]
            if stem in aliases:
                return aliases[stem]
    raise UnknownRegionError(
        f"unknown region name {name!r}: not one of China's 31 provincial-level divisions nor the "
        f"national total; add it as a variant in {CONTENT_FILE.name} if it is a spelling of one"
    )


def region_codes(names: pd.Series, path: Path = CONTENT_FILE) -> pd.Series:
    """Vectorised :func:`region_code` (same index). Raises UnknownRegionError listing every unknown name."""
    uniq = pd.unique(names.astype(str))
    mapping, unknown = {}, []
    for n in uniq:
        try:
            mapping[n] = region_code(n, path)
        except UnknownRegionError:
            unknown.append(n)
    if unknown:
        raise UnknownRegionError(
            f"unknown region name(s) {', '.join(repr(u) for u in unknown)}: not one of China's 31 "
            f"provincial-level divisions nor the national total (see {CONTENT_FILE.name})"
        )
    return names.astype(str).map(mapping)
