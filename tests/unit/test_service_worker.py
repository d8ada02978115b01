"""The service worker's script and the list of files it caches (dashboard.service_worker, issue 14)."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.service_worker import cached_urls, worker_script


@pytest.fixture(scope="module")
def app_client(served_app):
    return served_app


def _page_links(client) -> list[str]:
    html = client.get("/structure").get_data(as_text=True)
    return re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="(/[^"]+)"', html)


def test_the_worker_caches_exactly_the_fingerprinted_files_every_page_loads(app_client):
    app, client = app_client
    urls = cached_urls(app)
    links = _page_links(client)
    fingerprinted = [u for u in links if "?m=" in u or re.search(r"\.v\d+_\d+_\d+m\d+\.", u)]
    assert sorted(urls) == sorted(set(fingerprinted))
    assert any("05_plotly-basic.min.js?m=" in u for u in urls) and any("dash_renderer.v" in u for u in urls)
    assert any(u.endswith(".css") or ".css?m=" in u for u in urls)
    # never an address without a fingerprint (the worker would answer it after the file changed):
    # dcc's chunks, the layout, the pages
    assert not [u for u in urls if "async-" in u or "_dash-layout" in u or "?m=" not in u and ".v" not in u]
    for u in urls:  # each is served, as the worker's install fetches it
        assert client.get(u).status_code == 200, u


def test_the_script_carries_the_list_and_a_version_that_changes_with_it(app_client):
    app, client = app_client
    r = client.get("/service-worker.js")
    assert r.status_code == 200 and r.mimetype == "text/javascript"
    assert r.cache_control.no_cache  # the browser checks for a new worker on each page it opens
    body = r.get_data(as_text=True)
    listed = json.loads(re.search(r"^const URLS = (.*);$", body, re.M).group(1))
    assert listed == cached_urls(app)
    assert 'const PREFIX = "/";' in body and 'const ASSETS = "/assets/";' in body and "__" not in body.split("const CACHE")[0]
    version = re.search(r'^const VERSION = "([0-9a-f]{16})";$', body, re.M).group(1)
    # plotly.js replaced: a new modification time, a new fingerprint, a new worker
    other = worker_script([u.replace("?m=", "?m=9") if "plotly-basic" in u else u for u in listed])
    assert re.search(r'^const VERSION = "([0-9a-f]{16})";$', other, re.M).group(1) != version
    assert worker_script(listed) == body
