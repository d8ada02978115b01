"""Printing: the report's charts show their whole legend, a chart card that fits a page prints on
one page, and a very long legend does not push the first chart off page 1 (new-user check)."""

from __future__ import annotations

import pypdfium2 as pdfium
from browser_helpers import goto

ALL_REGIONS = "CHN~USA~JPN~DEU~KOR~IND~GBR~FRA~EUU~WLD"
# WDI value added by industry, 6 economies x 3 sectors: 18 series and the milestones' legend entry
REPORT_MANY = "/report?page=structure&region=CHN~USA~JPN~DEU~KOR~IND"

_REPORT_LEGENDS_JS = """() => Array.from(document.querySelectorAll('.report-graph .js-plotly-plot')).map(gd => {
  const lg = gd._fullLayout.legend, svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const clip = gd.querySelector('.legend .scrollbox') || gd.querySelector('.legend');
  const box = clip.getBoundingClientRect();
  const items = Array.from(gd.querySelectorAll('.legend .traces')).map(t => t.getBoundingClientRect());
  return {named: gd.data.filter(t => t.showlegend !== false && !(t.meta && t.meta.legend_only === false)).length,
          shown: gd._fullLayout.showlegend, drawn: items.length, full: lg ? lg._height : 0, eff: lg ? lg._effHeight : 0,
          visible: items.filter(r => r.top >= box.top - 1 && r.bottom <= Math.min(box.bottom, svg.bottom) + 1).length,
          plot: gd._fullLayout._size.h};
})"""


def _pdf_pages(page) -> list[str]:
    doc = pdfium.PdfDocument(page.pdf(format="A4", print_background=True))
    return [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]


def test_report_charts_show_every_legend_entry_on_screen_and_on_paper(page, screenshot_dir):
    # /report drew every chart 680 x 360: the time series' 19-entry legend showed its first 8
    # entries and cut the rest at its scrolling edge (paper and a static plot cannot scroll)
    page.goto(REPORT_MANY)
    page.wait_for_selector(".report-page")
    page.wait_for_function("() => document.querySelectorAll('.report-graph .main-svg').length >= 3")
    charts = page.evaluate(_REPORT_LEGENDS_JS)
    ts = charts[0]
    assert ts["shown"] and ts["drawn"] == 19, ts  # 6 x 3 series and the milestones
    for c in charts:
        if c["shown"]:
            assert c["eff"] >= c["full"] - 0.5, c  # nothing scrolls out of sight ...
            assert c["visible"] == c["drawn"], c   # ... every entry is inside the drawn legend and chart
    assert ts["plot"] > 200, ts  # the plot area kept its room
    names = page.eval_on_selector_all(".report-graph .legend .legendtext", "els => els.map(e => e.textContent)")
    title = " ".join(page.inner_text(".report-card .chart-title").split())
    pages = _pdf_pages(page)
    ts_page = next(t for t in pages if title in t)
    missing = [n for n in names if " ".join(n.split()) not in " ".join(pages)]
    assert not missing, missing
    assert all(" ".join(n.split()) in ts_page for n in names[:19])  # the time series' legend on its page
    page.screenshot(path=str(screenshot_dir / "report-long-legend.png"), full_page=True)


def test_a_compare_chart_of_twelve_rows_prints_on_one_page(page, screenshot_dir):
    # 4 economies x 3 sectors: the compare-years card (1006 px chart) was taller than a page and its
    # axis title, legend and caption went on to the next page
    goto(page, "/structure?region=CHN~USA~JPN~DEU")
    rows = page.evaluate("() => document.querySelector('#cmp-graph .js-plotly-plot').data[1].y.length")
    assert rows == 12
    title = " ".join(page.inner_text("#cmp-card .chart-heading .chart-title").split())
    caption = " ".join(page.inner_text("#cmp-card .chart-caption").split())
    pages = _pdf_pages(page)
    at = [i for i, t in enumerate(pages) if title in t]
    assert len(at) == 1, at
    text = pages[at[0]]
    assert caption[:80] in text, (caption[:80], text[-400:])  # the caption with its chart
    assert "% of GDP" in text.split(title, 1)[1]  # the value axis' title too
    # the card starts its page: the page before it does not hold its last row
    last_row = page.evaluate("() => document.querySelector('#cmp-graph .js-plotly-plot').data[1].y[0]")
    assert last_row in text.split(title, 1)[1]


