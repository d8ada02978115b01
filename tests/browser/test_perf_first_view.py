"""Issue 14 in the browser: a page's first view comes with the layout (no routing round trip),
in-app navigation still works, and plotly keeps the fitted margins (one layout pass per chart)."""

from __future__ import annotations

import pytest
from browser_helpers import goto, select_option, wait_page_charts

CHARTS = ("ts", "cmp", "comp")
SIZES_JS = """(keys) => keys.map(k => { const gd = document.querySelector('#' + k + '-graph .js-plotly-plot');
  const s = gd._fullLayout._size, m = gd.layout.margin || {};
  return [k, Math.round(s.b), Math.round(m.b), Math.round(s.l), Math.round(m.l || 0)]; })"""


def test_first_view_arrives_with_the_layout_and_navigation_still_routes(page):
    posts = []
    page.on("request", lambda r: posts.append(r.url) if "_dash-update-component" in r.url else None)
    goto(page, "/structure?indicator=employment_share_by_industry&region=CHN~USA&lang=zh")
    assert posts == []  # no routing callback: the page came with /_dash-layout
    assert page.title() == "产业结构 · 中国产业升级"
    assert "分产业就业结构" in page.locator("#ts-heading").inner_text()
    assert page.url.endswith("/structure?indicator=employment_share_by_industry&region=CHN~USA&lang=zh")
    # a link in the app goes through Dash's routing callback, and back comes back
    page.locator("nav a[href^='/green']").first.click()
    page.wait_for_url("**/green**")
    wait_page_charts(page, CHARTS)
    assert page.locator("h1").first.inner_text() == "绿色化" and posts
    page.go_back()
    page.wait_for_url("**/structure?indicator=employment_share_by_industry**")
    page.wait_for_function("() => (document.querySelector('#ts-heading') || {}).textContent.includes('分产业就业结构')")
    wait_page_charts(page, CHARTS)
    assert page.title() == "产业结构 · 中国产业升级"


@pytest.mark.parametrize("path", [
    "/structure",
    "/structure?indicator=employment_share_by_industry&region=CHN~USA~DEU",
    "/structure?indicator=manufacturing_va_usd&region=CHN~USA~JPN~DEU~KOR&lang=zh",
    "/endowments",
])
def test_plotly_keeps_the_fitted_margins_at_1440(page, path):
    goto(page, path)
    keys = [k for k in CHARTS if page.locator(f"#{k}-graph .main-svg").count()]
    for key, size_b, margin_b, size_l, margin_l in page.evaluate(SIZES_JS, keys):
        assert size_b == margin_b, (path, key, size_b, margin_b)  # plotly did not grow them: one layout pass
        assert margin_l == 0 or size_l == margin_l, (path, key, size_l, margin_l)


def test_margins_still_grow_where_the_legend_needs_more_rows(context_factory):
    page = context_factory(viewport=(390, 844)).new_page()
    goto(page, "/structure?indicator=employment_share_by_industry&region=CHN~USA~DEU")
    (key, size_b, margin_b, _, _), = page.evaluate(SIZES_JS, ["ts"])
    assert size_b > margin_b  # nine series on a phone: plotly widens the bottom margin itself


def test_indicator_change_keeps_one_layout_pass(page):
    goto(page, "/structure")
    select_option(page, "indicator", "employment_share_by_industry")
    page.wait_for_function("""() => ['ts', 'cmp', 'comp'].every(k => {
        const gd = document.querySelector('#' + k + '-graph .js-plotly-plot');
        return gd && gd.layout && gd.layout.meta && gd.layout.meta.indicator === 'employment_share_by_industry'; })""")
    wait_page_charts(page, CHARTS)
    for key, size_b, margin_b, _, _ in page.evaluate(SIZES_JS, list(CHARTS)):
        assert size_b == margin_b, (key, size_b, margin_b)
