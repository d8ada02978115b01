"""Chinese indicator names sort by pinyin (dictionary order, as Excel and Chinese lists sort), not by code point.

The expected order is computed here from pypinyin's per-character readings of the real scorecard rows'
names, independently of the app's sort keys file (content/i18n/pinyin.toml) and of its sort function.
"""

import re

import pytest
from pypinyin import Style, pinyin

from dashboard.data import load_store
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import use_lang
from dashboard.data.i18n_content import PINYIN_FILE
from dashboard.i18n_tool import pinyin_file_text
from dashboard.settings import DEFAULT_DATA_DIR
from dashboard.views.scorecard import scorecard_rows, sort_rows

BY_NAME = {"column": "name", "descending": False}


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def dictionary_key(name: str) -> list[tuple[str, int]]:
    """(letters, tone) per character, punctuation left out; Latin runs and digits as they are (tone 0)."""
    out = []
    for (reading,) in pinyin(name, style=Style.TONE3, neutral_tone_with_five=True):
        m = re.fullmatch(r"([a-z]+)([1-5])", reading)
        if m:
            out.append((m.group(1), int(m.group(2))))
        elif re.sub(r"[^0-9a-z]", "", reading.lower()):
            out.append((re.sub(r"[^0-9a-z]", "", reading.lower()), 0))
    return out


def zh_rows(store, dimension: str) -> list[dict]:
    with use_lang("zh"):
        return sort_rows(scorecard_rows(store, dimension, 2012, "latest"), BY_NAME)


@pytest.mark.parametrize("dimension", [d.id for d in DIMENSIONS])
def test_zh_scorecard_names_sort_by_pinyin(store, dimension):
    names = [r["name"] for r in zh_rows(store, dimension)]
    assert len(names) >= 5
    assert names == sorted(names, key=dictionary_key)
    with use_lang("zh"):
        desc = sort_rows(scorecard_rows(store, dimension, 2012, "latest"), {"column": "name", "descending": True})
    assert [r["name"] for r in desc] == names[::-1]


def test_ren_before_zhong_where_code_points_put_zhong_first(store):
    names = [r["name"] for r in zh_rows(store, "structure")]
    ren, zhong = names.index("人均GDP（购买力平价）"), names.index("中高技术产业占制造业增加值比重")
    assert ren < zhong  # rén before zhōng
    assert "中" < "人"  # code point order (U+4E2D < U+4EBA) would have put it the other way


def test_english_names_still_sort_alphabetically(store):
    with use_lang("en"):
        names = [r["name"] for r in sort_rows(scorecard_rows(store, "structure", 2012, "latest"), BY_NAME)]
    assert names == sorted(names, key=str.lower)


def test_pinyin_file_is_current_for_every_chinese_name():
    # a name added or changed in indicators.zh.toml needs `python -m dashboard i18n pinyin`
    assert PINYIN_FILE.read_text(encoding="utf-8") == pinyin_file_text()
