"""Callbacks called as plain functions with real inputs, on the shipped datasets."""

import base64
import io
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import no_update

from dashboard.callback_helpers import plain_json
from dashboard.callbacks import CONTROL_OUTPUTS, Callbacks
from dashboard.components import ids
from dashboard.data import load_store
from dashboard.model.catalog import indicator_meta
from dashboard.settings import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


class ValidatingCallbacks(Callbacks):
    """The real callbacks; figures (plain dicts) are validated with go.Figure so tests can read them."""

    def render(self, data, keys=("ts", "cmp", "comp")):
        out = super().render(data, keys)
        return {key: {**card, "figure": go.Figure(card["figure"])} for key, card in out.items()}


@pytest.fixture()
def cb(store):
    return ValidatingCallbacks(store)


def parquet_values(indicator, region, sector="total"):
    dims = ["endowments", "structure", "digital", "green", "internationalization"]
    frames = [pd.read_parquet(DEFAULT_DATA_DIR / f"{d}.parquet") for d in dims]
    df = pd.concat(frames)
    df = df[(df.indicator_id == indicator) & (df.region == region) & (df.sector == sector)]
    return dict(zip(df.year.astype(int), df.value))


def points(trace) -> dict:
    """A drawn line's points by year; the empty points that break a line (NaN x) are left out."""
    return {int(x): y for x, y in zip(trace.x, trace.y) if x == x}


def state_for(cb, indicator, dimension, regions=("CHN",), sectors=None, years=None, transform="level", base=2012,
              log=(), a=2012, b=None, stack="absolute", events=()):
    meta = indicator_meta(cb.store, indicator)
    return cb.build_state(controls(indicator, list(regions), list(sectors) if sectors else None,
                                   years or [meta.year_min, meta.year_max], transform, base, list(log), a,
                                   b or meta.default_end, stack, events), dimension)


def controls(indicator, regions, sectors, years, transform, base_year, log, year_a, year_b, stack, events=()):
    """The update callback's control inputs, by name ("Show milestones" off by default here: these tests
    count the series traces; tests/unit/test_milestones_ui.py covers the markers)."""
    return dict(indicator=indicator, regions=regions, sectors=sectors, years=years, transform=transform,
                base_year=base_year, log=log, year_a=year_a, year_b=year_b, stack=stack,
                events=list(events))


def test_render_draws_parquet_values_for_each_region(cb):
    data = state_for(cb, "rd_intensity_wdi", "endowments", regions=["CHN", "USA"])
    out = cb.render(data)
    fig = out["ts"]["figure"]
    assert [t.name for t in fig.data] == ["China", "United States"]
    chn = parquet_values("rd_intensity_wdi", "CHN")
    drawn = points(fig.data[0])
    assert drawn == pytest.approx(chn)
    parts = {"figure", "heading", "caption", "table", "sources", "style"}
    assert set(out["ts"]) == parts | {"log_reason"} and set(out["cmp"]) == parts
    assert set(out["comp"]) == parts | {"exports_hidden"}


def test_year_range_and_yoy_transform(cb):
    data = state_for(cb, "rd_intensity_wdi", "endowments", years=[2015, 2020], transform="yoy")
    fig = cb.render(data)["ts"]["figure"]
    chn = parquet_values("rd_intensity_wdi", "CHN")
    drawn = points(fig.data[0])
    assert sorted(drawn) == list(range(2015, 2021))
    assert drawn[2016] == pytest.approx((chn[2016] / chn[2015] - 1) * 100)
    assert fig.layout.yaxis.title.text == "% change on previous year"


def test_index_transform_is_100_in_base_year(cb):
    data = state_for(cb, "hightech_exports_usd", "internationalization", regions=["CHN", "DEU"], transform="index",
                     base=2012)
    fig = cb.render(data)["ts"]["figure"]
    for trace in fig.data:
        assert points(trace)[2012] == pytest.approx(100.0)


def test_share_transform_sums_to_100(cb):
    data = state_for(cb, "renewable_capacity_gw", "green", transform="share")
    assert data["state"]["transform"] == "share"
    fig = cb.render(data)["ts"]["figure"]
    by_year = {}
    for trace in fig.data:
        for x, y in points(trace).items():
            by_year[x] = by_year.get(x, 0) + y
    assert by_year and all(v == pytest.approx(100.0) for v in by_year.values())


def test_compare_years_output_matches_parquet(cb):
    data = state_for(cb, "rd_intensity_wdi", "endowments", a=2012, b=2022)
    fig = cb.render(data)["cmp"]["figure"]
    chn = parquet_values("rd_intensity_wdi", "CHN")
    assert list(fig.data[1].x) == pytest.approx([chn[2012]])
    assert list(fig.data[2].x) == pytest.approx([chn[2022]])


