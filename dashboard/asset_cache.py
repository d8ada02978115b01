"""Browser caching of the app's own static files (``assets/``; issue 14).

Dash links every file of ``assets/`` with its modification time as a fingerprint (``?m=<mtime>``),
so the address changes whenever the file does. Flask serves them with ``Cache-Control: no-cache``,
which makes the browser ask the server again (a conditional request answered 304) for each of the
~17 files on every page it opens by address, a round trip each and six at a time over HTTP/1.1,
before the page's scripts may run. A fingerprinted address can be kept as long as the browser
likes: it is answered ``public, max-age=31536000, immutable`` (a year, what Dash already sends for
its own fingerprinted component bundles), so a visit by address takes them from the browser's cache
without asking. An address without the fingerprint keeps Flask's revalidation.

Measured in docs/performance.md ("Eighth round").
"""

from __future__ import annotations

import dash
import flask

#: a year, the longest max-age HTTP caches honour in practice (RFC 9111 section 5.2.2.1)
YEAR_SECONDS = 31_536_000


def assets_prefix(app: dash.Dash) -> str:
    """The path under which ``app`` serves ``assets/`` (``requests_pathname_prefix`` + ``assets_url_path``
    + ``/``), e.g. ``/assets/``."""
    return str(app.config.requests_pathname_prefix or "/") + str(app.config.assets_url_path).strip("/") + "/"


def install(app: dash.Dash) -> None:
    """Answer fingerprinted ``assets/`` requests of ``app`` as immutable (see the module's docstring).

    Applies to GET and HEAD requests under :func:`assets_prefix` with an ``m`` query argument (Dash's
    fingerprint), answered 200 or 304; every other response is left as it is."""
    prefix = assets_prefix(app)

    @app.server.after_request
    def _immutable_assets(response: flask.Response) -> flask.Response:
        req = flask.request
        if (req.method in ("GET", "HEAD") and response.status_code in (200, 304)
                and req.path.startswith(prefix) and req.args.get("m")):
            cc = response.cache_control
            cc.no_cache = None
            cc.public = True
            cc.max_age = YEAR_SECONDS
            cc.immutable = True
        return response
