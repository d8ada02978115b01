"""A time series' markers only where a point has one (figures.timeseries.markers_apart, issue 14), as the
browser draws them: the flagged years marked, the year axis framed as before (a new-user check found the
line touching both ends of the axis when the line had no markers of its own)."""

from __future__ import annotations

from browser_helpers import figure, goto, observations, series


def test_flagged_years_marked_and_the_year_axis_padded(page):
    goto(page, "/structure?indicator=gdp_usd&region=CHN")
    fig = figure(page, "ts")
    s = series("gdp_usd", "CHN")
    obs = observations("gdp_usd")
    china = obs[(obs["region"] == "CHN") & (obs["sector"] == "total")]
    flagged = sorted(int(y) for y in china.loc[~china["flag"].isin(["observed", "final"]), "year"])
    line = next(t for t in fig["data"] if t.get("name") == "China")
    dots = next(t for t in fig["data"] if (t.get("meta") or {}).get("markers_of") == "China")
    assert sorted(int(x) for x in dots["x"]) == flagged == [2024, 2025]
    assert {a: b for a, b in zip(line["x"], line["y"]) if a is not None} == s.to_dict()
    # the drawn markers: one path per flagged year (plus the line's one invisible marker)
    paths = page.evaluate("() => document.querySelectorAll('#ts-graph .scatterlayer .trace .points path').length")
    assert paths == len(flagged) + 1
    # plotly pads the year axis of a trace with markers by ~5% on each side: no year sits on the axis' end
    lo, hi = fig["layout"]["xaxis"]["range"]
    first, last = min(s.index), max(s.index)
    assert lo < first - 1 and hi > last + 1, (lo, hi, first, last)
