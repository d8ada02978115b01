"""Margins fitted before plotly draws (dashboard/figures/margins.py; issue 14). The browser side
(plotly keeps these margins at 1440 px, so it lays each chart out once) is tested in
tests/browser/test_perf_margins.py."""

from __future__ import annotations

from dashboard.figures.margins import (
    LEGEND_FIRST_ROW_PX,
    LEGEND_ROW_PX,
    VALUE_AXIS_LEFT_PX,
    YEAR_AXIS_PX,
    fit_margins,
    legend_entries,
    legend_height,
)


def _fig(n: int, entrywidth: int = 100, **layout) -> dict:
    data = [{"type": "scatter", "name": f"s{i}", "x": [2000], "y": [i]} for i in range(n)]
    return {"data": data, "layout": {"legend": {"entrywidth": entrywidth, "maxheight": 0.22},
                                     "margin": {"t": 24, "b": 48}, **layout}}


def test_legend_entries_follow_plotly_rules():
    assert legend_entries(_fig(1)) == 0  # one trace: plotly shows no legend by default
    assert legend_entries(_fig(1, showlegend=True)) == 1
    assert legend_entries(_fig(3)) == 3
    assert legend_entries(_fig(3, showlegend=False)) == 0
    fig = _fig(3)
    fig["data"][1]["showlegend"] = False  # a later run of a series keeps one entry
    assert legend_entries(fig) == 2


def test_legend_height_rows_and_cap():
    assert legend_height(0, 100, 460, 0.22) == 0
    one_row = legend_height(5, 100, 460, 0.22)  # 1004 px // 170 px = 5 per row
    assert one_row == LEGEND_FIRST_ROW_PX
    assert legend_height(6, 100, 460, 0.22) == LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX
    assert legend_height(40, 100, 460, 0.22) == int(0.22 * 460) - 2  # plotly scrolls beyond its max height
    assert legend_height(5, 100, 460, 0.22, width=340) == LEGEND_FIRST_ROW_PX + 2 * LEGEND_ROW_PX  # 2 per row: 3 rows
    assert legend_height(2, 5000, 460, 0.22) == LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX  # wider than the chart: one per row


def test_fit_margins_sets_bottom_and_left_and_leaves_the_input_alone():
    fig = _fig(6)
    out = fit_margins(fig, YEAR_AXIS_PX)
    assert out["layout"]["margin"] == {"t": 24, "b": YEAR_AXIS_PX + LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX,
                                       "l": VALUE_AXIS_LEFT_PX}
    assert fig["layout"]["margin"] == {"t": 24, "b": 48}  # unchanged
    assert fit_margins(_fig(1, margin={}), YEAR_AXIS_PX, left_px=None)["layout"]["margin"] == {"b": YEAR_AXIS_PX}
    bigger = _fig(1, margin={"b": 200, "l": 120})
    assert fit_margins(bigger, YEAR_AXIS_PX)["layout"]["margin"] == {"b": 200, "l": 120}  # never smaller


def test_empty_state_unchanged():
    from dashboard.figures.common import empty_figure

    fig = empty_figure("Nothing")
    assert fit_margins(fig, YEAR_AXIS_PX) is fig
