"""A straightforward baseline for the benchmark - NOT the product.

Same layout and component ids as the product (so the same browser and HTTP clients drive it), but the
render callback does what a first-cut Dash app does: re-read the dimension's Parquet file with pandas on
every callback, filter it with whole-frame pandas masks, draw the figures with plotly express and
build the tables with ``iterrows``. No result cache.

Run: ``gunicorn benchmarks.baseline_app:server`` (same DASHBOARD_* environment variables).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import html

import dashboard.callbacks as _cb
import dashboard.layouts as _layouts
from dashboard import Settings, create_app


def _table(frame: pd.DataFrame) -> html.Pre:
    # one text block: thousands of html.Td components stall the browser (see the product's data_table)
    return html.Pre(frame.head(2000).to_csv(index=False))


def baseline_card(store, state, key, cache=None):
    """One chart card the first-cut way (re-reading the Parquet file on every call)."""
    outputs = [{"id": f"{key}-{part}", "property": prop} for part, prop in
               (("graph", "figure"), ("heading", "children"), ("caption", "children"), ("table", "children"),
                ("sources", "children"), ("graph", "style"))]
    if state is None:
        out = tuple(px.line() if o["property"] == "figure" else [] for o in outputs)
        return dict(zip(("figure", "heading", "caption", "table", "sources", "style"), out))
    return dict(zip(("figure", "heading", "caption", "table", "sources", "style"), baseline_render(state, outputs)))


def baseline_render(state, outputs):
    settings = Settings.from_env()
    path = Path(settings.data_dir) / f"{state.dimension}.parquet"
    df = pd.read_parquet(path)  # every callback re-reads the file
    cat = pd.read_parquet(Path(settings.data_dir) / "catalog.parquet").set_index("indicator_id")
    meta = cat.loc[state.indicator]
    df = df[df["indicator_id"] == state.indicator]
    sel = df[df["region"].isin(state.regions) & df["sector"].isin(state.sectors)]
    ts = sel[(sel["year"] >= state.start) & (sel["year"] <= state.end)].sort_values(["region", "sector", "year"])
    ts = ts.assign(series=ts["region"] + " " + ts["sector"])
    wanted = {o["id"].partition("-")[0] for o in outputs}  # the charts this callback answers for
    ts_fig = cmp_fig = comp_fig = None
    cmp = comp = ts
    if "ts" in wanted:
        ts_fig = px.line(ts, x="year", y="value", color="series", title=str(meta["name"]), render_mode="svg",
                         labels={"value": str(meta["unit"])})
    if "cmp" in wanted:
        cmp = sel[sel["year"].isin([state.year_a, state.year_b])]
        cmp = cmp.assign(series=cmp["region"] + " " + cmp["sector"], year=cmp["year"].astype(str))
        cmp_fig = px.scatter(cmp, x="value", y="series", color="year", title=f"{meta['name']}: {state.year_a} vs "
                             f"{state.year_b}", render_mode="svg")
    if "comp" in wanted:
        stack = [s.strip() for s in str(meta["stack_sectors"]).split(",") if s.strip()]
        region = "CHN" if "CHN" in state.regions else (state.regions[0] if state.regions else "CHN")
        comp = df[(df["region"] == region) & df["sector"].isin(stack) & (df["year"] >= state.start)
                  & (df["year"] <= state.end)].sort_values(["sector", "year"])
        comp_fig = px.area(comp, x="year", y="value", color="sector", title=f"{meta['name']}: composition",
                           groupnorm="percent" if state.stack == "percent" else None)
    figs = {"ts": ts_fig, "cmp": cmp_fig, "comp": comp_fig}
    frames = {"ts": ts, "cmp": cmp, "comp": comp}
    out = []
    for o in outputs:
        key, _, part = o["id"].partition("-")
        if o["property"] == "style":
            out.append({"height": "460px"})
        elif o["property"] == "figure":
            out.append(figs.get(key, px.line()))
        elif part == "table":
            out.append(_table(frames.get(key, ts)))
        elif part == "sources":
            out.append(html.Dl([html.Dt("Source"), html.Dd(str(meta["source"]))]))
        else:
            out.append([html.Span(f"Unit: {meta['unit']}. Source: {meta['source']}.")])
    return tuple(out)


_cb.render_card = baseline_card  # this process only
_cb.charts_to_redraw = lambda before, after: _cb.CHART_KEYS  # no partial redraws either
# A first-cut app draws a page's charts with a callback after the page arrives: no charts in the
# layout, and the render callback fires on page load.
_layouts.render_cards = lambda store, state, cache=None: {"ts": {}, "cmp": {}, "comp": {}}
app = create_app(Settings.from_env())
for _c in app._callback_list:
    if "ts-graph.figure" in _c["output"]:
        _c["prevent_initial_call"] = False
server = app.server