def test_composition_for_breakdown_and_empty_state_without(cb):
    data = state_for(cb, "va_share_gdp_by_industry", "structure")
    comp = cb.render(data)["comp"]["figure"]
    assert [t.name for t in comp.data] == ["Primary industry", "Secondary industry", "Tertiary industry"]
    data = state_for(cb, "rd_intensity_wdi", "endowments")
    out = cb.render(data)
    comp = out["comp"]["figure"]
    assert comp.layout.meta["empty"] and "No sector breakdown" in comp.layout.annotations[0].text
    assert out["comp"]["style"]["height"] == "170px"  # the card shrinks when there is nothing to stack


def test_on_indicator_offers_only_what_the_indicator_has(cb, store):
    out = cb.on_indicator("va_share_gdp_by_industry", ["CHN", "USA"], "structure")
    regions, sector_opts, sectors, sectors_disabled = (out["regions"], out["sector_options"], out["sectors"],
                                                       out["sectors_disabled"])
    assert regions == ["CHN", "USA"]
    assert [o["value"] for o in sector_opts] == ["primary", "secondary", "tertiary", "manufacturing"]
    assert sectors == ["primary", "secondary", "tertiary"] and sectors_disabled is False
    out = cb.on_indicator("nbs_gdp_share_by_industry", ["USA"], "structure")
    assert out["regions"] == ["CHN"]  # USA is not in the NBS series: falls back to China
    meta = indicator_meta(store, "nbs_gdp_share_by_industry")
    assert (out["year_min"], out["year_max"]) == (meta.year_min, meta.year_max)
    assert set(out) == set(CONTROL_OUTPUTS)
    # hostile payloads: nothing changes
    assert cb.on_indicator("<script>", None, "structure") is None
    assert cb.on_indicator("rd_intensity_wdi", None, "structure") is None  # other page
    assert cb.on_indicator(["x"], None, {"a": 1}) is None


def test_click_on_time_series_sets_compare_year(cb):
    assert cb.on_click({"points": [{"x": 2018, "y": 1.0}]}, 2012, 2023) == (no_update, 2018)
    assert cb.on_click({"points": [{"x": 2005}]}, 2012, 2023) == (2005, 2012)
    assert cb.on_click({"points": [{"x": 2012}]}, 2012, 2023) == (no_update, no_update)
    for junk in (None, {}, {"points": []}, {"points": [{"x": "abc"}]}, "x", 5):
        assert cb.on_click(junk, 2012, 2023) == (no_update, no_update)


def test_build_state_normalises_hostile_inputs(cb):
    out = cb.build_state(controls("<img onerror=x>", ["XXX", 5, None], "bad", "1900..3000", {"t": 1}, "x", "y", -5,
                                  10 ** 9, "3d"), "endowments")
    s = out["state"]
    assert s["indicator"] in list(cb.store.indicators("endowments").index)
    assert s["regions"] == ["CHN"]  # a malformed list falls back to the default region
    assert s["transform"] == "level" and s["stack"] == "absolute"
    assert cb.build_state(controls("x", None, None, None, None, None, None, None, None, None), "nope") is None
    fig = cb.render(out)["ts"]["figure"]
    assert [t.name for t in fig.data] == ["China"]
    # unknown regions only: the default region; a cleared selection: an empty state
    out = cb.build_state(controls(s["indicator"], ["XXX"], None, None, "level", 2012, [], 2012, 2020, "absolute"),
                         "endowments")
    assert out["state"]["regions"] == ["CHN"]
    out = cb.build_state(controls(s["indicator"], [], None, None, "level", 2012, [], 2012, 2020, "absolute"),
                         "endowments")
    assert out["state"]["regions"] == []
    fig = cb.render(out)["ts"]["figure"]
    assert fig.layout.meta["empty"] and "at least one region" in fig.layout.annotations[0].text


def test_render_rejects_odd_payloads_with_empty_state(cb):
    for junk in (None, [], "x", {"state": "x"}, {"state": {"dimension": "nope"}}, {"state": {"dimension": 5}}):
        out = cb.render(junk)
        assert set(out) == {"ts", "cmp", "comp"} and out["ts"]["figure"].layout.meta["empty"]


def test_url_query_is_only_the_differences(cb):
    data = state_for(cb, "rd_intensity_wdi", "endowments", events=["on"])
    assert data["query"] == ""  # default indicator of the page with default settings
    data = state_for(cb, "rd_intensity_wdi", "endowments", regions=["CHN", "USA"], transform="index", base=2015,
                     events=["on"])
    assert data["query"] == "?region=CHN~USA&transform=index&base=2015"


