"""Browser caching of the files under assets/ (dashboard.asset_cache, issue 14), and the preload of the
two requests Dash's renderer makes when it starts (the index page's head)."""

from __future__ import annotations

import re

import pytest

from dashboard.asset_cache import YEAR_SECONDS


@pytest.fixture(scope="module")
def client(served_app):
    return served_app[1]


def _asset_links(client) -> list[str]:
    """The assets/ addresses the page links (scripts and style sheets), as Dash writes them."""
    html = client.get("/structure").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', html)


def test_every_asset_the_page_links_is_fingerprinted_and_kept_a_year(client):
    links = _asset_links(client)
    assert any("05_plotly-basic.min.js" in p for p in links) and any(p.endswith(".css") or ".css?" in p for p in links)
    for path in links:
        assert "?m=" in path, path  # Dash's fingerprint: the address changes with the file
        r = client.get(path)
        assert r.status_code == 200, path
        cc = r.cache_control
        assert cc.public and cc.max_age == YEAR_SECONDS == 31_536_000 and cc.immutable and not cc.no_cache, (path, r.headers)


def test_a_revalidation_answer_is_kept_a_year_too(client):
    path = next(p for p in _asset_links(client) if "20_dashboard.js" in p)
    etag = client.get(path).headers["ETag"]
    r = client.get(path, headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.cache_control.max_age == YEAR_SECONDS and r.cache_control.immutable


def test_an_address_without_the_fingerprint_is_revalidated_as_before(client):
    r = client.get("/assets/20_dashboard.js")
    assert r.status_code == 200
    assert r.cache_control.max_age is None and not r.cache_control.immutable and r.cache_control.no_cache
    # nor does anything else get the long lifetime: the page, Dash's layout, a missing asset
    for path in ("/structure", "/_dash-layout", "/assets/nothing-here.js?m=1"):
        assert client.get(path).cache_control.max_age != YEAR_SECONDS, path


def test_the_page_preloads_the_layout_and_the_callback_graph_the_renderer_asks_for(client):
    head = client.get("/structure").get_data(as_text=True).split("</head>")[0]
    for path in ("/_dash-layout", "/_dash-dependencies"):
        # as="fetch" with crossorigin="anonymous": the same mode and credentials as the renderer's fetch,
        # without which the browser would not hand it the preloaded answer
        assert f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{path}">' in head
