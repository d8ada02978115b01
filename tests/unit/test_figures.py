"""Figure builders: traces, axes, titles and values (small synthetic frames, labelled as such)."""

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import dashboard.figures as charts
from dashboard.figures import figure_heading, series_labels, sparkline_svg
from dashboard.figures.theme import MUTED


def _validated(builder):
    """Builders return plain dicts; go.Figure(...) validates every property (tests only)."""
    def build(*args, **kw):
        raw = builder(*args, **kw)
        assert set(raw) == {"data", "layout"}
        return go.Figure(raw)
    return build


timeseries_figure = _validated(charts.timeseries_figure)
compare_figure = _validated(charts.compare_figure)
composition_figure = _validated(charts.composition_figure)
empty_figure = _validated(charts.empty_figure)
from dashboard.figures.theme import CHINA_COLOR, REGION_COLORS
from dashboard.model.state import ViewState
from dashboard.model.transforms import compare_years

META = {"indicator_id": "syn", "name": "SYNTHETIC test indicator", "unit": "% of GDP", "decimals": 1,
        "source": "Synthetic test data", "default_chart": "line"}


def state(**kw):
    base = dict(dimension="green", indicator="syn", regions=("CHN", "USA"), sectors=("total",), start=2000,
                end=2003, transform="level", base_year=2000, log=False, year_a=2000, year_b=2003)
    base.update(kw)
    return ViewState(**base)


def ts_frame():
    rows = []
    for region, vals in {"CHN": [1.0, 2.0, 3.0, 4.0], "USA": [2.0, 2.5, 3.0, 3.5]}.items():
        for year, v in zip(range(2000, 2004), vals):
            rows.append((region, "total", year, v, "estimate" if (region, year) == ("CHN", 2003) else "observed"))
    return pd.DataFrame(rows, columns=["region", "sector", "year", "value", "flag"])


def test_timeseries_one_trace_per_region_with_values_and_china_highlight():
    fig = timeseries_figure(ts_frame(), META, state())
    names = [t.name for t in fig.data]
    assert names == ["China", "United States"]
    chn, usa = fig.data
    assert list(chn.x) == [2000, 2001, 2002, 2003]
    assert list(chn.y) == [1.0, 2.0, 3.0, 4.0]
    assert chn.line.color == CHINA_COLOR and usa.line.color == REGION_COLORS["USA"]
    assert chn.line.width > usa.line.width
    # the estimate is marked with its own symbol and explained on hover
    assert chn.marker.symbol[-1] != chn.marker.symbol[0]
    assert "Estimate" in chn.customdata[-1]
    assert "% of GDP" in chn.hovertemplate
    assert fig.layout.yaxis.title.text == "% of GDP"
    title, subtitle = figure_heading(fig.to_plotly_json())
    assert title == "SYNTHETIC test indicator"
    assert "2000–2003" in subtitle and "% of GDP" in subtitle
    assert fig.layout.meta["export"]["source"].startswith("Source: Synthetic test data")


def test_timeseries_axis_follows_transform_and_log_needs_positive_values():
    fig = timeseries_figure(ts_frame(), META, state(transform="index", base_year=2000))
    assert fig.layout.yaxis.title.text == "Index, 2000 = 100"
    fig = timeseries_figure(ts_frame(), META, state(log=True))
    assert fig.layout.yaxis.type == "log"
    neg = ts_frame().assign(value=lambda f: f["value"] - 2.5)
    assert timeseries_figure(neg, META, state(log=True)).layout.yaxis.type == "linear"


def test_timeseries_bars_for_short_official_series():
    fig = timeseries_figure(ts_frame(), {**META, "default_chart": "bar"}, state())
    assert {t.type for t in fig.data} == {"bar"}
    assert fig.layout.barmode == "group"


def test_series_labels_when_regions_and_sectors_both_vary():
    f = pd.DataFrame({"region": ["CHN", "USA"], "sector": ["wind", "solar"]})
    assert list(series_labels(f)) == ["China – Wind", "United States – Solar"]
    f = pd.DataFrame({"region": ["CHN", "CHN"], "sector": ["wind", "solar"]})
    assert list(series_labels(f)) == ["Wind", "Solar"]


def test_empty_data_gives_an_empty_state_not_an_error():
    fig = timeseries_figure(ts_frame().iloc[0:0], META, state())
    assert fig.layout.meta["empty"] is True
    assert "No data" in fig.layout.annotations[0].text
    assert len(fig.data) == 0


def test_compare_figure_dumbbell_values_and_labels():
    cmp = compare_years(ts_frame(), 2000, 2003)
    fig = compare_figure(cmp, META, state())
    open_, filled = fig.data[1], fig.data[2]
    assert open_.name == "2000" and filled.name == "2003"
    # the legend's two symbols are neutral (the dots take each series' colour): legend-only traces
    legend = [t for t in fig.data if t.showlegend is not False]
    assert [(t.name, t.marker.symbol, t.marker.color) for t in legend] == \
        [("2000", "circle-open", MUTED), ("2003", "circle", MUTED)]
    assert open_.marker.color != MUTED and not open_.showlegend
    # first series is drawn on top: the y order is reversed
    assert list(filled.y) == ["United States", "China"]
    assert list(open_.x) == [2.0, 1.0] and list(filled.x) == [3.5, 4.0]
    labels = [a.text for a in fig.layout.annotations]
    assert labels[1].startswith("<b>China</b>") and "+300.0%" in labels[1]  # China 1 -> 4
    assert "CAGR" in labels[1]
    assert [a.y for a in fig.layout.annotations] == ["United States", "China"]
    assert figure_heading(fig.to_plotly_json())[0] == "SYNTHETIC test indicator: 2000 vs 2003"


