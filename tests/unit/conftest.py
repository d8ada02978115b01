"""Fixtures shared by the unit tests.

Every unit test starts in the default language: a test that drives the app's test client sets the
request's language in this thread (as the web layer does at the start of each request, ``set_lang``),
and a later test would otherwise run in it (a selection such as ``-k "scorecard or zh"`` failed on
Chinese notes where the whole suite, in its own order, passed).

``shipped_store`` and ``shipped_observations``: the shipped ``datasets/`` as the app loads them and as
the Parquet files hold them (the expected values of a test come from the latter).

``served_app``: an app with the default settings after its first request (when Dash registers its
bundles), as ``(app, test client)``, for the tests of what it serves.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.i18n import use_lang
from dashboard.data.store import DataStore, load_store

DATA = Path(__file__).resolve().parents[2] / "datasets"
DIMS = ["endowments", "structure", "digital", "green", "internationalization"]


@pytest.fixture(scope="session")
def shipped_store() -> DataStore:
    return load_store(DATA)


@pytest.fixture(scope="session")
def shipped_observations() -> pd.DataFrame:
    """Every observation row of the five dimension Parquet files, with the catalog's ``geography``."""
    cat = pd.read_parquet(DATA / "catalog.parquet")[["indicator_id", "geography"]]
    frame = pd.concat([pd.read_parquet(DATA / f"{d}.parquet") for d in DIMS], ignore_index=True)
    return frame.merge(cat, on="indicator_id", how="left")


@pytest.fixture(scope="module")
def served_app():
    from dashboard.app_factory import create_app
    from dashboard.settings import Settings

    app = create_app(Settings())
    client = app.server.test_client()
    client.get("/")  # Dash registers its bundles on the first request
    return app, client


@pytest.fixture(autouse=True)
def _default_language():
    with use_lang(None):
        yield
