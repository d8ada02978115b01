"""Fuzz the callback endpoint and the pages with malformed and hostile requests.

Payloads start from the real shapes the app publishes at ``/_dash-dependencies`` (the same
shapes Dash's renderer posts, checked against bodies captured in Chromium) and are mutated:
wrong types, huge lists, unknown ids, nested junk, script tags, unicode, very long strings,
missing keys, wrong outputs, wrong number of inputs, non-JSON. Every answer must be < 500 and
carry no traceback; well-formed requests with odd *values* must get a normal answer (200/204:
an empty state), malformed *structure* a 4xx; the server stays healthy.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import Settings, create_app
from dashboard.security import BadCallbackRequest, _has_lone_surrogate, check_callback_body

ROOT = Path(__file__).resolve().parents[2]
UPDATE = "/_dash-update-component"
PAGES = ["/", "/endowments", "/structure", "/digital", "/green", "/internationalization", "/404", "/nope"]
TRACEBACK_MARKERS = (b"Traceback", b'File "')


# ---------------------------------------------------------------- payload shapes
def _fill_id(spec_id: str, chart: str = "ts", fmt: str = "png"):
    """A declared id (pattern-matching ids are JSON with ["MATCH"]) -> a concrete id."""
    if not spec_id.startswith("{"):
        return spec_id
    parsed = json.loads(spec_id)
    out = {}
    for k, v in parsed.items():
        if isinstance(v, list):
            out[k] = {"chart": chart, "format": fmt}.get(k, "x")
        else:
            out[k] = v
    return out


def _stringify(cid) -> str:
    if isinstance(cid, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{json.dumps(cid[k])}" for k in sorted(cid)) + "}"
    return cid


def good_values(app) -> dict[str, object]:
    """Plausible values of every (component id, property) on the green page."""
    from dashboard import runtime
    from dashboard.model.catalog import default_indicator, indicator_meta
    from dashboard.model.state import default_state

    store = runtime.get_store(app.server)
    ind = default_indicator(store, "green")
    st = default_state(indicator_meta(store, ind))
    view = {"state": st.to_dict(), "query": ""}
    return {
        "navbar-toggler.n_clicks": 1, "navbar-collapse.is_open": False,
        "indicator.value": ind, "regions.value": list(st.regions), "sectors.value": list(st.sectors),
        "page-dimension.data": "green", "years.value": [st.start, st.end], "transform.value": "level",
        "base-year.value": st.base_year, "log.value": [], "year-a.value": st.year_a, "year-b.value": st.year_b,
        "stack.value": "absolute", "ts-graph.clickData": {"points": [{"x": st.year_b - 1, "y": 1}]},
        "view-state.data": view, "csv.n_clicks": 1,
        "_pages_location.pathname": "/green", "_pages_location.search": "",
    }


def base_payloads(client, app) -> list[dict]:
    """One well-formed body per server-side callback, from /_dash-dependencies."""
    deps = client.get("/_dash-dependencies").get_json()
    values = good_values(app)
    bodies = []
    for dep in deps:
        if dep.get("clientside_function"):
            continue
        output = dep["output"]
        parts = output[2:-2].split("...") if output.startswith("..") else [output]
        outs = []
        for p in parts:
            id_, _, prop = p.rpartition(".")
            outs.append({"id": _fill_id(id_), "property": prop.split("@")[0]})

        def items(specs):
            res = []
            for s in specs:
                cid = _fill_id(s["id"])
                key = (cid["type"] if isinstance(cid, dict) else cid) + "." + s["property"]
                res.append({"id": cid, "property": s["property"], "value": copy.deepcopy(values.get(key))})
            return res

        body = {
            "output": output,
            "outputs": outs if output.startswith("..") else outs[0],
            "inputs": items(dep["inputs"]),
            "changedPropIds": [f"{_stringify(_fill_id(i['id']))}.{i['property']}" for i in dep["inputs"]],
        }
        if dep["state"]:
            body["state"] = items(dep["state"])
        bodies.append(body)
    return bodies


# ---------------------------------------------------------------- hostile values
LONG = "A" * 100_000
HOSTILE_VALUES: list[object] = [
    None, True, False, 0, -1, 1.5, 10**30, -10**30, 1e308, float("nan"), float("inf"), "",
    "x", "CHN", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "'; DROP TABLE x; --", "../../../../etc/passwd", "%00", "\u0000", "\ud800", "\u202e\u0644\u0627",
    "中国工业", "😀" * 1000, LONG, [], {}, [None], ["<script>"], list(range(10_000)), ["CHN"] * 5000,
    [LONG], [[[[[[[[[[[]]]]]]]]]]], {"state": None}, {"state": {"dimension": "green", "indicator": LONG}},
    {"state": {"dimension": ["green"], "indicator": {"a": 1}}}, {"points": "x"}, {"points": [{"x": LONG}]},
    {"points": [{"x": 10**30}]}, {"points": [None]}, "2000..2020", [2020, 2000], [1, 99999], ["a", "b"],
    [1e308, -1e308], {"a": {"b": {"c": {"d": [1, {"e": "<script>"}]}}}}, "green", "structure", "?x=1",
]


def _nest(depth: int):
    v: object = "<script>"
    for _ in range(depth):
        v = [v, {"k": v}] if depth < 12 else [v]
    return v


def value_mutations(bodies: list[dict], rng: random.Random, n: int):
    """Well-formed bodies whose input/state values are hostile."""
    out = []
    for i in range(n):
        body = copy.deepcopy(bodies[i % len(bodies)])
        slots = body["inputs"] + body.get("state", [])
        for slot in rng.sample(slots, k=rng.randint(1, len(slots))):
            choice = rng.random()
            if choice < 0.85:
                slot["value"] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
            elif choice < 0.95:
                slot["value"] = _nest(rng.randint(2, 60))
            else:
                slot.pop("value", None)
        out.append(body)
    return out


def structure_mutations(bodies: list[dict], rng: random.Random, n: int):
    """Bodies whose structure is wrong (all must get a 4xx)."""
    ops = [
        lambda b: b.pop("output"),
        lambda b: b.pop("inputs"),
        lambda b: b.update(output="nope.children"),
        lambda b: b.update(output=rng.choice(HOSTILE_VALUES[:12])),
        lambda b: b.update(output=b["output"] + "x"),
        lambda b: b.update(outputs=[]),
        lambda b: b.update(outputs=None),
        lambda b: b.update(outputs={"id": "nope", "property": "children"}),
        lambda b: b.update(outputs=[{"id": "x", "property": "y"}] * 30),
        lambda b: b.update(inputs=b["inputs"][:-1]),
        lambda b: b.update(inputs=b["inputs"] + b["inputs"]),
        lambda b: b.update(inputs={"id": "x"}),
        lambda b: b.update(inputs=[None] * len(b["inputs"])),
        lambda b: b.update(inputs=[[i] for i in b["inputs"]]),
        lambda b: b["inputs"][0].update(id="not-the-id"),
        lambda b: b["inputs"][0].update(id={"type": "x", "chart": "ts"}),
        lambda b: b["inputs"][0].update(id={"a": [1, 2]}),
        lambda b: b["inputs"][0].pop("property"),
        lambda b: b["inputs"][0].update(property=["value"]),
        lambda b: b.update(state=[{"id": "x", "property": "y", "value": 1}] * 3),
        lambda b: b.update(state="junk"),
        lambda b: b.update(changedPropIds="x.y"),
        lambda b: b.update(changedPropIds=["{not json.n_clicks"]),
        lambda b: b.update(changedPropIds=['{"type":"csv"}.n_clicks']),
        lambda b: b.update(changedPropIds=[None, 1, {}]),
        lambda b: b.update(changedPropIds=["x.y"] * 500),
    ]
    out = []
    for i in range(n):
        body = copy.deepcopy(bodies[i % len(bodies)])
        ops[i % len(ops)](body)
        out.append(body)
    return out


RAW_BODIES: list[tuple[bytes, str]] = [
    (b"null", "application/json"), (b"[]", "application/json"), (b"{}", "application/json"),
    (b"1", "application/json"), (b'"x"', "application/json"), (b"true", "application/json"),
    (b"not json", "application/json"), (b"{", "application/json"), (b"", "application/json"),
    (b"\xff\xfe\x00", "application/json"), (b'{"output": "x"}', "text/plain"),
    (b"[" * 100_000 + b"]" * 100_000, "application/json"), (b"<script>alert(1)</script>", "text/html"),
    (b'{"output":"view-state.data","inputs":[],"outputs":{}}', "application/json"),
    (json.dumps({"output": "x" * 900_000}).encode(), "application/json"),
]


def router_payloads(rng: random.Random, n: int) -> list[dict]:
    searches = ["", "?", "?indicator=<script>alert(1)</script>", "?indicator=a&indicator=b",
                "?region=" + "~".join(["CHN"] * 500), "?time=-99999..99999999", "?time=2020..2000",
                "?compare=abc", "?log=maybe", "?transform=__import__", "?base=1e9", "?stack=%00",
                "?%ZZ=%ZZ", "?" + "&".join(f"k{i}=v" for i in range(2000)), "?indicator=" + "é" * 3000,
                "?pathname_=x&search_=y", "?layout=1&self=2", "?region=\ud800", "?sector=" + LONG[:7000],
                "?indicator=../../etc/passwd", "?__class__=1"]
    paths = PAGES + ["", "//", "/green/", "/GREEN", "/green/../structure", "/%00", "/<script>", "/" + "a" * 5000,
                     "/_dash-layout", "/assets/../pyproject.toml", "/\u202e", "/中文"]
    odd = [None, 1, 1.5, True, [], ["/green"], {"a": 1}, LONG]
    out = []
    for i in range(n):
        pathname = rng.choice(paths) if i % 4 else rng.choice(odd)
        search = rng.choice(searches) if i % 5 else rng.choice(odd)
        out.append({
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
        })
    return out


ODD_URLS = [p + q for p in PAGES for q in ("", "?indicator=<script>alert(1)</script>", "?region=%ZZ",
                                         "?time=1..2&time=3..4", "?" + "x" * 3000, "?\u202e=1")] + [
    "/%00", "/..%2f..%2fetc%2fpasswd", "/assets/..%2f..%2fpyproject.toml", "/_dash-layout?x=<script>",
    "/_dash-component-suites/dash/nope.js", "/_dash-component-suites/../../app.py", "/" + "a" * 3000,
    "/_dash-update-component", "/health?x=1", "/_dash-dependencies",
]


def _assert_clean(status: int, data: bytes, what: str) -> None:
    assert status < 500, f"{what}: {status} {data[:300]!r}"
    for marker in TRACEBACK_MARKERS:
        assert marker not in data, f"{what}: traceback text in the response"


def _router_ok(body: dict) -> bool:
    if body["output"] != ".._pages_content.children..._pages_store.data..":
        return True
    path, search = (i.get("value") for i in body["inputs"])
    return all(v is None or (isinstance(v, str) and len(v) <= 8192) for v in (path, search)) and (
        path is None or path.startswith("/"))


def _dumps(body) -> bytes:
    return json.dumps(body, allow_nan=True).encode()


def all_payloads(client, app, seed: int = 6):
    rng = random.Random(seed)
    bases = base_payloads(client, app)
    return (bases, value_mutations(bases, rng, 700), structure_mutations(bases, rng, 260),
            router_payloads(rng, 200))


# ---------------------------------------------------------------- tests (Flask test client)
@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


@pytest.fixture()
def client(app):
    return app.server.test_client()


def test_real_payload_shapes_are_accepted(client, app):
    for body in base_payloads(client, app):
        check_callback_body(app, body)
        r = client.post(UPDATE, data=_dumps(body), content_type="application/json")
        assert r.status_code in (200, 204), (body["output"], r.status_code, r.data[:300])


def test_captured_browser_bodies_pass_the_guard(app, client):
    """Bodies as Chromium's Dash renderer posted them (captured once, see docs/reliability.md)."""
    client.get("/")
    router = {"output": ".._pages_content.children..._pages_store.data..",
              "outputs": [{"id": "_pages_content", "property": "children"},
                          {"id": "_pages_store", "property": "data"}],
              "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/green"},
                         {"id": "_pages_location", "property": "search",
                          "value": "?indicator=xx&region=%3Cscript%3E"}],
              "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
              "parsedChangedPropsIds": ["_pages_location.pathname", "_pages_location.search"]}
    csv = {"output": '{"chart":["MATCH"],"type":"csv-download"}.data',
           "outputs": {"id": {"chart": "ts", "type": "csv-download"}, "property": "data"},
           "inputs": [{"id": {"chart": "ts", "type": "csv"}, "property": "n_clicks", "value": 1}],
           "changedPropIds": ['{"chart":"ts","type":"csv"}.n_clicks'],
           "parsedChangedPropsIds": [{"chart": "ts", "type": "csv"}],
           "state": [{"id": "view-state", "property": "data", "value": good_values(app)["view-state.data"]}]}
    for body in (router, csv):
        check_callback_body(app, body)
        r = client.post(UPDATE, json=body)
        assert r.status_code == 200, r.data[:300]


