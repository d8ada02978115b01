"""Every page loads in a real browser, draws its charts from local assets only, and fits a phone."""

from __future__ import annotations

import pytest
from browser_helpers import figure, wait_drawn, wait_page_charts
from conftest import DIMENSIONS

PAGES = ["/"] + [f"/{d}" for d in DIMENSIONS]
VIEWPORTS = {"desktop": (1440, 900), "mobile": (390, 844)}


def _name(path: str) -> str:
    return "overview" if path == "/" else path.strip("/").replace("/", "_")


def _wait_ready(page, path: str) -> None:
    if path == "/":
        page.wait_for_selector(".kpi-card")
        # every sparkline image decoded
        page.wait_for_function("() => Array.from(document.querySelectorAll('img.kpi-spark'))"
                               ".every(i => i.complete && i.naturalWidth > 0)", polling=100)
    elif path in PAGES:
        wait_page_charts(page)
    else:
        page.wait_for_selector("text=Page not found")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES + ["/no-such-page"])
def test_page_loads_and_fits(context_factory, screenshot_dir, path, viewport):
    w, h = VIEWPORTS[viewport]
    page = context_factory((w, h)).new_page()
    resp = page.goto(path)
    # an address that is no page answers 404, with the app drawing its not-found page
    assert resp is not None and resp.status == (404 if path == "/no-such-page" else 200)
    _wait_ready(page, path)

    if path in DIMENSIONS or path.strip("/") in DIMENSIONS:
        for key in ("ts", "cmp", "comp"):
            fig = figure(page, key)
            empty = bool((fig["layout"].get("meta") or {}).get("empty"))
            if key != "comp":
                assert not empty, f"{path}: the {key} chart shows an empty state by default"
            if not empty:
                assert any(len(t.get("x", [])) for t in fig["data"]), f"{path}: {key} has no points"
            box = page.locator(f"#{key}-graph").bounding_box()
            assert box and box["width"] > 100 and box["height"] > 150, f"{path}: {key} chart box {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= w + 0.5, f"{path}: {key} overflows: {box}"
        # the default view leaves nothing to complain about
        assert page.locator(".url-notice").count() == 0

    if path == "/":
        assert page.locator(".kpi-card").count() >= 10
        links = page.eval_on_selector_all(".kpi-link", "els => els.map(e => e.getAttribute('href'))")
        assert all(l.split("?")[0].strip("/") in DIMENSIONS and "indicator=" in l for l in links)

    if path == "/no-such-page":
        assert page.locator("h1", has_text="Page not found").is_visible()
        hrefs = page.eval_on_selector_all(".not-found-page a", "els => els.map(e => e.getAttribute('href'))")
        # every page of the navigation bar, and the scorecard
        assert hrefs == ["/"] + [f"/{d}" for d in DIMENSIONS] + ["/provinces", "/scorecard"]

    # no horizontal page scroll at any width
    overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1], f"{path} scrolls sideways at {w}px: {overflow}"
    page.screenshot(path=str(screenshot_dir / f"{_name(path)}-{w}x{h}.png"), full_page=True)


def test_overview_card_opens_its_indicator(page):
    page.goto("/")
    page.wait_for_selector(".kpi-card")
    link = page.locator("#overview-green .kpi-link").first
    href = link.get_attribute("href")
    indicator = href.split("indicator=")[1]
    link.click()
    page.wait_for_url("**/green**")
    wait_drawn(page, "ts")
    assert page.locator("#indicator .dash-dropdown-value").inner_text().strip()
    assert figure(page, "ts")["layout"]["meta"]["indicator"] == indicator


def test_navbar_links_route_without_reload(page):
    page.goto("/")
    page.wait_for_selector(".kpi-card")
    page.evaluate("window.__marker = 1")
    page.click(".app-navbar .nav-link[href='/digital']")
    wait_page_charts(page)
    assert page.evaluate("window.__marker") == 1  # client-side routing, no full reload
    page.goto("/health")
    assert '"status":"ok"' in page.content().replace(" ", "")
