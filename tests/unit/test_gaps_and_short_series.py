"""Lines break at missing years and vintage changes, sparse series read as points, one-year
indicators get one tick and a normal bar, empty selections say what to do, the legend is capped
(issue 9, items 3, 5, 6 and 9).

Expected values come from the shipped Parquet files; the rule tests on small frames use
synthetic data, labelled as such.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.figures import composition_figure, timeseries_figure
from dashboard.figures.common import LEGEND_MAX_SHARE, year_axis
from dashboard.figures.segments import (
    GAP,
    OFFICIAL,
    VINTAGE,
    break_source,
    breaks_before,
    is_sparse,
    vintage_prefix,
    year_runs,
)
from dashboard.model.catalog import indicator_ids, state_from_raw
from dashboard.model.state import ViewState
from dashboard.render import render_card
from dashboard.settings import DEFAULT_DATA_DIR

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
DIMS = ["endowments", "structure", "digital", "green", "internationalization"]


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def obs():
    return pd.concat([pd.read_parquet(DATASETS / f"{d}.parquet") for d in DIMS], ignore_index=True)


def series(obs, indicator, region, sector="total"):
    s = obs[(obs.indicator_id == indicator) & (obs.region == region) & (obs.sector == sector)]
    return s.sort_values("year").reset_index(drop=True)


def segments_of(trace) -> list[list[int]]:
    """The runs of years a drawn line joins: split wherever plotly gets an empty point."""
    out: list[list[int]] = [[]]
    for x, y in zip(np.asarray(trace["x"], dtype=float), np.asarray(trace["y"], dtype=float)):
        if math.isnan(x) or math.isnan(y):
            out.append([])
        else:
            out[-1].append(int(x))
    return [s for s in out if s]


def card(store, dimension, **raw):
    state, _ = state_from_raw(store, dimension, raw)
    return state, {k: render_card(store, state, k) for k in ("ts", "cmp", "comp")}


# ---------------------------------------------------------------- item 3: gaps in the shipped data
def test_us_manufacturing_value_added_breaks_between_its_two_runs_of_years(store, obs):
    # /structure?indicator=manufacturing_va_usd&region=USA drew one straight segment 1969 -> 1997
    want = series(obs, "manufacturing_va_usd", "USA")
    years = want["year"].astype(int).tolist()
    runs = [[y for y in r] for r in year_runs(years)]
    assert len(runs) >= 2  # the shipped series has a gap (1970-1996)
    _, cards = card(store, "structure", indicator="manufacturing_va_usd", region="USA")
    fig = cards["ts"]["figure"]
    go.Figure(fig)  # a valid plotly figure
    trace = fig["data"][0]
    assert trace["connectgaps"] is False
    assert segments_of(trace) == runs
    drawn = {int(x): y for x, y in zip(trace["x"], trace["y"]) if not math.isnan(x)}
    assert drawn == pytest.approx(dict(zip(years, want["value"])))


def test_every_gap_of_a_shipped_series_breaks_its_line(store, obs):
    # all series of the structure page's manufacturing and value-added indicators, all regions
    for indicator in ("manufacturing_va_usd", "va_share_gdp_by_industry"):
        sub = obs[obs.indicator_id == indicator]
        regions = sorted(sub.region.unique())[:10]
        sectors = sorted(sub.sector.unique())
        state, _ = state_from_raw(store, "structure", {"indicator": indicator, "region": "~".join(regions),
                                                        "sector": "~".join(sectors)})
        fig = render_card(store, state, "ts")["figure"]
        checked = 0
        # event markers are not series; a line's flag markers are its own (markers_apart), not a series
        drawn = [t for t in fig["data"] if "name" in t and t["name"] != "Milestones"]
        for trace in drawn:
            name = trace["name"]
            match = [(r, s) for r in regions for s in sectors if name in (_label(r, s, regions, sectors),)]
            assert len(match) == 1, name
            s = series(sub, indicator, *match[0])
            prefixes = [break_source(v) for v in s["source_vintage"]]
            years = s["year"].astype(int).tolist()
            want: list[list[int]] = []
            for i, y in enumerate(years):
                if i == 0 or y != years[i - 1] + 1 or prefixes[i] != prefixes[i - 1]:
                    want.append([])
                want[-1].append(y)
            assert segments_of(trace) == want, name
            checked += 1
        assert checked == len(drawn) > 0


def _label(region, sector, regions, sectors):
    from dashboard.data.labels import region_name, sector_name
    if len(regions) > 1 and len(sectors) > 1:
        return f"{region_name(region)} – {sector_name(sector)}"
    return region_name(region) if len(regions) > 1 else sector_name(sector)


def test_a_vintage_change_in_the_shipped_data_breaks_the_line_with_a_hover_note(store, obs):
    # every China series of the shipped data whose vintage prefix changes between consecutive years
    china = obs[obs.region == "CHN"].sort_values(["indicator_id", "sector", "year"])
    cases = []
    for (ind, sector), s in china.groupby(["indicator_id", "sector"]):
        y = s["year"].astype(int).tolist()
        p = [re.match(r"\s*([A-Za-z]+)", v).group(1) for v in s["source_vintage"]]
        p = ["official" if x in ("facts", "NBS") else x for x in p]  # official releases are one source
        cases += [(ind, sector, y[i], s["source_vintage"].iloc[i - 1], s["source_vintage"].iloc[i])
                  for i in range(1, len(y)) if y[i] == y[i - 1] + 1 and p[i] != p[i - 1]]
    for ind, sector, year, before, after in cases:
        dim = str(store.catalog.loc[ind, "dimension"])
        state, _ = state_from_raw(store, dim, {"indicator": ind, "region": "CHN", "sector": sector})
        fig = render_card(store, state, "ts")["figure"]
        trace = next(t for t in fig["data"] if year in [int(x) for x in t["x"] if not math.isnan(x)])
        segs = segments_of(trace)
        assert any(seg[-1] == year - 1 for seg in segs) and any(seg[0] == year for seg in segs), (ind, year)
        at = [int(x) if not math.isnan(x) else None for x in trace["x"]].index(year)
        # both sources in plain words from labels.toml, never the source_vintage codes
        note = trace["customdata"][at]
        assert f"from {SOURCE_NAMES['en'][_source(before)]}<br>to {SOURCE_NAMES['en'][_source(after)]};" in note
        assert before not in note and after not in note


def _source(vintage: str) -> str:
    """The break rule's source of a source_vintage: its leading word, official releases as one."""
    word = re.match(r"\s*([A-Za-z][A-Za-z0-9_]*)", vintage).group(1)
    return "official" if word in ("facts", "NBS") else word


