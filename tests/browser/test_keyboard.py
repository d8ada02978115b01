"""Every control of a dimension page and of the provincial view by keyboard alone (issue 15).

Each control is reached with Tab (from the previous one, never by a click or a script focus),
shows a visible focus outline (computed style: a solid outline at least 2 px wide), is operated with
Enter / Space / the arrow keys / typing, and its effect is checked: the view in the URL, the chart's
heading, a started download, the data table opened, the language of the page.
"""

from __future__ import annotations

from browser_helpers import figure, wait_drawn, wait_page_charts

FOCUS_JS = """() => { const e = document.activeElement; if (!e) return null;
  const cs = getComputedStyle(e);
  return {id: e.id, tag: e.tagName, cls: String(e.className), role: e.getAttribute('role'),
          text: (e.textContent || '').trim().slice(0, 40), type: e.type || '', value: e.value || '',
          disabled: !!e.disabled, label: e.getAttribute('aria-label') || '',
          expanded: e.getAttribute('aria-expanded'),
          outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)}; }"""


NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def focused(page) -> dict:
    return page.evaluate(FOCUS_JS)


def assert_ring(info: dict) -> None:
    assert info["outline"] != "none" and info["width"] >= 2, f"no visible focus ring on {info}"


def tab_to(page, match, limit: int = 80, back: bool = False) -> dict:
    """Press Tab (Shift+Tab if ``back``) until the focused element satisfies ``match``; it must show
    a visible focus ring."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        info = focused(page)
        if info and match(info):
            assert_ring(info)
            return info
    raise AssertionError("control not reached by keyboard")


def wait_query(page, text: str, present: bool = True) -> None:
    op = "" if present else "!"
    page.wait_for_function(f"() => {op}location.search.includes({text!r})", polling=100, timeout=15_000)


def query(page) -> str:
    return page.evaluate("() => decodeURIComponent(location.search)")


def pick_option(page, search: str | None, want=lambda info: True) -> dict:
    """In an open dropdown list: type ``search`` (into its search box), then ArrowDown to the first
    enabled option that satisfies ``want`` and press Enter on it. Returns that option."""
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")
    if search:
        page.keyboard.press("Home")  # the list's search box
        page.keyboard.type(search)
    for _ in range(40):
        page.keyboard.press("ArrowDown")
        page.evaluate(NEXT_FRAMES)  # the list moves focus in an animation frame
        info = focused(page)
        if info["role"] == "option" and not info["disabled"] and want(info):
            assert_ring(info)
            page.keyboard.press("Enter")
            return info
    raise AssertionError(f"no option for {search!r}")


def pick_other_year(page, cid: str, other: str) -> dict:
    """Open year list ``cid`` by keyboard and pick a year other than the one it shows and the one
    the ``other`` list of the pair shows (the list opens on the chosen year; from its search box,
    ArrowDown walks it); wait until the URL has changed (read before the pick: it may follow the
    pick before a later read)."""
    before = query(page)
    shown = page.inner_text(f"#{cid}").strip().split("\n")[0]
    other_shown = page.inner_text(f"#{other}").strip().split("\n")[0]
    open_dropdown(page, cid)
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")
    page.keyboard.press("Home")
    picked = pick_option(page, None, want=lambda info: info["value"] not in (shown, other_shown))
    close_list(page)
    page.wait_for_function(f"() => decodeURIComponent(location.search) !== {before!r}", timeout=15_000)
    assert "compare=" in query(page) and picked["value"] in query(page)
    return picked


def close_list(page) -> None:
    if page.locator(".dash-dropdown-content").count():
        page.keyboard.press("Escape")
    page.wait_for_selector(".dash-dropdown-content", state="detached")


def open_dropdown(page, cid: str) -> None:
    tab_to(page, lambda i: i["id"] == cid)
    page.keyboard.press("Enter")


def heading(page, key: str = "ts") -> str:
    return page.inner_text(f"#{key}-heading .chart-title")


def download_by_enter(page, text: str, suffix: str) -> None:
    with page.expect_download(timeout=30_000) as dl:
        tab_to(page, lambda i: i["text"] == text and i["tag"] == "BUTTON")
        page.keyboard.press("Enter")
    assert dl.value.suggested_filename.endswith(suffix), dl.value.suggested_filename


def open_table_by_keyboard(page, key: str) -> None:
    """The card's "Data table" button opens a captioned table; the table's scrolling box is the next
    tab stop (keyboard scrolling), and the button closes it again."""
    info = tab_to(page, lambda i: '"table-toggle"' in i["id"] and f'"chart":"{key}"' in i["id"])
    assert info["expanded"] == "false"
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{key}-card table.data-table caption", timeout=20_000)
    assert focused(page)["expanded"] == "true"
    assert page.locator(f"#{key}-card table.data-table tbody th[scope=row]").count() > 0
    assert page.locator(f"#{key}-card table.data-table thead th[scope=col]").count() >= 2
    box = tab_to(page, lambda i: "data-table-scroll" in i["cls"], limit=3)
    assert box["role"] == "region" and box["label"]


def test_space_opens_a_dropdown_list_as_enter_does(page):
    # dcc's trigger opened on Enter / ArrowDown only: Space's keyup opened the list and the button's
    # click on that keyup shut it again (assets/22_a11y.js openOnSpace)
    page.goto("/structure?indicator=gdp_usd")
    wait_page_charts(page)
    page.locator("body").click(position={"x": 2, "y": 2})
    for cid in ("indicator", "regions"):
        tab_to(page, lambda i, cid=cid: i["id"] == cid)
        page.keyboard.press("Space")
        page.wait_for_selector(".dash-dropdown-content [role=listbox]", timeout=10_000)
        page.evaluate(NEXT_FRAMES)
        assert page.get_attribute(f"#{cid}", "aria-expanded") == "true"
        # the list opens as it does on Enter: no search typed in, every option offered
        box = page.locator(".dash-dropdown-content input.dash-dropdown-search")
        assert box.count() == 1 and box.input_value() == ""
        page.keyboard.press("Escape")
        page.wait_for_selector(".dash-dropdown-content", state="detached")
        assert page.get_attribute(f"#{cid}", "aria-expanded") == "false"
    assert "indicator=gdp_usd" in query(page)  # nothing picked on the way


def test_dimension_page_controls_by_keyboard(page):
    page.goto("/structure?indicator=gdp_usd")
    wait_page_charts(page)
    page.locator("body").click(position={"x": 2, "y": 2})

    # indicator: Enter opens the list, Home reaches its search box, arrows move, Enter picks
    assert "Value added by industry" not in heading(page)
    open_dropdown(page, "indicator")
    pick_option(page, "Value added by industry", lambda i: i["value"] == "va_share_gdp_by_industry")
    page.wait_for_function("() => document.querySelector('#ts-heading .chart-title')"
                           ".textContent.includes('Value added by industry')", timeout=20_000)
    close_list(page)
    wait_page_charts(page)

    # regions: type into the search box, arrow to the match, Enter adds it
    open_dropdown(page, "regions")
    pick_option(page, "Japan")
    close_list(page)
    wait_query(page, "JPN")

    # sectors: the list opens with the chosen sectors first; Enter on the first takes it away
    open_dropdown(page, "sectors")
    pick_option(page, None, lambda i: i["value"] == "primary")
    close_list(page)
    wait_query(page, "sector=")
    assert "primary" not in query(page).split("sector=")[1].split("&")[0]

    # years: both thumbs of the range slider, moved with the arrow keys
    thumb = tab_to(page, lambda i: i["role"] == "slider")
    assert thumb["label"].startswith("Years")
    page.keyboard.press("ArrowRight")
    wait_query(page, "time=")
    start = query(page).split("time=")[1].split("&")[0]
    tab_to(page, lambda i: i["role"] == "slider")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => !decodeURIComponent(location.search).includes('time={start}')", timeout=15_000)

    # transform radios: arrows choose (year-on-year, then index, which enables the base year)
    tab_to(page, lambda i: i["type"] == "radio" and i["value"] == "level")
    page.keyboard.press("ArrowDown")
    wait_query(page, "transform=yoy")
    page.keyboard.press("ArrowDown")
    wait_query(page, "transform=index")

    # base year (index): Enter opens the year list on the chosen year, an arrow and Enter pick another
    page.wait_for_function("() => !document.getElementById('base-year').disabled")
    # (a year other than the one shown: on a busy machine the first arrow can land on the chosen year,
    # and picking it again changes nothing)
    base_shown = page.inner_text("#base-year").strip().split("\n")[0]
    open_dropdown(page, "base-year")
    pick_option(page, None, want=lambda info: info["value"] != base_shown)
    close_list(page)
    wait_query(page, "base=")
    # Shift+Tab goes back to the transform radios; back to the level (the counterpart overlaid below
    # has no value in the chosen base year)
    tab_to(page, lambda i: i["type"] == "radio" and i["value"] == "index", back=True)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    wait_query(page, "transform=", present=False)

    # log scale switch, "Show milestones" and "Overlay <counterpart>" switches: Space toggles
    tab_to(page, lambda i: i["type"] == "checkbox" and i["id"].endswith("log_input_log"))
    page.keyboard.press("Space")
    wait_query(page, "log=")
    tab_to(page, lambda i: i["type"] == "checkbox" and "events" in i["id"])
    page.keyboard.press("Space")
    wait_query(page, "events=0")
    traces = len(figure(page, "ts")["data"])
    tab_to(page, lambda i: i["type"] == "checkbox" and "overlay" in i["id"])
    page.keyboard.press("Space")
    wait_query(page, "overlay=1")
    # the counterpart's series are drawn: the chart has more traces than before
    page.wait_for_function(f"() => document.querySelector('#ts-graph .js-plotly-plot').data.length > {traces}",
                           timeout=20_000)

    # the chart itself is a tab stop (its text alternative), then its exports: PNG, SVG, CSV
    chart = tab_to(page, lambda i: "chart-region" in i["cls"])
    assert chart["role"] == "figure"
    download_by_enter(page, "PNG", ".png")
    download_by_enter(page, "SVG", ".svg")
    download_by_enter(page, "CSV", ".csv")
    # ... then the data table, then the sources
    open_table_by_keyboard(page, "ts")
    tab_to(page, lambda i: i["tag"] == "SUMMARY")

    # compare years: From and To year lists
    pick_other_year(page, "year-a", "year-b")
    pick_other_year(page, "year-b", "year-a")

    # stacking: arrows choose 100% stacked
    tab_to(page, lambda i: i["type"] == "radio" and i["value"] == "absolute")
    page.keyboard.press("ArrowRight")
    wait_query(page, "stack=percent")


def test_provincial_view_controls_by_keyboard(page):
    page.goto("/provinces")
    for key in ("pmap", "prank", "pts", "pcmp"):
        wait_drawn(page, key)
    page.wait_for_load_state("networkidle")
    page.locator("body").click(position={"x": 2, "y": 2})

    # indicator: search, arrow, Enter
    open_dropdown(page, "prov-indicator")
    pick_option(page, "type of activity", lambda i: i["value"] == "rd_expenditure_by_activity_province")
    close_list(page)
    wait_query(page, "indicator=rd_expenditure_by_activity_province")

    # type of activity (sector): the list opens on the chosen one, an arrow and Enter pick another
    page.wait_for_function("() => !document.getElementById('prov-sector').disabled")
    open_dropdown(page, "prov-sector")
    pick_option(page, None)
    close_list(page)
    wait_query(page, "sector=")

    # the Play button starts and stops the years (Enter), the slider moves a year (arrows)
    tab_to(page, lambda i: i["id"] == "prov-play")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('prov-play').textContent.includes('Pause')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('prov-play').textContent.includes('Play')")
    tab_to(page, lambda i: i["role"] == "slider")
    now, top = page.evaluate("() => [document.activeElement.getAttribute('aria-valuenow'), "
                             "document.activeElement.getAttribute('aria-valuemax')]")
    before = query(page)
    page.keyboard.press("ArrowLeft" if now == top else "ArrowRight")  # Play paused at the first year
    page.wait_for_function(f"() => decodeURIComponent(location.search) !== {before!r}", timeout=15_000)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-valuenow')") != now
    page.wait_for_function(f"() => !document.getElementById('pmap-heading').textContent.includes('{now}')")

    # the provinces chosen on the map: the same choice by keyboard in "Chosen provinces"
    open_dropdown(page, "prov-provinces")
    pick_option(page, "Guangdong")
    close_list(page)
    wait_query(page, "CN-GD")
    page.wait_for_function("() => document.getElementById('pmap-graph').textContent !== ''")

    # compare from / to
    pick_other_year(page, "prov-year-a", "prov-year-b")
    pick_other_year(page, "prov-year-b", "prov-year-a")

    # the map card: chart, exports, data table (the year's ranking), then the sources
    chart = tab_to(page, lambda i: "chart-region" in i["cls"])
    assert chart["role"] == "figure"
    download_by_enter(page, "PNG", ".png")
    download_by_enter(page, "SVG", ".svg")
    download_by_enter(page, "CSV", ".csv")
    open_table_by_keyboard(page, "pmap")
    assert page.locator("#pmap-card table.data-table tbody tr").count() == 31
    tab_to(page, lambda i: i["tag"] == "SUMMARY")


def test_language_switch_and_scorecard_sort_by_keyboard(page):
    page.goto("/scorecard?dimension=green")
    page.wait_for_selector("tr[data-indicator]")
    # the page's own first callbacks answered (a key press before that reaches no callback on a busy machine)
    page.wait_for_load_state("networkidle")
    updates = []
    page.on("request", lambda r: updates.append(r.url) if "_dash-update-component" in r.url else None)
    page.locator("body").click(position={"x": 2, "y": 2})
    # on the way the Tab key passes the empty filter box: leaving it asks the server for nothing (it
    # once sent its value on blur, and the table drawn again took the focus from the sort button)
    tab_to(page, lambda i: i["id"] == "scorecard-filter")
    sort = tab_to(page, lambda i: i["id"].startswith("scorecard-sort-button") and i["text"].startswith("CAGR"))
    page.evaluate(NEXT_FRAMES)
    assert updates == [], updates
    assert page.locator("th[aria-sort='ascending'], th[aria-sort='descending']").count() == 0
    page.keyboard.press("Enter")
    page.wait_for_selector("th[aria-sort='descending']", timeout=30_000)  # numbers: largest first
    # the table is drawn anew, and the focus stays on the column's sort button: Enter again reverses
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === {sort['id']!r}")
    assert_ring(focused(page))
    page.keyboard.press("Enter")
    page.wait_for_selector("th[aria-sort='ascending']", timeout=30_000)

    page.goto("/green")
    wait_page_charts(page)
    page.locator("body").click(position={"x": 2, "y": 2})
    tab_to(page, lambda i: i["tag"] == "A" and "中文" in i["text"], back=False)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hans'")
