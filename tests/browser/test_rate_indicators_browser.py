"""A rate of change (Real GDP growth, content kind = "rate"): index, year-on-year % and log scale are
disabled in the filter panel, a link asking for them shows levels on a linear scale with a notice."""

from __future__ import annotations

import pytest
from browser_helpers import figure, goto, select_option, series, traces, wait_figure

INDEX = "#_dbcprivate_radioitems_transform_input_index"
YOY = "#_dbcprivate_radioitems_transform_input_yoy"
LOG = "#_dbcprivate_checklist_log_input_log"


def test_link_asking_index_and_log_of_gdp_growth_shows_levels(page):
    goto(page, "/structure?indicator=gdp_growth&transform=index&base=1961&log=1")
    notice = page.locator(".url-notice").inner_text()
    assert "rate of change" in notice and "Index (base = 100)" in notice and "linear scale" in notice
    assert page.locator(INDEX).is_disabled() and page.locator(YOY).is_disabled()
    assert page.locator(LOG).is_disabled() and not page.locator(LOG).is_checked()
    fig = figure(page, "ts")
    assert fig["layout"]["yaxis"].get("type", "linear") != "log"
    level = series("gdp_growth")
    x, y = traces(page)["China"]
    drawn = dict(zip(x, y))
    assert drawn[1961] == pytest.approx(level.loc[1961]) and level.loc[1961] < 0  # the level, not an index
    # the address is rewritten to the view shown
    page.wait_for_function("() => !location.search.includes('transform=') && !location.search.includes('log=')",
                           polling=100)


def test_picking_gdp_growth_disables_index_yoy_and_log(page):
    goto(page, "/structure?indicator=gdp_usd")
    assert page.locator(INDEX).is_enabled() and page.locator(LOG).is_enabled()
    select_option(page, "indicator", "gdp_growth")
    wait_figure(page, "ts", "gd.layout.meta.indicator === 'gdp_growth'")
    assert page.locator(INDEX).is_disabled() and page.locator(YOY).is_disabled() and page.locator(LOG).is_disabled()