def test_fuzz_callbacks_and_urls(client, app, caplog):
    bases, values, structures, routers = all_payloads(client, app)
    caplog.set_level(logging.ERROR)
    count = 0
    for body in values:
        r = client.post(UPDATE, data=_dumps(body), content_type="application/json")
        _assert_clean(r.status_code, r.data, f"value fuzz {body['output'][:60]}")
        # well-formed request, odd values: an answer (an empty state or no update), never a 4xx;
        # except the page router, whose pathname/search Dash needs as strings (a browser's are),
        # and strings that are not text (lone UTF-16 surrogates), refused before any callback
        expected = (200, 204) if _router_ok(body) and not _has_lone_surrogate(body) else (400,)
        assert r.status_code in expected, (body["output"][:60], r.status_code, r.data[:300])
        count += 1
    for body in structures:
        r = client.post(UPDATE, data=_dumps(body), content_type="application/json")
        _assert_clean(r.status_code, r.data, "structure fuzz")
        assert 400 <= r.status_code < 500, (body, r.status_code, r.data[:200])
        count += 1
    for raw, ctype in RAW_BODIES:
        r = client.post(UPDATE, data=raw, content_type=ctype)
        _assert_clean(r.status_code, r.data, f"raw body {raw[:30]!r}")
        assert 400 <= r.status_code < 500
        count += 1
    for body in routers:
        r = client.post(UPDATE, data=_dumps(body), content_type="application/json")
        _assert_clean(r.status_code, r.data, f"router {body['inputs']!r:.200}")
        count += 1
    for url in ODD_URLS:
        for method in ("GET", "POST", "HEAD"):
            r = client.open(url, method=method)
            _assert_clean(r.status_code, r.data, f"{method} {url[:80]}")
            count += 1
    assert count >= 1000
    errors = [rec.getMessage() for rec in caplog.records if rec.levelno >= logging.ERROR]
    assert not errors, errors[:3]
    health = client.get("/health")
    assert health.status_code == 200 and health.get_json()["status"] == "ok"


