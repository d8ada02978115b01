"""The early draw of a callback's charts (assets/26_early_draw.js, issue 14): the answer to Dash's own
request is drawn into the chart at once, and Dash then applies the very same objects. Checked in the
browser: the chart is drawn by the early draw, shows the chosen values (from the Parquet files), Dash's
page agrees with it afterwards (heading, the figure dcc.Graph holds), and with the early draw switched
off the same change gives the same chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from browser_helpers import goto, select_option, series, traces, wait_figure


def _stats(page) -> dict:
    return page.evaluate("() => Object.assign({}, window.dashboardEarlyDraw.stats)")


def _china(page) -> pd.Series:
    """China's line as drawn; a gap (None) is left out."""
    x, y = traces(page)["China"]
    pts = [(int(a), float(b)) for a, b in zip(x, y) if a is not None and b is not None]
    return pd.Series([b for _, b in pts], index=[a for a, _ in pts]).sort_index()


def _settled(page, heading_part: str) -> None:
    """Dash has applied the answer: the card's heading names the new view."""
    page.wait_for_function("(t) => document.getElementById('ts-heading').textContent.includes(t)",
                           arg=heading_part, polling=50)


def _dash_holds_what_is_drawn(page, key: str) -> bool:
    """Once Dash has applied its answer, the figure its store holds for chart ``key`` is the very
    trace list the chart shows: what was drawn early and what Dash holds are one object, never two
    diverging copies. Waits up to 5 s for that; False if it never happens."""
    try:
        page.wait_for_function(_HOLDS_JS, arg=key, timeout=5000, polling=50)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the assertion reports it
        return False
    return True


_HOLDS_JS = ("""(key) => { const st = window.store.getState(); const path = st.paths.strs[key + '-graph'];
        const fig = path.concat(['props', 'figure']).reduce((o, k) => o && o[k], st.layout);
        const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
        return !!fig && gd.data === fig.data; }""")


def test_an_indicator_change_is_drawn_early_and_dash_keeps_what_was_drawn(page):
    goto(page, "/structure")
    before = _stats(page)
    select_option(page, "indicator", "gdp_usd")
    for key in ("ts", "cmp"):
        wait_figure(page, key, "gd.layout.meta && gd.layout.meta.indicator === 'gdp_usd'")
    _settled(page, "GDP")
    page.wait_for_timeout(300)  # Dash applies the card parts below one painted frame after the first chart
    after = _stats(page)
    # the time series from Dash's answer, the charts below from the later parts (applyLater)
    assert after["drawn"] >= before["drawn"] + 2 and after["failed"] == before["failed"], (before, after)
    assert _dash_holds_what_is_drawn(page, "ts") and _dash_holds_what_is_drawn(page, "cmp")
    china = _china(page)
    expected = series("gdp_usd").loc[china.index]
    np.testing.assert_allclose(china.to_numpy(), expected.to_numpy(), rtol=1e-9)


def test_a_transform_change_is_drawn_early_with_the_right_values(page):
    goto(page, "/structure?indicator=gdp_usd")
    before = _stats(page)
    page.click("label[for=_dbcprivate_radioitems_transform_input_yoy]")
    wait_figure(page, "ts", "gd.layout.yaxis.title && gd.layout.yaxis.title.text.includes('% change')")
    assert _stats(page)["drawn"] >= before["drawn"] + 1 and _dash_holds_what_is_drawn(page, "ts")
    level = series("gdp_usd")
    yoy = ((level / level.reindex(level.index - 1).to_numpy() - 1) * 100).dropna()
    china = _china(page)
    np.testing.assert_allclose(china.to_numpy(), yoy.loc[china.index].to_numpy(), rtol=1e-6)


def test_switched_off_the_same_change_draws_the_same_chart(page):
    goto(page, "/structure?indicator=gdp_usd")
    page.evaluate("() => { window.dashboardEarlyDraw.enabled = false; }")
    before = _stats(page)
    select_option(page, "indicator", "manufacturing_va_usd")
    wait_figure(page, "ts", "gd.layout.meta && gd.layout.meta.indicator === 'manufacturing_va_usd'")
    _settled(page, "anufactur")
    assert _stats(page) == before  # nothing drawn early: dcc.Graph drew it
    china = _china(page)
    expected = series("manufacturing_va_usd").loc[china.index]
    np.testing.assert_allclose(china.to_numpy(), expected.to_numpy(), rtol=1e-9)


def test_an_answer_overtaken_by_a_newer_request_is_never_drawn(page):
    """The answer to an older pick arriving after a newer pick's (a slow server, a network queue) is
    dropped by Dash; drawn early it would stay on the chart under the newer title."""
    # below every script of the page (installed before them): once armed, the first update answer is
    # held 3 s, the second 0.2 s
    page.add_init_script("""(() => { const orig = window.fetch; const holds = [3000, 200];
      window.fetch = function (url) { const p = orig.apply(this, arguments);
        if (!window.__hold || typeof url !== 'string' || !url.includes('_dash-update-component')) return p;
        const d = holds.length ? holds.shift() : 0;
        return p.then(r => new Promise(ok => setTimeout(() => ok(r), d))); }; })();""")
    goto(page, "/structure")
    before = _stats(page)
    page.evaluate("() => { window.__hold = true; }")
    select_option(page, "indicator", "gdp_usd")
    page.wait_for_timeout(400)
    select_option(page, "indicator", "gdp_growth")
    wait_figure(page, "ts", "gd.layout.meta && gd.layout.meta.indicator === 'gdp_growth'")
    page.wait_for_timeout(4000)  # the older answer (GDP in US$) has arrived meanwhile
    assert page.evaluate("() => document.querySelector('#ts-graph .js-plotly-plot').layout.meta.indicator") == "gdp_growth"
    assert _stats(page)["overtaken"] >= before["overtaken"] + 1
    china = _china(page)
    np.testing.assert_allclose(china.to_numpy(), series("gdp_growth").loc[china.index].to_numpy(), rtol=1e-9)
