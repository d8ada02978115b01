"""Issue 11 item 1: an official series and its WDI counterpart overlaid on one time series.

Expected values are read from the shipped Parquet files, not from the code under test.
"""

from __future__ import annotations

import io
import math
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from dashboard.callbacks import Callbacks
from dashboard.components import ids
from dashboard.data.i18n import use_lang
from dashboard.data.store import load_store
from dashboard.figures.theme import OVERLAY_DASH, OVERLAY_FLAGGED_SUFFIX, OVERLAY_SYMBOLS
from dashboard.model.catalog import state_from_payload, state_from_raw, view_payload
from dashboard.model.overlay import short_name
from dashboard.render import chart_export, render_card
from dashboard.table_callbacks import table_for

DATA = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


def _parquet(indicator: str, region: str = "CHN", sector: str = "total") -> dict[int, float]:
    dimension = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id").loc[indicator, "dimension"]
    obs = pd.read_parquet(DATA / f"{dimension}.parquet")
    s = obs[(obs.indicator_id == indicator) & (obs.region == region) & (obs.sector == sector)]
    return {int(y): float(v) for y, v in zip(s["year"], s["value"]) if not math.isnan(v)}


def _points(trace: dict) -> dict[int, float]:
    return {int(x): float(y) for x, y in zip(trace["x"], trace["y"]) if x is not None and y is not None
            and not math.isnan(x) and not math.isnan(y)}


def test_catalog_pairs_are_mutual_with_the_same_unit():
    cat = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")
    for a, b in (("rd_intensity_nbs", "rd_intensity_wdi"), ("nbs_gdp_share_by_industry", "va_share_gdp_by_industry")):
        assert cat.loc[a, "counterpart"] == b and cat.loc[b, "counterpart"] == a
        assert cat.loc[a, "unit"] == cat.loc[b, "unit"]


def test_figure_holds_both_series_with_the_parquet_values(store):
    state, notes = state_from_raw(store, "endowments", {"indicator": "rd_intensity_nbs", "overlay": "1"})
    assert notes == [] and state.overlay is True
    card = render_card(store, state, "ts")
    traces = {t["name"]: t for t in card["figure"]["data"] if t.get("type") in ("scatter", "bar")}
    nbs, wdi = traces["China"], traces["China · WDI/UNESCO"]
    assert nbs["type"] == "scatter" and wdi["line"]["dash"] == OVERLAY_DASH
    assert wdi["line"]["color"] == nbs["line"]["color"]
    expected_nbs = _parquet("rd_intensity_nbs")
    # the counterpart within the chart's year range (the indicator's years, 2011-2023 for the NBS series)
    expected_wdi = {y: v for y, v in _parquet("rd_intensity_wdi").items() if state.start <= y <= state.end}
    assert (state.start, state.end) == (min(expected_nbs), max(expected_nbs))
    assert _points(nbs) == pytest.approx(expected_nbs)
    assert _points(wdi) == pytest.approx(expected_wdi)
    assert len(expected_nbs) >= 10 and len(expected_wdi) >= 10
    # the note that explains the difference is in the caption
    cat = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")
    assert cat.loc["rd_intensity_nbs", "counterpart_note"].split()[0:4] == "The NBS figure is".split()
    assert " ".join(cat.loc["rd_intensity_nbs", "counterpart_note"].split()) in str(card["caption"])


def _note(card) -> object:
    """The caption's counterpart-note component (one)."""
    notes = [c for c in card["caption"] if "counterpart-note" in str(getattr(c, "className", ""))]
    assert len(notes) == 1
    return notes[0]


@pytest.mark.parametrize("indicator,dimension", [("rd_intensity_nbs", "endowments"), ("rd_intensity_wdi", "endowments"),
                                                 ("va_share_gdp_by_industry", "structure"),
                                                 ("nbs_gdp_share_by_industry", "structure")])
