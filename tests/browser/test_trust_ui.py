"""What the browser draws for gaps, empty selections, one-year indicators and many series on
phones (issue 9, items 3, 5, 6 and 9). Expected values come from the shipped Parquet files."""

from __future__ import annotations

import math

import pytest
from browser_helpers import goto, observations, wait_drawn

from dashboard.figures.segments import year_runs

PHONE, DESKTOP = (390, 844), (1440, 900)
MIX = "/green?indicator=electricity_mix_share&region=CHN~USA~DEU"
MIX_MANY = "/green?indicator=electricity_mix_share&region=CHN~USA~DEU~JPN~KOR~IND~GBR~FRA~EUU~WLD"

# the drawn line of the first trace: its SVG path data (plotly draws one path per segment, each
# starting with a moveto), what plotly was told about gaps, and the x of each drawn point
_LINE_JS = """() => {
  const gd = document.querySelector('#ts-graph .js-plotly-plot');
  const trace = gd.querySelector('.scatterlayer .trace');
  const d = Array.from(trace.querySelectorAll('path.js-line')).map(p => p.getAttribute('d'));
  return {d: d.join(' '), connectgaps: gd._fullData[0].connectgaps,
          x: Array.from(gd.calcdata[0]).map(p => p.x)};
}"""


def test_a_series_with_missing_years_is_drawn_as_separate_segments(context_factory):
    # /structure?indicator=manufacturing_va_usd&region=USA drew one straight segment 1969 -> 1997
    obs = observations("manufacturing_va_usd")
    years = obs[(obs.region == "USA") & (obs.sector == "total")]["year"].astype(int).tolist()
    runs = year_runs(years)
    assert len(runs) == 2
    for viewport in (DESKTOP, PHONE):
        page = context_factory(viewport).new_page()
        goto(page, "/structure?indicator=manufacturing_va_usd&region=USA", keys=("ts",))
        line = page.evaluate(_LINE_JS)
        assert line["connectgaps"] is False
        assert line["d"].count("M") == len(runs), line["d"][:200]  # one moveto per segment: no line across
        drawn = [int(x) for x in line["x"] if x is not None and not (isinstance(x, float) and math.isnan(x))]
        assert drawn == years


def test_clearing_the_regions_makes_every_card_ask_for_a_region(page):
    goto(page, "/green?indicator=electricity_mix_share&region=CHN~USA")
    page.click("#regions .dash-dropdown-clear")
    for key in ("ts", "cmp", "comp"):
        page.wait_for_function(
            """(key) => { const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
                 const a = gd && gd.querySelector('.annotation-text');
                 return !!a && a.textContent === 'Pick at least one region.'; }""",
            arg=key, polling=100)
    text = page.inner_text(".dimension-page")
    assert "Pick two different years" not in text and "Pick other years" not in text


def test_one_year_indicator_has_one_tick_a_normal_bar_and_a_clear_compare_card(page):
    obs = observations("online_retail_sales")
    years = sorted(obs["year"].astype(int).unique())
    assert len(years) == 1
    goto(page, "/digital?indicator=online_retail_sales", keys=("ts",))
    wait_drawn(page, "cmp", allow_empty=True)
    ticks = page.eval_on_selector_all("#ts-graph .xtick text", "els => els.map(e => e.textContent)")
    assert ticks == [str(years[0])]
    bar = page.eval_on_selector("#ts-graph .barlayer .point path", "p => p.getBoundingClientRect().width")
    plot = page.eval_on_selector("#ts-graph .nsewdrag", "p => p.getBoundingClientRect().width")
    assert 0 < bar <= 0.25 * plot
    note = page.eval_on_selector("#cmp-graph .annotation-text", "e => e.textContent")
    assert note == f"Only one year of data ({years[0]})."


