"""The provincial view: its state and URL, the rows its charts show (tied to the raw CSV cells), its
figures and its update callback."""

from __future__ import annotations

import csv
import math
import re
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.data.official.paths import find_raw_dir
from dashboard.figures.choropleth import NO_DATA_FILL, OUTLINE_FILL, choropleth_figure
from dashboard.figures.common import fmt_number
from dashboard.figures.ranked import province_compare_figure, province_series_figure, ranked_figure
from dashboard.model import province_data as pdm
from dashboard.model.catalog import catalog_row
from dashboard.province_callbacks import ProvinceCallbacks
from dashboard.province_render import province_export

ROOT = Path(__file__).resolve().parents[2]
NBS = find_raw_dir() / "raw" / "nbs_rd"
INTENSITY = "rd_intensity_by_province.csv"


@cache
def _rows(file: str) -> tuple[dict, ...]:
    with open(NBS / file, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def raw(names: tuple[str, ...], year: int, item: str) -> float:
    hits = [float(r["value"]) for r in _rows(INTENSITY)
            if "".join(r["province"].split()) in names and int(r["year"]) == year and r["chn_block4"] == item]
    assert len(hits) == 1, (names, year, item, hits)
    return hits[0]


NM = ("内蒙古", "内蒙占")


@pytest.fixture(scope="module")
def store():
    return load_store(ROOT / "datasets")


def state(store, **raw_values):
    s, msgs = pdm.normalize_province(store, raw_values)
    assert s is not None
    return s, msgs


# ---------------------------------------------------------------- rows tied to the raw CSV
@pytest.mark.parametrize("year", [2011, 2016, 2023])
def test_year_data_is_the_raw_intensity_of_every_province(store, year):
    s, _ = state(store, indicator="rd_intensity_province", year=str(year))
    rows = pdm.year_data(store, s)
    assert len(rows) == 31 and set(rows["region"]) == set(pdm.province_names()) - {"CHN"}
    got = dict(zip(rows["region"], rows["value"]))
    assert got["CN-NM"] == pytest.approx(raw(NM, year, "RD强度"))
    assert got["CN-GD"] == pytest.approx(raw(("广东",), year, "RD强度"))
    assert list(rows["value"]) == sorted(rows["value"], reverse=True)  # ranked, highest first
    assert pdm.national_value(store, s) == pytest.approx(raw(("全国",), year, "RD强度"))


def test_compare_data_gives_cagr_of_gerd_from_the_raw_cells(store):
    s, _ = state(store, indicator="gerd_province", compare="2012..2023")
    cmp = pdm.compare_data(store, s).set_index("region")
    a, b = raw(("广东",), 2012, "RD经费") / 10, raw(("广东",), 2023, "RD经费") / 10
    assert cmp.at["CN-GD", "value_a"] == pytest.approx(a)
    assert cmp.at["CN-GD", "metric"] == pytest.approx(((b / a) ** (1 / 11) - 1) * 100)
    assert cmp.at["CN-GD", "metric_name"] == "CAGR (%/yr)"
    assert len(cmp) == 32  # 31 provinces and CHN
    s2, _ = state(store, indicator="rd_intensity_province", compare="2012..2023")
    c2 = pdm.compare_data(store, s2).set_index("region")
    assert c2.at["CN-NM", "metric"] == pytest.approx(raw(NM, 2023, "RD强度") - raw(NM, 2012, "RD强度"))


def test_series_data_has_china_then_the_chosen_provinces(store):
    s, _ = state(store, indicator="gerd_province", province="CN-NM~CN-BJ")
    rows = pdm.series_data(store, s)
    assert list(dict.fromkeys(rows["region"])) == ["CHN", "CN-NM", "CN-BJ"]
    nm = rows[(rows["region"] == "CN-NM") & (rows["year"] == 2015)]["value"].iloc[0]
    assert nm == pytest.approx(raw(NM, 2015, "RD经费") / 10)


def test_csv_export_is_the_rows_the_map_draws(store):
    s, _ = state(store, indicator="rd_intensity_province", year="2020")
    out = province_export(store, s, "pmap")
    assert len(out) == 31 and set(out["indicator_id"]) == {"rd_intensity_province"}
    assert out.set_index("region").at["CN-NM", "value"] == pytest.approx(raw(NM, 2020, "RD强度"))


# ---------------------------------------------------------------- state and URL
def test_defaults_and_url_round_trip(store):
    s, msgs = state(store)
    assert msgs == [] and s.indicator == "rd_intensity_province" and s.year == 2023
    assert pdm.province_query(store, s) == ""
    top = pdm.year_data(store, s)["region"].head(3).tolist()
    assert list(s.provinces) == top
    s2, _ = state(store, indicator="gerd_province", year="2015", province="CN-GD~CN-JS", compare="2013..2020")
    q = pdm.province_query(store, s2)
    assert q == "?indicator=gerd_province&year=2015&province=CN-GD~CN-JS&compare=2013..2020"
    parsed = dict(p.split("=") for p in q[1:].split("&"))
    assert state(store, **parsed)[0] == s2


def test_invalid_params_fall_back_with_notices(store):
    s, msgs = state(store, indicator="nope", year="1900", province="CN-XX~CN-TW~CN-BJ", compare="2012..2012",
                    sector="solar")
    d, _ = state(store)
    assert (s.indicator, s.year, s.provinces, (s.year_a, s.year_b)) == (d.indicator, d.year, ("CN-BJ",),
                                                                        (d.year_a, d.year_b))
    assert len(msgs) == 5
    s2, msgs2 = state(store, indicator="rd_activity_share_province", sector="applied_research")
    assert s2.sector == "applied_research" and msgs2 == []
    assert state(store, province="")[0].provinces == ()


def test_clicks_name_a_province_or_nothing():
    codes = pdm.map_province_codes()
    assert len(codes) == 31 and codes[4] == "CN-NM"  # GB/T 2260 order: Beijing, Tianjin, Hebei, Shanxi, ...
    assert pdm.clicked_province({"points": [{"curveNumber": 4, "pointNumber": None}]}, codes) == "CN-NM"
    assert pdm.clicked_province({"points": [{"curveNumber": 31}]}, codes) is None  # Taiwan's outline
    assert pdm.clicked_province({"points": [{"curveNumber": 4}]}) is None  # not a map click
    assert pdm.clicked_province({"points": [{"customdata": "CN-GD", "x": 1}]}) == "CN-GD"
    for bad in (None, {}, {"points": []}, {"points": [{"customdata": "CN-TW"}]}, {"points": ["x"]},
                {"points": [{"customdata": "CHN"}]}, {"points": [{"curveNumber": True}]}):
        assert pdm.clicked_province(bad, codes) is None
    assert pdm.toggle_province(("CN-BJ",), "CN-GD") == ("CN-BJ", "CN-GD")
    assert pdm.toggle_province(("CN-BJ", "CN-GD"), "CN-BJ") == ("CN-GD",)


# ---------------------------------------------------------------- figures
def test_map_colours_31_provinces_and_greys_the_outlines(store):
    s, _ = state(store, indicator="rd_intensity_province", year="2023")
    rows = pdm.year_data(store, s)
    meta = catalog_row(store, s.indicator)
    fig = choropleth_figure(pdm.map_shapes(), rows, meta, 2023, ("CN-BJ",), pdm.value_range(store, s.indicator, "total"))
    go.Figure(fig)  # valid plotly
    prov = [t for t in fig["data"] if t.get("fill") == "toself" and t.get("fillcolor") != OUTLINE_FILL]
    assert len(prov) == 31 and all(t["fillcolor"] != NO_DATA_FILL for t in prov)
    nm = next(t for t in prov if t["meta"] == "CN-NM")
    assert fmt_number(raw(NM, 2023, "RD强度"), 2) in nm["text"] and "(CN-NM)" in nm["text"]
    outlines = [t["meta"] for t in fig["data"] if t.get("fillcolor") == OUTLINE_FILL]
    assert sorted(outlines) == ["CN-HK", "CN-MO", "CN-TW"]
    assert sum(1 for t in fig["data"] if str(t.get("name", "")).startswith("chosen:")) == 1
    assert any(t.get("marker", {}).get("showscale") for t in fig["data"])  # the colour-scale legend
    assert fig["layout"]["meta"]["export"]["title"] == "R&D intensity by province, 2023"
    with use_lang("zh"):  # the title in Chinese punctuation (the name from indicators.zh.toml)
        zh = choropleth_figure(pdm.map_shapes(), rows, catalog_row(store, s.indicator), 2023, (), (0.0, 7.0))
    assert zh["layout"]["meta"]["export"]["title"] == "分省R&D经费投入强度，2023年"
    # a province without a value is grey, not coloured
    fig2 = choropleth_figure(pdm.map_shapes(), rows[rows["region"] != "CN-NM"], meta, 2023, (), (0.0, 7.0))
    assert next(t for t in fig2["data"] if t.get("meta") == "CN-NM")["fillcolor"] == NO_DATA_FILL


def test_ranked_series_and_compare_figures(store):
    s, _ = state(store, indicator="gerd_province", province="CN-GD")
    meta = catalog_row(store, s.indicator)
    rows = pdm.year_data(store, s)
    fig = ranked_figure(rows, meta, s.year, s.provinces, (0.0, 1.0), pdm.national_value(store, s))
    go.Figure(fig)
    bars = fig["data"][0]
    assert bars["customdata"][-1] == rows["region"].iloc[0]  # highest value drawn on top
    assert fig["layout"]["shapes"] == []  # a national total is far beyond the provinces: no line
    ts = province_series_figure(pdm.series_data(store, s), meta, s.provinces, s.year)
    go.Figure(ts)
    assert [t["name"] for t in ts["data"]] == ["Guangdong", "China (national, right axis)"]
    assert ts["data"][1]["yaxis"] == "y2"
    s2, _ = state(store, indicator="rd_intensity_province", province="CN-GD")
    ts2 = province_series_figure(pdm.series_data(store, s2), catalog_row(store, s2.indicator), s2.provinces)
    assert ts2["data"][1].get("yaxis") == "y"
    cmp = province_compare_figure(pdm.compare_data(store, s), meta, s.provinces)
    go.Figure(cmp)
    assert len(cmp["data"][0]["y"]) == 32 and "China" in cmp["data"][0]["y"]
    assert all(math.isfinite(x) for x in cmp["data"][0]["x"])


# ---------------------------------------------------------------- the update callback
def test_update_click_play_and_indicator(store):
    cb = ProvinceCallbacks(store)
    s, _ = state(store)
    prev = pdm.province_payload(store, s)
    controls = {"indicator": s.indicator, "sector": s.sector, "year": s.year, "provinces": list(s.provinces),
                "year_a": s.year_a, "year_b": s.year_b}
    out = cb.update(controls, {"pmap": {"points": [{"curveNumber": 4}]}}, prev, True,
                    "pmap-graph")
    assert out["controls"]["provinces"] == list(s.provinces) + ["CN-NM"]
    assert "CN-NM" in out["view"]["query"]
    ts = out["cards"]["pts"]["figure"]
    assert "Inner Mongolia" in [t["name"] for t in ts["data"]]
    # a second click on the same province removes it
    out2 = cb.update({**controls, "provinces": out["controls"]["provinces"]},
                     {"prank": {"points": [{"customdata": "CN-NM"}]}}, out["view"], True, "prank-graph")
    assert out2["controls"]["provinces"] == list(s.provinces)
    # play at the last year starts from the first; the timer stops after the last year
    out3 = cb.update(controls, {}, prev, True, "prov-play")
    assert out3["controls"]["year"] == pdm.province_meta(store, s.indicator).years[0]
    assert out3["controls"]["timer_disabled"] is False
    last = pdm.province_meta(store, s.indicator).years[-1]
    out4 = cb.update({**controls, "year": last - 1}, {}, prev, False, "prov-interval")
    assert out4["controls"]["year"] == last and out4["controls"]["timer_disabled"] is True
    # a new indicator brings its sectors and keeps the chosen provinces
    out5 = cb.update({**controls, "indicator": "rd_activity_share_province"}, {}, prev, True, "prov-indicator")
    assert out5["controls"]["sector"] == "basic_research"
    assert out5["view"]["state"]["provinces"] == list(s.provinces)
    assert cb.csv(1, out5["view"], "pmap")["filename"] == "rd_activity_share_province-basic_research-map-2023.csv"


def test_provincial_texts_name_the_national_figure_in_words_not_by_code(store):
    # the caption under the provincial charts is the indicator's definition; "CHN为全国比值" put an ISO code
    # into running Chinese text: the national row is named as the page labels it, 中国（全国） / China (national)
    provincial = [i for i, g in store.catalog["geography"].items() if g == "province"]
    assert len(provincial) >= 7
    for lang in ("en", "zh"):
        with use_lang(lang):
            for ind in provincial:
                row = catalog_row(store, ind)
                for key in ("definition", "notes"):
                    assert not re.search(r"(?<![A-Z])CHN(?![A-Z])", str(row[key])), (lang, ind, key, row[key])
    with use_lang("zh"):
        assert catalog_row(store, "rd_intensity_province")["definition"] == \
            "各省R&D经费与本省地区生产总值之比；“中国（全国）”为全国比值。"
    assert catalog_row(store, "rd_intensity_province")["definition"] == \
        "GERD of each province divided by that province's GDP; China (national) is the national ratio."


def test_the_year_slider_steps_a_year_when_the_years_have_no_gap():
    from dashboard.components.province_controls import year_slider_step

    assert year_slider_step([2011, 2012, 2013]) == 1
    assert year_slider_step([2011]) == 1
    # a gap: the thumb snaps to the years with data (the marks)
    assert year_slider_step([2011, 2013, 2014]) is None
    assert year_slider_step([]) is None

