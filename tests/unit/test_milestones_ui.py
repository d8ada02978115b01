"""Issue 12's pure parts: event markers, the events switch in the view state, scorecard sorting, the CSV route."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.components import ids
from dashboard.data.store import load_store
from dashboard.figures.annotations import add_event_markers, shown_events
from dashboard.model.catalog import state_from_raw, view_payload
from dashboard.model.milestones.cached import store_events, store_verdicts
from dashboard.views.callbacks import scorecard_update
from dashboard.views.scorecard import filter_rows, next_sort, parse_query, scorecard_rows, sort_rows

DATA = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def store():
    return load_store(DATA)


def _series(indicator: str, region: str = "CHN", sector: str = "total") -> pd.Series:
    frames = [pd.read_parquet(DATA / f"{d}.parquet") for d in
              ("endowments", "structure", "digital", "green", "internationalization")]
    obs = pd.concat(frames)
    s = obs[(obs.indicator_id == indicator) & (obs.region == region) & (obs.sector == sector)]
    return s.set_index("year")["value"].sort_index()


def test_event_marker_sits_on_the_series_at_the_first_year_of_the_run(store):
    rd = _series("rd_intensity_wdi")
    ok = (rd >= 2).tolist()
    i = len(ok) - 1
    while ok[i - 1]:
        i -= 1
    year = int(rd.index[i])
    data = pd.DataFrame({"region": "CHN", "sector": "total", "year": rd.index, "value": rd.values, "flag": "observed"})
    fig = add_event_markers({"data": [{"name": "China"}], "layout": {"shapes": []}}, data,
                            store_events(store, "rd_intensity_wdi"))
    marker = fig["data"][-1]
    assert marker["name"] == "Milestones" and marker["x"] == [year] and marker["y"] == pytest.approx([rd[year]])
    assert "Source: World Bank" in marker["text"][0]
    assert fig["layout"]["shapes"][0]["x0"] == year
    # a series the chart does not draw gets no marker; the figure is returned unchanged
    usa = data.assign(region="USA")
    assert shown_events(usa, store_events(store, "rd_intensity_wdi")) == []
    plain = {"data": [{"name": "United States"}], "layout": {}}
    assert add_event_markers(plain, usa, store_events(store, "rd_intensity_wdi")) is plain


def test_events_switch_round_trips_through_the_url(store):
    state, notes = state_from_raw(store, "endowments", {"events": "0"})
    assert state.events is False and notes == []
    assert "events=0" in view_payload(store, state)["query"]
    on, _ = state_from_raw(store, "endowments", {})
    assert on.events is True and "events" not in view_payload(store, on)["query"]
    bad, notes = state_from_raw(store, "endowments", {"events": "maybe"})
    assert bad.events is True and notes == ["Ignored an invalid milestones setting."]


def test_verdicts_are_cached_per_store(store):
    a, problems = store_verdicts(store)
    assert problems == [] and len(a) == 17 and store_verdicts(store)[0] is a


def test_scorecard_query_sort_and_filter(store):
    assert parse_query({"dimension": "green", "a": "2015", "b": "latest"})[:3] == ("green", 2015, "latest")
    dim, a, b, notes = parse_query({"dimension": "<x>", "a": "20x5"})
    assert (dim, a, b) == ("endowments", 2012, "latest") and len(notes) == 2
    rows = scorecard_rows(store, "green", 2012, "latest")
    by_cagr = sort_rows(rows, {"column": "cagr", "descending": True})
    finite = [r["cagr"] for r in by_cagr if math.isfinite(r["cagr"])]
    assert finite == sorted(finite, reverse=True) and len(by_cagr) == len(rows)
    assert all(not math.isfinite(r["cagr"]) for r in by_cagr[len(finite):])  # n/a last
    assert next_sort({"column": "cagr", "descending": True}, "cagr") == {"column": "cagr", "descending": False}
    assert next_sort(None, "nope") == {"column": None, "descending": False}
    wind = filter_rows(rows, "Wind")
    assert wind and all("wind" in (r["name"] + r["sector"]).lower() for r in wind)
    out = scorecard_update(store, "green", "2012", "latest", "", None, ids.scorecard_sort_button("cagr"))
    assert out["sort"] == {"column": "cagr", "descending": True}
    hostile = scorecard_update(store, "green", "2012", "latest", "", {"column": "x", "descending": 10 ** 30}, None)
    assert hostile["sort"] == {"column": None, "descending": False}
    assert out["csv"] == "/scorecard.csv?dimension=green&a=2012&b=latest"
    assert out["report"] == "/report?page=scorecard&dimension=green&a=2012&b=latest"


def test_scorecard_csv_route_is_utf8_and_carries_the_numbers():
    from dashboard.app_factory import create_app
    from dashboard.settings import Settings

    app = create_app(Settings.from_env())
    r = app.server.test_client().get("/scorecard.csv?dimension=endowments&a=2012&b=latest")
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    csv = pd.read_csv(io.StringIO(r.data.decode("utf-8")))
    row = csv[csv.indicator_id == "rd_intensity_wdi"].iloc[0]
    rd = _series("rd_intensity_wdi")
    assert row.value_a == pytest.approx(rd[2012]) and row.value_b == pytest.approx(rd.iloc[-1])
    assert row.cagr == pytest.approx(((rd.iloc[-1] / rd[2012]) ** (1 / (rd.index.max() - 2012)) - 1) * 100)


def test_parts_without_data_are_not_listed_as_parts_that_fail(store):
    """A claim that partly holds lists the parts that fail under "What does not hold:" and the parts the
    project has no data for under "No data yet for:" (a new-user check read missing data as a failed claim)."""
    from dashboard.components.milestones import _differs
    from dashboard.model.milestones.schema import PARTLY

    def texts(component) -> list[str]:
        out, stack = [], [component.to_plotly_json()]
        while stack:
            node = stack.pop()
            if isinstance(node, dict) and "props" in node:
                stack.append(node["props"].get("children"))
            elif isinstance(node, list):
                stack.extend(node)
            elif hasattr(node, "to_plotly_json"):
                stack.append(node.to_plotly_json())
            elif isinstance(node, str):
                out.append(node)
        return out

    partly = [v for v in store_verdicts(store)[0] if v.verdict == PARTLY]
    mixed = [v for v in partly if any(d.startswith("[no data]") for d in v.details)]
    assert mixed, "the shipped claims include a partly-held claim with a part lacking data"
    for v in mixed:
        div = _differs(v)[0]
        lists = [c for c in div.children if hasattr(c, "children") and isinstance(c.children, list)]
        headings = {str(c.children[0].children): c.children[1] for c in lists}
        assert "No data yet for:" in headings
        missing_marks = [li.children[0].children for li in headings["No data yet for:"].children]
        assert set(missing_marks) == {"?"}
        if "What does not hold:" in headings:
            assert "?" not in {li.children[0].children for li in headings["What does not hold:"].children}
