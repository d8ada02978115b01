"""Margins fitted before plotly draws (dashboard/figures/margins.py; issue 14). The browser side
(plotly keeps these margins at 1440 px, so it lays each chart out once) is tested in
tests/browser/test_perf_margins.py."""

from __future__ import annotations

from dashboard.figures.margins import (
    LEGEND_FIRST_ROW_PX,
    LEGEND_ROW_PX,
    LEGEND_ROW_SPARE_PX,
    VALUE_AXIS_LEFT_PX,
    YEAR_AXIS_PX,
    fit_margins,
    legend_entries,
    legend_height,
    legend_room,
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


def test_a_legend_that_fits_a_phone_is_shown_whole_there():
    # seven entries 147 px wide (the Chinese overlay legend with milestones): one column on a 340 px
    # phone chart, 7 rows = 29 + 6 * 19 = 143 px (+ 2 px spare a row), more than 22 % of 580 px (127 px)
    fig = fit_margins(_fig(7, entrywidth=147), YEAR_AXIS_PX)
    legend = fig["layout"]["legend"]
    need = LEGEND_FIRST_ROW_PX + 6 * LEGEND_ROW_PX + 7 * LEGEND_ROW_SPARE_PX
    assert legend["maxheight"] * 580 >= need + 2
    assert legend["maxheight"] == 0.28  # the smallest whole percent that holds it
    assert 24 + YEAR_AXIS_PX + legend["maxheight"] * 580 <= 0.4 * 580 + 1  # the plot keeps 60 %
    # on a wide screen the same legend takes 2 rows (1004 // 217 = 4 a row): the bottom margin fits them
    assert fig["layout"]["margin"]["b"] == YEAR_AXIS_PX + LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX


def test_a_legend_too_long_for_a_phone_keeps_its_cap_and_a_short_one_is_left_alone():
    long = _fig(25, entrywidth=133)  # 25 rows on a phone: would leave the plot under 60 %
    assert legend_room(long, YEAR_AXIS_PX) is long
    short = _fig(3, entrywidth=100)  # 2 rows on a phone: 48 px fit under the 22 % cap
    assert legend_room(short, YEAR_AXIS_PX) is short
    # with the layout's own height (the compare chart) the phone height is that one
    tall = _fig(7, entrywidth=147, height=300)
    assert legend_room(tall, YEAR_AXIS_PX) is tall  # 24 + 40 + 157 px > 40 % of 300 px
    roomy = _fig(7, entrywidth=147, height=800)
    assert legend_room(roomy, YEAR_AXIS_PX) is roomy  # 157 + 2 px within 22 % of 800 px: no change needed
    out = legend_room(_fig(7, entrywidth=147, height=700), YEAR_AXIS_PX)
    assert out["layout"]["legend"]["maxheight"] == 0.23  # 159 px: 22.7 % of 700 px
