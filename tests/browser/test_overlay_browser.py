"""Issue 11 item 1 in the browser: the NBS and WDI R&D intensity on one chart, with the note on why they differ.

Expected values come from the Parquet files (browser_helpers.series), never from the app.
"""

from __future__ import annotations

import math

import pytest
from browser_helpers import goto, series, traces, wait_figure

NOTE_START = "The NBS figure is the final one"


def _points(xy: tuple[list, list]) -> dict[int, float]:
    return {int(x): float(y) for x, y in zip(*xy)
            if x is not None and y is not None and not math.isnan(float(x)) and not math.isnan(float(y))}


def test_overlay_draws_both_china_series_and_the_note(page):
    goto(page, "/endowments?indicator=rd_intensity_nbs&overlay=1", keys=("ts",))
    drawn = traces(page, "ts")
    assert "China" in drawn and "China · WDI/UNESCO" in drawn, sorted(drawn)
    nbs, wdi = series("rd_intensity_nbs").dropna(), series("rd_intensity_wdi").dropna()
    start, end = int(nbs.index.min()), int(nbs.index.max())
    assert _points(drawn["China"]) == approx({int(y): float(v) for y, v in nbs.items()})
    want_wdi = {int(y): float(v) for y, v in wdi.items() if start <= y <= end}
    assert len(want_wdi) >= 10
    assert _points(drawn["China · WDI/UNESCO"]) == approx(want_wdi)
    # the note explaining the difference is under the chart, and the switch is on
    note = page.locator(".counterpart-note")
    assert note.count() == 1 and note.is_visible()
    assert NOTE_START in note.inner_text()
    box = page.locator("#overlay input[type=checkbox]")
    assert box.is_checked()

    # switching it off removes the dashed series, the note and overlay=1 from the address
    box.click()
    wait_figure(page, "ts", "gd.data.every(t => !(t.name || '').includes('·'))")
    # the caption (and its note) follows the chart one painted frame later (callbacks.DRAWN_FIRST)
    page.wait_for_function("() => document.querySelectorAll('.counterpart-note').length === 0", timeout=10_000)
    page.wait_for_function("() => !window.location.search.includes('overlay')", timeout=10_000)


def test_switch_is_hidden_without_a_counterpart(page):
    goto(page, "/endowments?indicator=researchers_per_million", keys=("ts",))
    assert not page.locator("#overlay").is_visible()


def approx(expected: dict[int, float]):
    """Values as drawn (JSON floats) against the Parquet values, to 1e-9 relative."""
    return pytest.approx(expected, rel=1e-9)
