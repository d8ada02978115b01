"""The app's languages and its message catalogs (gettext, through Babel).

Languages: ``en`` (the source language of every UI string) and ``zh`` (Simplified Chinese,
``<html lang="zh-Hans">``). The current language lives in a :class:`contextvars.ContextVar`, set
once per request by the web layer (:mod:`dashboard.lang`) and around every render with
:func:`use_lang`; pure code (model, figures, components) only calls :func:`_`::

    from dashboard.data.i18n import _
    title = _("Compare years")                     # translated into the current language
    note = _("Values in {unit}.").format(unit=u)   # placeholders are filled after translating

Strings defined at import time (tables of labels) are marked with :func:`N_` for extraction and
translated where they are shown (``_(label)``). The catalog is
``dashboard/locale/<lang>/LC_MESSAGES/messages.po``, read with Babel's ``read_po`` when the module is
first imported (measured 10-25 ms; no compiled ``.mo`` file is needed, so a fresh clone runs as it is).
``python -m dashboard i18n`` extracts, updates, compiles and checks the catalogs (see the README).
A fuzzy or empty translation is not used: the English text is shown (and the unit test fails).
"""

from __future__ import annotations

import contextlib
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

from babel.messages.pofile import read_po

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"
#: BCP 47 tag of each language, for ``<html lang>`` and ``Intl``
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
#: plotly.js locale of each language (``assets/06_plotly-locale-zh-cn.js`` registers zh-CN)
PLOTLY_LOCALE = {"en": "en", "zh": "zh-CN"}
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("dashboard_lang", default=DEFAULT_LANG)


def po_path(lang: str) -> Path:
    """``dashboard/locale/<lang>/LC_MESSAGES/messages.po``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(lang: str) -> dict[str, str]:
    """msgid -> msgstr of ``lang``'s catalog, without fuzzy or empty entries ({} if there is none)."""
    path = po_path(lang)
    if not path.is_file():
        return {}
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {str(m.id): str(m.string) for m in catalog
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy}


_CATALOGS: dict[str, dict[str, str]] = {lang: load_catalog(lang) for lang in LANGS if lang != DEFAULT_LANG}


def get_lang() -> str:
    """The current language ("en" or "zh")."""
    return _current.get()


def set_lang(lang: str | None) -> str:
    """Make ``lang`` (anything :func:`parse_lang` accepts; else the default) the current language
    of this context; returns the language set. The web layer calls it at the start of each request."""
    value = parse_lang(lang) or DEFAULT_LANG
    _current.set(value)
    return value


@contextlib.contextmanager
def use_lang(lang: str | None) -> Iterator[str]:
    """``with use_lang("zh"):`` translate into ``lang`` inside the block, then restore."""
    token = _current.set(parse_lang(lang) or DEFAULT_LANG)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language (itself if it has no translation)."""
    lang = _current.get()
    if lang == DEFAULT_LANG:
        return message
    return _CATALOGS.get(lang, {}).get(message, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction without translating it (translated later with :func:`_`)."""
    return message


def bracketed(text: object, note: object) -> str:
    """``text`` with ``note`` in brackets as the current language writes it: "GDP (% of GDP)" in
    English, "国内生产总值（占GDP的%）" in Chinese (full-width brackets, no space: the catalog's
    translation of the format). Both are shown as given (``str()``)."""
    return _("{text} ({note})").format(text=text, note=note)


def is_zh() -> bool:
    """True when the current language is Chinese."""
    return _current.get() == "zh"


_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def parse_lang(value: object) -> str | None:
    """The app language of a tag: "zh", "zh-CN", "zh_Hans", "ZH" -> "zh"; "en-GB" -> "en";
    anything else (other languages, non-strings, junk) -> None."""
    if not isinstance(value, str) or not _TAG_RE.match(value.strip()):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGS else None


def negotiate(accept_language: object) -> str:
    """The app language an ``Accept-Language`` header prefers (RFC 9110 quality values; the
    first of equal weight wins); the default if it names none of ours or is malformed."""
    if not isinstance(accept_language, str):
        return DEFAULT_LANG
    best, best_q = DEFAULT_LANG, -1.0
    for part in accept_language.split(",")[:20]:
        tag, _sep, params = part.strip().partition(";")
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]{1,5})", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        lang = parse_lang(tag)
        if lang is not None and q > best_q and q > 0:
            best, best_q = lang, q
    return best


__all__ = ["DEFAULT_LANG", "HTML_LANG", "LANGS", "LOCALE_DIR", "N_", "PLOTLY_LOCALE", "_", "bracketed", "get_lang", "gettext",
           "is_zh", "load_catalog", "negotiate", "parse_lang", "po_path", "set_lang", "use_lang"]
