"""The loaded data store of the running app (read-only, shared by all requests).

``create_app`` sets it once; page layouts read it. Tests set it with :func:`set_store`.
"""

from __future__ import annotations

_STORE = None
_CACHE = None


def set_store(store, cache=None) -> None:
    global _STORE, _CACHE
    _STORE = store
    _CACHE = cache


def get_cache():
    """The render cache of the running app (None outside an app: no caching)."""
    return _CACHE


def get_store():
    if _STORE is None:
        raise RuntimeError("the data store is not loaded: create the app with dashboard.create_app() first")
    return _STORE
