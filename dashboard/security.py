"""Security and robustness hooks installed on the Flask server by the app factory.

:func:`install` adds, on ``app.server``:

* ``MAX_CONTENT_LENGTH`` (1 MB by default): larger request bodies get ``413``.
* A ``before_request`` guard for ``POST /_dash-update-component``: the body must have the
  structure Dash's renderer sends for a callback that really exists (a JSON object whose
  ``output`` names a server-side callback, ``outputs``/``inputs``/``state`` lists of the
  declared lengths and ids, ``changedPropIds`` naming posted inputs). Anything else gets a
  JSON ``400`` instead of the ``500`` plain Dash 4.4 answers. Values are *not* judged here:
  well-formed requests with odd values reach the callbacks, which normalise them against the
  catalog (unknown values -> defaults or an empty state). The page router's
  ``pathname``/``search`` must be strings (or null): Dash's router raises on anything else.
* A handler for the three :class:`dash.exceptions.CallbackException` messages by which Dash
  itself says "this request does not match the callback" -> ``400``. Every other exception
  stays a ``500`` with its traceback in the server log (never in the response), so real bugs
  are not hidden.
* A lock around Dash's first-request setup hooks. Dash sets its "already set up" flag
  *before* it registers its JS bundles and the page router's callback, so with a threaded
  server (gunicorn gthread) requests that arrive while a fresh worker is still setting up got
  ``500 "dash" is not a registered library`` (measured: 1-6 of 11 concurrent first requests).
* ``404`` (not ``500``) for a ``/_dash-component-suites/`` path Dash did not register.
* Security headers on every response: a Content-Security-Policy built from
  ``app.csp_hashes()`` (no inline script runs unless Dash put it there; nothing is loaded
  from another host), ``X-Content-Type-Options``, ``Referrer-Policy``, ``X-Frame-Options``,
  ``Cross-Origin-Opener-Policy``, ``Cross-Origin-Resource-Policy`` and ``Permissions-Policy``.

The exceptions the CSP needs, and why, are listed in ``docs/reliability.md``.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from dash.exceptions import CallbackException, DependencyException, PreventUpdate
from flask import jsonify, request

__all__ = ["install", "content_security_policy", "check_callback_body", "BadCallbackRequest",
           "MAX_CONTENT_LENGTH", "SECURITY_HEADERS"]

log = logging.getLogger(__name__)

#: request bodies above this size are refused with 413 (Dash's largest real payload here is < 20 kB)
MAX_CONTENT_LENGTH = 1024 * 1024
#: caps inside a callback body (far above what the renderer sends for this app)
MAX_ITEMS = 200            # inputs/state/outputs per callback, items per wildcard list
MAX_ID_CHARS = 1000        # a component id or property name, a changedPropIds entry
MAX_ROUTER_CHARS = 8192    # the page router's pathname / search strings

SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

#: messages with which Dash's own validation says "the request does not match the callback"
_REQUEST_MISMATCH = {
    "Wrong length output_spec",
    "Output does not match callback definition",
    "Inputs do not match callback definition",
}
_WILDCARDS = ("ALL", "ALLSMALLER", "MATCH")
_ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."


class BadCallbackRequest(ValueError):
    """A ``/_dash-update-component`` body that is not a well-formed call of a known callback."""


# ---------------------------------------------------------------- Content-Security-Policy
def content_security_policy(app, *, unsafe_eval: bool = False) -> str:
    """The CSP header value for ``app`` (call after every clientside callback is registered).

    ``unsafe_eval``: plotly.js bundles regl (WebGL traces) and maplibre (map traces), which
    compile code at run time. This app draws only SVG traces and, measured in Chromium, needs
    no eval: leave it off unless WebGL or map traces are added.
    """
    hashes = " ".join(app.csp_hashes())
    eval_source = " 'unsafe-eval'" if unsafe_eval else ""
    directives = {
        "default-src": "'self'",
        # Dash's renderer bootstrap and the clientside callbacks are inline scripts: their hashes
        "script-src": f"'self'{eval_source} {hashes}",
        # plotly.js injects <style> elements and style attributes
        "style-src": "'self' 'unsafe-inline'",
        # data: for the overview's SVG sparklines, plotly's image export; blob: for downloads
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


# ---------------------------------------------------------------- callback body checks
def _declared(spec_id: str) -> tuple[Any, bool]:
    """A declared dependency id -> (id as str or dict, is-multi-valued wildcard)."""
    if isinstance(spec_id, str) and spec_id.startswith("{"):
        parsed = json.loads(spec_id)
        multi = any(isinstance(v, list) and v and v[0] in ("ALL", "ALLSMALLER") for v in parsed.values())
        return parsed, multi
    return spec_id, False


def _split_outputs(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = []
    for p in parts:
        id_, _, prop = p.rpartition(".")
        out.append({"id": id_, "property": prop.split("@")[0]})
    return out


def _scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) > MAX_ID_CHARS)


def _check_item(item: Any, declared_id: Any, declared_prop: str, where: str) -> str:
    """One posted ``{"id", "property", "value"?}``; returns its prop id string."""
    if not isinstance(item, dict):
        raise BadCallbackRequest(f"{where}: expected an object")
    cid, prop = item.get("id"), item.get("property")
    if not isinstance(prop, str) or prop.split("@")[0] != declared_prop:
        raise BadCallbackRequest(f"{where}: property does not match the callback")
    if isinstance(declared_id, dict):
        if not isinstance(cid, dict) or set(cid) != set(declared_id):
            raise BadCallbackRequest(f"{where}: id does not match the callback")
        for k, want in declared_id.items():
            got = cid[k]
            if isinstance(want, list) and want and want[0] in _WILDCARDS:
                if not _scalar(got):
                    raise BadCallbackRequest(f"{where}: wildcard id value must be a short scalar")
            elif got != want:
                raise BadCallbackRequest(f"{where}: id does not match the callback")
        sid = "{" + ",".join(f"{json.dumps(k)}:{json.dumps(cid[k])}" for k in sorted(cid)) + "}"
        return f"{sid}.{prop}"
    if cid != declared_id:
        raise BadCallbackRequest(f"{where}: id does not match the callback")
    return f"{cid}.{prop}"


def _check_list(items: Any, declared: list[dict], where: str) -> set[str]:
    if not isinstance(items, list):
        raise BadCallbackRequest(f"{where}: expected a list")
    if len(items) != len(declared):
        raise BadCallbackRequest(f"{where}: expected {len(declared)} items, got {len(items)}")
    prop_ids: set[str] = set()
    for i, (item, spec) in enumerate(zip(items, declared)):
        did, multi = _declared(spec["id"])
        if multi:
            if not isinstance(item, list) or len(item) > MAX_ITEMS:
                raise BadCallbackRequest(f"{where}[{i}]: expected a list of at most {MAX_ITEMS} items")
            for j, sub in enumerate(item):
                prop_ids.add(_check_item(sub, did, spec["property"], f"{where}[{i}][{j}]"))
        else:
            prop_ids.add(_check_item(item, did, spec["property"], f"{where}[{i}]"))
    return prop_ids


def check_callback_body(app, body: Any) -> None:
    """Raise :class:`BadCallbackRequest` unless ``body`` is a well-formed call of a known callback.

    Only the structure is checked (what Dash's dispatcher indexes into); values are left to
    the callbacks, except the page router's pathname/search, which Dash needs as strings.
    """
    if not isinstance(body, dict):
        raise BadCallbackRequest("body must be a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or len(output) > 20 * MAX_ID_CHARS:
        raise BadCallbackRequest("'output' must be a string")
    cb = app.callback_map.get(output)
    if cb is None or "callback" not in cb:
        raise BadCallbackRequest("no server-side callback has this output")

    # outputs: one object (single output) or a list with one entry per declared output
    declared_outputs = _split_outputs(output)
    outputs = body.get("outputs")
    if output.startswith(".."):
        _check_list(outputs, declared_outputs, "outputs")
    else:
        _check_list([outputs], declared_outputs, "outputs")

    posted = _check_list(body.get("inputs"), cb["inputs"], "inputs")
    _check_list(body.get("state", []), cb.get("state", []), "state")

    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > MAX_ITEMS:
        raise BadCallbackRequest("'changedPropIds' must be a list")
    for pid in changed:
        if not isinstance(pid, str) or pid not in posted:
            raise BadCallbackRequest("'changedPropIds' must name posted inputs")

    if output == _ROUTER_OUTPUT:
        prefix = app.config.requests_pathname_prefix
        for item in body["inputs"]:
            value = item.get("value")
            if value is None:
                continue
            if not isinstance(value, str) or len(value) > MAX_ROUTER_CHARS:
                raise BadCallbackRequest(f"page router: {item['property']} must be a string "
                                         f"of at most {MAX_ROUTER_CHARS} characters")
            if item["property"] == "pathname" and not value.startswith(prefix):
                # a browser's location.pathname always starts with the app's prefix ("/")
                raise BadCallbackRequest(f"page router: pathname must start with {prefix!r}")


def _has_lone_surrogate(value: Any) -> bool:
    """True if any string (key or value) in a parsed JSON document holds a lone UTF-16 surrogate.

    JSON may escape one (``"\\ud800"``) but it is not text: pandas/pyarrow raise
    ``UnicodeEncodeError`` on comparing with it, and no browser form produces it.
    """
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def _bad_request(message: str):
    response = jsonify(error="bad request", detail=message[:300])
    response.status_code = 400
    return response


# ---------------------------------------------------------------- install
def _serialize_first_request_setup(app) -> None:
    """Make Dash's lazy first-request setup (``_setup_server``, the pages router) thread-safe.

    Each Dash hook sets its flag first and then does the work, so a concurrent request sees
    the flag set and runs against a half-set-up app. Until the first request has passed every
    hook, all requests run the hooks one at a time.
    """
    server = app.server
    funcs = server.before_request_funcs.setdefault(None, [])
    lock = threading.Lock()
    done = threading.Event()

    def serialized(func):
        def run():
            if done.is_set():
                return func()
            with lock:
                return func()
        run.__name__ = f"serialized_{getattr(func, '__name__', 'hook')}"
        return run

    funcs[:] = [serialized(f) for f in funcs]

    def setup_done():
        done.set()

    server.before_request(setup_done)


def install(app, *, max_content_length: int = MAX_CONTENT_LENGTH, unsafe_eval: bool = False) -> None:
    """Install security headers and request guards on ``app.server``."""
    server = app.server
    _serialize_first_request_setup(app)
    server.config["MAX_CONTENT_LENGTH"] = max_content_length
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"
    csp_cache: dict[int, str] = {}

    def guard_callback_requests():
        if request.method != "POST" or request.path != update_path:
            return None
        # (Dash's own before_request hooks, registered earlier, have already added the page
        # router's callback to app.callback_map on the first request.)
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            return _bad_request("body is nested too deeply")
        try:
            check_callback_body(app, body)
        except BadCallbackRequest as exc:
            return _bad_request(str(exc))
        if b"\\ud" in request.get_data().lower() and _has_lone_surrogate(body):
            return _bad_request("strings must be valid Unicode text (a lone surrogate was posted)")
        return None

    server.before_request(guard_callback_requests)

    def callback_mismatch(exc: CallbackException):
        if isinstance(exc, PreventUpdate):  # pragma: no cover - Dash's own handler is more specific
            return "", 204
        if str(exc) in _REQUEST_MISMATCH:
            return _bad_request(str(exc))
        log.error("callback error on %s", request.path, exc_info=exc)
        response = jsonify(error="internal server error")
        response.status_code = 500
        return response

    server.register_error_handler(CallbackException, callback_mismatch)

    def unknown_dependency(_exc: DependencyException):
        # Dash raises this for a /_dash-component-suites/ path it did not register: a 404
        response = jsonify(error="not found")
        response.status_code = 404
        return response

    server.register_error_handler(DependencyException, unknown_dependency)

    def too_large(_exc):
        response = jsonify(error="request body too large", limit=max_content_length)
        response.status_code = 413
        return response

    server.register_error_handler(413, too_large)

    def security_headers(response):
        # The pages router adds a clientside callback (an inline script) on the first request,
        # so the CSP is computed lazily and recomputed if Dash's inline scripts change.
        n = len(app._inline_scripts)  # noqa: SLF001 - Dash keeps no public count of them
        csp = csp_cache.get(n)
        if csp is None:
            csp = csp_cache[n] = content_security_policy(app, unsafe_eval=unsafe_eval)
        response.headers.setdefault("Content-Security-Policy", csp)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    server.after_request(security_headers)
