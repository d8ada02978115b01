"""The loaded data store of the running app (read-only, shared by all requests).

``create_app`` sets it once; page layouts read it. Tests set it with :func:`set_store`.
"""

from __future__ import annotations

_STORE = None


def set_store(store) -> None:
    global _STORE
    _STORE = store


def get_store():
    if _STORE is None:
        raise RuntimeError("the data store is not loaded: create the app with dashboard.create_app() first")
    return _STORE
