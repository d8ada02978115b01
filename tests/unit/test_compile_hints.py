"""V8's compile hint on the scripts the app serves (dashboard.compile_hints, issue 14)."""

from __future__ import annotations

from pathlib import Path

import dash
import pytest

from dashboard.compile_hints import HINT

ASSETS = Path(__file__).resolve().parents[2] / "assets"
DASH_DIR = Path(dash.__file__).resolve().parent


@pytest.fixture(scope="module")
def client(served_app):
    return served_app[1]


def _script_paths(client) -> list[str]:
    html = client.get("/structure").get_data(as_text=True)
    return [p.split('"')[0] for p in html.split('<script src="')[1:]]


def test_every_script_the_page_loads_starts_with_the_hint_then_the_published_file(client):
    paths = _script_paths(client)
    assert any(p.startswith("/assets/05_plotly-basic.min.js") for p in paths)
    assert any("dash_renderer" in p for p in paths) and any("dash_core_components" in p for p in paths)
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200 and r.data.startswith(HINT), path
        assert int(r.headers["Content-Length"]) == len(r.data)
    # the rest is the file as published (vendored asset; a package's bundle)
    plotly = client.get(next(p for p in paths if "plotly-basic" in p)).data
    assert plotly[len(HINT):] == (ASSETS / "05_plotly-basic.min.js").read_bytes()
    renderer = client.get(next(p for p in paths if "dash_renderer" in p)).data
    assert renderer[len(HINT):] == (DASH_DIR / "dash-renderer/build/dash_renderer.min.js").read_bytes()
    # dcc's chunk loaded later by the page
    chunk = client.get("/_dash-component-suites/dash/dcc/async-graph.js")
    assert chunk.status_code == 200 and chunk.data.startswith(HINT) and chunk.data.count(HINT) == 1


def test_other_responses_are_untouched(client):
    css = client.get("/assets/10_dashboard.css")
    assert css.status_code == 200 and css.data == (ASSETS / "10_dashboard.css").read_bytes()
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and not layout.data.startswith(HINT)
    missing = client.get("/assets/no-such-file.js")
    assert missing.status_code == 404 and not missing.data.startswith(HINT)
    # a revalidation answered 304 keeps its empty body
    first = client.get("/assets/20_dashboard.js")
    again = client.get("/assets/20_dashboard.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_a_range_request_gets_the_whole_hinted_script(client):
    # a part of the plain file under the hinted file's ETag could be joined to it by a cache (new-user check)
    whole = client.get("/assets/20_dashboard.js")
    part = client.get("/assets/20_dashboard.js", headers={"Range": "bytes=0-9"})
    assert part.status_code == 200 and part.data == whole.data and part.data.startswith(HINT)


def test_source_maps_are_shifted_by_the_hint_line(client):
    import json

    path = "/_dash-component-suites/dash/dcc/dash_core_components.js.map"
    served = json.loads(client.get(path).data)
    published = json.loads((DASH_DIR / "dcc/dash_core_components.js.map").read_bytes())
    assert served["mappings"] == ";" + published["mappings"]
    assert served["sources"] == published["sources"]
