"""The provincial view in the browser: the map draws the 31 provinces with the shipped values, a
click on a province selects it everywhere, and the URL round trip (the fixtures also fail a test on
any request leaving the app's host or any console error)."""

from __future__ import annotations

import re

from browser_helpers import figure, observations, wait_drawn, wait_figure

from dashboard.figures.choropleth import NO_DATA_FILL, OUTLINE_FILL
from dashboard.figures.common import fmt_number

KEYS = ("pmap", "prank", "pts", "pcmp")
CODE = re.compile(r"^CN-[A-Z]{2}$")


def _goto(page, path: str) -> None:
    page.goto(path)
    for key in KEYS:
        wait_drawn(page, key)


def _province_traces(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("fill") == "toself" and CODE.match(str(t.get("meta", "")))
            and t.get("fillcolor") != OUTLINE_FILL]


def _values(indicator: str, year: int, sector: str = "total") -> dict[str, float]:
    obs = observations(indicator)
    obs = obs[(obs["year"] == year) & (obs["sector"] == sector) & obs["region"].str.startswith("CN-")]
    return dict(zip(obs["region"], obs["value"]))


def _interior_point(xs: list, ys: list) -> tuple[float, float]:
    """A point well inside the largest ring of a polygon trace (grid search, ray casting)."""
    rings, cur = [], []
    for x, y in zip(xs, ys):
        if x is None:
            rings.append(cur)
            cur = []
        else:
            cur.append((x, y))
    rings.append(cur)
    ring = max(rings, key=len)

    def inside(px, py):
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit

    lo_x, hi_x = min(p[0] for p in ring), max(p[0] for p in ring)
    lo_y, hi_y = min(p[1] for p in ring), max(p[1] for p in ring)
    best, best_d = None, -1.0
    for i in range(1, 30):
        for j in range(1, 30):
            px, py = lo_x + (hi_x - lo_x) * i / 30, lo_y + (hi_y - lo_y) * j / 30
            if inside(px, py):
                d = min((px - x) ** 2 + (py - y) ** 2 for x, y in ring)
                if d > best_d:
                    best, best_d = (px, py), d
    assert best is not None
    return best


def _client_xy(page, lon: float, lat: float) -> tuple[float, float]:
    return tuple(page.evaluate(
        """([lon, lat]) => {
          const gd = document.querySelector('#pmap-graph .js-plotly-plot');
          const fl = gd._fullLayout, r = gd.getBoundingClientRect();
          return [r.left + fl.xaxis._offset + fl.xaxis.l2p(lon), r.top + fl.yaxis._offset + fl.yaxis.l2p(lat)];
        }""", [lon, lat]))


def test_map_draws_the_31_provinces_with_the_shipped_values(page):
    _goto(page, "/provinces?indicator=rd_intensity_province&year=2023")
    fig = figure(page, "pmap")
    provinces = _province_traces(fig)
    expected = _values("rd_intensity_province", 2023)
    assert len(expected) == 31
    with_data = [t for t in provinces if t["fillcolor"] != NO_DATA_FILL]
    assert sorted(t["meta"] for t in with_data) == sorted(expected)
    for t in with_data:  # the value on hover is the Parquet value of that province and year
        assert f"{fmt_number(expected[t['meta']], 2)} % of GDP" in t["text"], t["text"]
    outlines = sorted(t["meta"] for t in fig["data"] if t.get("fillcolor") == OUTLINE_FILL)
    assert outlines == ["CN-HK", "CN-MO", "CN-TW"]
    # the polygons are in the page as filled SVG paths, one per trace
    assert page.locator("#pmap-graph .scatterlayer .trace .fills path").count() >= 34
    # the ranking shows the same 31 values, highest on top
    bars = figure(page, "prank")["data"][0]
    assert bars["customdata"][-1] == max(expected, key=expected.get)
    assert len(bars["customdata"]) == 31


