"""The app's service worker: compiled scripts for every page opened after the first (issue 14).

A browser keeps a script's compiled code (V8's code cache) in its HTTP cache only once the script has
run twice, so the second page a reader opens by its address (a bookmark, a shared link, a reload)
still compiles ~2.8 MB of JavaScript (plotly.js, React, the Dash renderer, the component bundles)
before the first chart. Chromium compiles a script at once when a service worker caches it while
installing, and keeps that code beside the cached copy. ``dashboard/static/service-worker.js``,
registered after the first page has loaded (``assets/27_service_worker.js``), caches the page's
fingerprinted scripts and style sheets that way, and declares routes (the Static Routing API) by
which the browser answers those files from the cache without running the worker.

Only fingerprinted addresses are cached (Dash's ``?m=<mtime>`` on ``assets/`` files and
``.v<version>m<time>.`` on component bundles: :func:`dash.fingerprint.check_fingerprint`), so a cached
answer is never an old version of a file; everything else, pages, data and callbacks included, goes
to the network as before. Browsers without static routes (Firefox, Safari at the time of writing)
install the worker and cache nothing. Measured in docs/performance.md ("Eighth round").
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import dash
import flask
from dash.fingerprint import check_fingerprint

from dashboard.asset_cache import assets_prefix

#: the worker's source, with ``__VERSION__``, ``__URLS__`` and ``__PREFIX__`` to fill in
SOURCE = Path(__file__).resolve().parent / "static" / "service-worker.js"
#: the worker's address under the app's path prefix: its scope is the whole app
FILENAME = "service-worker.js"

_TAG_URL = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')


def cached_urls(app: dash.Dash) -> list[str]:
    """The fingerprinted scripts and style sheets every page of ``app`` loads, as the page links
    them (path and query), in page order: ``[]`` before Dash has registered its resources (its first
    request). Only same-origin addresses under the app's prefix with Dash's fingerprint are kept."""
    prefix, assets = str(app.config.requests_pathname_prefix or "/"), assets_prefix(app)
    html = app._generate_css_dist_html() + app._generate_scripts_html()  # noqa: SLF001 - dash 4.4's own tags
    out: list[str] = []
    for url in _TAG_URL.findall(html):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
            continue
        fingerprinted = "m=" in parts.query if parts.path.startswith(assets) else check_fingerprint(parts.path)[1]
        if fingerprinted and url not in out:
            out.append(url)
    return out


@functools.lru_cache(maxsize=4)
def _source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=8)
def _script(urls: tuple[str, ...], prefix: str, assets: str) -> str:
    version = hashlib.sha256("\n".join(urls).encode()).hexdigest()[:16]
    return (_source()
            .replace("__VERSION__", version)
            .replace("__URLS__", json.dumps(list(urls)))
            .replace("__PREFIX__", prefix)
            .replace("__ASSETS__", assets))


def worker_script(urls: list[str], prefix: str = "/", assets: str = "/assets/") -> str:
    """The service worker's JavaScript for ``urls`` (see :func:`cached_urls`) under the app's path
    ``prefix``, with ``assets/`` served under ``assets``. Its VERSION is a hash of the list: any file
    that changes gives a new worker, which replaces the cache. Built once per list (the browser asks
    for the worker on every page it opens)."""
    return _script(tuple(urls), prefix, assets)


def install(app: dash.Dash) -> None:
    """Serve the worker at ``<prefix>service-worker.js`` (``Cache-Control: no-cache``: the browser
    checks it for a new version on each page it opens)."""
    prefix = str(app.config.requests_pathname_prefix or "/")
    routes_prefix = str(app.config.routes_pathname_prefix or "/")

    def serve() -> flask.Response:
        body = worker_script(cached_urls(app), prefix, assets_prefix(app))
        return flask.Response(body, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})

    app.server.add_url_rule(routes_prefix + FILENAME, "service_worker", serve)
