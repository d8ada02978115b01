"""The charts' list fast path (issue 14) gives exactly the frames of the pandas path.

``timeseries_data``, ``compare_data`` and ``composition_data`` read a level selection as plain
lists (:meth:`DataStore.series_lists`) instead of chaining pandas operations; when the store
cannot give lists they run the pandas path. Both must give identical frames (values, dtypes,
order, index) on the shipped data, in both languages (the Chinese display unit rescales values).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.data import load_store
from dashboard.data.i18n import use_lang
from dashboard.model import chart_data
from dashboard.model.catalog import indicator_meta
from dashboard.model.state import default_state
from dashboard.model.transforms import compare_rows, compare_years, index_to_base, transform_lists, yoy_pct
from dashboard.settings import DEFAULT_DATA_DIR

INDICATORS = ["va_share_gdp_by_industry", "employment_share_by_industry", "rd_intensity_wdi", "rd_intensity_nbs",
              "electricity_mix_share", "renewable_capacity_gw", "rd_expenditure_yuan", "hightech_exports_usd"]


@pytest.fixture(scope="module")
def store():
    return load_store(DEFAULT_DATA_DIR)


def _states(store):
    for ind in INDICATORS:
        meta = indicator_meta(store, ind)
        st = default_state(meta)
        mid = (meta.year_min + meta.year_max) // 2
        many = tuple(meta.regions[:6])
        for kw in [{}, {"regions": many}, {"regions": tuple(reversed(meta.regions[:10])),
                                           "sectors": tuple(reversed(meta.sectors))},
                   {"regions": tuple(r for r in many if r != "CHN") or many, "start": mid, "year_a": mid},
                   {"start": meta.year_max, "end": meta.year_max}, {"year_a": st.year_b},
                   {"regions": many, "transform": "yoy"}, {"regions": many, "transform": "index"},
                   {"regions": tuple(meta.regions[:10]), "transform": "index", "base_year": mid, "start": mid}]:
            yield replace(st, **kw)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_list_path_gives_the_pandas_paths_frames(store, monkeypatch, lang):
    states = list(_states(store))
    assert len(states) >= 30
    fns = (chart_data.timeseries_data, chart_data.compare_data, chart_data.composition_data)
    with use_lang(lang):
        fast = [[f(store, s) for f in fns] for s in states]
        monkeypatch.setattr(store, "series_lists", lambda *a, **k: None)  # the pandas path
        slow = [[f(store, s) for f in fns] for s in states]
    nonempty = 0
    for s, a, b in zip(states, fast, slow):
        for x, y in zip(a, b):
            pd.testing.assert_frame_equal(x, y, check_exact=True, obj=str(s))
            nonempty += not x.empty
    assert nonempty > len(states)  # most of them draw something


def test_series_lists_are_the_query_rows(store):
    cols = store.series_lists("va_share_gdp_by_industry", ["USA", "CHN"], ["tertiary", "primary"])
    frame = store.query("va_share_gdp_by_industry", ["USA", "CHN"], ["tertiary", "primary"])
    assert cols == {c: frame[c].tolist() for c in frame.columns}
    assert cols["region"][0] == "CHN" and isinstance(cols["year"][0], int)  # store order, plain ints
    assert store.series_lists("no_such_indicator", ["CHN"], ["total"]) is None


def test_compare_rows_is_compare_years_of_the_same_rows(store):
    frame = store.query("rd_intensity_wdi", ["CHN", "USA", "JPN"], ["total"])
    got = compare_rows(frame["region"].tolist(), frame["sector"].tolist(), frame["year"].tolist(),
                       frame["value"].tolist(), 2020, 2012)
    pd.testing.assert_frame_equal(got, compare_years(frame, 2012, 2020), check_exact=True)
    assert got["year_a"].tolist()[0] == 2012 and len(got) == 3
    china = frame[frame["region"] == "CHN"].set_index("year")["value"]
    assert got.loc[0, "value_b"] == china[2020] and got.loc[0, "value_a"] == china[2012]


def test_transform_lists_are_the_frame_transforms():
    """Zero and negative bases (n/a rows with a note), gaps and two series, through both forms."""
    frame = pd.DataFrame({"region": ["CHN"] * 5 + ["USA"] * 4, "sector": ["total"] * 9,
                          "year": [2010, 2011, 2012, 2014, 2015, 2010, 2011, 2012, 2013],
                          "value": [-2.0, 0.0, 3.0, 4.0, 5.0, 1.0, 2.0, 2.5, 5.0], "flag": ["observed"] * 9})
    cols = {c: frame[c].tolist() for c in frame.columns}
    for transform, want in (("yoy", yoy_pct(frame)), ("index", index_to_base(frame, 2011))):
        got = pd.DataFrame(transform_lists(cols, transform, 2011))[list(want.columns)]
        pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False)
    yoy = transform_lists(cols, "yoy", 2011)
    assert yoy["year"] == [2011, 2012, 2015, 2011, 2012, 2013]  # 2014 follows a gap: no row
    assert yoy["value"][3:] == [100.0, 25.0, 100.0] and yoy["note"][0].startswith("n/a: base ≤ 0 (2010 value")
    index = transform_lists(cols, "index", 2011)
    assert index["note"][0].startswith("n/a: base ≤ 0 (2011 value is zero)") and index["value"][5:7] == [50.0, 100.0]
    with pytest.raises(ValueError):
        transform_lists(cols, "share", 2011)