def test_counterpart_note_is_chinese_on_a_chinese_page(store, indicator, dimension):
    # the note under the overlaid chart: the Chinese text of content/i18n/indicators.zh.toml, not the English one
    zh_file = Path(__file__).resolve().parents[2] / "dashboard" / "content" / "i18n" / "indicators.zh.toml"
    with open(zh_file, "rb") as fh:
        zh = tomllib.load(fh)["indicator"]
    counterpart = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id").loc[indicator, "counterpart"]
    state, _ = state_from_raw(store, dimension, {"indicator": indicator, "overlay": "1", "lang": "zh"})
    with use_lang("zh"):
        note = _note(render_card(store, state, "ts"))
    strong, text = note.children
    assert strong.children == f"带标记的短虚线：{zh[counterpart]['name']}。"
    assert text == zh[indicator]["counterpart_note"]  # plain text, no lang="en" span
    assert not re.search(r"[A-Za-z]{4,}", text.replace("UNESCO", ""))  # no English words (WDI, GDP stay codes)
    state, _ = state_from_raw(store, dimension, {"indicator": indicator, "overlay": "1"})
    english = _note(render_card(store, state, "ts")).children[1]
    cat = pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")
    assert english == cat.loc[indicator, "counterpart_note"]


def test_overlay_off_draws_one_series(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "rd_intensity_nbs"})
    assert state.overlay is False
    card = render_card(store, state, "ts")
    names = [t["name"] for t in card["figure"]["data"]]
    assert not any("·" in str(n) for n in names)
    assert "counterpart-note" not in str(card["caption"])


def test_csv_and_table_tell_the_two_indicators_apart(store):
    state, _ = state_from_raw(store, "structure", {"indicator": "va_share_gdp_by_industry", "overlay": "1",
                                                  "sector": "primary~tertiary"})
    frame = chart_export(store, state, "ts")
    assert frame.columns[0] == "indicator_id"
    assert set(frame["indicator_id"]) == {"va_share_gdp_by_industry", "nbs_gdp_share_by_industry"}
    nbs = frame[frame["indicator_id"] == "nbs_gdp_share_by_industry"]
    got = {int(r.year): float(r.value) for r in nbs[nbs["sector"] == "tertiary"].itertuples()}
    want = {y: v for y, v in _parquet("nbs_gdp_share_by_industry", sector="tertiary").items()
            if state.start <= y <= state.end}
    assert got == pytest.approx(want) and len(want) >= 10
    table = table_for(store, view_payload(store, state), "ts")  # the data table, built when opened
    head = [th.children for th in table.children[0].children.children[1].children.children]
    assert "Tertiary industry · NBS, China" in head and "Primary industry · NBS, China" in head
    csv = pd.read_csv(io.StringIO(frame.to_csv(index=False)))
    assert set(csv["indicator_id"]) == set(frame["indicator_id"])


def test_overlay_round_trips_through_the_url(store):
    state, _ = state_from_raw(store, "endowments", {"indicator": "rd_intensity_nbs", "overlay": "1"})
    payload = view_payload(store, state)
    assert "overlay=1" in payload["query"]
    assert state_from_payload(store, payload) == state
    off, _ = state_from_raw(store, "endowments", {"indicator": "rd_intensity_nbs"})
    assert "overlay" not in view_payload(store, off)["query"]


@pytest.mark.parametrize("raw, why", [
    ({"indicator": "rd_intensity_nbs", "overlay": "maybe"}, "invalid overlay"),
    ({"indicator": "researchers_per_million", "overlay": "1"}, "no counterpart"),
])
def test_invalid_overlay_gives_a_notice_and_stays_off(store, raw, why):
    state, notes = state_from_raw(store, "endowments", raw)
    assert state.overlay is False
    assert any(why in n for n in notes), notes


def test_indicator_change_offers_the_switch_only_with_a_counterpart(store):
    cb = Callbacks(store)
    with_cp = cb.on_indicator("rd_intensity_wdi", ["CHN"], "endowments")
    assert with_cp is not None
    assert with_cp["overlay_options"][0]["disabled"] is False
    assert "R&D intensity (NBS, China)" in with_cp["overlay_options"][0]["label"]
    assert with_cp["overlay_style"] == {} and with_cp["overlay"] == []
    without = cb.on_indicator("researchers_per_million", ["CHN"], "endowments")
    assert without is not None
    assert without["overlay_options"][0]["disabled"] is True and without["overlay_style"] == {"display": "none"}
    # the switch is an input of the one update callback
    out = cb.update({"indicator": "rd_intensity_wdi", "regions": ["CHN"], "sectors": ["total"],
                     "overlay": ["on"]}, None, "endowments", None, ids.OVERLAY)
    assert out["view"]["state"]["overlay"] is True and "overlay=1" in out["view"]["query"]
    names = [t["name"] for t in out["cards"]["ts"]["figure"]["data"]]
    assert "China · NBS, China" in names


