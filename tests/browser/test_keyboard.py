"""Every control of a dimension page by keyboard alone: reached with Tab, operated with
Arrow/Enter/Space, the view (URL) changes, and the focused control shows a visible outline."""

from __future__ import annotations

from browser_helpers import wait_page_charts

FOCUS_JS = """() => { const e = document.activeElement; if (!e) return null;
  const cs = getComputedStyle(e);
  return {id: e.id, tag: e.tagName, cls: String(e.className), role: e.getAttribute('role'),
          text: (e.textContent || '').trim().slice(0, 40), type: e.type || '',
          outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)}; }"""


def tab_to(page, match, limit: int = 80, back: bool = False) -> dict:
    """Press Tab (Shift+Tab if ``back``) until the focused element satisfies ``match``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        info = page.evaluate(FOCUS_JS)
        if info and match(info):
            assert info["outline"] != "none" and info["width"] >= 2, f"no visible focus ring on {info}"
            return info
    raise AssertionError("control not reached by keyboard")


def wait_query(page, text: str, present: bool = True) -> None:
    op = "" if present else "!"
    page.wait_for_function(f"() => {op}location.search.includes({text!r})", polling=100, timeout=15_000)


def test_dimension_page_controls_by_keyboard(page):
    page.goto("/structure?indicator=value_added_share_gdp")
    wait_page_charts(page)
    page.locator("body").click(position={"x": 2, "y": 2})

    # regions: the dropdown button is a tab stop; Enter opens, arrows move, Enter picks
    tab_to(page, lambda i: i["id"] == "regions")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")
    page.keyboard.type("Japan")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_query(page, "JPN")

    # years: a slider thumb, moved with the arrow keys
    tab_to(page, lambda i: i["role"] == "slider")
    page.keyboard.press("ArrowRight")
    wait_query(page, "time=")

    # transform radios: arrows choose
    tab_to(page, lambda i: i["type"] == "radio")
    page.keyboard.press("ArrowDown")
    wait_query(page, "transform=")

    # log scale switch: Space toggles
    tab_to(page, lambda i: i["type"] == "checkbox")
    page.keyboard.press("Space")
    wait_query(page, "log=")

    # the chart itself is a tab stop (its text alternative), then its export buttons
    tab_to(page, lambda i: "chart-region" in i["cls"])
    with page.expect_download() as dl:
        tab_to(page, lambda i: i["text"] == "CSV")
        page.keyboard.press("Enter")
    assert dl.value.suggested_filename.endswith(".csv")

    # Shift+Tab goes back to the previous control
    info = tab_to(page, lambda i: i["text"] == "SVG", back=True)
    assert info["tag"] == "BUTTON"


def test_language_switch_and_scorecard_sort_by_keyboard(page):
    page.goto("/scorecard?dimension=green")
    page.wait_for_selector("tr[data-indicator]")
    # the page's own first callbacks answered (a key press before that reaches no callback on a busy machine)
    page.wait_for_load_state("networkidle")
    page.locator("body").click(position={"x": 2, "y": 2})
    tab_to(page, lambda i: i["id"].startswith("scorecard-sort-button") and i["text"].startswith("CAGR"))
    assert page.locator("th[aria-sort='ascending'], th[aria-sort='descending']").count() == 0
    page.keyboard.press("Enter")
    page.wait_for_selector("th[aria-sort='ascending'], th[aria-sort='descending']", timeout=30_000)

    page.goto("/green")
    wait_page_charts(page)
    page.locator("body").click(position={"x": 2, "y": 2})
    tab_to(page, lambda i: i["tag"] == "A" and "中文" in i["text"], back=False)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hans'")
