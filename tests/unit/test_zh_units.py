"""Chinese units count in 万 (10^4) and 亿 (10^8), as Chinese statistical releases do: 338 万, not 3.38 百万.

Expected values are computed here from the Parquet files and the size of each unit (a million is
10^6, 万 is 10^4), not from the unit rule under test.
"""

import re

import pandas as pd
import pytest

from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.data.i18n_content import ZH
from dashboard.layouts import headline_card
from dashboard.model.catalog import state_from_raw
from dashboard.model.chart_data import timeseries_data
from dashboard.model.milestones import evaluate_claims, load_claims
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.views.scorecard import scorecard_rows

WAN, YI = 1e4, 1e8


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def china(dimension: str, indicator: str) -> pd.Series:
    obs = pd.read_parquet(DEFAULT_DATA_DIR / f"{dimension}.parquet")
    s = obs[(obs["indicator_id"] == indicator) & (obs["region"] == "CHN") & (obs["sector"] == "total")]
    return s.set_index("year")["value"].sort_index()


def text(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, (list, tuple)):
        return " ".join(text(x) for x in node)
    children = getattr(node, "children", None)
    return text(children) if children is not None else ""


def test_no_chinese_unit_counts_in_millions_billions_or_thousands():
    units = {en: rule["unit"] for en, rule in ZH["units"].items()}
    assert units["million"] == "万" and units["billion US$"] == "亿美元"
    # a magnitude word at the start of a unit is a Western grouping (每百万人 is a rate and 千克 a kilogram: allowed)
    assert [u for u in units.values() if re.match(r"(百万|十亿|千(?!克))", u)] == []


def test_5g_base_stations_card_reads_338_wan(store):
    s = china("endowments", "five_g_base_stations")  # million
    year, value = int(s.index[-1]), float(s.iloc[-1])
    expected = f"{round(value * 1e6 / WAN):,}"
    with use_lang("zh"):
        card = text(headline_card(store, "five_g_base_stations"))
    assert year == 2023 and expected == "338"
    assert f"{expected}  万" in card and "百万" not in card


def test_robot_installations_in_wan_tai(store):
    s = china("endowments", "robot_installations")  # thousand units
    value = float(s.iloc[-1])
    with use_lang("zh"):
        card = text(headline_card(store, "robot_installations"))
    assert f"{value * 1e3 / WAN:.2f}  万台" in card  # 276.288 thousand -> 27.63 万台


def test_scorecard_and_chart_in_yi_us_dollars(store):
    s = china("internationalization", "odi_flow_mofcom")  # billion US$
    with use_lang("zh"):
        row = next(r for r in scorecard_rows(store, "internationalization", 2012, "latest")
                   if r["indicator_id"] == "odi_flow_mofcom")
        state, _n = state_from_raw(store, "internationalization", {"indicator": "odi_flow_mofcom", "lang": "zh"})
        frame = timeseries_data(store, state)
    assert row["unit"] == "亿美元" and row["decimals"] == 0
    assert row["value_b"] == pytest.approx(float(s[row["year_b"]]) * 1e9 / YI)
    china_rows = frame[frame["region"] == "CHN"]
    assert china_rows["value"].tolist() == pytest.approx((s.loc[china_rows["year"]] * 1e9 / YI).tolist())


def test_milestone_lines_count_5g_in_wan(store):
    s = china("endowments", "five_g_base_stations")
    with use_lang("zh"):
        lines = [d for v in evaluate_claims(store, load_claims()) for d in v.details]
    assert any(f"{round(float(s.iloc[-1]) * 1e6 / WAN):,} 万" in d for d in lines)
    assert not any(re.search(r"(?<!每)百万|十亿", d) for d in lines)


def test_chinese_notes_name_the_unit_their_figures_are_in(store):
    # the robot notes quote China's 2022 installations as stored, 290.144 (thousand units); the chart
    # shows 29.01 万台: the note's last sentence names both units, so a reader can tell the figures apart
    from dashboard.model.catalog import catalog_row
    obs = china("endowments", "robot_installations")
    assert obs[2022] == pytest.approx(290.144)  # thousand units, as stored and as the note quotes it
    with use_lang("zh"):
        notes = str(catalog_row(store, "robot_installations")["notes"])
        assert "290.144" in notes and notes.endswith("说明中的数值以千台计，图表以万台显示。")
        assert "说明中的数值" not in str(catalog_row(store, "rd_intensity_nbs")["notes"])  # % of GDP: no scaling
    assert "Figures in these notes" not in str(catalog_row(store, "robot_installations")["notes"])  # English


@pytest.mark.parametrize("spec, message", [
    ('"thousand units" = { unit = "万台", scale = 0.1 }', "needs 'stored'"),
    ('"thousand units" = { unit = "万台", scale = -1, stored = "千台" }', "scale must be a positive number"),
    ('"units" = { unit = "台", colour = "red" }', "needs unit"),
])
def test_a_broken_unit_rule_is_refused_with_a_clear_message(tmp_path, spec, message):
    from dashboard.data.i18n_content import load_zh
    from dashboard.data.labels import ContentError
    path = tmp_path / "indicators.zh.toml"
    path.write_text(f"[units]\n{spec}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        load_zh(path)


def test_a_scaled_chinese_unit_keeps_the_english_precision(store):
    # IP receipts: 1.04 -> 1.08 billion US$ (2 decimals) read "10 -> 11 亿", change "+0", in Chinese; one
    # decimal fewer than English for x10 keeps the same digits: 10.4 -> 10.8 亿
    from dashboard.model.catalog import catalog_row
    en = catalog_row(store, "ip_receipts_usd")
    with use_lang("zh"):
        zh = catalog_row(store, "ip_receipts_usd")
    assert en["unit"] == "billion current US$" and int(en["decimals"]) == 2
    assert zh["unit"] == "亿现价美元" and int(zh["decimals"]) == 1
    obs = china("endowments", "ip_receipts_usd")
    first = obs.iloc[0]
    shown = f"{first * 10:,.{int(zh['decimals'])}f}"  # 10^9 / 10^8 = 10
    assert shown == f"{first * 1e9 / YI:,.1f}" and "." in shown
    # the scorecard row says the same
    with use_lang("zh"):
        row = next(r for r in scorecard_rows(store, "endowments", 2012, "latest")
                   if r["indicator_id"] == "ip_receipts_usd")
    assert row["decimals"] == 1


def test_the_unit_sentence_is_not_glued_to_a_note_ending_in_a_url(store):
    from dashboard.model.catalog import catalog_row
    with use_lang("zh"):
        notes = str(catalog_row(store, "robot_installations")["notes"])
    assert " 说明中的数值以千台计" in notes  # the notes end with a URL: a space before the sentence
