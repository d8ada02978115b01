"""The app factory: ``create_app(settings)`` loads and validates the data, builds the Dash app
with its pages, assets (served locally, no CDN) and callbacks, and adds a ``/health`` endpoint.
"""

from __future__ import annotations

import logging
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask import jsonify
from flask_caching import Cache

from dashboard import runtime, security
from dashboard.callbacks import register as register_callbacks
from dashboard.components.layout import navbar
from dashboard.data import load_store
from dashboard.figures import register_template
from dashboard.searchbox import register as register_search
from dashboard.settings import PROJECT_ROOT, Settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)

PAGES_FOLDER = Path(__file__).resolve().parent / "pages"
ASSETS_FOLDER = PROJECT_ROOT / "assets"


def create_app(settings: Settings | None = None) -> dash.Dash:
    settings = settings or Settings.from_env()
    store = load_store(Path(settings.data_dir))
    for problem in store.problems:
        log.warning("data problem: %s", problem)
    runtime.set_store(store)
    register_template()

    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES_FOLDER),
        assets_folder=str(ASSETS_FOLDER),
        serve_locally=True,
        title="China Industrial Upgrading Dashboard",
        update_title=None,
        suppress_callback_exceptions=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Explore China's industrial transformation and upgrading "
                                                "along five dimensions, with sourced data and peers."},
        ],
    )
    app.layout = html.Div(
        [
            navbar(),
            html.Main(dash.page_container, className="container-fluid px-3 px-lg-4 pb-4", id="main"),
            html.Footer(
                dbc.Container(
                    html.Small(
                        [
                            "Data: World Bank WDI (CC BY 4.0), Our World in Data (CC BY 4.0) and official "
                            "Chinese statistics as cited beside each chart. After IIE-CASS, ",
                            html.Em("New Milestone Achievements in China's Industrial Transformation and "
                                    "Upgrading"),
                            ", China Economist 2024 no. 3.",
                        ],
                        className="text-muted",
                    ),
                    fluid=True,
                ),
                className="py-3 border-top bg-white",
            ),
        ]
    )

    cache = Cache(app.server, config={"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": settings.cache_seconds,
                                      "CACHE_THRESHOLD": 2000})
    runtime.set_store(store, cache)
    register_callbacks(app, store, cache)
    register_search(app)
    security.install(app)

    @app.server.route("/health")
    def health():
        return jsonify(
            status="ok",
            indicators=int(len(store.catalog)),
            data_problems=len(store.problems),
        )

    app.server.config["DASHBOARD_SETTINGS"] = settings
    app.server.config["DASHBOARD_STORE"] = store
    return app
