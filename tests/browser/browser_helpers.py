"""Helpers shared by the browser tests: waiting on drawn data, reading figures, driving controls."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA_TIMEOUT_MS = 20_000

_DTYPES = {"f8": "<f8", "f4": "<f4", "i4": "<i4", "i2": "<i2", "i1": "i1", "u4": "<u4", "u2": "<u2",
           "u1": "u1", "float64": "<f8", "float32": "<f4", "int32": "<i4", "int16": "<i2", "int8": "i1",
           "uint32": "<u4", "uint16": "<u2", "uint8": "u1"}


def decode(arr) -> list:
    """A plotly array as a Python list: plain JSON lists, or typed arrays sent as {dtype, bdata}."""
    if arr is None:
        return []
    if isinstance(arr, dict) and "bdata" in arr:
        values = np.frombuffer(base64.b64decode(arr["bdata"]), dtype=_DTYPES[arr["dtype"]])
        return values.tolist()
    if isinstance(arr, dict):  # a typed array that crossed the JS boundary as {"0": .., "1": ..}
        return [arr[k] for k in sorted(arr, key=int)]
    return list(arr)


# A chart "has drawn its data" when plotly has figure data and SVG trace groups exist in it
# (or, for an empty state, the empty-state annotation is drawn).
_DRAWN_JS = """([key, allowEmpty]) => {
  const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
  if (!gd || !gd.data || !gd.layout) return false;
  if (gd.layout.meta && gd.layout.meta.empty) {
    return allowEmpty && !!gd.querySelector('.annotation-text');
  }
  return gd.data.length > 0 && gd.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length > 0;
}"""


_STATUS_JS = """(key) => {
  const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
  if (!gd) return 'no plot element';
  return JSON.stringify({traces: (gd.data || []).length, meta: gd.layout && gd.layout.meta,
    drawn: gd.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length,
    annotations: Array.from(gd.querySelectorAll('.annotation-text')).map(a => a.textContent.slice(0, 80))});
}"""


def chart_status(page, key: str) -> str:
    return page.evaluate(_STATUS_JS, key)


def wait_drawn(page, key: str, allow_empty: bool = False, timeout: int = DATA_TIMEOUT_MS) -> None:
    try:
        page.wait_for_function(_DRAWN_JS, arg=[key, allow_empty], timeout=timeout, polling=100)
    except Exception as exc:  # say what the chart looked like, not just "timeout"
        raise AssertionError(f"#{key}-graph did not draw its data on {page.url}: "
                             f"{chart_status(page, key)}") from exc


def wait_page_charts(page, keys=("ts", "cmp", "comp"), allow_empty=("comp",)) -> None:
    for key in keys:
        wait_drawn(page, key, allow_empty=key in allow_empty)


def figure(page, key: str) -> dict:
    """The figure the browser holds for a chart (JSON-safe): every trace property (typed arrays as
    lists, x and y decoded) and the layout's title, axes, meta and shapes."""
    raw = page.evaluate(
        """(key) => {
          const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
          if (!gd || !gd.data) return null;
          const plain = (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v);
          const l = gd.layout;
          return JSON.stringify({data: gd.data, layout: {title: l.title, yaxis: l.yaxis, xaxis: l.xaxis,
                                                         meta: l.meta, shapes: l.shapes}}, plain);
        }""",
        key,
    )
    assert raw is not None, f"no figure in #{key}-graph"
    fig = json.loads(raw)
    for t in fig["data"]:
        for k in ("x", "y"):
            if k in t:
                t[k] = decode(t[k])
    return fig


def traces(page, key: str = "ts") -> dict[str, tuple[list, list]]:
    """{trace name: (x, y)} of the named traces of a chart. A bar trace gives the bars drawn: its
    empty slots (y null or NaN: years between two published ones, which keep each bar one year wide;
    dashboard/figures/timeseries.py ``_bars_on_every_year``) are left out."""
    out = {}
    for t in figure(page, key)["data"]:
        if not t.get("name"):
            continue
        x, y = t.get("x", []), t.get("y", [])
        if t.get("type") == "bar":
            kept = [(a, b) for a, b in zip(x, y) if b is not None and b == b]
            x, y = [a for a, _ in kept], [b for _, b in kept]
        out[t.get("name")] = (x, y)
    return out


def wait_figure(page, key: str, predicate_js: str, timeout: int = DATA_TIMEOUT_MS) -> None:
    """Wait until ``predicate_js`` (a JS expression over ``gd``) is true for a drawn chart."""
    # the predicate is spliced into the function text (not new Function(): the app's CSP forbids eval)
    page.wait_for_function(
        """(key) => {
          const gd = document.querySelector('#' + key + '-graph .js-plotly-plot');
          if (!gd || !gd.data || !gd.layout) return false;
          if (!gd.querySelector('.scatterlayer .trace, .barlayer .trace')) return false;
          return !!(""" + predicate_js + """);
        }""",
        arg=key, polling=100,
        timeout=timeout,
    )


def trace_names_js(names) -> str:
    """JS predicate: the named traces of gd are exactly ``names`` (in any order)."""
    want = json.dumps(sorted(names))
    return ("JSON.stringify(gd.data.filter(t => t.name && t.showlegend !== false)"
            f".map(t => t.name).sort()) === JSON.stringify({want})")


def goto(page, path: str, keys=("ts", "cmp", "comp")):
    page.goto(path)
    wait_page_charts(page, keys)


def open_dropdown(page, dd_id: str):
    page.click(f"#{dd_id}")
    page.wait_for_selector(".dash-dropdown-content [role=listbox]")


def select_option(page, dd_id: str, value, close: bool = True):
    """Pick an option of a Dash 4 dropdown by its value (clicking it, like a user)."""
    open_dropdown(page, dd_id)
    page.click(f".dash-dropdown-content label.dash-options-list-option:has(input[value=\"{value}\"])")
    if close and page.locator(".dash-dropdown-content").count():
        page.keyboard.press("Escape")
        page.wait_for_selector(".dash-dropdown-content", state="detached")


def option_values(page, dd_id: str) -> list[str]:
    open_dropdown(page, dd_id)
    vals = page.eval_on_selector_all(".dash-dropdown-content .dash-options-list-option input",
                                     "els => els.filter(e => !e.disabled).map(e => e.value)")
    page.keyboard.press("Escape")
    page.wait_for_selector(".dash-dropdown-content", state="detached")
    return vals


def observations(indicator: str) -> pd.DataFrame:
    """The shipped observations of one indicator, read straight from the parquet files."""
    cat = pd.read_parquet(ROOT / "datasets" / "catalog.parquet")
    dim = cat.loc[cat["indicator_id"] == indicator, "dimension"].iloc[0]
    obs = pd.read_parquet(ROOT / "datasets" / f"{dim}.parquet")
    return obs[obs["indicator_id"] == indicator]


def series(indicator: str, region: str = "CHN", sector: str = "total") -> pd.Series:
    obs = observations(indicator)
    s = obs[(obs["region"] == region) & (obs["sector"] == sector)]
    return s.set_index("year")["value"].sort_index()


def wait_url(page, *parts: str, timeout: int = 15_000) -> None:
    """Wait until the address bar holds every one of ``parts``. The URL follows the view one step
    after the chart: the chart is drawn from the server's answer as it arrives (assets/26_early_draw.js),
    the view state, and with it the URL, when Dash applies that answer."""
    page.wait_for_function("(parts) => parts.every(p => location.href.includes(p))", arg=list(parts),
                           polling=50, timeout=timeout)
