"""Peer economies are named in the page's language in milestone notes and scorecard ranks, never as
ISO 3166 codes ("United States, Japan" / "美国、日本", not "USA, JPN").

Expected names are read here from ``content/labels.toml``; the peer values from the Parquet files.
"""

import re
import tomllib

import pandas as pd
import pytest

from dashboard.components.scorecard_table import scorecard_table
from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.model.milestones import PEERS, evaluate_claims, load_claims
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.views.scorecard import scorecard_rows

LABELS = tomllib.loads((DEFAULT_DATA_DIR.parent / "dashboard" / "content" / "labels.toml").read_text("utf-8"))
CODE = re.compile(r"\b(?:" + "|".join(PEERS) + r")\b")


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def details(store, lang: str) -> list[str]:
    with use_lang(lang):
        return [d for v in evaluate_claims(store, load_claims()) for d in v.details]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rank_lines_name_each_peer_with_its_value(store, lang):
    names = LABELS[lang]["regions"]
    obs = pd.read_parquet(DEFAULT_DATA_DIR / "endowments.parquet")
    pct = obs[(obs["indicator_id"] == "pct_applications") & (obs["year"] == 2023) & obs["region"].isin(PEERS)]
    line = next(d for d in details(store, lang) if "69,610" in d)  # China's PCT applications, 2023
    for code, value in zip(pct["region"], pct["value"]):
        assert f"{names[code]} {value:,.0f}" in line, (code, line)
    assert CODE.findall(line) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_milestone_note_shows_an_iso_code(store, lang):
    names = LABELS[lang]["regions"]
    lines = details(store, lang)
    assert [d for d in lines if CODE.search(d)] == []
    # the 5G comparison names every peer it lacks data for, in the page's language
    sep = "、" if lang == "zh" else ", "
    assert any(sep.join(names[c] for c in PEERS) in d for d in lines)


def _titles(node) -> list[str]:
    if node is None or isinstance(node, (str, int, float)):
        return []
    title = getattr(node, "title", None)
    out = [title] if isinstance(title, str) else []
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children] if children is not None else []:
        out += _titles(child)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scorecard_rank_names_the_ranked_economies(store, lang):
    names = LABELS[lang]["regions"]
    with use_lang(lang):
        rows = scorecard_rows(store, "endowments", 2012, "latest")
        row = next(r for r in rows if r["indicator_id"] == "rd_intensity_wdi")
        titles = [t for t in _titles(scorecard_table([row], None, 2012, "latest")) if ":" in t or "：" in t]
    sep = "、" if lang == "zh" else ", "
    expected = sep.join(names[c] for c in ["CHN", *row["ranked_peers"].split(",")])
    assert any(t.endswith(expected) for t in titles), titles
    assert not any(CODE.search(t) for t in titles)
