"""V8's explicit compile hint on the JavaScript the app serves (issue 14).

Chromium (136 and later) reads the magic comment ``//# allFunctionsCalledOnLoad`` on the first
line of a classic script as "every function here runs while the page loads": V8 then compiles
the whole file eagerly, on the background thread that already parses a script while it downloads,
instead of compiling each function lazily on the main thread the first time it is called. A first
visit calls most of plotly.js, React, the Dash renderer and the component bundles, so that lazy
compilation was main-thread time between the page's bytes and its first chart.

Measured (docs/performance.md, "Figures, third round"): a first visit to /structure with a cold
browser cache, 10 visits each, hint on every served script against none: all charts drawn
1825 -> 1606 ms median, browser main-thread time 1526 -> 1270 ms. Other browsers ignore the
comment (it is a comment), and a script the browser already has compiled code for (V8's code
cache, on repeat visits) is not compiled again either way.

The comment is added when the script is sent (:func:`install`), so the vendored file in
``assets/`` and the packages' bundles stay byte for byte as published. Two consequences are
handled here: a range request for a script is answered with the whole (hinted) file, so that no
cache can join a part of the plain file to the hinted one under the same ETag; and the script's
source map gets one more (empty) first line in its ``mappings``, so browser developer tools still
point at the right source line.
"""

from __future__ import annotations

import json

from flask import Flask, Response, request

#: the magic comment, on a line of its own before the script's first byte (V8's documentation:
#: https://v8.dev/blog/explicit-compile-hints)
HINT = b"//# allFunctionsCalledOnLoad\n"

#: where the app's scripts are served: Dash's component bundles and ``assets/``
SCRIPT_PREFIXES = ("/_dash-component-suites/", "/assets/")


def with_hint(response: Response) -> Response:
    """``response`` with :data:`HINT` before its body when it is a complete JavaScript file the
    app serves (status 200, a ``.js`` path under :data:`SCRIPT_PREFIXES`, not content-encoded);
    any other response (304, 206 ranges, CSS, JSON, errors) unchanged. Content-Length follows the
    new body. Idempotent: a body that starts with the hint is left alone."""
    if response.status_code != 200 or not _is_script(request.path) or response.headers.get("Content-Encoding"):
        return response
    response.direct_passthrough = False  # a file sent by send_file: read it into the body
    body = response.get_data()
    if not body.startswith(HINT):
        response.set_data(HINT + body)
    return response


def _is_script(path: str) -> bool:
    return path.endswith(".js") and path.startswith(SCRIPT_PREFIXES)


def whole_scripts() -> None:
    """``before_request``: drop ``Range``/``If-Range`` from a request for a script the app hints
    (HTTP lets a server answer a range request with the whole resource, status 200)."""
    if _is_script(request.path):
        request.environ.pop("HTTP_RANGE", None)
        request.environ.pop("HTTP_IF_RANGE", None)


def shifted_map(response: Response) -> Response:
    """``response`` (``after_request``) with one empty generated line (";") put before the
    ``mappings`` of a source map (``<script>.js.map`` under :data:`SCRIPT_PREFIXES`, status 200), to
    match the hint line before its script; anything else, or a map that is not JSON with a string
    ``mappings``, unchanged."""
    path = request.path
    if response.status_code != 200 or not (path.endswith(".js.map") and _is_script(path[:-4])):
        return response
    response.direct_passthrough = False
    try:
        smap = json.loads(response.get_data())
    except ValueError:
        return response
    if isinstance(smap, dict) and isinstance(smap.get("mappings"), str):
        smap["mappings"] = ";" + smap["mappings"]
        response.set_data(json.dumps(smap, separators=(",", ":")))
    return response


def install(server: Flask) -> None:
    """Add :func:`whole_scripts` to ``server``'s ``before_request`` hooks and :func:`with_hint` and
    :func:`shifted_map` to its ``after_request`` hooks."""
    server.before_request(whole_scripts)
    server.after_request(with_hint)
    server.after_request(shifted_map)
