"""View state <-> URL query round trip and normalisation of untrusted input."""

import pytest

from dashboard.model.state import (
    MAX_REGIONS,
    IndicatorMeta,
    ViewState,
    default_state,
    normalize,
    query_string,
    state_from_dict,
    to_query,
)

META = {
    "a": IndicatorMeta("a", "green", ("CHN", "USA", "JPN", "WLD"), ("total",), (), False, 1990, 2023, 2023),
    "mix": IndicatorMeta("mix", "green", ("CHN", "USA"), ("coal", "wind", "solar"), ("coal", "wind", "solar"),
                         True, 2000, 2024, 2024),
    "short": IndicatorMeta("short", "green", ("CHN",), ("total",), (), False, 2016, 2023, 2023),
}
IDS = list(META)


def norm(raw, **kw):
    return normalize(raw, "green", IDS, META.__getitem__, **kw)


def test_defaults_when_query_is_empty():
    state, notices = norm({})
    assert notices == []
    assert state == default_state(META["a"])
    assert state.regions == ("CHN",) and (state.start, state.end) == (1990, 2023)
    assert (state.year_a, state.year_b) == (2012, 2023)


def test_default_compare_start_falls_back_to_first_year_after_2012():
    assert META["short"].default_compare() == (2016, 2023)


def test_round_trip_through_url_query():
    state = ViewState("green", "mix", ("CHN", "USA"), ("wind", "solar"), 2005, 2020, "share", 2012, True,
                      2010, 2020, "percent")
    q = to_query(state, META["mix"], default_indicator="a")
    assert q == {"indicator": "mix", "region": "CHN~USA", "sector": "wind~solar", "time": "2005..2020",
                 "transform": "share", "log": "1", "compare": "2010..2020", "stack": "percent"}
    back, notices = norm(q)
    assert notices == []
    assert back == state
    assert query_string(q).startswith("?indicator=mix&region=CHN~USA")


def test_index_base_year_round_trip():
    state = ViewState("green", "a", ("CHN", "WLD"), ("total",), 1990, 2023, "index", 2000, False, 2012, 2023)
    q = to_query(state, META["a"], default_indicator="a")
    assert q == {"region": "CHN~WLD", "transform": "index", "base": "2000"}
    assert norm(q) == (state, [])


def test_only_differences_from_defaults_go_into_the_url():
    state = default_state(META["a"])
    assert to_query(state, META["a"], default_indicator="a") == {}
    assert query_string({}) == ""


def test_invalid_values_fall_back_with_notices():
    state, notices = norm({"indicator": "<script>", "region": "CHN~XXX", "time": "abc",
                           "transform": "share", "compare": "1800..3000", "log": "maybe", "stack": "3d"})
    assert state.indicator == "a"
    assert state.regions == ("CHN",)
    assert (state.start, state.end) == (1990, 2023)
    assert state.transform == "level"  # share not available for this indicator
    assert (state.year_a, state.year_b) == (1990, 2023)  # clamped
    assert state.log is False and state.stack == "absolute"
    text = " ".join(notices)
    for word in ("Unknown indicator", "XXX", "year range", "Share of total %' is not offered", "Comparison years", "log-scale",
                 "stacking"):
        assert word in text


def test_region_list_is_capped_and_kept_in_canonical_order():
    many = {k: v for k, v in META.items()}
    regions = tuple(f"R{i:02d}" for i in range(MAX_REGIONS + 5))
    many["big"] = IndicatorMeta("big", "green", regions, ("total",), (), False, 2000, 2020, 2020)
    state, notices = normalize({"indicator": "big", "region": "~".join(reversed(regions))}, "green",
                               list(many), many.__getitem__)
    assert len(state.regions) == MAX_REGIONS
    assert state.regions == tuple(sorted(state.regions))
    assert any("At most" in n for n in notices)


@pytest.mark.parametrize("payload", [None, 5, {"a": 1}, [1, 2], ["CHN", None], "x" * 5000])
def test_odd_callback_payloads_never_raise(payload):
    state, _ = norm({"indicator": payload, "region": payload, "sector": payload, "time": payload,
                     "transform": payload, "base": payload, "log": payload, "compare": payload, "stack": payload})
    assert state.indicator in IDS
    assert all(r in META[state.indicator].regions for r in state.regions)


def test_empty_selection_kept_only_when_asked():
    state, _ = norm({"region": []}, empty_lists_ok=True)
    assert state.regions == ()
    state, _ = norm({"region": []})
    assert state.regions == ("CHN",)


def test_state_dict_round_trip_and_cache_key():
    s = default_state(META["mix"])
    assert state_from_dict(s.to_dict()) == s
    assert s.cache_key() == state_from_dict(s.to_dict()).cache_key()
    assert hash(s.cache_key())


def test_no_indicators_is_a_clear_error():
    with pytest.raises(LookupError, match="no indicators"):
        normalize({}, "green", [], META.__getitem__)


def test_to_dict_is_asdict_with_lists():
    from dataclasses import asdict

    s = ViewState("green", "electricity_mix_share", ("CHN", "USA"), ("coal", "solar"), 2000, 2023, transform="index",
                  base_year=2010, log=True, lang="zh", overlay=True)
    want = {**asdict(s), "regions": ["CHN", "USA"], "sectors": ["coal", "solar"]}
    assert s.to_dict() == want and list(s.to_dict()) == list(want)  # same keys in the same (field) order
