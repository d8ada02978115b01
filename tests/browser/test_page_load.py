"""A page opened by its address (issue 14): the two requests Dash's renderer makes when it starts are
preloaded and the preloaded answers are the ones it uses (each asked once, no "preloaded but not
used" warning), and on a second page the files under assets/ come from the browser's cache without
asking the server (dashboard.asset_cache)."""

from __future__ import annotations

from urllib.parse import urlparse

from browser_helpers import goto


def test_the_renderer_uses_the_preloaded_layout_and_callback_graph(page):
    asked: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: asked.append(urlparse(r.url).path))
    page.on("console", lambda m: console.append(m.text))
    goto(page, "/structure")
    page.wait_for_timeout(3500)  # Chromium warns of an unused preload ~3 s after the load event
    assert asked.count("/_dash-layout") == 1 and asked.count("/_dash-dependencies") == 1, asked
    assert not [m for m in console if "preload" in m.lower()], console
    # asked while the scripts were still loading, not after them as the renderer alone would
    started, scripts_done = page.evaluate("""() => [
        performance.getEntriesByType('resource').find(e => new URL(e.name).pathname === '/_dash-layout').startTime,
        performance.getEntriesByType('navigation')[0].domContentLoadedEventStart]""")
    assert started < scripts_done, (started, scripts_done)
    # the layout the renderer drew is the page's own (built from the preload request's Referer)
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page.evaluate("() => document.querySelector('#ts-graph .js-plotly-plot').data.length") > 0


def test_a_second_page_takes_the_assets_from_the_browser_cache(page):
    goto(page, "/green")
    goto(page, "/structure")  # by its address: a new document, the same browser cache
    entries = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => new URL(e.name).pathname.startsWith('/assets/'))
        .map(e => [new URL(e.name).pathname, e.transferSize])""")
    assert any(p.endswith("05_plotly-basic.min.js") for p, _ in entries), entries
    # transferSize 0: taken from the cache without a request (a 304 revalidation transfers headers)
    assert [p for p, size in entries if size != 0] == [], entries


def test_the_service_worker_serves_the_next_page_its_scripts_and_nothing_else(page):
    goto(page, "/green")
    # registered once the first page has loaded and the browser is idle; controls the page when ready
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
    goto(page, "/structure")  # a page opened by its address
    entries = page.evaluate("""() => performance.getEntriesByType('resource')
        .map(e => [new URL(e.name).pathname + new URL(e.name).search, e.initiatorType, e.deliveryType])""")
    scripts = [(u, d) for u, kind, d in entries if kind == "script"]
    assert any("05_plotly-basic.min.js?m=" in u for u, _ in scripts) and any("dash_renderer.v" in u for u, _ in scripts)
    # every fingerprinted script from the worker's cache (Cache Storage), compiled code and all
    assert [u for u, d in scripts if d != "cache-storage"] == [], scripts
    # what the cache does not hold goes to the network: the page's layout and callbacks, dcc's chunks
    # (no fingerprint), and a file under another fingerprint (as after an upgrade) is the server's
    others = {u: d for u, _, d in entries if u.startswith(("/_dash-layout", "/_dash-dependencies"))
              or "async-graph.js" in u}
    assert others and all(d != "cache-storage" for d in others.values()), others
    fetched = page.evaluate("""async () => { const r = await fetch('/assets/20_dashboard.js?m=1');
        const t = await r.text(); await new Promise(ok => setTimeout(ok, 50));
        const e = performance.getEntriesByType('resource').filter(x => x.name.endsWith('20_dashboard.js?m=1')).pop();
        return [r.status, t.length > 100, e && e.deliveryType]; }""")
    assert fetched[0] == 200 and fetched[1] and fetched[2] != "cache-storage", fetched
