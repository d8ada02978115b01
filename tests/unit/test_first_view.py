"""The page container filled from the layout request's Referer, with Dash's routing callback as the
fallback (dashboard.app_factory.page_container), and the start-up warm-up (issue 14)."""

from __future__ import annotations

import json

import dash
import pytest

from dashboard.app_factory import create_app, warm_up
from dashboard.settings import Settings


@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


def _container(app, referer: str | None) -> dict:
    client = app.server.test_client()
    r = client.get("/_dash-layout", headers={"Referer": referer} if referer else {})
    assert r.status_code == 200
    text = r.get_data(as_text=True)
    found: dict = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") in ("_pages_location", "_pages_content", "_pages_store"):
                found[props["id"]] = props
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(json.loads(text))
    return found


def test_layout_request_from_a_page_carries_that_page(app):
    found = _container(app, "http://localhost/structure?indicator=employment_share_by_industry&region=CHN~USA")
    assert found["_pages_location"]["pathname"] == "/structure"
    assert found["_pages_location"]["search"] == "?indicator=employment_share_by_industry&region=CHN~USA"
    content = json.dumps(found["_pages_content"]["children"])
    assert '"view-state"' in content and "employment_share_by_industry" in content
    assert found["_pages_store"]["data"]["title"].startswith("Industrial structure")


@pytest.mark.parametrize("referer", [None, "http://other.example/structure", "http://localhost/no-such-page",
                                     "not a url"])
def test_otherwise_dash_pages_routes_as_before(app, referer):
    found = _container(app, referer)
    assert "pathname" not in found["_pages_location"]  # the Location reports the URL: the routing callback runs
    assert found["_pages_content"].get("children") is None
    assert "data" not in found["_pages_store"]


def test_a_page_that_fails_to_build_is_left_to_the_routing_callback(app, monkeypatch):
    page = next(p for p in dash.page_registry.values() if p["path"] == "/green")

    def broken(**_):
        raise RuntimeError("broken page")
    monkeypatch.setitem(page, "layout", broken)
    found = _container(app, "http://localhost/green")
    assert found["_pages_content"].get("children") is None and "pathname" not in found["_pages_location"]


def test_warm_up_computes_milestones_in_every_language_and_sets_dash_up():
    from dashboard import runtime
    from dashboard.data.i18n import LANGS

    app = create_app(Settings())
    store = runtime.current(app.server).store
    assert not any(isinstance(k, tuple) and k[0].startswith("_milestone") for k in store.__dict__)
    took = warm_up(app)
    assert set(took) == {"milestones", "dash_setup", "pages", "indicators"}
    from dashboard.data.dimensions import DIMENSIONS
    from dashboard.model.catalog import indicator_ids

    panels = store.__dict__["_sources_panel"]  # every dimension page indicator's Sources panel, in every language
    on_pages = {i for d in DIMENSIONS for i in indicator_ids(store, d.id)}
    assert len(on_pages) > 50 and {(i, lang) for i in on_pages for lang in LANGS} <= set(panels)
    keys = {k for k in store.__dict__ if isinstance(k, tuple)}
    assert {("_milestone_events", lang) for lang in LANGS} <= keys
    assert {("_milestone_verdicts", lang) for lang in LANGS} <= keys
    assert app._got_first_request["setup_server"] is True


def test_warm_up_leaves_the_language_it_found():
    # it built every page in Chinese last: the process went on in Chinese (labels of any later render
    # outside a request, e.g. tests after it, came out in Chinese)
    from dashboard.data.i18n import get_lang
    from dashboard.data.labels import region_name

    warm_up(create_app(Settings()))
    assert get_lang() == "en" and region_name("CHN") == "China"
