"""The one holder of the running app's data store and render cache.

``create_app`` puts an :class:`AppData` in the Flask app's extensions (Flask's idiom for
per-app state), so two apps in one process (as in the tests) never see each other's store.
Page layouts and callbacks run inside a request and read it with :func:`current`.
"""

from __future__ import annotations

from dataclasses import dataclass

import flask

from dashboard.cache import RenderCache
from dashboard.data.store import DataStore

EXTENSION = "dashboard"


@dataclass(frozen=True)
class AppData:
    """What one app serves: the loaded, validated data and the render cache (None: no caching)."""

    store: DataStore
    cache: RenderCache | None = None


def install(server: flask.Flask, data: AppData) -> None:
    """Attach ``data`` to ``server`` (once, in ``create_app``)."""
    server.extensions[EXTENSION] = data


def current(server: flask.Flask | None = None) -> AppData:
    """The :class:`AppData` of ``server``, or of the app handling the current request.

    Raises ``RuntimeError`` outside an app context when no ``server`` is given, or if the app
    was not built by ``create_app``.
    """
    app = server if server is not None else flask.current_app
    try:
        return app.extensions[EXTENSION]
    except KeyError:
        raise RuntimeError("the data store is not loaded: create the app with dashboard.create_app() first") \
            from None


def get_store(server: flask.Flask | None = None) -> DataStore:
    """The data store of ``server`` or of the current app (see :func:`current`)."""
    return current(server).store
