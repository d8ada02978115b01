"""Lists in links: every form people paste gives the same regions, or a notice (issue 9, item 4)."""

from urllib.parse import urlsplit

import pytest
from dash._pages import _parse_query_string

from dashboard.model.state import MAX_REGIONS, IndicatorMeta, normalize, query_string, to_query, url_query

META = {
    "a": IndicatorMeta("a", "green", ("CHN", "USA", "JPN", "DEU", "WLD"), ("total",), (), False, 1990, 2023, 2023),
    "mix": IndicatorMeta("mix", "green", ("CHN", "USA"), ("coal", "wind", "solar"), ("coal", "wind", "solar"),
                         True, 2000, 2024, 2024),
}
IDS = list(META)


def from_link(link: str):
    """What a dimension page does with a link: Dash's own query parsing, then ours."""
    kwargs = _parse_query_string("?" + urlsplit(link).query)  # what Dash 4.4.1 passes to layout(**query)
    return normalize(url_query(kwargs), "green", IDS, META.__getitem__)


def test_dash_passes_a_repeated_key_as_a_list():
    # the fact the fix rests on: the last value is not the only one that arrives
    assert _parse_query_string("?region=CHN&region=USA&region=DEU") == {"region": ["CHN", "USA", "DEU"]}


@pytest.mark.parametrize("link", [
    "/green?region=CHN~USA~DEU",
    "/green?region=CHN&region=USA&region=DEU",
    "/green?region=CHN,USA,DEU",
    "/green?region=CHN%2CUSA%2CDEU",
    "/green?region=CHN%7EUSA%7EDEU",
    "/green?region=CHN%257EUSA%257EDEU",  # encoded twice: arrives as the text "%7E"
    "/green?region=CHN+USA+DEU",
    "/green?region=CHN%20USA%20DEU",
    "/green?region=chn~usa~deu",
    "/green?region[]=CHN&region[]=USA&region[]=DEU",
    "/green?region%5B%5D=CHN&region%5B%5D=USA&region%5B%5D=DEU",
    "/green?region=CHN&region[]=USA,deu",
    "/green?region=%20CHN%20,%20USA%20;%20DEU%20",
    "/green?region=CHN|USA|DEU&region=CHN",
])
def test_every_list_form_gives_the_same_regions_and_the_canonical_link(link):
    state, notices = from_link(link)
    assert notices == []
    assert state.regions == ("CHN", "USA", "DEU")
    assert query_string(to_query(state, META["a"], default_indicator="a")) == "?region=CHN~USA~DEU"


def test_unknown_codes_are_dropped_with_a_notice_naming_them():
    state, notices = from_link("/green?region=CHN&region=XXX&region=usa&region=FRA")
    assert state.regions == ("CHN", "USA")
    assert notices == ["Ignored regions not available for this indicator: XXX, FRA."]


def test_over_the_limit_is_cut_with_a_notice():
    meta = IndicatorMeta("big", "green", tuple(f"R{i:02d}" for i in range(15)), ("total",), (), False,
                         2000, 2020, 2020)
    raw = url_query({"region": [f"r{i:02d}" for i in range(12)]})
    state, notices = normalize(raw, "green", ["big"], {"big": meta}.__getitem__)
    assert state.regions == tuple(f"R{i:02d}" for i in range(MAX_REGIONS))
    assert notices == [f"At most {MAX_REGIONS} regions can be shown at once: kept the first {MAX_REGIONS}."]


def test_sectors_accept_the_same_forms_in_any_case():
    state, notices = from_link("/green?indicator=mix&sector=Wind&sector=SOLAR")
    assert notices == [] and state.sectors == ("wind", "solar")


def test_url_query_shapes():
    assert url_query({"region": ["CHN", "USA"], "time": "2000..2010", "x[]": ["1"], "bad": 3}) == {
        "region": "CHN~USA", "time": "2000..2010", "x": "1"}
    assert url_query(None) == {}
    assert len(url_query({"region": "A" * 5000})["region"]) == 400


def test_a_cut_overlong_value_is_named_in_a_notice_not_dropped_silently():
    state, notices = from_link("/green?region=USA~" + "Q" * 600)
    assert state.regions == ("CHN",)  # the default
    assert notices == ["Ignored an invalid regions list: showing the default."]
    state, notices = from_link("/green?indicator=" + "z" * 600)
    assert notices and notices[0].startswith("Unknown indicator 'zzzz")
