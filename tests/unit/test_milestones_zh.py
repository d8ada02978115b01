"""The milestones in Chinese (issue 13): verdict explanations, detail lines, the other definition and
the dated events' texts are written in Chinese on Chinese pages, with Chinese indicator, region and
sector names and values in the Chinese display unit.

Expected values are read here straight from ``datasets/*.parquet`` and from the content files with
``tomllib`` (not through the engine), so the tests follow the data and the content.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from dashboard.components.milestones import milestone_card
from dashboard.data.i18n import use_lang
from dashboard.data.store import load_store
from dashboard.model import milestones as m
from dashboard.model.milestones.cached import _all_events, store_verdicts
from dashboard.views.milestones import card_extras

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "datasets"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_TOML = tomllib.loads((ROOT / "dashboard/content/i18n/indicators.zh.toml").read_text(encoding="utf-8"))
REGIONS_ZH = tomllib.loads((ROOT / "dashboard/content/labels.toml").read_text(encoding="utf-8"))["zh"]["regions"]


def english_words(text: str) -> list[str]:
    """Lower-case English words of 3+ letters (prose) outside codes, as the browser test reads a page."""
    return re.findall(r"(?<![A-Za-z0-9._/-])[a-z]{3,}(?![A-Za-z0-9._/-])", text)


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    dims = ["endowments", "structure", "digital", "green", "internationalization"]
    return pd.concat([pd.read_parquet(DATA / f"{d}.parquet") for d in dims], ignore_index=True)


@pytest.fixture(scope="module")
def zh(store):
    with use_lang("zh"):
        verdicts, problems = store_verdicts(store)
        events = _all_events(store)
    assert problems == []
    return {v.claim_id: v for v in verdicts}, events


def _rules(rule: m.Rule):
    yield rule
    for sub in rule.rules:
        yield from _rules(sub)


def test_every_no_data_rule_and_other_definition_has_its_chinese_text():
    claims = m.load_claims()
    no_data = [(c.id, r) for c in claims for r in _rules(c.rule) if r.kind == "no_data"]
    alternatives = [(c.id, a) for c in claims for a in c.alternatives]
    assert len(no_data) >= 8 and alternatives  # the content really has both
    for cid, r in no_data:
        assert CJK.search(r.params["needed_zh"]), cid
    for cid, a in alternatives:
        assert CJK.search(a.definition_zh), cid


def test_a_wrong_chinese_field_is_rejected_with_its_place():
    doc = tomllib.loads((ROOT / "dashboard/content/milestones.toml").read_text(encoding="utf-8"))
    claim = next(c for c in doc["claim"] if c.get("alternatives"))
    claim["alternatives"][0]["definition_zh"] = 3
    no_data = next(c for c in doc["claim"] if c["rule"]["kind"] == "no_data")
    no_data["rule"]["needed_zh"] = ""
    claims, problems = m.parse_claims(doc)
    assert any(f"claim '{claim['id']}': alternatives[0].definition_zh: must be a string" in p for p in problems)
    assert any(f"claim '{no_data['id']}': rule.needed_zh: must be a non-empty string" in p for p in problems)
    assert {c.id for c in claims} == {c["id"] for c in doc["claim"]} - {claim["id"], no_data["id"]}


def test_chinese_explanations_have_no_english_prose(zh):
    verdicts, events = zh
    assert len(verdicts) == 17 and len(events) >= 5
    texts = [(v.claim_id, t) for v in verdicts.values() for t in (v.explanation, v.alternative, *v.details) if t]
    texts += [(e.id, e.explanation) for e in events]
    for where, text in texts:
        shown = re.sub(r"^\[(holds|does not hold|no data)\] ", "", text)  # the cards' markers, never shown
        assert CJK.search(shown), where
        assert english_words(shown) == [], (where, shown)


def test_english_and_chinese_verdicts_are_cached_apart(store, zh):
    en, _problems = store_verdicts(store)
    assert store_verdicts(store)[0] is en
    assert [v.claim_id for v in en] == list(zh[0])
    assert not any(CJK.search(v.explanation + "".join(v.details) + v.alternative) for v in en)
    assert [v.verdict for v in en] == [v.verdict for v in zh[0].values()]  # the language never changes a verdict


def test_chinese_lines_give_values_in_the_chinese_display_unit(zh, obs):
    """digital_economy_size is in trillion yuan: its detail line gives both years in 亿元 (x10,000,
    the [units] rule of indicators.zh.toml) with the change, from the Parquet file."""
    rule = dict(ZH_TOML["units"]["trillion yuan"])
    # a scaled unit keeps the English figure's digits: the catalog's decimals less the factor's power of ten
    en_decimals = int(pd.read_parquet(DATA / "catalog.parquet").set_index("indicator_id")
                      .loc["digital_economy_size", "decimals"])
    rule.setdefault("decimals", max(0, en_decimals - len(str(int(rule["scale"]))) + 1))
    s = obs[(obs["indicator_id"] == "digital_economy_size") & (obs["region"] == "CHN") & (obs["sector"] == "total")]
    s = s.set_index("year")["value"].sort_index()
    a, b = s.loc[2016] * rule["scale"], s.iloc[-1] * rule["scale"]
    line = zh[0]["digital_economy_growth"].details[0]
    expected = (f"中国2016年：{a:,.{rule['decimals']}f} → {s.index[-1]}年：{b:,.{rule['decimals']}f} 亿元"
                f"（+{b - a:,.{rule['decimals']}f}）")
    assert expected in line


def test_chinese_rank_lines_name_the_peers_in_chinese(zh, obs):
    verdict = zh[0]["innovation_capability"]
    rank_lines = [d for d in verdict.details if "排第" in d]
    assert len(rank_lines) == 2
    pct = obs[(obs["indicator_id"] == "pct_applications") & (obs["sector"] == "total")]
    year = int(pct[pct["region"] == "CHN"]["year"].max())
    have = set(pct[pct["year"] == year]["region"])
    line = rank_lines[1]
    for code in ("USA", "JPN", "KOR", "DEU", "IND", "GBR", "FRA"):
        assert code not in line
        if code in have:
            assert REGIONS_ZH[code] in line  # a peer with data is named with its figure
    missing = [c for c in ("USA", "JPN", "DEU", "KOR", "IND", "GBR", "FRA") if c not in have]
    if missing:
        assert "、".join(REGIONS_ZH[c] for c in missing) + f"无{year}年数据" in line


def test_chinese_card_shows_the_other_definition_in_chinese(store, zh):
    doc = tomllib.loads((ROOT / "dashboard/content/milestones.toml").read_text(encoding="utf-8"))
    definition_zh = next(c for c in doc["claim"] if c["id"] == "hightech_exports_bulk")["alternatives"][0]["definition_zh"]
    v = zh[0]["hightech_exports_bulk"]
    if v.verdict != m.PARTLY:  # the data decide; the definition is only named on a partly supported verdict
        assert v.alternative == ""
        return
    assert v.alternative == definition_zh and v.explanation.startswith(f"仅在另一定义（{definition_zh}）下成立")
    with use_lang("zh"):
        card = milestone_card(v, card_extras(store, v))
    text = _texts(card)
    assert definition_zh in text and "Holds only" not in text
    assert not _has_lang_en(card)  # nothing on the card is marked as English any more


def _texts(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, (list, tuple)):
        return " ".join(_texts(n) for n in node)
    children = getattr(node, "children", None)
    return "" if children is None else _texts(children)


def _has_lang_en(node) -> bool:
    if isinstance(node, (list, tuple)):
        return any(_has_lang_en(n) for n in node)
    if getattr(node, "lang", None) == "en":
        return True
    children = getattr(node, "children", None)
    return children is not None and not isinstance(children, str) and _has_lang_en(children)
