"""Interactions change what is drawn: checked on the figure data the browser holds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from browser_helpers import (
    figure,
    goto,
    observations,
    option_values,
    select_option,
    series,
    trace_names_js,
    traces,
    wait_figure,
    wait_url,
)

from dashboard.data.labels import SECTORS as SECTOR_LABELS


def _meta_is(indicator: str) -> str:
    return f"gd.layout.meta && gd.layout.meta.indicator === '{indicator}'"


def _assert_series(x, y, expected: pd.Series, rel=1e-9):
    points = [(v, w) for v, w in zip(x, y) if v is not None and v == v]  # empty points break a line
    got = pd.Series([w for _, w in points], index=[int(v) for v, _ in points], dtype="float64").sort_index()
    exp = expected.loc[got.index.min():got.index.max()].dropna()
    assert list(got.index) == list(exp.index), f"years differ: {list(got.index)[:5]}... vs {list(exp.index)[:5]}..."
    np.testing.assert_allclose(got.to_numpy(), exp.to_numpy(), rtol=rel, atol=1e-9)


def test_indicator_change_updates_dependent_controls(page):
    goto(page, "/structure")
    # default: a breakdown indicator, sectors enabled and offering exactly its sectors
    assert page.locator("#sectors").is_enabled()
    va = observations("va_share_gdp_by_industry")
    assert sorted(option_values(page, "sectors")) == sorted(va["sector"].unique())

    select_option(page, "indicator", "gdp_usd")
    wait_figure(page, "ts", _meta_is("gdp_usd") + " && " + trace_names_js(["China"]))
    page.wait_for_function("() => document.querySelector('#sectors').disabled === true", polling=100)
    x, y = traces(page)["China"]
    _assert_series(x, y, series("gdp_usd"))

    select_option(page, "indicator", "employment_share_by_industry")
    names = [SECTOR_LABELS[s] for s in ("primary", "secondary", "tertiary")]
    wait_figure(page, "ts", _meta_is("employment_share_by_industry") + " && " + trace_names_js(names))
    page.wait_for_function("() => document.querySelector('#sectors').disabled === false", polling=100)
    assert sorted(option_values(page, "sectors")) == ["primary", "secondary", "tertiary"]
    for s in ("primary", "secondary", "tertiary"):
        x, y = traces(page)[SECTOR_LABELS[s]]
        _assert_series(x, y, series("employment_share_by_industry", sector=s))


def test_breakdown_indicator_on_green_page_offers_its_sectors(page):
    goto(page, "/green")
    assert page.locator("#sectors").is_disabled()  # the default is a total-only indicator
    select_option(page, "indicator", "electricity_mix_share")
    wait_figure(page, "ts", _meta_is("electricity_mix_share"))
    page.wait_for_function("() => document.querySelector('#sectors').disabled === false", polling=100)
    obs = observations("electricity_mix_share")
    assert sorted(option_values(page, "sectors")) == sorted(obs["sector"].unique())


def test_adding_a_region_adds_its_trace(page):
    goto(page, "/green")
    assert set(traces(page)) == {"China"}
    select_option(page, "regions", "USA")
    wait_figure(page, "ts", trace_names_js(["China", "United States"]))
    indicator = figure(page, "ts")["layout"]["meta"]["indicator"]
    got = traces(page)
    _assert_series(*got["United States"], series(indicator, region="USA"))
    _assert_series(*got["China"], series(indicator, region="CHN"))
    # the comparison chart follows: both economies are compared
    wait_figure(page, "cmp", "gd.data.some(t => Array.from(t.y || []).includes('United States'))")


def test_removing_a_sector_removes_its_trace(page):
    goto(page, "/structure")
    # "Milestones": the dated events of the tertiary series (content/events.toml; issue 12)
    assert set(traces(page)) == {"Primary industry", "Secondary industry", "Tertiary industry", "Milestones"}
    select_option(page, "sectors", "primary")  # clicking a selected option deselects it
    wait_figure(page, "ts", trace_names_js(["Secondary industry", "Tertiary industry", "Milestones"]))


def test_year_range_with_keyboard_on_the_slider(page):
    goto(page, "/structure?indicator=gdp_usd")
    x, _ = traces(page)["China"]
    lo, hi = min(x), max(x)
    thumb = page.locator("#years .dash-slider-thumb-1")
    thumb.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    upper = page.locator("#years .dash-slider-thumb-2")
    upper.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    want_lo, want_hi = lo + 5, hi - 3
    wait_figure(page, "ts", f"gd.layout.meta && gd.layout.meta.export && "
                f"gd.layout.meta.export.subtitle.endsWith('{want_lo}–{want_hi}')")
    x, y = traces(page)["China"]
    assert (min(x), max(x)) == (want_lo, want_hi)
    _assert_series(x, y, series("gdp_usd"))
    wait_url(page, f"time={want_lo}..{want_hi}")


def test_transforms_change_the_values(page):
    goto(page, "/structure?indicator=gdp_usd")
    level = series("gdp_usd")

    page.click("label[for=_dbcprivate_radioitems_transform_input_yoy]")
    wait_figure(page, "ts", "gd.layout.yaxis.title && gd.layout.yaxis.title.text.includes('% change')")
    prev = level.reindex(level.index - 1).to_numpy()
    yoy = pd.Series((level.to_numpy() / prev - 1) * 100, index=level.index).dropna()
    x, y = traces(page)["China"]
    _assert_series(x, y, yoy, rel=1e-6)

    page.click("label[for=_dbcprivate_radioitems_transform_input_index]")
    wait_figure(page, "ts", "gd.layout.yaxis.title && gd.layout.yaxis.title.text.startsWith('Index')")
    base = int(page.inner_text("#base-year .dash-dropdown-value"))
    assert page.locator("#base-year").is_enabled()
    x, y = traces(page)["China"]
    _assert_series(x, y, level / level.loc[base] * 100, rel=1e-6)
    assert math.isclose(dict(zip(x, y))[base], 100.0)

    select_option(page, "base-year", 2000)
    wait_figure(page, "ts", "gd.layout.yaxis.title.text.includes('2000 = 100')")
    x, y = traces(page)["China"]
    _assert_series(x, y, level / level.loc[2000] * 100, rel=1e-6)
    wait_url(page, "transform=index", "base=2000")


def test_log_scale(page):
    goto(page, "/structure?indicator=gdp_usd")
    assert figure(page, "ts")["layout"]["yaxis"].get("type", "linear") != "log"
    page.click("label[for=_dbcprivate_checklist_log_input_log]")
    wait_figure(page, "ts", "gd.layout.yaxis.type === 'log'")
    wait_url(page, "log=1")


def test_click_on_a_point_sets_the_compare_year(page):
    goto(page, "/green")
    indicator = figure(page, "ts")["layout"]["meta"]["indicator"]
    year_a = int(page.inner_text("#year-a .dash-dropdown-value"))
    x, y = traces(page)["China"]
    target = next(v for v in sorted(x) if v > year_a + 2)  # a year after "from", not the current "to"
    assert int(page.inner_text("#year-b .dash-dropdown-value")) != target
    point = page.evaluate(
        """(year) => {
          const gd = document.querySelector('#ts-graph .js-plotly-plot');
          const cd = gd.calcdata[0].find(p => p.x === year);
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
          const box = gd.getBoundingClientRect();
          return [box.left + xa._offset + xa.c2p(cd.x), box.top + ya._offset + ya.c2p(cd.y)];
        }""",
        target,
    )
    page.mouse.move(point[0], point[1])
    page.mouse.click(point[0], point[1])
    page.wait_for_function(f"() => document.querySelector('#year-b').innerText.trim() === '{target}'", polling=100)
    wait_figure(page, "cmp", f"gd.data.some(t => t.name === '{target}')")
    cmp = {t["name"]: t for t in figure(page, "cmp")["data"]  # the legend-only year symbols hold no point
           if t.get("name") and any(v is not None for v in t.get("x") or [])}
    want = series(indicator)
    assert math.isclose(cmp[str(target)]["x"][0], want.loc[target], rel_tol=1e-9)
    assert math.isclose(cmp[str(year_a)]["x"][0], want.loc[year_a], rel_tol=1e-9)
    wait_url(page, f"compare={year_a}..{target}")


def test_open_dropdown_list_is_on_top_of_the_charts(page):
    """Regression: the sticky filter card made a stacking context, so the charts covered open lists."""
    goto(page, "/structure")
    page.click("#indicator")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")
    covered = page.evaluate(
        """() => {
           const box = document.querySelector('.dash-dropdown-content').getBoundingClientRect();
           return Array.from(document.querySelectorAll('.dash-dropdown-content .dash-options-list-option')).filter(o => {
             const r = o.getBoundingClientRect();
             if (r.bottom > Math.min(box.bottom, window.innerHeight) || r.height === 0) return false;
             const hit = document.elementFromPoint(r.left + r.width * 0.75, r.top + r.height / 2);
             return !(hit && o.contains(hit));
           }).length; }"""
    )
    assert covered == 0, f"{covered} visible options are painted under something else"
    visible = page.evaluate("document.querySelector('.dash-dropdown-content').getBoundingClientRect().height")
    assert visible > 300, "the indicator list shows only a few options"


def test_indicator_change_is_one_request_and_every_dropdown_ends_with_the_new_options(page):
    """Issue 14: an indicator change is one request; each dropdown ends with exactly the new
    indicator's options and shows its selected labels (no callback runs again)."""
    goto(page, "/structure")
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "_dash-update-component" in r.url else None)
    for new in ("employment_share_by_industry", "manufacturing_va_usd", "employment_share_by_industry"):
        n = len(requests)
        select_option(page, "indicator", new)
        wait_figure(page, "ts", _meta_is(new))
        page.wait_for_timeout(1200)
        assert len(requests) == n + 1, requests[n:]
        obs = observations(new)
        years = sorted(int(y) for y in obs["year"].unique())
        for dd in ("year-a", "year-b", "base-year"):  # the base year's picker is disabled (level transform)
            if dd != "base-year":
                assert sorted(int(v) for v in option_values(page, dd)) == years, (new, dd)
            label = page.inner_text(f"#{dd} .dash-dropdown-value-item").strip()
            assert label.isdigit() and int(label) in years, (new, dd, label)
        if obs["sector"].nunique() > 1:  # (a single-sector indicator's picker is disabled)
            assert sorted(option_values(page, "sectors")) == sorted(obs["sector"].unique()), new
        chips = page.eval_on_selector_all("#sectors .dash-dropdown-value-item", "els => els.map(e => e.textContent.trim())")
        assert len(chips) == obs["sector"].nunique() and all(chips), (new, chips)