def test_csv_holds_exactly_the_drawn_rows(cb):
    data = state_for(cb, "electricity_mix_share", "green", regions=["CHN", "DEU"], years=[2010, 2020])
    fig = cb.render(data)["ts"]["figure"]
    sent = cb.csv(1, data, "ts")
    raw = base64.b64decode(sent["content"]) if sent.get("base64") else sent["content"].encode()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel opens it as UTF-8
    csv = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))
    assert sent["filename"] == "electricity_mix_share-timeseries.csv"
    assert len(csv) == sum(len(points(t)) for t in fig.data)
    assert set(csv.columns) >= {"indicator_id", "region", "region_name", "sector", "year", "value", "unit", "flag"}
    drawn = {(t.name, x): y for t in fig.data for x, y in points(t).items()}
    for row in csv.itertuples():
        key = (f"{row.region_name} – {row.sector_name}", row.year)
        assert drawn[key] == pytest.approx(row.value)
    assert cb.csv(0, data, "ts") is no_update
    assert cb.csv(1, {"state": None}, "ts") is no_update
    assert cb.csv(1, data, "../../etc") is no_update


def test_navbar_toggle_never_echoes_junk():
    from dashboard.callbacks import toggle_navbar

    assert toggle_navbar(1, False) is True and toggle_navbar(2, True) is False
    assert toggle_navbar(None, True) is True
    assert toggle_navbar(0, {"x": 10 ** 30}) is False  # a posted dict is not sent back
    assert toggle_navbar(1, [1, 2]) is True


# ---------------------------------------------------------------- one round trip per user action
def _page_controls(cb, indicator, dimension):
    """The controls of a page showing ``indicator`` with its defaults (what the browser posts)."""
    view = state_for(cb, indicator, dimension, events=["on"])
    s = view["state"]
    return view, controls(s["indicator"], s["regions"], s["sectors"], [s["start"], s["end"]], s["transform"],
                          s["base_year"], [], s["year_a"], s["year_b"], s["stack"], ["on"])


def test_indicator_change_answers_controls_state_and_charts_in_one_response(cb, store):
    view, ctl = _page_controls(cb, "hightech_exports_share", "internationalization")
    ctl.update(indicator="hightech_exports_usd", regions=["CHN", "USA"])
    out = cb.update(ctl, None, "internationalization", view, ids.INDICATOR)
    meta = indicator_meta(store, "hightech_exports_usd")
    c = out["controls"]
    # the regions the page shows stay (and are not resent: the control already holds them)
    assert c["regions"] is no_update and out["view"]["state"]["regions"] == ["CHN", "USA"]
    st = out["view"]["state"]
    assert [st["start"], st["end"]] == [meta.year_min, meta.year_max] and st["year_b"] == meta.default_end
    assert st["indicator"] == "hightech_exports_usd"
    assert out["view"]["query"] == "?region=CHN~USA"  # the page's default indicator is not in the URL
    fig = go.Figure(out["cards"]["ts"]["figure"])
    assert [t.name for t in fig.data if t.name != "Milestones"] == ["China", "United States"]
    assert points(fig.data[0]) == pytest.approx(parquet_values("hightech_exports_usd", "CHN"))
    assert all(out["cards"][k]["figure"] is not no_update for k in ("ts", "cmp", "comp"))
    assert set(out["cards"]["comp"]) == {"figure", "heading", "caption", "table", "sources", "style", "exports_hidden"}


def test_indicator_change_leaves_out_the_controls_the_page_already_shows(cb, store):
    """Only the dependent controls that differ are answered (issue 14: fewer components to
    re-render); what is left out is exactly what the page holds for the previous indicator."""
    view, ctl = _page_controls(cb, "va_share_gdp_by_industry", "structure")
    new = "employment_share_by_industry"
    shown = cb.on_indicator("va_share_gdp_by_industry", [], "structure")
    # the page sends the Log scale options it holds (as JSON)
    out = cb.update({**ctl, "indicator": new}, None, "structure", view, ids.INDICATOR, plain_json(shown["log_options"]))
    full = cb.on_indicator(new, ctl["regions"], "structure")
    before, after = indicator_meta(store, "va_share_gdp_by_industry"), indicator_meta(store, new)
    c = out["controls"]
    for name, value in full.items():
        if name in ("regions", "sectors", "years", "transform", "base_year", "year_a", "year_b", "stack", "log",
                    "overlay"):
            same = value == ctl.get(name)
        else:
            same = shown[name] == value
        assert (c[name] is no_update) == same, name
        if not same:
            assert c[name] == value, name
    # the two indicators' year spans decide whether the year lists are resent
    span_same = (before.year_min, before.year_max) == (after.year_min, after.year_max)
    assert (c["year_a_options"] is no_update) == span_same
    # the state the charts are drawn for is the full one either way
    assert out["view"]["state"]["indicator"] == new and out["view"]["state"]["regions"] == full["regions"]
    # without a previous view state (a stale or odd payload) everything is answered
    out = cb.update({**ctl, "indicator": new}, None, "structure", None, ids.INDICATOR)
    assert all(out["controls"][k] == v for k, v in full.items())


