"""Printing a page on A4 portrait (issue 9, item 8): charts within the page, titles, sources and
the one-line summary of the view on paper."""

from __future__ import annotations

import io

import pandas as pd
import pdfplumber
from browser_helpers import ROOT, goto

from dashboard.figures.common import LEGEND_MAX_SHARE

A4_WIDTH_PT = 595.28  # 210 mm


def test_printed_page_fits_a4_and_keeps_titles_sources_and_summary(page, tmp_path):
    goto(page, "/green?indicator=electricity_mix_share&region=CHN~USA~DEU")
    titles = page.eval_on_selector_all(".chart-heading .chart-title", "els => els.map(e => e.textContent)")
    assert titles
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "page.pdf").write_bytes(pdf)
    cat = pd.read_parquet(ROOT / "datasets" / "catalog.parquet").set_index("indicator_id")
    row = cat.loc["electricity_mix_share"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        flat = " ".join(text.split())
        for p in doc.pages:
            assert abs(p.width - A4_WIDTH_PT) < 1
            for ch in p.chars:  # no text runs beyond the page's right edge (nor is cut at the left)
                assert ch["x0"] >= 0 and ch["x1"] <= p.width - 20, (p.page_number, ch["text"], ch["x1"])
            for r in p.rects + p.images:
                assert r["x1"] <= p.width - 20 + 0.5, (p.page_number, r["x1"])
    for title in titles:
        assert " ".join(title.split()) in flat, title
    assert str(row["source"]) in flat  # the source stays
    summary = (f"{row['name']} ({row['unit']}) · China, United States, Germany")
    assert summary in flat  # the one-line summary of the view
    assert "Base year (index)" not in flat and "Log scale" not in flat  # the filter panel is not printed
    assert "PNG" not in flat and "CSV" not in flat  # no buttons
    # restored after printing: the chart fills its card again at screen width
    w = page.evaluate("() => document.querySelector('#ts-graph .js-plotly-plot').getBoundingClientRect().width")
    card = page.evaluate("() => document.querySelector('#ts-graph').getBoundingClientRect().width")
    assert abs(w - card) < 2


_FIT_JS = """() => Array.from(document.querySelectorAll('.chart-card')).map(card => {
  const body = card.querySelector('.card-body');
  const svg = card.querySelector('.js-plotly-plot .main-svg');
  const cs = getComputedStyle(body);
  const inner = body.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return [card.id, svg ? svg.getBoundingClientRect().width : 0, inner, body.getBoundingClientRect().right,
          document.documentElement.clientWidth];
})"""


def test_in_print_media_every_chart_is_drawn_within_its_card(context_factory):
    # A4 portrait at 96 px/in: 794 px wide, 703 px inside 12 mm margins; no clipping by the card
    page = context_factory(viewport=(1440, 900)).new_page()
    goto(page, "/green?indicator=electricity_mix_share&region=CHN~USA~DEU")
    wide = page.evaluate(_FIT_JS)
    assert all(w > 703 for _, w, _, _, _ in wide)  # on a wide screen the charts are wider than paper
    page.set_viewport_size({"width": 703, "height": 1000})
    page.emulate_media(media="print")
    page.wait_for_function("() => document.querySelector('#ts-graph .main-svg').getBoundingClientRect().width < 703")
    for card, svg, inner, right, page_w in page.evaluate(_FIT_JS):
        assert 0 < svg <= inner + 0.5, (card, svg, inner)
        assert right <= page_w, card
    assert page.locator("#print-summary").is_visible()
    assert not page.locator(".filters-col").is_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for_function("() => document.querySelector('#ts-graph .main-svg').getBoundingClientRect().width > 703")


def test_the_first_printed_page_holds_the_heading_and_the_first_chart(page, tmp_path):
    # the time-series card with its open Sources panel is taller than what page 1 has left under the
    # heading: kept whole it went to page 2 and left page 1 with the heading and the summary line only
    goto(page, "/structure")
    heading = page.inner_text("h1")
    title = " ".join(page.inner_text("#ts-card .chart-heading .chart-title").split())
    ticks = page.eval_on_selector_all("#ts-graph .xtick text", "els => els.map(e => e.textContent)")
    legend = page.eval_on_selector_all("#ts-graph .legendtext", "els => els.map(e => e.textContent)")
    assert ticks and legend
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "page.pdf").write_bytes(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = doc.pages[0]
        flat = " ".join((first.extract_text() or "").split())
        curves = len(first.curves)
    assert flat.startswith(" ".join(heading.split())), flat[:200]
    assert title in flat  # the chart's title ...
    for text in ticks + legend:  # ... its year axis and its legend are on page 1 too
        assert text in flat, text
    assert curves > 0  # the plotted lines


_TS_LEGEND_JS = """() => {
  const gd = document.querySelector('#ts-graph .js-plotly-plot');
  const lg = gd._fullLayout.legend;
  return {names: gd.data.filter(t => t.showlegend !== false).map(t => t.name), shown: gd._fullLayout.showlegend,
          plot: gd._fullLayout._size.h, maxheight: gd.layout.legend.maxheight, full: lg._height, eff: lg._effHeight,
          box: document.querySelector('#ts-graph').getBoundingClientRect().height,
          svg: gd.querySelector('.main-svg').getBoundingClientRect().height};
}"""


def test_a_long_legend_prints_every_entry_and_scrolls_again_on_screen(page, tmp_path):
    # on screen the legend is capped at LEGEND_MAX_SHARE of the chart and scrolls; paper cannot
    # scroll: 4 economies x 3 sectors printed 5 of their 13 entries and Japan's and Germany's
    # lines went unlabelled
    goto(page, "/structure?region=CHN~USA~JPN~DEU")
    screen = page.evaluate(_TS_LEGEND_JS)
    names = screen["names"]
    assert screen["shown"] and len(names) == 13, names  # 12 series and the milestones
    assert screen["maxheight"] == LEGEND_MAX_SHARE and screen["full"] > screen["eff"] + 1  # it scrolls
    title = " ".join(page.inner_text("#ts-card .chart-heading .chart-title").split())
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "page.pdf").write_bytes(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [" ".join((p.extract_text() or "").split()) for p in doc.pages]
    chart_page = next(t for t in texts if title in t)  # the page holding the time-series chart
    missing = [n for n in names if " ".join(n.split()) not in chart_page]
    assert not missing, missing
    # after printing the legend is capped and scrolls again in its 460 px chart
    after = page.evaluate(_TS_LEGEND_JS)
    assert after["maxheight"] == LEGEND_MAX_SHARE and after["full"] > after["eff"] + 1
    assert after["box"] == screen["box"] and abs(after["svg"] - screen["svg"]) < 1
    # in print media the whole legend shows, and the chart grows by it: the plot area keeps its height
    page.emulate_media(media="print")
    page.wait_for_function("() => document.querySelector('#ts-graph .main-svg').getBoundingClientRect().width < 703")
    printed = page.evaluate(_TS_LEGEND_JS)
    assert printed["eff"] == printed["full"]
    assert abs(printed["plot"] - screen["plot"]) < 2, (printed["plot"], screen["plot"])
    assert abs(printed["box"] - printed["svg"]) < 1  # the graph's box holds the taller chart
    assert printed["svg"] > screen["svg"] + (printed["full"] - screen["eff"]) - 2
    page.emulate_media(media="screen")