def test_click_on_a_province_selects_it_everywhere(page):
    _goto(page, "/provinces?indicator=gerd_province&province=CN-GD")
    nm = next(t for t in _province_traces(figure(page, "pmap")) if t["meta"] == "CN-NM")
    x, y = _client_xy(page, *_interior_point(nm["x"], nm["y"]))
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    wait_figure(page, "pts", "gd.data.some(t => t.name === 'Inner Mongolia')")
    names = [t["name"] for t in figure(page, "pts")["data"]]
    assert names[:2] == ["Guangdong", "Inner Mongolia"] and names[-1].startswith("China")
    page.wait_for_function("() => location.search.includes('CN-GD~CN-NM')", polling=100)
    wait_figure(page, "pmap", "gd.data.some(t => t.name === 'chosen: CN-NM')")
    assert "Inner Mongolia" in page.locator("#prov-provinces").inner_text()
    # the ranking outlines it
    bars = figure(page, "prank")["data"][0]
    i = bars["customdata"].index("CN-NM")
    assert bars["marker"]["line"]["width"][i] > 0


def test_url_round_trip_and_invalid_params(page):
    _goto(page, "/provinces?indicator=rd_activity_share_province&sector=applied_research&year=2015"
                "&province=CN-BJ~CN-JS&compare=2013..2021")
    fig = figure(page, "pmap")
    assert fig["layout"]["meta"]["indicator"] == "rd_activity_share_province"
    expected = _values("rd_activity_share_province", 2015, "applied_research")
    bj = next(t for t in _province_traces(fig) if t["meta"] == "CN-BJ")
    assert f"{fmt_number(expected['CN-BJ'], 1)} %" in bj["text"] and "2015" in bj["text"]
    assert [t["name"] for t in figure(page, "pts")["data"]][:2] == ["Beijing", "Jiangsu"]
    assert "2013 vs 2021" in page.locator("#pcmp-heading").inner_text()
    assert not page.locator(".url-notice").count()
    page.reload()
    for key in KEYS:
        wait_drawn(page, key)
    assert "province=CN-BJ~CN-JS" in page.url
    _goto(page, "/provinces?indicator=nope&year=1800&province=CN-ZZ")
    notice = page.locator(".url-notice").inner_text()
    assert "nope" in notice and "1800" in notice and "CN-ZZ" in notice
    assert figure(page, "pmap")["layout"]["meta"]["indicator"] == "rd_intensity_province"


def test_play_advances_the_year(page):
    _goto(page, "/provinces?year=2022")
    page.click("#prov-play")  # 2022 is not the last year: play goes on from there
    wait_figure(page, "pmap", "gd.layout.meta.export.title.endsWith('2023')", timeout=15_000)
    page.wait_for_function("() => document.querySelector('#prov-play').innerText.includes('Play')", polling=200)


def test_the_year_slider_moves_a_year_per_arrow_key(page):
    """dcc 4.4's slider without a step moved 0.1 per arrow key (2022.9: no map change, a tooltip with a
    fraction); the years run without a gap, so the step is one year."""
    _goto(page, "/provinces?indicator=rd_intensity_province&year=2023")
    thumb = page.locator("#prov-year [role=slider]").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    wait_figure(page, "pmap", "gd.layout.meta.export.title.endsWith('2022')", timeout=15_000)
    assert thumb.get_attribute("aria-valuenow") == "2022"
    page.wait_for_function("() => location.search.includes('year=2022')", polling=100)
    expected = _values("rd_intensity_province", 2022)
    with_data = [t for t in _province_traces(figure(page, "pmap")) if t["fillcolor"] != NO_DATA_FILL]
    assert sorted(t["meta"] for t in with_data) == sorted(expected)
    for t in with_data:  # the map shows 2022's Parquet values
        assert f"{fmt_number(expected[t['meta']], 2)} % of GDP" in t["text"], t["text"]