def test_compare_figure_same_year_asks_for_two_years():
    fig = compare_figure(compare_years(ts_frame(), 2001, 2001), META, state(year_a=2001, year_b=2001))
    assert "two different years" in fig.layout.annotations[0].text


def test_composition_stacks_sectors():
    f = pd.DataFrame({"region": "CHN", "sector": ["wind", "wind", "solar", "solar"], "year": [2000, 2001] * 2,
                      "value": [1.0, 2.0, 3.0, 4.0], "flag": "observed"})
    fig = composition_figure(f, META, state(), "CHN")
    assert [t.name for t in fig.data] == ["Wind", "Solar"]
    assert all(t.stackgroup == "run0" for t in fig.data)  # one stack: the years are consecutive
    assert "China" in figure_heading(fig.to_plotly_json())[0]
    fig = composition_figure(f, META, state(stack="percent"), "CHN")
    assert list(fig.layout.yaxis.range) == [0, 100]


def test_empty_figure_message():
    fig = empty_figure("Nothing here", "T")
    assert fig.layout.annotations[0].text == "Nothing here"
    assert fig.layout.xaxis.visible is False


def test_sparkline_svg_scales_points_into_the_box():
    svg = sparkline_svg(np.array([2000, 2010, 2020]), np.array([1.0, 5.0, 3.0]), width=100, height=20)
    pts = svg.split('points="')[1].split('"')[0].split()
    xs = [float(p.split(",")[0]) for p in pts]
    ys = [float(p.split(",")[1]) for p in pts]
    assert xs[0] == pytest.approx(3.0) and xs[-1] == pytest.approx(97.0)
    assert min(ys) == pytest.approx(3.0) and max(ys) == pytest.approx(17.0)  # max value at the top
    assert ys[1] == min(ys)
    assert "<polyline" not in sparkline_svg(np.array([1, 2]), np.array([math.nan, 1.0]))  # one finite point
    assert "<polyline" not in sparkline_svg(np.array([2000]), np.array([1.0]))


def test_graph_config_never_points_at_a_cdn():
    from dashboard.components.chart_card import graph_config

    cfg = graph_config("ts")
    assert cfg["topojsonURL"].startswith("/assets/")
    assert "toImage" in cfg["modeBarButtonsToRemove"]  # exports go through the PNG/SVG buttons
    assert (cfg["toImageButtonOptions"]["width"], cfg["toImageButtonOptions"]["height"]) == (1600, 900)


def test_list_helpers_give_what_the_series_forms_give():
    """The figures read plain lists (issue 14); the list forms of the helpers agree with the Series forms."""
    from dashboard.figures.common import label_list, range_text, year_axis

    frame = pd.DataFrame({"region": ["CHN", "CHN", "USA", "USA"], "sector": ["primary", "tertiary"] * 2,
                          "year": pd.array([2019, 2020, 2019, 2021], dtype="int32")})
    assert label_list(frame["region"].tolist(), frame["sector"].tolist()) == series_labels(frame).tolist()
    assert series_labels(frame).tolist()[0] == "China – Primary industry"
    assert range_text(frame["year"].tolist()) == range_text(frame["year"]) == "2019–2021"
    assert range_text([2020]) == "2020"
    assert year_axis(frame["year"].tolist()) == year_axis(frame["year"])
    assert year_axis([2019, 2020, 2021])["tickvals"] == [2019, 2020, 2021]
    assert year_axis(pd.Series([2019.0, float("nan"), 2021.0]))["tickvals"] == [2019, 2021]  # NaN ignored


def test_compare_row_text_breaks_where_a_phone_would_cut_it():
    from dashboard.figures.compare import LINE_CELLS, row_text

    assert row_text("China", "+44.2%, CAGR +3.1%/yr") == "<b>China</b>  +44.2%, CAGR +3.1%/yr"
    # 32 + 2 + 21 cells > 38: the change goes to its own line
    assert row_text("South Korea – Secondary industry", "-1.1%, CAGR -0.1%/yr") == \
        "<b>South Korea – Secondary industry</b><br>-1.1%, CAGR -0.1%/yr"
    # a label alone longer than a line breaks after its region; CJK characters count two cells
    long = "United States – " + "x" * LINE_CELLS
    assert row_text(long, "+1.0%") == f"<b>United States –<br>{'x' * LINE_CELLS}</b><br>+1.0%"
    assert row_text("中国 – 太阳能发电", "+8,479.1%，年均复合增长率+49.9%") == \
        "<b>中国 – 太阳能发电</b><br>+8,479.1%，年均复合增长率+49.9%"  # 17 + 2 + 31 cells