_SIZES_JS = """() => {
  const gd = document.querySelector('#ts-graph .js-plotly-plot');
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const leg = gd.querySelector('.legend .scrollbox') || gd.querySelector('.legend');
  const bg = gd.querySelector('.legend .bg');
  return {height: gd._fullLayout.height, plot: gd._fullLayout._size.h,
          drag: gd.querySelector('.nsewdrag').getBoundingClientRect().height,
          traces: gd.data.length, legend: bg ? box(bg) : box(leg),
          modebar: gd.querySelector('.modebar') ? box(gd.querySelector('.modebar')) : null};
}"""


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390x844", "1440x900"])
@pytest.mark.parametrize("path", [MIX, MIX_MANY], ids=["3-regions", "10-regions"])
def test_the_plot_keeps_60_percent_of_the_chart_and_the_modebar_clears_the_legend(context_factory, viewport,
                                                                                  path):
    page = context_factory(viewport).new_page()
    goto(page, path)
    page.hover("#ts-graph .nsewdrag")  # the modebar shows on hover
    m = page.evaluate(_SIZES_JS)
    assert m["traces"] >= 9
    assert m["plot"] >= 0.6 * m["height"], m
    assert abs(m["drag"] - m["plot"]) < 1.5
    assert m["modebar"] is not None and not _overlap(m["modebar"], m["legend"]), m


_LEGEND_JS = """(key) => {
  const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {svg: box(gd.querySelector('.main-svg')), shown: box(gd.querySelector('.legend .bg')),
          height: gd._fullLayout.height, plot: gd._fullLayout._size.h, viewport: window.innerWidth,
          entries: Array.from(gd.querySelectorAll('.legend .traces')).map(t => [t.textContent, box(t)])};
}"""


@pytest.mark.parametrize("lang,milestones", [("en", "Milestones"), ("zh", "里程碑")])
def test_on_a_phone_every_legend_entry_of_the_overlay_chart_is_inside_the_chart(context_factory, lang, milestones):
    # the official counterpart dashed (overlay=1) and the milestones: 7 entries in one column at 390 px
    page = context_factory(PHONE).new_page()
    goto(page, f"/structure?indicator=va_share_gdp_by_industry&overlay=1&lang={lang}", keys=("ts",))
    m = page.evaluate(_LEGEND_JS, "ts")
    names = [t for t, _ in m["entries"]]
    assert len(names) == 7 and names[-1] == milestones, names
    svg, shown = m["svg"], m["shown"]
    for name, (x0, y0, x1, y1) in m["entries"]:
        # within the legend's drawn (not scrolled-away) box, the chart and the screen
        assert shown[1] - 0.5 <= y0 and y1 <= shown[3] + 0.5, (name, y0, y1, shown)
        assert svg[0] - 0.5 <= x0 and x1 <= svg[2] + 0.5 and y1 <= svg[3] + 0.5, (name, x0, x1, y1, svg)
        assert x1 <= m["viewport"], name
    assert m["plot"] >= 0.6 * m["height"], m  # and the plot keeps its 60 %


_CMP_TEXT_JS = """() => {
  const gd = document.querySelector('#cmp-graph .js-plotly-plot');
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {svg: box(gd.querySelector('.main-svg')), viewport: window.innerWidth,
          texts: Array.from(gd.querySelectorAll('.annotation-text, .legendtext, .xtick text, .xtitle'))
                      .map(t => [t.textContent, box(t)])};
}"""


def test_on_a_phone_the_compare_chart_labels_are_inside_the_chart(context_factory):
    # four regions x three sectors: "South Korea – Secondary industry  -1.1%, CAGR -0.1%/yr" ran off the edge
    page = context_factory(PHONE).new_page()
    goto(page, "/structure?region=CHN~USA~DEU~KOR", keys=("cmp",))
    m = page.evaluate(_CMP_TEXT_JS)
    svg = m["svg"]
    texts = dict(m["texts"])
    assert any(t.startswith("South Korea – Secondary industry") for t in texts), sorted(texts)
    assert "2012" in texts and "% of GDP" in texts  # the years compared (legend), the axis title
    for text, (x0, y0, x1, y1) in m["texts"]:
        assert svg[0] - 0.5 <= x0 and x1 <= svg[2] + 0.5, (text, x0, x1, svg)
        assert svg[1] - 0.5 <= y0 and y1 <= svg[3] + 0.5, (text, y0, y1, svg)
        assert x1 <= m["viewport"], text
