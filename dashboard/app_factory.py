"""The app factory: ``create_app(settings)`` loads and validates the data, builds the Dash app
with its pages, assets (served locally, no CDN) and callbacks, and adds a ``/health`` endpoint.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import dash
from dash import html
from flask import jsonify

from dashboard import lang, runtime, security
from dashboard.cache import make_cache
from dashboard.callbacks import register as register_callbacks
from dashboard.components import ids
from dashboard.components.frame import footer, navbar
from dashboard.data import load_store
from dashboard.data.i18n import LANGS, use_lang
from dashboard.model.catalog import warm_metadata
from dashboard.model.milestones.cached import store_events, store_verdicts
from dashboard.province_callbacks import register as register_province_callbacks
from dashboard.searchbox import register as register_search
from dashboard.settings import PROJECT_ROOT, Settings
from dashboard.table_callbacks import register as register_table_callbacks
from dashboard.views.callbacks import register as register_view_callbacks

__all__ = ["create_app", "warm_up"]

log = logging.getLogger(__name__)

INDEX_STRING = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <!-- dcc loads these chunks only once the page's components arrive (a third serial step of a
             first visit); preloaded, they download beside the other scripts (issue 14) -->
        <link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-graph.js">
        <link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-dropdown.js">
        <link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-slider.js">
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""

PAGES_FOLDER = Path(__file__).resolve().parent / "pages"
ASSETS_FOLDER = PROJECT_ROOT / "assets"


def _drop_babel_polyfill() -> None:
    """Leave @babel/polyfill 7.12 out of the scripts Dash serves. Dash adds it for old browsers;
    every browser the app supports (current Chromium, Firefox, Safari, Edge) has what it fills in,
    and it replaces native built-ins with slower JavaScript (its Promise and String.prototype.trim
    showed up with ~230 ms of a first visit's CPU profile; issue 14, docs/performance.md). Dash
    keeps the list in ``dash._dash_renderer._js_dist_dependencies``; idempotent."""
    import dash._dash_renderer as renderer

    for dep in renderer._js_dist_dependencies:
        for kind in ("external_url", "relative_package_path"):
            for mode, paths in dep.get(kind, {}).items():
                dep[kind][mode] = [p for p in paths if "polyfill" not in p]


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Load and validate the data of ``settings.data_dir`` and build the app (pages, callbacks,
    security, ``/health``). Bad data files never stop it: they are listed on every page."""
    settings = settings or Settings.from_env()
    _drop_babel_polyfill()
    store = load_store(Path(settings.data_dir))
    for problem in store.problems:
        log.warning("data problem: %s", problem)

    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES_FOLDER),
        assets_folder=str(ASSETS_FOLDER),
        serve_locally=True,
        title="China Industrial Upgrading Dashboard",
        update_title=None,  # type: ignore[arg-type]  # None: keep the title while a callback runs
        suppress_callback_exceptions=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Explore China's industrial transformation and upgrading "
                                                "along five dimensions, with sourced data and peers."},
        ],
    )
    # Dash's default page wraps its scripts in a <footer>: a second contentinfo landmark beside
    # the app's own footer (axe: landmark-no-duplicate-contentinfo); a plain <div> holds them here
    app.index_string = INDEX_STRING
    # a function: the frame (navbar, footer) is built per request in the reader's language (dashboard.lang)
    app.layout = lambda: html.Div(
        [
            navbar(),
            html.Main(dash.page_container, className="container-fluid px-3 px-lg-4 pb-4", id=ids.MAIN),
            footer(),
        ]
    )

    warm_metadata(store)  # what each indicator has, computed once before gunicorn forks its workers
    cache = make_cache(app.server, settings)  # shared by all workers; see dashboard/cache.py
    runtime.install(app.server, runtime.AppData(store, cache))
    register_callbacks(app)
    register_province_callbacks(app)
    register_view_callbacks(app)  # scorecard, report, milestones (issue 12)
    register_search(app)
    register_table_callbacks(app)  # the data table under each chart, built when opened (issue 15)
    security.install(app)
    lang.install(app)

    @app.server.route("/health")
    def health() -> Any:
        return jsonify(
            status="ok",
            indicators=int(len(store.catalog)),
            data_problems=len(store.problems),
        )

    app.server.config["DASHBOARD_SETTINGS"] = settings
    return app


def warm_up(app: dash.Dash) -> dict[str, float]:
    """Do now, once, what a server process would otherwise do on its first requests: Dash's own
    first-request setup (assets walk, layout validation, script tags, the pages router), the
    milestone verdicts and dated events in every language (~0.5 s each, they were paid by the first
    user to open a chart with milestone markers) and every page's first view in every language (the
    per-language catalog rows, option lists and Sources panels). Called by the production entry
    points (``app.py`` for gunicorn, which then forks its workers with all of it in memory, and
    ``python -m dashboard serve``), not by ``create_app``, so tests that build many apps stay quick.

    Returns the seconds each step took, by step name. Never raises for a page that fails to build
    (logged: the page shows its own error to users); the render cache is filled only for the
    default views, as a first visitor would fill it. Issue 14; figures in docs/performance.md."""
    import time

    store = runtime.current(app.server).store
    took: dict[str, float] = {}
    t0 = time.perf_counter()
    for code in LANGS:
        with use_lang(code):
            store_verdicts(store)
            store_events(store, "")
    took["milestones"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    client = app.server.test_client()
    for path in ("/_dash-layout", "/_dash-dependencies"):
        client.get(path)
    took["dash_setup"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for page in list(dash.page_registry.values()):
        layout = page.get("layout")
        if not callable(layout):
            continue
        for code in LANGS:
            try:
                with app.server.test_request_context(page["path"], query_string={"lang": code}):
                    layout(lang=code)
            except Exception:  # noqa: BLE001 - a page that fails shows its own error; start-up goes on
                log.exception("warm-up of %s (%s) failed", page["path"], code)
    took["pages"] = time.perf_counter() - t0
    log.info("warm-up: %s", ", ".join(f"{k} {v:.2f} s" for k, v in took.items()))
    return took