def test_a_control_redraws_only_the_charts_that_read_it(cb):
    view, ctl = _page_controls(cb, "va_share_gdp_by_industry", "structure")
    out = cb.update({**ctl, "stack": "percent"}, None, "structure", view, ids.STACK)
    assert out["cards"]["ts"]["figure"] is no_update and out["cards"]["cmp"]["figure"] is no_update
    comp = go.Figure(out["cards"]["comp"]["figure"])
    assert list(comp.layout.yaxis.range) == [0, 100]
    assert all(v is no_update for k, v in out["controls"].items() if k != "base_year_disabled")
    out = cb.update({**ctl, "transform": "index"}, None, "structure", view, ids.TRANSFORM)
    assert out["controls"]["base_year_disabled"] is False  # the base year picker follows the transform
    assert out["cards"]["comp"]["figure"] is no_update and out["cards"]["ts"]["figure"] is not no_update


def test_click_sets_compare_year_and_redraws_in_the_same_response(cb):
    view, ctl = _page_controls(cb, "rd_intensity_wdi", "endowments")
    out = cb.update(ctl, {"points": [{"x": 2018, "y": 1.0}]}, "endowments", view, ids.graph("ts"))
    assert out["controls"]["year_b"] == 2018 and out["controls"]["year_a"] is no_update
    assert out["view"]["state"]["year_b"] == 2018
    fig = go.Figure(out["cards"]["cmp"]["figure"])
    assert list(fig.data[2].x) == pytest.approx([parquet_values("rd_intensity_wdi", "CHN")[2018]])
    assert out["cards"]["ts"]["figure"] is no_update
    from dash.exceptions import PreventUpdate
    with pytest.raises(PreventUpdate):  # a click on the "from" year changes nothing
        cb.update(ctl, {"points": [{"x": ctl["year_a"]}]}, "endowments", view, ids.graph("ts"))
    with pytest.raises(PreventUpdate):  # not a page of the app
        cb.update(ctl, None, "nope", view, ids.REGIONS)


def test_sources_are_sent_again_only_when_the_indicator_or_language_changes(cb):
    """The Sources panel depends on the indicator and the language: a filter change leaves it as it
    is (fewer components to build, send and render); an indicator change sends the new one."""
    view, ctl = _page_controls(cb, "va_share_gdp_by_industry", "structure")
    out = cb.update({**ctl, "regions": ["CHN", "USA"]}, None, "structure", view, ids.REGIONS)
    assert out["cards"]["ts"]["figure"] is not no_update
    assert all(out["cards"][k]["sources"] is no_update for k in ("ts", "cmp", "comp"))
    out = cb.update({**ctl, "indicator": "manufacturing_va_usd"}, None, "structure", view, ids.INDICATOR)
    assert all(out["cards"][k]["sources"] is not no_update for k in ("ts", "cmp", "comp"))
    assert "manufacturing" in str(out["cards"]["ts"]["sources"].to_plotly_json()).lower()


def test_indicator_metadata_is_computed_at_start_up_for_every_indicator():
    """warm_metadata fills the metadata of every indicator of an in-memory store before any request
    (create_app calls it before gunicorn forks); the metadata equals what a request would compute."""
    from dashboard.model.catalog import _meta, warm_metadata

    fresh = load_store(DEFAULT_DATA_DIR)
    assert fresh.in_memory and "_meta_cache" not in fresh.__dict__
    assert warm_metadata(fresh) == len(fresh.catalog) == len(fresh.__dict__["_meta_cache"])
    assert fresh.__dict__["_meta_cache"]["gdp_usd"] == _meta(fresh, "gdp_usd")


def test_plain_json_sends_the_same_json_in_one_encoder_pass(cb):
    """Components become the dicts Dash sends for them (same JSON), figures and no_update are
    left alone, and plotly's encoder then needs no cleaning pass (issue 14)."""
    import orjson
    from dash._utils import to_json

    from dashboard.callbacks import plain_json

    view, ctl = _page_controls(cb, "va_share_gdp_by_industry", "structure")
    out = cb.update({**ctl, "indicator": "employment_share_by_industry"}, None, "structure", view, ids.INDICATOR)
    cards = {k: {p: v for p, v in parts.items() if v is not no_update} for k, parts in out["cards"].items()}
    plain = plain_json(cards)
    assert json.loads(to_json(plain)) == json.loads(to_json(cards))
    assert plain["ts"]["figure"] is cards["ts"]["figure"]
    assert plain_json(no_update) is no_update
    orjson.dumps(plain, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)  # no TypeError: no cleaning
    with pytest.raises(TypeError):
        orjson.dumps(cards, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)
