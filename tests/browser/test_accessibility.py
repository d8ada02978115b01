"""axe-core on every page, at a desktop and a phone width, in English and Chinese.

axe-core 4.14.1 (MPL-2.0, from the npm registry; see ``vendor/README.md``) is injected as an
init script, so it runs under the app's own strict CSP. Each page is checked after its charts
are drawn, and every page with a dropdown again with each kind of dropdown open (a multi-select
list of check boxes, a single-select list of radio buttons with group headers). A serious or
critical violation fails the test, with no rule or element set aside; every violation (also
moderate and minor) is printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import wait_drawn, wait_page_charts
from conftest import DATA_TIMEOUT_MS, DIMENSIONS, PageWatch

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
VIEWPORTS = {"1440x900": (1440, 900), "390x844": (390, 844)}
LANGS = ["en", "zh"]
PAGES = (["/"] + [f"/{d}" for d in DIMENSIONS]
         + ["/provinces", "/scorecard", "/report?page=green", "/no-such-page"])
FAILING = {"serious", "critical"}

# every rule axe has for WCAG 2.0/2.1 A and AA, plus its best practices (landmarks, headings)
AXE_RUN_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').slice(0, 300)}))}));
}"""


def wait_ready(page, path: str) -> None:
    """Wait until a page has drawn what it shows (charts, cards, tables)."""
    bare = path.split("?")[0]
    if bare == "/":
        page.wait_for_selector(".kpi-card")
        page.wait_for_selector("#milestones article[data-claim]")
        page.wait_for_function("() => Array.from(document.querySelectorAll('img.kpi-spark'))"
                               ".every(i => i.complete && i.naturalWidth > 0)", polling=100)
    elif bare.strip("/") in DIMENSIONS:
        wait_page_charts(page)
    elif bare == "/provinces":
        for key in ("pmap", "prank", "pts", "pcmp"):
            wait_drawn(page, key)
    elif bare == "/scorecard":
        page.wait_for_selector("tr[data-indicator]")
    elif bare == "/report":
        page.wait_for_selector(".report-page")
        n = page.locator(".report-card:not(.report-empty)").count()
        page.wait_for_function(f"() => document.querySelectorAll('.report-graph .main-svg').length >= {n}")
    else:
        page.wait_for_selector(".not-found-page h1")


def run_axe(page) -> list[dict]:
    return page.evaluate(AXE_RUN_JS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for n in v["nodes"][:8]:
            lines.append(f"      {n['target']}  -- {n['summary'].splitlines()[-1] if n['summary'] else ''}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_pages(browser, server):
    """One page per (viewport, language), reused by every path; axe is loaded on each document."""
    made: dict = {}
    watch = PageWatch(server)
    contexts = []

    def get(viewport: str, lang: str):
        if (viewport, lang) not in made:
            w, h = VIEWPORTS[viewport]
            ctx = browser.new_context(viewport={"width": w, "height": h}, base_url=server,
                                      locale="zh-CN" if lang == "zh" else "en-GB")
            ctx.set_default_timeout(DATA_TIMEOUT_MS)
            ctx.add_init_script(path=str(AXE))
            contexts.append(ctx)
            made[(viewport, lang)] = watch.attach(ctx.new_page())
        return made[(viewport, lang)]

    yield get
    for ctx in contexts:
        ctx.close()
    assert not watch.foreign_requests()
    assert not watch.errors, f"browser console errors: {watch.errors[:10]}"


def _url(path: str, lang: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_axe_violation(axe_pages, viewport, lang, path):
    page = axe_pages(viewport, lang)
    page.goto(_url(path, lang))
    wait_ready(page, path)
    assert page.get_attribute("html", "lang") == ("zh-Hans" if lang == "zh" else "en")
    violations = run_axe(page)
    print(f"\naxe {path} {viewport} {lang}:\n{describe(violations) or '  no violations'}")
    bad = [v for v in violations if v["impact"] in FAILING]
    assert not bad, f"{path} at {viewport} ({lang}):\n{describe(bad)}"


#: pages with dcc.Dropdown controls -> the dropdowns opened there (a multi-select and a single-select)
DROPDOWNS = {**{f"/{d}": ("#regions", "#indicator") for d in DIMENSIONS},
             "/provinces": ("#prov-provinces", "#prov-indicator")}


@pytest.mark.parametrize("path", list(DROPDOWNS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_axe_violation_with_a_dropdown_open(axe_pages, viewport, lang, path):
    page = axe_pages(viewport, lang)
    page.goto(_url(path, lang))
    wait_ready(page, path)
    for dropdown in DROPDOWNS[path]:
        page.click(dropdown)
        page.wait_for_selector(".dash-dropdown-content [role=listbox] [role=option]")
        # the option markup axe checks is the one a screen reader meets: the focusable input is the option
        assert page.locator(".dash-dropdown-content label.dash-options-list-option[role]").count() == 0
        violations = run_axe(page)
        print(f"\naxe {path} {viewport} {lang}, {dropdown} open:\n{describe(violations) or '  no violations'}")
        page.keyboard.press("Escape")
        page.wait_for_selector(".dash-dropdown-content", state="detached")
        bad = [v for v in violations if v["impact"] in FAILING]
        assert not bad, f"{path} with {dropdown} open at {viewport} ({lang}):\n{describe(bad)}"
