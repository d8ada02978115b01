"""The data table under each chart (issue 15): a real HTML table of exactly the rows the chart draws,
built only on request (dashboard/table_callbacks.py), checked against the shipped Parquet files."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import html

from dashboard.components.data_table import TABLE_ROW_LIMIT, data_table
from dashboard.data import load_store
from dashboard.model.catalog import catalog_row, state_from_raw, view_payload
from dashboard.model.chart_data import export_frame
from dashboard.model.province_data import normalize_province, province_payload
from dashboard.render import SPECS
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.table_callbacks import table_for


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def parquet(file: str, indicator: str, region: str, sector: str = "total") -> dict[int, float]:
    df = pd.read_parquet(DEFAULT_DATA_DIR / f"{file}.parquet")
    df = df[(df.indicator_id == indicator) & (df.region == region) & (df.sector == sector)]
    return dict(zip(df.year.astype(int), df.value))


def walk(component):
    """Every component in a tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def find(component, kind) -> list:
    return [c for c in walk(component) if isinstance(c, kind)]


def text(component) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, list):
        return "".join(text(c) for c in children)
    return str(children) if not hasattr(children, "to_plotly_json") else text(children)


def payload(store, dimension: str, **raw):
    state, _notes = state_from_raw(store, dimension, raw)
    return view_payload(store, state)


def test_time_series_table_is_a_captioned_table_of_the_parquet_values(store):
    data = payload(store, "green", indicator="renewables_share_elec", region=["CHN", "USA"])
    out = table_for(store, data, "ts")
    (table,) = find(out, html.Table)
    assert text(find(table, html.Caption)[0]) == ("Time series: Renewables share of electricity "
                                                  "(% of electricity generation)")
    head = find(find(table, html.Thead)[0], html.Th)
    assert [th.scope for th in head] == ["col"] * 3
    assert [text(th) for th in head] == ["Year", "China", "United States"]
    rows = find(find(table, html.Tbody)[0], html.Tr)
    chn, usa = parquet("green", "renewables_share_elec", "CHN"), parquet("green", "renewables_share_elec", "USA")
    years = sorted(set(chn) | set(usa), reverse=True)
    assert len(rows) == min(TABLE_ROW_LIMIT, len(years))
    decimals = int(catalog_row(store, "renewables_share_elec")["decimals"])
    for tr, year in zip(rows, years):
        th, *tds = tr.children
        assert isinstance(th, html.Th) and th.scope == "row" and text(th) == str(year)
        for td, series in zip(tds, (chn, usa)):
            cell = text(td).split(" ")[0]
            if year in series:
                assert float(cell.replace(",", "")) == pytest.approx(series[year], abs=0.5 * 10 ** -decimals)
            else:
                assert cell == "–"


def test_a_long_table_is_capped_with_a_note_and_a_csv_button(store):
    data = payload(store, "green", indicator="co2_per_capita", region=["CHN"])
    years = len(parquet("green", "co2_per_capita", "CHN"))
    assert years > TABLE_ROW_LIMIT  # the shipped series is longer than the cap
    out = table_for(store, data, "ts")
    assert len(find(find(out, html.Tbody)[0], html.Tr)) == TABLE_ROW_LIMIT
    note = [p for p in find(out, html.P) if "table-capped-note" in (p.className or "")]
    assert len(note) == 1
    assert text(note[0]).startswith(f"Showing the latest {TABLE_ROW_LIMIT} of {years} years.")
    (button,) = find(note[0], html.Button)
    assert button.id == {"type": "table-csv", "chart": "ts"}


def test_compare_table_has_one_row_per_series_with_both_years(store):
    data = payload(store, "endowments", indicator="rd_intensity_wdi", region=["CHN", "USA"], compare="2012..2022")
    out = table_for(store, data, "cmp")
    head = [text(th) for th in find(find(out, html.Thead)[0], html.Th)]
    assert head == ["Series", "2012", "2022", "Change", "Change (%)", "CAGR (%/yr)"]
    rows = {text(tr.children[0]): [text(td) for td in tr.children[1:]] for tr in find(out, html.Tr)[1:]}
    chn = parquet("endowments", "rd_intensity_wdi", "CHN")
    assert float(rows["China"][0]) == pytest.approx(chn[2012], abs=0.005)
    assert float(rows["China"][1]) == pytest.approx(chn[2022], abs=0.005)


