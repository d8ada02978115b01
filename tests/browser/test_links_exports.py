"""Shareable links, invalid links, image and CSV exports, keyboard-only use."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from browser_helpers import figure, goto, select_option, trace_names_js, wait_figure, wait_page_charts, wait_url


def _comparable(fig: dict) -> list:
    return [(t.get("name"), t.get("type"), [float(v) if v is not None else None for v in t.get("x", [])]
             if all(isinstance(v, (int, float)) or v is None for v in t.get("x", [])) else t.get("x"),
             t.get("y")) for t in fig["data"]]


def test_shared_link_reopens_the_same_view(context_factory):
    ctx = context_factory()
    page = ctx.new_page()
    goto(page, "/green")
    select_option(page, "regions", "USA")
    wait_figure(page, "ts", trace_names_js(["China", "United States"]))
    page.click("label[for=_dbcprivate_radioitems_transform_input_index]")
    wait_figure(page, "ts", "gd.layout.yaxis.title.text.startsWith('Index')")
    page.wait_for_function("() => location.search.includes('transform=index')", polling=100)
    url = page.url
    assert "region=CHN~USA" in url
    before = {k: figure(page, k) for k in ("ts", "cmp")}

    other = ctx.new_page()
    other.goto(url)
    wait_page_charts(other)
    assert other.locator(".url-notice").count() == 0
    for key in ("ts", "cmp"):
        assert _comparable(figure(other, key)) == _comparable(before[key]), key
        assert figure(other, key)["layout"]["yaxis"].get("title") == before[key]["layout"]["yaxis"].get("title")
    assert other.url == url  # nothing was rewritten on the way


def test_invalid_link_shows_defaults_and_a_notice(page):
    page.goto("/structure?indicator=nope&region=CHN~XXX&time=abc&transform=bogus&log=maybe&compare=1..2&x=1")
    wait_page_charts(page)
    notice = page.locator(".url-notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "Unknown indicator" in text and "XXX" in text and "year range" in text
    fig = figure(page, "ts")
    assert fig["layout"]["meta"]["indicator"] == "va_share_gdp_by_industry"  # the page default
    assert fig["layout"]["yaxis"].get("type", "linear") != "log"
    assert page.locator("text=Page not found").count() == 0


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_and_svg_exports(page, tmp_path):
    goto(page, "/structure")
    export = figure(page, "ts")["layout"]["meta"]["export"]

    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("PNG")')
    path = tmp_path / "chart.png"
    dl.value.save_as(path)
    assert dl.value.suggested_filename == "va_share_gdp_by_industry-timeseries.png"
    assert _png_size(path.read_bytes()) == (1600, 900)

    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("SVG")')
    path = tmp_path / "chart.svg"
    dl.value.save_as(path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1600", "900")
    text = " ".join(" ".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert export["title"] in text
    assert "World Bank" in text and "Source" in text
    assert "Primary industry" in text  # the legend


def test_csv_download_equals_the_figure(page, tmp_path):
    goto(page, "/green?region=CHN~USA~DEU&time=2000..2020")
    fig = figure(page, "ts")
    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("CSV")')
    path = tmp_path / "data.csv"
    dl.value.save_as(path)
    csv = pd.read_csv(path)
    named = [t for t in fig["data"] if t.get("name")]
    for t in named:  # leave out the empty points that break a line at a gap
        keep = [i for i, v in enumerate(t["x"]) if v is not None and v == v]
        t["x"], t["y"] = [t["x"][i] for i in keep], [t["y"][i] for i in keep]
    assert len(csv) == sum(len(t["x"]) for t in named)
    for t in named:
        rows = csv[csv["region_name"] == t["name"]].sort_values("year")
        assert list(rows["year"]) == sorted(int(v) for v in t["x"]), t["name"]
        order = np.argsort(np.asarray(t["x"], dtype=float))
        np.testing.assert_allclose(rows["value"].to_numpy(), np.asarray(t["y"], dtype=float)[order], rtol=1e-9)
    assert csv["year"].between(2000, 2020).all()
    assert {"indicator_id", "region", "sector", "unit", "flag"} <= set(csv.columns)


def test_keyboard_only_reaches_filters_and_changes_indicator(page):
    goto(page, "/digital")
    before = figure(page, "ts")["layout"]["meta"]["indicator"]
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "indicator":
            break
    else:
        raise AssertionError("Tab never reached the indicator picker")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")
    in_list = "() => !!(document.activeElement && document.activeElement.closest('.dash-dropdown-content'))"
    page.wait_for_function(in_list, polling=50)
    on_other = ("() => { const e = document.activeElement; return !!(e && e.closest('[role=option]') "
                f"&& e.value && !e.disabled && e.value !== '{before}'); }}")
    for _ in range(12):  # arrow past the group header and the current indicator
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(60)  # let the list move its focus before looking
        if page.evaluate(on_other):
            break
    else:
        raise AssertionError("ArrowDown never focused another indicator option")
    page.keyboard.press("Enter")
    wait_figure(page, "ts", f"gd.layout.meta && gd.layout.meta.indicator !== '{before}'")
    after = figure(page, "ts")["layout"]["meta"]["indicator"]
    wait_url(page, f"indicator={after}")
    # the next Tab stops are the other filters
    page.keyboard.press("Escape")
    seen = []
    for _ in range(6):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert "regions" in seen and any("slider-thumb" in s for s in seen), seen


# Geometry of the downloaded SVG, drawn by the browser at its own size (1600 x 900): the plot area
# (plotly's clip rectangle of the xy subplot), every legend entry (symbol and text), the x-axis tick
# labels and title, and the source line.
_SVG_GEOMETRY_JS = """() => {
  const svg = document.querySelector('svg');
  const o = svg.getBoundingClientRect();
  const box = e => { const b = e.getBoundingClientRect();
    return [b.left - o.left, b.top - o.top, b.right - o.left, b.bottom - o.top]; };
  const clip = svg.querySelector('clipPath.axesclip[id$="xy"] rect');
  const x = +clip.getAttribute('x'), y = +clip.getAttribute('y');
  const source = Array.from(svg.querySelectorAll('.annotation')).filter(a => a.textContent.includes('Source'));
  const legendBg = svg.querySelector('.legend > rect.bg');
  return {size: [o.width, o.height],
          plot: [x, y, x + +clip.getAttribute('width'), y + +clip.getAttribute('height')],
          legend: Array.from(svg.querySelectorAll('.legend .traces')).map(t => [t.textContent, box(t)]),
          legendBox: legendBg ? box(legendBg) : null,
          xticks: Array.from(svg.querySelectorAll('.xtick text')).map(box),
          xtitle: svg.querySelector('.xtitle') ? box(svg.querySelector('.xtitle')) : null,
          source: source.map(box)};
}"""


def _overlap(a, b, tol=1.0) -> bool:
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


@pytest.mark.parametrize("path,key", [
    ("/structure", "ts"),
    ("/structure", "cmp"),
    ("/structure?indicator=va_share_gdp_by_industry&region=CHN~USA~DEU~JPN~KOR~IND", "ts"),
    ("/endowments?indicator=rd_intensity_nbs&overlay=1", "ts"),  # the longest source line
])
def test_exported_picture_keeps_legend_axis_and_source_apart(page, tmp_path, path, key):
    goto(page, path)
    names = [t["name"] for t in figure(page, key)["data"]
             if t.get("name") and t.get("showlegend", True) is not False]
    with page.expect_download() as dl:
        page.click(f'#{key}-card button.export-btn:text-is("SVG")')
    svg_path = tmp_path / "chart.svg"
    dl.value.save_as(svg_path)
    viewer = page.context.new_page()
    viewer.set_viewport_size({"width": 1600, "height": 900})
    viewer.set_content("<body style='margin:0'>" + svg_path.read_text(encoding="utf-8") + "</body>")
    g = viewer.evaluate(_SVG_GEOMETRY_JS)
    viewer.close()
    width, height = g["size"]
    assert (width, height) == (1600, 900)
    left, top, right, bottom = g["plot"]
    entries = g["legend"]
    assert sorted(text for text, _ in entries) == sorted(names)  # every entry drawn ...
    for text, (x0, y0, x1, y1) in entries:
        assert y1 <= top, (text, y1, top)  # ... above the plot area
        assert 0 <= x0 and x1 <= width, (text, x0, x1)  # ... inside the picture
        lb = g["legendBox"]
        assert lb[1] - 0.5 <= y0 and y1 <= lb[3] + 0.5, (text, y0, y1, lb)  # ... not scrolled away
    for i, (a, box_a) in enumerate(entries):  # no entry runs into another
        for b, box_b in entries[i + 1:]:
            assert not _overlap(box_a, box_b), (a, box_a, b, box_b)
    assert g["xticks"]
    (source,) = g["source"]
    assert source[2] <= width and source[3] <= height, source  # the source line fits the picture
    below = g["xticks"] + ([g["xtitle"]] if g["xtitle"] else [])
    for tick in below:
        assert tick[1] >= bottom - 0.5, (tick, bottom)  # tick labels and axis title under the plot
        assert tick[3] <= source[1], (tick, source)  # and above the source line
        assert not any(_overlap(tick, e) for _, e in entries)


# The text of the downloaded SVG's title block and source line (the source wraps into lines)
_SVG_TEXT_JS = """() => {
  const svg = document.querySelector('svg');
  const notes = Array.from(svg.querySelectorAll('.annotation')).map(a => a.textContent);
  return {notes: notes, title: Array.from(svg.querySelectorAll('.infolayer text')).map(t => t.textContent)};
}"""


def _squash(text) -> str:
    """``text`` without white space (the source line wraps into lines at spaces)."""
    return "".join(str(text).split())


@pytest.mark.parametrize("lang,sources,series", [
    ("en", None, "{n} series"),
    ("zh", ("世界银行", "国家统计局"), "{n}个系列"),
])
def test_overlay_export_names_every_source_drawn(page, tmp_path, lang, sources, series):
    """With the NBS counterpart overlaid on the WDI series, the exported picture's source line names
    both sources and its subtitle counts every drawn series (expected from the Parquet files)."""
    data = Path(__file__).resolve().parents[2] / "datasets"
    cat = pd.read_parquet(data / "catalog.parquet").set_index("indicator_id")
    obs = pd.read_parquet(data / "structure.parquet")
    four = ["CHN", "USA", "JPN", "DEU"]
    stack = [s.strip() for s in str(cat.loc["va_share_gdp_by_industry", "stack_sectors"]).split(",")]
    drawn = obs[obs.indicator_id.isin(["va_share_gdp_by_industry", "nbs_gdp_share_by_industry"])
                & obs.region.isin(four) & obs.sector.isin(stack) & obs["value"].notna()]
    n = len(drawn.groupby(["indicator_id", "region", "sector"]))
    if sources is None:
        sources = (cat.loc["va_share_gdp_by_industry", "source"], cat.loc["nbs_gdp_share_by_industry", "source"])
    goto(page, "/structure?indicator=va_share_gdp_by_industry&overlay=1&region=CHN~USA~JPN~DEU"
         + ("&lang=zh" if lang == "zh" else ""))
    with page.expect_download() as dl:
        page.click('#ts-card button.export-btn:text-is("SVG")')
    svg_path = tmp_path / "chart.svg"
    dl.value.save_as(svg_path)
    viewer = page.context.new_page()
    viewer.set_content("<body style='margin:0'>" + svg_path.read_text(encoding="utf-8") + "</body>")
    text = viewer.evaluate(_SVG_TEXT_JS)
    viewer.close()
    notes = [_squash(t) for t in text["notes"]]
    for source in sources:
        assert any(_squash(source) in t for t in notes), (source, text["notes"])
    assert any(_squash(series.format(n=n)) in _squash(t) for t in text["title"]), text["title"]
