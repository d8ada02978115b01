"""The app on a damaged data directory, and catalog text that looks like HTML.

A copy of the shipped ``datasets/`` is damaged: a truncated Parquet file, a file with the wrong
schema, an empty file, a text file named ``.parquet``, and beside valid rows: duplicate keys, NaN
and infinite values, unknown indicator ids and absurdly long strings (observations and catalog).
The app must start, serve the valid data, and show on every page a notice naming each bad file
and its problem; ``python -m dashboard validate`` must report every problem and exit 1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import Settings, create_app, runtime
from dashboard.data import validate_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "datasets"
UPDATE = "/_dash-update-component"
PAGES = ["/", "/endowments", "/structure", "/digital", "/green", "/internationalization", "/nope"]
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]


def _write(df: pd.DataFrame, path: Path) -> None:
    df.to_parquet(path, index=False)


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad-data")
    for f in SHIPPED.glob("*.parquet"):
        shutil.copy(f, d / f.name)
    # truncated Parquet
    raw = (d / "digital.parquet").read_bytes()
    (d / "digital.parquet").write_bytes(raw[: len(raw) // 2])
    # wrong schema
    _write(pd.DataFrame({"foo": [1, 2], "bar": ["a", "b"]}), d / "structure.parquet")
    # empty file
    (d / "internationalization.parquet").write_bytes(b"")
    # a text file named .parquet
    (d / "endowments.parquet").write_text("indicator_id,region,year,value\nx,CHN,2020,1\n")
    # green: valid rows plus duplicates, NaN/inf, unknown ids, absurdly long strings
    green = pd.read_parquet(d / "green.parquet")
    dup = green.head(3)
    nan = green.iloc[[10, 11]].assign(value=[np.nan, np.inf])
    unknown = green.head(2).assign(indicator_id="no_such_indicator")
    long = green.iloc[[20]].assign(source_vintage="L" * 50_000)
    longid = green.iloc[[21]].assign(region="X" * 5000)
    _write(pd.concat([green, dup, nan, unknown, long, longid], ignore_index=True), d / "green.parquet")
    # catalog: one row with an absurdly long name
    cat = pd.read_parquet(d / "catalog.parquet")
    cat = pd.concat([cat, cat.head(1).assign(indicator_id="too_long_name", name="N" * 100_000)], ignore_index=True)
    _write(cat, d / "catalog.parquet")
    return d


@pytest.fixture(scope="module")
def bad_app(bad_dir):
    return create_app(Settings(data_dir=bad_dir))


def _router(client, path: str, search: str = "") -> dict:
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname", "_pages_location.search"]}
    r = client.post(UPDATE, json=body)
    assert r.status_code == 200, (path, r.status_code, r.data[:300])
    return r.get_json()


def _strings(node) -> list[str]:
    out = []
    stack = [node]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


def _file_problems(problems):
    # "indicator X of the catalog has no valid observations" follow from the file problems
    return [p for p in problems if "has no valid observations" not in p.message]


def test_damaged_files_are_all_reported(bad_dir):
    problems = validate_dir(bad_dir)
    text = "\n".join(map(str, problems))
    assert "digital.parquet: is not a readable Parquet file" in text
    assert "endowments.parquet: is not a readable Parquet file" in text
    assert "internationalization.parquet: is not a readable Parquet file" in text
    assert "structure.parquet: column 'indicator_id' is missing" in text
    assert "green.parquet: column 'value': 2 rows are NaN or infinite" in text
    assert "green.parquet: column 'indicator_id': 2 rows are not in the catalog" in text
    assert "duplicates of 3 key(s)" in text
    assert "green.parquet: column 'source_vintage': 1 row is longer than" in text
    assert "green.parquet: column 'region': 1 row is longer than" in text
    assert "catalog.parquet: column 'name': 1 row is longer than" in text


def test_app_starts_and_serves_valid_data(bad_app, bad_dir):
    client = bad_app.server.test_client()
    health = client.get("/health").get_json()
    assert health["status"] == "ok" and health["data_problems"] > 0 and health["indicators"] > 0
    # a good green indicator still draws from its valid rows
    payload = _router(client, "/green")
    store = runtime.get_store(bad_app.server)
    view = next(s for s in _find(payload, "id", "view-state"))
    body = _update_body(bad_app, payload)
    r = client.post(UPDATE, json=body)
    assert r.status_code == 200, r.data[:300]
    fig = r.get_json()["response"]["ts-graph"]["figure"]
    assert fig["data"], "the time series of a valid indicator has traces"
    ind = view["props"]["data"]["state"]["indicator"]
    assert len(store.observations(ind)) > 0


def test_every_page_names_each_bad_file_and_problem(bad_app, bad_dir):
    client = bad_app.server.test_client()
    problems = _file_problems(runtime.get_store(bad_app.server).problems)
    assert len({p.file for p in problems}) >= 6
    for path in PAGES[:-1]:  # the data pages (the 404 page shows no data, and no notice)
        texts = "\n".join(_strings(_router(client, path)))
        assert "Some data could not be loaded" in texts, path
        for p in problems:
            assert str(p) in texts, (path, str(p))


def test_validate_cli_reports_every_problem(bad_dir):
    res = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(bad_dir)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert lines == [str(p) for p in validate_dir(bad_dir)]
    assert "Traceback" not in res.stderr


def test_validate_cli_clean_and_missing(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(SHIPPED)], cwd=ROOT,
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout == ""
    missing = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(tmp_path / "nope")], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


# ---------------------------------------------------------------- catalog text is plain text
@pytest.fixture(scope="module")
def xss_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("xss-data")
    for f in SHIPPED.glob("*.parquet"):
        shutil.copy(f, d / f.name)
    cat = pd.read_parquet(d / "catalog.parquet")
    green = cat["dimension"] == "green"
    for col, payload in (("name", XSS[0]), ("definition", XSS[1]), ("notes", XSS[0] + XSS[1]),
                         ("source", XSS[1]), ("unit", XSS[0]), ("group", XSS[1])):
        cat.loc[green, col] = cat.loc[green, col].astype(str) + " " + payload
    _write(cat, d / "catalog.parquet")
    return create_app(Settings(data_dir=d))


def _walk(component):
    """Every Dash component in a tree (components, not their JSON)."""
    from dash.development.base_component import Component
    stack = [component]
    while stack:
        c = stack.pop()
        if isinstance(c, Component):
            yield c
            for name in c._prop_names:  # noqa: SLF001
                stack.append(getattr(c, name, None))
        elif isinstance(c, (list, tuple)):
            stack.extend(c)
        elif isinstance(c, dict):
            stack.extend(c.values())


def _check_plain_text(tree) -> int:
    """No component renders raw HTML; returns how many text children carry a payload."""
    from dash import dcc
    hits = 0
    for comp in _walk(tree):
        assert "dangerouslySetInnerHTML" not in comp._prop_names  # noqa: SLF001
        if isinstance(comp, dcc.Markdown):
            assert not getattr(comp, "dangerously_allow_html", False)
            md = comp.children if isinstance(comp.children, str) else "".join(map(str, comp.children or []))
            for p in XSS:
                assert p not in md, "catalog HTML inside Markdown"
        children = getattr(comp, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if isinstance(child, str) and any(p in child for p in XSS):
                hits += 1
    return hits


def test_catalog_html_is_rendered_as_text(xss_app):
    from dashboard.callbacks import Callbacks
    from dashboard.layouts import dimension_page, overview_page

    store = runtime.get_store(xss_app.server)
    with xss_app.server.app_context():
        page = dimension_page("green", {})
        assert _check_plain_text(page) > 0, "the indicator picker shows the (escaped) names"
        assert _check_plain_text(overview_page()) > 0
    cb = Callbacks(store)
    state = next(c for c in _walk(page) if getattr(c, "id", None) == "view-state").data
    out = cb.render(state)
    hits = sum(_check_plain_text(part) for card in out.values() for name, part in card.items() if name != "figure")
    assert hits > 0, "definition, notes and source appear as plain text in captions and sources"
    # and the JSON the browser gets has no HTML-enabling prop anywhere
    client = xss_app.server.test_client()
    payload = json.dumps(_router(client, "/green"))
    assert "dangerously" not in payload or '"dangerously_allow_html": true' not in payload


# ---------------------------------------------------------------- helpers
def _find(node, key, value):
    stack = [node]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if v.get("props", {}).get(key) == value:
                yield v
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def _update_body(app, page: dict) -> dict:
    """The body the browser posts to the update callback when a page's regions change: every
    control's value as the page (router payload ``page``) shows it."""
    output = next(k for k in app.callback_map if "ts-graph.figure" in k)
    dep = app.callback_map[output]
    outputs = []
    for p in output[2:-2].split("..."):
        id_, _, prop = p.rpartition(".")
        outputs.append({"id": id_, "property": prop})

    def value(cid, prop):
        if cid == "view-state":
            return None  # no previous view: every chart is drawn
        found = list(_find(page, "id", cid))
        return found[0]["props"].get(prop) if found else None

    def items(specs):
        return [{"id": s["id"], "property": s["property"], "value": value(s["id"], s["property"])} for s in specs]

    return {"output": output, "outputs": outputs, "inputs": items(dep["inputs"]), "state": items(dep["state"]),
            "changedPropIds": ["regions.value"]}