def test_short_name_is_the_source_tag():
    assert short_name("R&D intensity (WDI/UNESCO)") == "WDI/UNESCO"
    assert short_name("三次产业增加值占GDP比重（国家统计局）") == "国家统计局"
    assert short_name("GDP") == "GDP"


#: every marker symbol the overlay may draw (one per sector, filled or open with a dot where flagged)
OVERLAY_LOOK = set(OVERLAY_SYMBOLS) | {s + OVERLAY_FLAGGED_SUFFIX for s in OVERLAY_SYMBOLS}


def _look(trace: dict) -> set[tuple]:
    """The (colour, dash, marker symbol) combinations a drawn trace shows (one per marker symbol)."""
    line = trace.get("line") or {}
    marker = trace.get("marker") or {}
    dash = line.get("dash", "solid") if "lines" in str(trace.get("mode", "lines")) else None
    symbols = marker.get("symbol", "circle")
    sizes = marker.get("size", 6)
    symbols = list(symbols) if isinstance(symbols, list) else [symbols]
    sizes = list(sizes) if hasattr(sizes, "__len__") else [sizes] * len(symbols)
    shown = {s for s, z in zip(symbols, sizes) if z and float(z) > 0 and marker.get("opacity", 1) != 0}
    colour = line.get("color") or marker.get("color")
    return {(colour, dash, s) for s in shown} or {(colour, dash, None)}


@pytest.mark.parametrize("raw", [
    # one region, the sectors coloured: the WDI secondary industry is blue, so is the NBS one
    {"indicator": "va_share_gdp_by_industry", "overlay": "1"},
    # regions and sectors both vary: the second sector (secondary industry) was drawn "dash" in China's
    # vermillion, exactly as the NBS overlay of China's secondary industry was
    {"indicator": "va_share_gdp_by_industry", "overlay": "1", "region": "CHN~USA", "sector": "primary~secondary~tertiary"},
    {"indicator": "nbs_gdp_share_by_industry", "overlay": "1", "region": "CHN", "sector": "primary~secondary~tertiary"},
    {"indicator": "rd_intensity_nbs", "overlay": "1"},
])
def test_the_overlay_looks_like_no_other_series(store, raw):
    dimension = "endowments" if raw["indicator"].startswith("rd_") else "structure"
    state, notes = state_from_raw(store, dimension, raw)
    assert notes == [] and state.overlay
    data = render_card(store, state, "ts")["figure"]["data"]
    overlay = [t for t in data if (t.get("meta") or {}).get("counterpart")]
    others = [t for t in data if not (t.get("meta") or {}).get("counterpart") and t.get("showlegend", True) is not False
              and not (t.get("meta") or {}).get("markers_of")]
    assert overlay and others
    for t in overlay:
        assert t["line"]["dash"] == OVERLAY_DASH and "lines" in t["mode"]
        assert set(t["marker"]["symbol"]) <= OVERLAY_LOOK and min(t["marker"]["size"]) > 0
        # its legend entry names the counterpart's source after the series it pairs with
        assert " · " in t["name"]
    taken = set().union(*(_look(t) for t in others))
    for t in overlay:
        assert not (_look(t) & taken), t["name"]
        assert all(dash != OVERLAY_DASH and symbol not in OVERLAY_LOOK for _c, dash, symbol in taken)
    # and the overlay lines differ from each other: one economy's sectors share its colour and the overlay's
    # dash (China's three NBS lines were drawn alike, told apart by the legend text only)
    looks = [frozenset(_look(t)) for t in overlay]
    assert all(not (a & b) for i, a in enumerate(looks) for b in looks[i + 1:]), [t["name"] for t in overlay]
