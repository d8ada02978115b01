"""China industrial transformation and upgrading dashboard.

Layers, by folder: ``data/`` (contract, validation, loading, build script), ``transforms``
and ``views`` (pure data preparation), ``figures/`` (pure figure builders),
``components/`` (reusable layout), ``pages/`` (thin route modules), ``app_factory``
(``create_app``). Importing the package is cheap: the app is built only on demand.
"""

from __future__ import annotations

__all__ = ["create_app", "Settings"]


def __getattr__(name: str):
    if name == "create_app":
        from dashboard.app_factory import create_app

        return create_app
    if name == "Settings":
        from dashboard.settings import Settings

        return Settings
    raise AttributeError(f"module 'dashboard' has no attribute {name!r}")
