"""The paper's dimensions, declared in ``dashboard/content/dimensions.toml`` and checked on load.

Each :class:`Dimension` becomes a page (``pages/dimensions.py``), a navbar link, an overview
section and a link on the not-found page; its id names the Parquet file of its observations
(``contract.observation_file``). Adding a dimension is an edit of the TOML file.

Raises :class:`~dashboard.data.labels.ContentError` at import if the file is malformed; the
message names the file, the entry and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .i18n import is_zh
from .labels import ContentError

DIMENSIONS_FILE = Path(__file__).resolve().parents[1] / "content" / "dimensions.toml"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_FIELDS = {"id": str, "label": str, "intro": str, "order": int}
_OPTIONAL = {"label_zh": str, "intro_zh": str}  # Chinese; the English text stands in where one is missing


@dataclass(frozen=True)
class Dimension:
    """One dimension: URL slug ``id``, page label and one-sentence intro in English
    (``label_en``, ``intro_en``) and Chinese (``label_zh``, ``intro_zh``), navbar ``order``.
    ``label`` and ``intro`` answer in the current language (:mod:`dashboard.data.i18n`)."""

    id: str
    label_en: str
    intro_en: str
    order: int
    label_zh: str
    intro_zh: str

    @property
    def label(self) -> str:
        return self.label_zh if is_zh() else self.label_en

    @property
    def intro(self) -> str:
        return self.intro_zh if is_zh() else self.intro_en


def load_dimensions(path: Path = DIMENSIONS_FILE) -> tuple[Dimension, ...]:
    """All ``[[dimension]]`` entries of ``path``, sorted by ``order``.

    Raises :class:`ContentError` on a missing, unknown or mistyped field, an id that is not a
    lower-case slug, or a repeated id or order.
    """
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{path.name}: not valid TOML ({exc})") from exc
    entries = data.get("dimension")
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{path.name}: no [[dimension]] entries")
    out: list[Dimension] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ContentError(f"{path.name}: dimension #{i + 1} is not a table")
        where = f"{path.name}: dimension {entry.get('id', f'#{i + 1}')!s}"
        unknown = set(entry) - set(_FIELDS) - set(_OPTIONAL)
        if unknown:
            raise ContentError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for name, kind in _FIELDS.items():
            value = entry.get(name)
            if value is None:
                raise ContentError(f"{where}: missing field '{name}'")
            if not isinstance(value, kind) or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
                raise ContentError(f"{where}: field '{name}' must be a non-empty {kind.__name__}")
        for name, kind in _OPTIONAL.items():
            value = entry.get(name)
            if value is not None and (not isinstance(value, kind) or not value.strip()):
                raise ContentError(f"{where}: field '{name}' must be a non-empty {kind.__name__}")
        if not _ID_RE.match(entry["id"]):
            raise ContentError(f"{where}: field 'id' must be a lower-case slug ([a-z][a-z0-9_]*)")
        out.append(Dimension(id=str(entry["id"]), label_en=str(entry["label"]).strip(),
                             intro_en=str(entry["intro"]).strip(), order=int(entry["order"]),
                             label_zh=str(entry.get("label_zh") or entry["label"]).strip(),
                             intro_zh=str(entry.get("intro_zh") or entry["intro"]).strip()))
    for attr in ("id", "order"):
        values = [getattr(d, attr) for d in out]
        dup = sorted({str(v) for v in values if values.count(v) > 1})
        if dup:
            raise ContentError(f"{path.name}: repeated {attr} {', '.join(dup)}")
    return tuple(sorted(out, key=lambda d: d.order))


#: The dimensions in display order.
DIMENSIONS: tuple[Dimension, ...] = load_dimensions()
_BY_ID = {d.id: d for d in DIMENSIONS}


def dimension(dimension_id: str) -> Dimension:
    """The declared dimension ``dimension_id``; raises ``KeyError`` if there is none."""
    return _BY_ID[dimension_id]


__all__ = ["DIMENSIONS", "Dimension", "dimension", "load_dimensions"]
