"""The app factory: ``create_app(settings)`` loads and validates the data, builds the Dash app
with its pages, assets (served locally, no CDN) and callbacks, and adds a ``/health`` endpoint.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dash
import flask
from dash import dcc, html
from dash._pages import _parse_query_string, _path_to_page
from flask import jsonify

from dashboard import asset_cache, compile_hints, lang, runtime, security, service_worker
from dashboard.cache import make_cache
from dashboard.callbacks import Callbacks
from dashboard.callbacks import register as register_callbacks
from dashboard.components import ids
from dashboard.components.frame import footer, navbar
from dashboard.data import load_store
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import LANGS, use_lang
from dashboard.model.catalog import indicator_ids, warm_metadata
from dashboard.model.milestones.cached import store_events, store_verdicts
from dashboard.province_callbacks import register as register_province_callbacks
from dashboard.searchbox import register as register_search
from dashboard.settings import PROJECT_ROOT, Settings
from dashboard.table_callbacks import register as register_table_callbacks
from dashboard.views.callbacks import register as register_view_callbacks

__all__ = ["create_app", "warm_up", "warm_worker"]

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
        <!-- the renderer asks for these two only once every script has run; preloaded, they are on
             their way while the scripts load, and its own requests take them (same URL, mode and
             credentials as its fetch) -->
        <link rel="preload" as="fetch" crossorigin="anonymous" href="/_dash-layout">
        <link rel="preload" as="fetch" crossorigin="anonymous" href="/_dash-dependencies">
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
            html.Main(page_container(app), className="container-fluid px-3 px-lg-4 pb-4", id=ids.MAIN),
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
    compile_hints.install(app.server)  # scripts compiled off the main thread in Chromium
    asset_cache.install(app)  # fingerprinted assets/ files kept by the browser, not asked again
    service_worker.install(app)  # scripts cached with their compiled code for the next pages opened
    lang.install(app)
    install_not_found_status(app)

    @app.server.route("/favicon.ico")
    def favicon() -> Any:  # browsers ask for it on documents without an icon link (/health's JSON)
        return flask.redirect(app.get_relative_path("/_favicon.ico"), code=301)

    @app.server.route("/health")
    def health() -> Any:
        return jsonify(
            status="ok",
            indicators=int(len(store.catalog)),
            data_problems=len(store.problems),
        )

    app.server.config["DASHBOARD_SETTINGS"] = settings
    return app


def install_not_found_status(app: dash.Dash) -> None:
    """An address that is no page of the app answers 404 (link checkers, crawlers and ``curl -f``
    see it), with the same HTML: the browser still draws the app's own not-found page. Dash serves
    its index for every path; a path is a page when Dash Pages' ``_path_to_page`` resolves it (the
    router uses the same function, so the status and the page drawn cannot disagree)."""
    prefix = str(app.config.requests_pathname_prefix or "/")

    @app.server.after_request
    def _not_found_status(response: flask.Response) -> flask.Response:
        req = flask.request
        if (req.method == "GET" and response.status_code == 200 and response.mimetype == "text/html"
                and req.path.startswith(prefix)):
            page, _variables = _path_to_page(app.strip_relative_path(req.path))
            if not page:
                response.status_code = 404
        return response


def page_container(app: dash.Dash) -> html.Div:
    """``dash.page_container`` (the same component ids), with the page already in it when Dash's
    renderer asks for the layout of a page it is opening.

    Dash Pages serves an empty container: the page's ``dcc.Location`` reports the URL once it is
    mounted and a callback answers with the page, a second round trip after the layout's, and the
    renderer then mounts every component of the page as new children of a mounted one, which costs
    one store pass per component (issue 14: about a third of a first visit's browser time). The
    layout request (``GET /_dash-layout``) carries the page's address in its ``Referer`` (same origin,
    kept by the ``strict-origin-when-cross-origin`` policy of :mod:`dashboard.security`): the page of
    that path is built with that query, exactly as the routing callback would build it, and the
    ``dcc.Location`` gets that path and query, so it does not report them and the callback does
    not run; ``hash`` and ``href`` are still reported (nothing reads them). In-app links still go
    through the routing callback. The page's title goes where the callback would put it (Dash
    Pages' browser-side title callback reads it on load). Without a usable Referer (another host, no header, a path that is
    no page, a page that fails to build) the container is Dash's own, empty one: the page then
    arrives by the callback as before. Dash's ``_path_to_page``/``_parse_query_string`` (private,
    dash 4.4) resolve the page, so the two paths cannot disagree on which page a URL is."""
    location: dict[str, str] = {}
    content: Any = None
    store: dict[str, Any] = {}
    if flask.has_request_context() and flask.request.path.endswith("/_dash-layout"):
        ref = urlsplit(flask.request.referrer or "")
        prefix = str(app.config.requests_pathname_prefix or "/")
        if ref.netloc == flask.request.host and ref.path.startswith(prefix):
            page, variables = _path_to_page(app.strip_relative_path(ref.path))
            if page:
                search = f"?{ref.query}" if ref.query else ""
                try:
                    layout = page.get("layout", "")
                    content = layout(**(variables or {}), **_parse_query_string(search)) if callable(layout) else layout
                    title = page.get("title", "")
                    store = {"data": {"title": title(**(variables or {})) if callable(title) else title}}
                    location = {"pathname": ref.path, "search": search}
                except Exception:  # noqa: BLE001 - the routing callback builds it again and shows the error
                    log.exception("first view of %s failed; left to the routing callback", ref.path)
                    content, store = None, {}
    return html.Div([
        dcc.Location(id=ids.PAGES_LOCATION, refresh="callback-nav", **location),
        html.Div(content, id="_pages_content", disable_n_clicks=True),
        dcc.Store(id="_pages_store", **store),  # what the callback would store: Dash Pages' title callback reads it
        html.Div(id="_pages_dummy", disable_n_clicks=True),
    ])


def warm_up(app: dash.Dash) -> dict[str, float]:
    """Do now, once, what a server process would otherwise do on its first requests: Dash's own
    first-request setup (assets walk, layout validation, script tags, the pages router), the
    milestone verdicts and dated events in every language (~0.5 s each, they were paid by the first
    user to open a chart with milestone markers), every page's first view in every language, and
    every indicator's default view and controls in every language without the render cache (the
    per-language catalog rows, option lists, Sources panels and code paths an indicator change
    runs). Called by the production entry points (``app.py`` for gunicorn, which then forks its
    workers with all of it in memory, and ``python -m dashboard serve``), not by ``create_app``, so
    tests that build many apps stay quick. ~6 s for the shipped data.

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
                # use_lang restores the caller's language: the page sets its own (dashboard.lang)
                with use_lang(code), app.server.test_request_context(page["path"], query_string={"lang": code}):
                    layout(lang=code)
            except Exception:  # noqa: BLE001 - a page that fails shows its own error; start-up goes on
                log.exception("warm-up of %s (%s) failed", page["path"], code)
    took["pages"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cb = Callbacks(store, None)
    for dim in DIMENSIONS:
        for indicator in indicator_ids(store, dim.id):
            for code in LANGS:
                with use_lang(code):
                    try:
                        cb.on_indicator(indicator, [], dim.id)
                        cb.render(cb.build_state({"indicator": indicator}, dim.id, code) or {})
                    except Exception:  # noqa: BLE001 - the card shows its own error to users
                        log.exception("warm-up of %s (%s) failed", indicator, code)
    took["indicators"] = time.perf_counter() - t0
    log.info("warm-up: %s", ", ".join(f"{k} {v:.2f} s" for k, v in took.items()))
    return took


def warm_worker(app: dash.Dash) -> float:
    """Ask, in a freshly forked server process, for the layout of every page in every language
    (``GET /_dash-layout`` as a browser opening it would: the page's first view built and encoded)
    before it takes requests; returns the seconds it took. After ``fork`` a worker shares the
    master's memory until it first touches it, and that first touch, with the code paths run
    cold, made each worker's first answers 2-3 times slower than the next (~40 ms instead of
    ~15 ms for an indicator change; issue 14). Called by gunicorn.conf.py's ``post_worker_init``.
    A page that fails is logged and skipped."""
    import time

    t0 = time.perf_counter()
    client = app.server.test_client()
    for page in list(dash.page_registry.values()):
        for code in LANGS:
            try:
                client.get("/_dash-layout", headers={"Referer": f"http://localhost{page['path']}?lang={code}",
                                                     "Host": "localhost"})
            except Exception:  # noqa: BLE001 - the page shows its own error to users
                log.exception("worker warm-up of %s (%s) failed", page["path"], code)
    return time.perf_counter() - t0
