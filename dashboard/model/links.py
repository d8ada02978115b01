"""The list forms people paste into links, read as one canonical form (issue 9, item 4).

Spreadsheets and link builders write a list as a repeated key (``region=CHN&region=USA``),
PHP/Rails as ``region[]=``, people as commas or spaces, and a link encoded twice carries a
literal ``%7E``. :func:`url_query` turns a page's query into one string per key and
:func:`split_list` splits such a string (or a payload list) into items; the view state
(:mod:`dashboard.model.state`) then checks every item and writes links with :data:`LIST_SEP`.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

MAX_PARAM_CHARS = 400  # longest query value read (longer ones are cut, and the cut item is rejected)
MAX_ITEM_CHARS = 64  # longest list item (a code); a longer one makes the whole list invalid
LIST_SEP = "~"  # the separator links are written with
# every list separator accepted in links
_LIST_SPLIT = re.compile(r"(?:[~,;|\s]|%7[eE]|%2[cC])+")


def split_list(value: Any, limit: int) -> list[str] | None:
    """A list of short strings from a list payload or a string in any list form people paste.

    Items are separated by ``~`` (canonical), commas, semicolons, ``|``, spaces or a literal
    ``%7E`` (a link encoded twice); a list payload's items are split the same way (a repeated
    URL key arrives as a list), and only its first ``limit`` items are read. Duplicates are
    dropped, order is kept. None for anything that is not a string or a list of strings, or
    holds an item longer than :data:`MAX_ITEM_CHARS`.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return None
    out: list[str] = []
    for item in value[:limit]:
        if not isinstance(item, str):
            return None
        for v in _LIST_SPLIT.split(item):
            if v == "":
                continue
            if len(v) > MAX_ITEM_CHARS:
                return None
            if v not in out:
                out.append(v)
    return out


def url_query(query: Mapping[str, Any] | None) -> dict[str, str]:
    """The query of a page link as one string per key, ready for :func:`~dashboard.model.state.normalize`.

    Dash pages call ``layout(**query)`` with ``parse_qs`` values: a key given once is a
    string, a repeated key (``region=CHN&region=USA``, as spreadsheets and link builders
    write lists) is a list of strings. Lists are joined with ``~``; ``key[]`` (PHP/Rails
    style) counts as ``key`` and is merged with it; a value that is not a string is
    dropped; each value is cut to :data:`MAX_PARAM_CHARS` (the cut shows up as an invalid
    item, with a notice). Unknown keys are kept, so the caller can name them in a notice.
    """
    out: dict[str, list[str]] = {}
    for key, value in dict(query or {}).items():
        if not isinstance(key, str):
            continue
        name = key[:-2] if key.endswith("[]") else key
        values = value if isinstance(value, (list, tuple)) else [value]
        strings = [v for v in values if isinstance(v, str)]
        if strings:
            out.setdefault(name, []).extend(strings)
    return {k: LIST_SEP.join(v)[:MAX_PARAM_CHARS] if len(v) > 1 else v[0][:MAX_PARAM_CHARS]
            for k, v in out.items()}


__all__ = ["LIST_SEP", "MAX_ITEM_CHARS", "MAX_PARAM_CHARS", "split_list", "url_query"]
