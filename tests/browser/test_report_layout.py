"""The report page on screen: its scorecard table fits the report at 1440 px and scrolls in its own
focusable box on a phone (new-user check: at 1440 px the 760 px report column cut Rank and Trend)."""

from __future__ import annotations

import pytest

REPORT_FDI = "/report?page=internationalization&indicator=fdi_inflows_usd&region=CHN~DEU"

_BOX_JS = """() => {
  const box = document.querySelector('.report-scorecard .report-table-scroll');
  const b = box.getBoundingClientRect();
  const heads = Array.from(box.querySelectorAll('thead th')).map(th => th.getBoundingClientRect().right);
  const cap = box.querySelector('caption').getBoundingClientRect();
  return {sw: box.scrollWidth, cw: box.clientWidth, left: b.left, right: b.right, vw: innerWidth,
          doc: document.documentElement.scrollWidth, lastHead: Math.max(...heads), caption: cap.right,
          heads: box.querySelectorAll('thead th').length, overflowX: getComputedStyle(box).overflowX,
          tab: box.getAttribute('tabindex'), role: box.getAttribute('role'), name: box.getAttribute('aria-label')}; }"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_scorecard_fits_at_1440_and_scrolls_in_its_box_on_a_phone(context_factory, screenshot_dir, lang):
    wide = context_factory(viewport=(1440, 900)).new_page()
    wide.goto(f"{REPORT_FDI}&lang={lang}")
    wide.wait_for_selector(".report-scorecard tbody tr")
    info = wide.evaluate(_BOX_JS)
    assert info["heads"] == 9, info  # indicator, unit, year A, year B, change, % change, CAGR, rank, trend
    assert info["sw"] <= info["cw"], info  # nothing hidden to the right: Rank, Trend and the caption's end show
    assert info["lastHead"] <= info["right"] + 0.5 and info["caption"] <= info["right"] + 0.5, info
    wide.screenshot(path=str(screenshot_dir / f"report-scorecard-1440-{lang}.png"), full_page=True)

    phone = context_factory(viewport=(390, 844)).new_page()
    phone.goto(f"{REPORT_FDI}&lang={lang}")
    phone.wait_for_selector(".report-scorecard tbody tr")
    info = phone.evaluate(_BOX_JS)
    assert info["doc"] <= info["vw"], info  # the page itself does not scroll sideways ...
    assert info["left"] >= 0 and info["right"] <= info["vw"], info
    assert info["sw"] > info["cw"] and info["overflowX"] == "auto", info  # ... the table's own box does
    assert info["tab"] == "0" and info["role"] == "region" and info["name"], info  # by keyboard too, named
    phone.screenshot(path=str(screenshot_dir / f"report-scorecard-390-{lang}.png"), full_page=True)