SOURCE_NAMES = {lang: t["sources"] for lang, t in tomllib.loads(
    (Path(__file__).resolve().parents[2] / "dashboard" / "content" / "labels.toml").read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("lang,want", [
    ("en", "<br><i>Series break: the source changes<br>from World Bank WDI (current)<br>to World Bank country file;"
           "<br>a step across the break can<br>come from the change of source</i>"),
    ("zh", "<br><i>序列断点：数据来源在此由<br>世界银行WDI（现行版本）<br>改为世界银行国别数据文件；"
           "<br>跨越断点的落差<br>可能来自来源的改变</i>"),
])
def test_education_expenditure_2007_break_note_reads_as_plain_words(store, obs, lang, want):
    # China's series moves from the DH mirror (to 1999) to the World Bank's 2024 country file (2007-2021)
    s = series(obs, "education_expenditure", "CHN").set_index("year")["source_vintage"]
    assert s.loc[1999].startswith("DH:") and s.loc[2007].startswith("BULK:")
    state, _ = state_from_raw(store, "endowments", {"indicator": "education_expenditure", "region": "CHN",
                                                     "lang": lang})
    with use_lang(lang):
        trace = render_card(store, state, "ts")["figure"]["data"][0]
    at = [int(x) if not math.isnan(x) else None for x in trace["x"]].index(2007)
    assert trace["customdata"][at] == want
    # every line is short: at most 32 characters in English, 13 in Chinese (a 390 px phone)
    lines = want.replace("<i>", "").replace("</i>", "").split("<br>")[1:]
    assert max(len(line) for line in lines) <= (32 if lang == "en" else 13)


# ---------------------------------------------------------------- item 3: the rules (synthetic data)
def synthetic(years, values=None, vintages=None, region="CHN"):
    n = len(years)
    return pd.DataFrame({"region": region, "sector": "total", "year": years,
                         "value": values if values is not None else [float(i + 1) for i in range(n)],
                         "flag": "observed", "note": "",
                         "source_vintage": vintages if vintages is not None else ["SYN:test"] * n})


META = {"indicator_id": "syn", "name": "SYNTHETIC test indicator", "unit": "units", "decimals": 1,
        "source": "Synthetic test data", "default_chart": "line"}


def state(**kw):
    base = dict(dimension="green", indicator="syn", regions=("CHN",), sectors=("total",), start=2000, end=2030,
                transform="level", base_year=2000, log=False, year_a=2000, year_b=2010)
    base.update(kw)
    return ViewState(**base)


def test_breaks_before_names_gaps_and_vintage_changes():
    assert breaks_before([2000, 2001, 2003, 2004, 2005], [1, 2, 3, 4, 5],
                         ["A:x", "A:y", "A:x", "B:x", "B:y"]) == [GAP, "", GAP, VINTAGE, ""]
    assert breaks_before([2000, 2001, 2002], [1.0, float("nan"), 3.0]) == [GAP, GAP, GAP]
    assert vintage_prefix("BULK:USA:3173") == "BULK" and vintage_prefix("facts (paper, line 18)") == "facts"
    # official releases (facts files, NBS tables) are one source: no break between them
    assert vintage_prefix("NBS-RD:S&T expenditure communiqué") == "NBS"
    assert break_source("facts (communique, line 90)") == break_source("NBS-RD:S&T expenditure communiqué") == OFFICIAL
    assert break_source("RW:NV.IND.MANF.CD") == "RW"
    assert breaks_before([2020, 2021, 2022, 2023], [1, 2, 3, 4],
                         ["facts (communique, line 90)", "NBS-RD:GERD", "facts: Statistical communiqué", "DH:x"]
                         ) == [GAP, "", "", VINTAGE]


def test_official_rd_expenditure_is_one_unbroken_line(store, obs):
    # the precedence-merged official GERD series (rd_expenditure_yuan, China), every year 2011-2023
    s = series(obs, "rd_expenditure_yuan", "CHN")
    years = s["year"].astype(int).tolist()
    assert years == list(range(2011, 2024))
    # as a line (the level view is a bar chart): the index view, 2012 = 100
    state, _ = state_from_raw(store, "endowments", {"indicator": "rd_expenditure_yuan", "region": "CHN",
                                                     "transform": "index", "base": "2012"})
    fig = render_card(store, state, "ts")["figure"]
    drawn = [t for t in fig["data"] if t.get("name") != "Milestones"]
    assert len(drawn) == 1 and drawn[0]["type"] == "scatter" and "lines" in drawn[0]["mode"]
    assert segments_of(drawn[0]) == [years]
    assert not any("Series break" in str(c) for c in drawn[0]["customdata"])
    # the same series with its rows alternating between the facts files and the NBS tables is still one line
    mixed = s.assign(note="", source_vintage=["facts (communique, line 90)" if i % 2 else v
                                              for i, v in enumerate(s["source_vintage"])])
    fig = timeseries_figure(mixed, {**META, "name": "rd_expenditure_yuan, vintages relabelled (test)"}, state)
    assert segments_of(fig["data"][0]) == [years]


def test_vintage_change_ends_the_line_and_the_new_vintage_says_so():
    data = synthetic([2000, 2001, 2002, 2003], [1.0, 2.0, 9.0, 10.0], ["RW:c", "RW:c", "DH:c", "DH:c"])
    fig = timeseries_figure(data, META, state())
    go.Figure(fig)
    trace = fig["data"][0]
    assert segments_of(trace) == [[2000, 2001], [2002, 2003]]
    assert "Series break" in trace["customdata"][3]
    assert "from WDI of December 2013<br>to World Bank WDI (current);" in trace["customdata"][3]
    assert "RW:c" not in trace["customdata"][3]
    assert trace["marker"]["size"][1] > 0 and trace["marker"]["size"][3] > 0  # both ends of the break shown


def test_sparse_series_is_points_and_an_isolated_point_gets_a_marker():
    sparse = timeseries_figure(synthetic([2013, 2015, 2018, 2020, 2021]), META, state())["data"][0]
    assert sparse["mode"] == "markers"
    assert all(s > 0 for x, s in zip(sparse["x"], sparse["marker"]["size"]) if not math.isnan(x))
    assert is_sparse(breaks_before([2013, 2015, 2018], [1, 2, 3]), [1, 2, 3])
    years = list(range(1960, 2000)) + [2005] + list(range(2010, 2020))
    dense = timeseries_figure(synthetic(years), META, state(start=1960))["data"][0]
    assert dense["mode"] == "lines+markers" and "lines" in dense["mode"]
    sizes = {int(x): s for x, s in zip(dense["x"], dense["marker"]["size"]) if not math.isnan(x)}
    assert sizes[2005] > 0 and sizes[1980] == 0  # the lone year is visible, the long runs are lines
    assert segments_of(dense) == [list(range(1960, 2000)), [2005], list(range(2010, 2020))]


def test_composition_never_stacks_across_missing_years():
    data = pd.DataFrame({"region": "CHN", "sector": ["a", "b"] * 4, "year": [2000, 2000, 2001, 2001, 2004, 2004,
                                                                           2005, 2005],
                         "value": [1.0, 2.0, 1.5, 2.5, 2.0, 3.0, 2.5, 3.5], "flag": "observed"})
    fig = composition_figure(data, META, state(), "CHN")
    go.Figure(fig)
    groups = {(t["legendgroup"], t["stackgroup"]): [int(x) for x in t["x"]] for t in fig["data"]}
    assert groups[("a", "run0")] == [2000, 2001] and groups[("a", "run1")] == [2004, 2005]
    assert sum(t["showlegend"] for t in fig["data"]) == 2  # one legend entry per sector


# ---------------------------------------------------------------- item 6: one year of data
def test_one_year_indicator_has_one_tick_a_normal_bar_and_says_so_on_compare(store, obs):
    # /digital?indicator=online_retail_sales
    years = sorted(obs.loc[obs.indicator_id == "online_retail_sales", "year"].astype(int).unique())
    assert len(years) == 1
    (year,) = years
    _, cards = card(store, "digital", indicator="online_retail_sales")
    fig = cards["ts"]["figure"]
    go.Figure(fig)
    axis = fig["layout"]["xaxis"]
    assert axis["tickvals"] == [year] and axis["tickformat"] == "d"
    lo, hi = axis["range"]
    assert hi - lo >= 4 and lo < year < hi  # the bar (width 1 - bargap) takes a fifth of the width at most
    assert fig["data"][0]["type"] == "bar"
    cmp = cards["cmp"]["figure"]
    assert cmp["layout"]["annotations"][0]["text"] == f"Only one year of data ({year})."


def test_bars_of_a_series_with_gaps_are_one_year_wide(store, obs):
    # /structure?indicator=manufacturing_va_yuan: published for two years nine years apart; plotly
    # makes a bar as wide as the smallest step between x values, so each bar was nine years wide
    s = series(obs, "manufacturing_va_yuan", "CHN")
    years = s["year"].astype(int).tolist()
    assert len(years) == 2 and years[1] - years[0] > 1
    _, cards = card(store, "structure", indicator="manufacturing_va_yuan")
    fig = cards["ts"]["figure"]
    go.Figure(fig)
    (bars,) = [t for t in fig["data"] if t["type"] == "bar"]
    x = [int(v) for v in bars["x"]]
    assert x == list(range(years[0], years[-1] + 1))  # every year a slot: plotly's step is one year
    y = np.asarray(bars["y"], dtype=float)
    drawn = {xi: yi for xi, yi in zip(x, y) if not math.isnan(yi)}
    assert drawn == pytest.approx(dict(zip(years, s["value"].tolist())))
    assert len(bars["customdata"]) == len(x) == len(bars["marker"]["pattern"]["shape"])


def test_year_axis_ticks_only_real_years():
    assert year_axis(pd.Series([2019, 2020, 2022]))["tickvals"] == [2019, 2020, 2022]
    assert "tickvals" not in year_axis(pd.Series(range(1990, 2024)))  # plotly's own whole-year steps


# ---------------------------------------------------------------- item 5: empty selections
def test_empty_regions_or_sectors_say_what_to_pick(store):
    state_, _ = state_from_raw(store, "green", {"indicator": "electricity_mix_share", "region": "CHN~USA"})
    texts = {k: render_card(store, replace(state_, regions=()), k)["figure"]["layout"]["annotations"][0]["text"]
             for k in ("ts", "cmp", "comp")}
    assert texts == {k: "Pick at least one region." for k in ("ts", "cmp", "comp")}
    no_sector = replace(state_, sectors=())
    for k in ("ts", "cmp"):
        assert render_card(store, no_sector, k)["figure"]["layout"]["annotations"][0]["text"] == \
            "Pick at least one sector."
    assert not render_card(store, no_sector, "comp")["figure"]["layout"]["meta"].get("empty")  # parts of China


# ---------------------------------------------------------------- item 9: the legend is capped
def test_legend_sits_under_the_plot_and_is_capped(store):
    _, cards = card(store, "green", indicator="electricity_mix_share", region="CHN~USA~DEU")
    legend = cards["ts"]["figure"]["layout"]["legend"]
    assert legend["yref"] == "container" and legend["y"] == 0 and legend["yanchor"] == "bottom"
    assert legend["maxheight"] == LEGEND_MAX_SHARE <= 0.25
    longest = max(len(t["name"]) for t in cards["ts"]["figure"]["data"])
    assert legend["entrywidth"] >= 6 * longest  # columns no narrower than the longest label


def test_legend_columns_fit_chinese_labels():
    """A CJK character is about twice as wide as a Latin one: "里程碑" (milestones) was cut to
    "里程" when every character counted as one cell."""
    from dashboard.figures.common import LEGEND_CHAR_PX, legend_layout, text_width
    assert text_width("里程碑") == 6 and text_width("China") == 5 and text_width("中国 – 工业") == 11
    assert legend_layout(["里程碑"])["entrywidth"] == round(6 * LEGEND_CHAR_PX)
    assert legend_layout(["里程碑"])["entrywidth"] > legend_layout(["abc"])["entrywidth"]


def test_milestones_legend_entry_is_not_clipped_beside_one_series(store):
    """With one series the legend columns were as wide as its name only, and "Milestones" (里程碑)
    was cut to "Milesto" (found by a new-user check on /structure?indicator=manufacturing_va_usd)."""
    from dashboard.components.chart_card import graph_config
    from dashboard.figures.common import LEGEND_CHAR_PX, text_width

    for lang in ("en", "zh"):
        _, cards = card(store, "structure", indicator="manufacturing_va_usd", region="CHN", lang=lang)
        fig = cards["ts"]["figure"]
        names = [t["name"] for t in fig["data"] if "name" in t]  # not the flag markers (no legend entry)
        assert any(t.get("meta", {}).get("events") for t in fig["data"])  # the milestones trace is there
        assert fig["layout"]["legend"]["entrywidth"] >= round(max(text_width(n) for n in names) * LEGEND_CHAR_PX)
    assert graph_config("ts")["showSendToCloud"] is False


@pytest.mark.parametrize("indicator,sectors", [("gdp_usd", ["total"]),
                                               ("va_share_gdp_by_industry", ["primary", "secondary", "tertiary"])])
def test_markers_only_where_a_point_has_one(store, obs, indicator, sectors):
    # a dense series draws its line without markers and its flagged years (here: preliminary) as
    # a markers-only trace after it, in the series' legend group, without a legend entry or hover
    _, cards = card(store, "structure", indicator=indicator, region="CHN", sector="~".join(sectors))
    fig = cards["ts"]["figure"]
    go.Figure(fig)
    lines = [t for t in fig["data"] if t.get("name") not in (None, "Milestones")]
    # the line keeps markers in its mode (plotly then pads the year axis as before) but draws one, invisible
    assert len(lines) == len(sectors)
    assert all(t["mode"] == "lines+markers" and t["marker"]["size"] == 0 and t["marker"]["opacity"] == 0
               and t["marker"]["maxdisplayed"] == 1
               for t in lines)
    for sector, line in zip(sectors, lines):
        at = next(i for i, t in enumerate(fig["data"]) if t is line)
        dots = fig["data"][at + 1]
        assert dots["mode"] == "markers" and dots["meta"] == {"markers_of": line["name"]}
        assert dots["legendgroup"] == line["legendgroup"] == line["name"]
        assert dots["showlegend"] is False and dots["hoverinfo"] == "skip"
        s = series(obs, indicator, "CHN", sector)
        flagged = s[~s["flag"].isin(["observed", "final"])]
        assert len(flagged) > 0 and list(dots["x"]) == flagged["year"].astype(float).tolist()
        assert list(dots["y"]) == pytest.approx(flagged["value"].tolist())
        assert set(dots["marker"]["symbol"]) == {"diamond-open"} and all(v > 0 for v in dots["marker"]["size"])
        # the line still holds every year, and the hover note of the flagged ones
        assert len([x for x in line["x"] if not math.isnan(x)]) == len(s)
        assert sum("Preliminary" in c for c in line["customdata"]) == len(flagged)
    # the legend as plotly showed it before the split: hidden for one series, in trace order
    assert fig["layout"]["showlegend"] is (len(sectors) > 1 or any(t.get("name") == "Milestones" for t in fig["data"]))
    assert fig["layout"]["legend"]["traceorder"] == "normal"


def test_compare_years_dots_keep_a_margin_from_the_axis_ends(store):
    # /endowments?indicator=education_expenditure: 2012 at 3.944 on an axis ending at 3.947, the dot
    # cut in half: the margin followed the spread of the values, not the axis length
    checked = 0
    for dim in DIMS:
        for indicator in indicator_ids(store, dim):
            _, cards = card(store, dim, indicator=indicator)
            fig = cards["cmp"]["figure"]
            lo_axis, hi_axis = fig["layout"].get("xaxis", {}).get("range") or (None, None)
            values = [float(v) for t in fig["data"] if t.get("mode") == "markers"
                      for v in np.asarray(t["x"], dtype=float) if not math.isnan(v)]
            if lo_axis is None or not values:
                continue
            margin = 0.04 * (hi_axis - lo_axis)
            assert hi_axis - max(values) >= margin and min(values) - lo_axis >= margin, \
                (dim, indicator, lo_axis, hi_axis, min(values), max(values))
            checked += 1
    assert checked > 50


def test_a_lone_first_year_of_the_composition_is_not_cut_at_the_axis_edge(store):
    # NBS shares: 2013, then a gap, then later years; the lone 2013 is drawn as three dots, which sat
    # half outside the plot on the axis's left edge
    obs = pd.read_parquet(DEFAULT_DATA_DIR / "structure.parquet")
    years = sorted(set(obs[(obs.indicator_id == "nbs_gdp_share_by_industry") & (obs.region == "CHN")
                           & (obs.sector != "total")]["year"].astype(int)))
    state, _ = state_from_raw(store, "structure", {"indicator": "nbs_gdp_share_by_industry",
                                                  "time": f"{years[0]}..{years[-1]}"})
    fig = render_card(store, state, "comp")["figure"]
    drawn = sorted({int(x) for t in fig["data"] for x in (t.get("x") if t.get("x") is not None else [])})
    assert drawn[1] - drawn[0] > 1  # the premise: the first year drawn stands alone
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert lo == drawn[0] - 0.5 and hi >= drawn[-1]