def test_a_very_long_legend_leaves_the_first_chart_on_page_one(page, screenshot_dir):
    # 10 economies x 4 sectors: the legend's 41 entries printed whole in one column made the chart
    # 1150 px tall; kept whole it went to page 2 and page 1 held the heading alone
    goto(page, f"/structure?region={ALL_REGIONS}&sector=primary~secondary~tertiary~manufacturing")
    heading = " ".join(page.inner_text("h1").split())
    # the card's name before the chart's title (the title alone is in the summary line of the view too)
    title = " ".join((page.inner_text("#ts-card .card-header") + " "
                      + page.inner_text("#ts-card .chart-heading .chart-title")).split())
    ticks = page.eval_on_selector_all("#ts-graph .xtick text", "els => els.map(e => e.textContent)")
    names = page.evaluate("() => Array.from(document.querySelectorAll('#ts-graph .legend .legendtext'))"
                          ".map(e => e.textContent)")
    assert len(names) == 41, len(names)
    pdf = page.pdf(format="A4", print_background=True)
    doc = pdfium.PdfDocument(pdf)
    pages = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    for i in range(min(3, len(doc))):
        doc[i].render(scale=1).to_pil().save(screenshot_dir / f"print-41-legend-p{i + 1}.png")
    first = pages[0]
    assert first.startswith(heading) and title in first, first[:300]
    assert all(t in first.split(title, 1)[1] for t in ticks), ticks  # the plot's year axis on page 1
    joined = " ".join(pages[:2])
    missing = [n for n in names if " ".join(n.split()) not in joined]
    assert not missing, missing  # every entry printed, right under the chart
    assert names[0] in first and names[-1] in " ".join(pages[:2])
    # on screen again: the chart has its own legend back, and no printed list is left
    state = page.evaluate("""() => { const gd = document.querySelector('#ts-graph .js-plotly-plot');
      return {shown: gd._fullLayout.showlegend, lists: document.querySelectorAll('.print-legend').length,
              h: gd._fullLayout.height}; }""")
    assert state == {"shown": True, "lists": 0, "h": 460}, state


def test_print_media_without_beforeprint_keeps_the_print_width(page, screenshot_dir):
    # a print preview (or Playwright's emulate_media) switches to print media without a beforeprint
    # event: 45_print.js drew the chart at the print width on the media change, then dcc.Graph wrote
    # the relayout's showlegend/margin back into its figure and redrew it at its box's width (1423 px
    # under print media): page 1 cut the plot and its year axis ended at "19"
    goto(page, f"/structure?region={ALL_REGIONS}&sector=primary~secondary~tertiary~manufacturing")
    title = " ".join(page.inner_text("#ts-card .chart-heading .chart-title").split())
    ticks = page.eval_on_selector_all("#ts-graph .xtick text", "els => els.map(e => e.textContent)")
    assert ticks[-1] == "2020", ticks
    page.emulate_media(media="print")
    page.wait_for_timeout(3000)
    width = page.evaluate("() => document.querySelector('#ts-graph .main-svg').getBoundingClientRect().width")
    assert width <= 703 - 40, width  # A4 portrait inside 12 mm margins is 703 px, less the card's insets
    doc = pdfium.PdfDocument(page.pdf(format="A4", print_background=True))
    doc[0].render(scale=1).to_pil().save(screenshot_dir / "print-emulated-media-p1.png")
    first = " ".join(doc[0].get_textpage().get_text_range().split())
    after_title = first.split(title, 1)[1]
    assert all(t in after_title for t in ticks), (ticks, after_title[:300])  # 1960 ... 2020 on page 1
    # back on screen: the chart fills its card again with its own legend
    page.emulate_media(media="screen")
    page.wait_for_timeout(1500)
    state = page.evaluate("""() => { const gd = document.querySelector('#ts-graph .js-plotly-plot');
      return {shown: gd._fullLayout.showlegend, lists: document.querySelectorAll('.print-legend').length,
              fits: Math.abs(gd._fullLayout.width - gd.parentElement.getBoundingClientRect().width) < 2}; }""")
    assert state == {"shown": True, "lists": 0, "fits": True}, state


def test_a_chart_taller_than_a_page_leaves_no_empty_card_box(page, screenshot_dir):
    # 10 economies x 4 sectors: compare years draws 30 rows, 1809 px, taller than a page even when
    # drawn lower. Kept whole it went to page 3 (and was cut there all the same), and page 2 held
    # half a page of its card's empty border under the time series' Sources panel
    goto(page, f"/structure?region={ALL_REGIONS}&sector=primary~secondary~tertiary~manufacturing")
    height = page.evaluate("() => document.querySelector('#cmp-graph .js-plotly-plot')._fullLayout.height")
    assert height > 1031, height  # taller than A4 inside 12 mm margins (1031 px)
    cmp_title = " ".join(page.inner_text("#cmp-card .chart-heading .chart-title").split())
    ts_notes = page.evaluate("() => document.querySelector('#ts-card .sources-panel dd:last-of-type').textContent")
    ts_end = " ".join(ts_notes.split())[-60:]
    doc = pdfium.PdfDocument(page.pdf(format="A4", print_background=True))
    pages = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    for i in range(min(4, len(doc))):
        doc[i].render(scale=1).to_pil().save(screenshot_dir / f"print-tall-compare-p{i + 1}.png")
    ends = [i for i, t in enumerate(pages) if ts_end in t]
    starts = [i for i, t in enumerate(pages) if cmp_title in t]
    assert ends and starts and starts[0] == ends[0], (ends, starts)  # compare years begins where the time series ends
    assert pages[starts[0]].index(ts_end) < pages[starts[0]].index(cmp_title)
    # on screen again: no print mark is left on the card
    assert page.evaluate("() => document.querySelectorAll('.print-tall').length") == 0
