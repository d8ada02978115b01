"""The prefetch of a picker's update (assets/24_prefetch.js, issue 14): a press on an option sends the
request Dash will send for it, and Dash's own request is answered with that response only when it is the
same request. Checked in the browser: one request per choice reaches the server, the chart shows the
chosen indicator's values (from the Parquet files), and a press that chose nothing is never applied."""

from __future__ import annotations

import pytest
from browser_helpers import figure, goto, open_dropdown, series, traces, wait_figure

UPDATE = "/_dash-update-component"


def _stats(page) -> dict:
    return page.evaluate("() => Object.assign({}, window.dashboardPrefetch.stats)")


def _updates(page) -> list:
    """The update requests the page sends from now on (appended as they go out)."""
    sent: list = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" and UPDATE in r.url else None)
    return sent


def _chosen(page, indicator: str) -> None:
    wait_figure(page, "ts", f"gd.layout.meta && gd.layout.meta.indicator === '{indicator}'")


def _press(page, indicator: str, before: dict) -> None:
    """Open the indicator picker and hold the mouse button down on ``indicator``'s option (no click
    yet); wait until the page has sent a prefetch since ``before`` (its stats)."""
    open_dropdown(page, "indicator")
    option = page.locator(f".dash-dropdown-content .dash-options-list-option:has(input[value='{indicator}'])")
    option.scroll_into_view_if_needed()
    box = option.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_function("(n) => window.dashboardPrefetch.stats.sent > n", arg=before["sent"], polling=50)


def test_a_pressed_option_is_requested_once_at_the_press(page):
    goto(page, "/structure")
    before = _stats(page)
    sent = _updates(page)
    _press(page, "gdp_per_person_employed", before)
    # the request is on its way while the button is still down, before any click
    assert len(sent) == 1 and '"indicator.value"' in sent[0] and "gdp_per_person_employed" in sent[0]
    page.mouse.up()
    _chosen(page, "gdp_per_person_employed")
    after = _stats(page)
    # Dash's own request was answered by the prefetch: one request in all reached the server
    assert after["used"] == before["used"] + 1 and after["dropped"] == before["dropped"]
    assert len(sent) == 1
    china = traces(page)["China"]
    expected = series("gdp_per_person_employed", "CHN")
    assert dict(zip(china[0], china[1])) == pytest.approx(expected.to_dict())


def test_a_press_that_chose_nothing_is_never_applied(page):
    goto(page, "/structure")
    shown = figure(page, "ts")["layout"]["meta"]["indicator"]
    before = _stats(page)
    _press(page, "gdp_usd", before)
    page.keyboard.press("Escape")  # the list closes: nothing chosen
    page.wait_for_selector(".dash-dropdown-content", state="detached")
    page.mouse.up()
    # another control changes: Dash's request differs from the prefetched one, which is dropped
    page.click("label[for=_dbcprivate_radioitems_transform_input_yoy]")
    page.wait_for_function("() => location.search.includes('transform=yoy')", polling=100)
    after = _stats(page)
    assert after["dropped"] == before["dropped"] + 1 and after["used"] == before["used"]
    assert figure(page, "ts")["layout"]["meta"]["indicator"] == shown != "gdp_usd"
    assert "gdp_usd" not in page.evaluate("() => location.search")


def test_the_keyboard_choice_of_a_compare_year_is_prefetched(page):
    goto(page, "/structure?indicator=gdp_per_person_employed")
    before = _stats(page)
    open_dropdown(page, "year-a")
    # the option 2000 takes the focus (as the arrow keys give it: tests/browser/test_keyboard.py), then Enter
    page.locator(".dash-dropdown-content .dash-options-list-option input[value='2000']").focus()
    page.keyboard.press("Enter")
    wait_figure(page, "cmp", "JSON.stringify(gd.data).includes('2000')")
    after = _stats(page)
    assert after["sent"] == before["sent"] + 1 and after["used"] == before["used"] + 1, (before, after)
    page.wait_for_function("() => decodeURIComponent(location.search).includes('compare=2000')", polling=100)