def test_guard_rejects_structure_not_values(app):
    body = base_payloads(app.server.test_client(), app)[0]
    check_callback_body(app, body)
    for bad in (None, [], {}, {"output": 1}, {"output": "url-sync.data", "inputs": [], "outputs": {}}):
        with pytest.raises(BadCallbackRequest):
            check_callback_body(app, bad)


# ---------------------------------------------------------------- a short run against a real server
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_health(base: str, proc, seconds: float = 60) -> None:
    import requests
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited early")
        try:
            if requests.get(base + "/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError("server did not become healthy")


def test_fuzz_real_gunicorn_server(app):
    import requests

    port = _free_port()
    env = dict(os.environ, DASHBOARD_HOST="127.0.0.1", DASHBOARD_PORT=str(port), GUNICORN_WORKERS="2",
               GUNICORN_ACCESSLOG="", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_health(base, proc)
        client = app.server.test_client()
        bases, values, structures, routers = all_payloads(client, app, seed=7)
        session = requests.Session()
        n = 0
        for body in values[:120] + structures[:60] + routers[:40]:
            r = session.post(base + UPDATE, data=_dumps(body), headers={"Content-Type": "application/json"},
                             timeout=30)
            _assert_clean(r.status_code, r.content, "real server")
            n += 1
        for raw, ctype in RAW_BODIES:
            r = session.post(base + UPDATE, data=raw, headers={"Content-Type": ctype}, timeout=30)
            _assert_clean(r.status_code, r.content, "real server raw")
            n += 1
        for url in ODD_URLS:
            r = session.get(base + url, timeout=30)
            _assert_clean(r.status_code, r.content, "real server url")
            n += 1
        # (on its own connection: the server closes it after refusing the body)
        big = requests.post(base + UPDATE, data=b"x" * (2 * 1024 * 1024),
                           headers={"Content-Type": "application/json"}, timeout=30)
        assert big.status_code == 413
        assert n > 250
        assert requests.get(base + "/health", timeout=10).status_code == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
    assert b"Traceback" not in err, err.decode(errors="replace")[-3000:]
