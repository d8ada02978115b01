"""The report's static figures (dashboard.views.report.report_figure): as tall as their whole legend,
a compare-years chart as tall as its rows need within a page."""

from __future__ import annotations

import math

import pytest

from dashboard.data import load_store
from dashboard.figures.common import LEGEND_MAX_SHARE
from dashboard.model.catalog import state_from_raw
from dashboard.render import render_cards
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.views import report as R


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def _cards(store, regions: str) -> dict:
    state, _ = state_from_raw(store, "structure", {"region": regions})
    return render_cards(store, state)


def test_a_long_legend_gets_the_height_of_all_its_rows(store):
    fig = _cards(store, "CHN~USA~JPN~DEU~KOR~IND")["ts"]["figure"]
    names = [t["name"] for t in fig["data"] if t.get("showlegend", True) is not False]
    assert len(names) == 19  # 6 economies x 3 sectors and the milestones
    out = R.report_figure(fig)
    layout = out["layout"]
    assert layout["width"] == R.CHART_WIDTH and layout["legend"]["maxheight"] == 1  # never scrolls
    # plotly's rows at 680 px: entries of entrywidth + 45 px in the plot area (680 - margins)
    entry = fig["layout"]["legend"]["entrywidth"] + 45
    plot = R.CHART_WIDTH - fig["layout"]["margin"]["l"] - 24
    per_row = max(k for k in range(1, 20) if k * entry - 5 < plot)
    drawn = 10 + 19 * math.ceil(19 / per_row)  # plotly: 19 px a row and 10 px of padding
    capped = math.floor(LEGEND_MAX_SHARE * R.CHART_HEIGHT)
    assert layout["height"] >= R.CHART_HEIGHT + drawn - capped  # the plot area keeps its 360 px share
    assert fig["layout"]["legend"]["maxheight"] == LEGEND_MAX_SHARE  # the page's figure is unchanged


def test_a_short_legend_keeps_the_report_size(store):
    fig = _cards(store, "CHN")["comp"]["figure"]  # three sectors
    layout = R.report_figure(fig)["layout"]
    assert (layout["width"], layout["height"]) == (R.CHART_WIDTH, R.CHART_HEIGHT)


@pytest.mark.parametrize(("regions", "rows"), [("CHN~USA~JPN~DEU", 12), ("CHN~USA~JPN~DEU~KOR~IND", 18)])
def test_a_compare_chart_keeps_its_rows_within_a_page(store, regions, rows):
    fig = _cards(store, regions)["cmp"]["figure"]
    assert len(fig["data"][1]["y"]) == rows
    own = fig["layout"]["height"]
    height = R.report_figure(fig)["layout"]["height"]
    if R.PAGE_CHART_PX >= R.MIN_ROW_SHARE * own:  # 12 rows (1006 px): drawn to fit a page
        assert height == R.PAGE_CHART_PX + max(0, R.report_legend_px(fig) - math.floor(LEGEND_MAX_SHARE * own))
    else:  # 18 rows: its own height, printed over two pages in order (not squeezed into 360 px)
        assert height >= own
    assert height > 130 + 45 * rows  # each row has room for its two lines of text and its dots