def test_province_ranking_table_lists_every_province_in_rank_order(store):
    state, _notes = normalize_province(store, {})
    out = table_for(store, province_payload(store, state), "prank")
    df = pd.read_parquet(DEFAULT_DATA_DIR / "endowments.parquet")
    df = df[(df.indicator_id == state.indicator) & (df.year == state.year) & df.region.str.startswith("CN-")]
    rows = find(find(out, html.Tbody)[0], html.Tr)
    assert len(rows) == len(df) == 31
    values = [float(text(tr.children[3]).split(" ")[0].replace(",", "")) for tr in rows]
    assert values == sorted(values, reverse=True)
    codes = [text(tr.children[2]) for tr in rows]
    top = df.sort_values("value", ascending=False).region.iloc[0]
    assert codes[0] == top and sorted(codes) == sorted(df.region)
    assert all(isinstance(tr.children[0], html.Th) and tr.children[0].scope == "row" for tr in rows)


@pytest.mark.parametrize("data,key", [(None, "ts"), ({"state": "x"}, "cmp"), ({"state": {}}, "pmap"),
                                      ({"state": {"dimension": "green"}}, "nope")])
def test_bad_payloads_give_no_table_and_no_error(store, data, key):
    out = table_for(store, data, key)
    assert isinstance(out, html.P) and text(out) == "No data to show."


def test_the_note_sent_with_every_render_holds_no_table(store):
    """The part of the card sent with each render is one paragraph, whatever the frame's length."""
    state, _notes = state_from_raw(store, "green", {"indicator": "renewables_share_elec",
                                                    "region": ["CHN", "USA", "DEU", "JPN"]})
    frame = export_frame(SPECS["ts"].chart_frame(store, state), {"indicator_id": state.indicator,
                         "unit": "% of electricity generation"}, state, "timeseries")
    note = data_table(frame, 1)
    assert isinstance(note, html.P) and not find(note, html.Table)
    assert text(note).startswith("Values in % of electricity generation.")


@pytest.mark.parametrize("dimension, raw", [
    ("structure", {"indicator": "employment_share_by_industry", "region": "CHN~USA"}),
    ("structure", {"indicator": "employment_share_by_industry", "region": "CHN", "transform": "share"}),
    ("internationalization", {"indicator": "fdi_inflows_usd", "region": "GBR~CHN", "transform": "yoy"}),
    ("internationalization", {"indicator": "fdi_inflows_usd", "region": "EUU", "transform": "index",
                              "base": "2023"}),
    ("endowments", {"indicator": "rd_expenditure_yuan", "region": "CHN", "lang": "zh"}),
    ("structure", {"indicator": "employment_share_by_industry", "region": ""}),
])
def test_render_note_is_the_note_of_the_export_frame(store, dimension, raw):
    """The renderers write the note under each table from parts they have (no export frame per
    render); it must read exactly as the note of the export frame the table and the CSV use."""
    from dashboard.data.i18n import use_lang
    from dashboard.render import _table_note, render_card

    state, _ = state_from_raw(store, dimension, raw, empty_lists_ok=True)
    assert state.indicator == raw["indicator"]
    for key, spec in SPECS.items():
        with use_lang(state.lang):
            frame = spec.chart_frame(store, state)
            meta = catalog_row(store, state.indicator)
            expected = data_table(export_frame(frame, meta, state, spec.stem))
            assert _table_note(frame, meta, state, spec.stem).to_plotly_json() == expected.to_plotly_json()
        assert render_card(store, state, key)["table"].to_plotly_json()["props"]["children"] == \
            expected.to_plotly_json()["props"]["children"]
    if raw.get("transform") == "yoy":  # GBR 2018 -> 2019 changes from a negative base: named in the note
        note = _table_note(SPECS["ts"].chart_frame(store, state), catalog_row(store, state.indicator), state,
                           "timeseries").children
        assert "United Kingdom 2019" in note and "n/a" in note
