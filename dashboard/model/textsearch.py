"""Fold the text people type and paste into a plain search form (issue 9, item 7).

``fold("’New three’ CO₂ — ＲＤ")`` is ``"new three co2 - rd"``: compatibility forms
(full-width letters, sub- and superscript digits, ligatures) become their plain
characters (Unicode NFKC), accents are dropped (NFKD, combining marks removed), case is
folded, quotes, apostrophes and ``&`` are removed (so ``R&D`` and ``RD`` meet), every dash
becomes ``-``, other punctuation except ``- % / . +`` becomes a space, and runs of spaces
become one. ``assets/40_search.js`` applies the same rules in the browser to the typed
text; the indicator options carry ``search`` keys folded here.
"""

from __future__ import annotations

import re
import unicodedata

# removed outright: quotes and apostrophes of every script, and "&" (R&D ~ RD)
_DROP = set("'\"`´‘’‚‛“”„‟«»‹›′″‵‶「」『』〝〞＇＂&＆")
# kept as they are: meaningful in units and names
_KEEP = set("-%/.+")
_DASHES = re.compile("[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The folded form of ``text`` (str -> str; any other type is turned into ``str`` first)."""
    s = unicodedata.normalize("NFKC", str(text))
    s = _DASHES.sub("-", s)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.lower().replace("ß", "ss")
    out = []
    for c in s:
        if c in _DROP:
            continue
        if c not in _KEEP and unicodedata.category(c).startswith("P"):
            out.append(" ")
        else:
            out.append(c)
    return _SPACES.sub(" ", "".join(out)).strip()


def matches(query: str, key: str) -> bool:
    """True when every space-separated word of ``fold(query)`` is a substring of ``fold(key)``.

    The same rule as the browser's dropdown filter (js-search, all substrings of each word).
    """
    folded = fold(key)
    return all(word in folded for word in fold(query).split(" ") if word)
