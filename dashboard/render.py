"""Turn (store, view state, chart key) into a chart card's contents.

The one module that knows the chart data (:mod:`dashboard.model.chart_data`), the figure
builders and the card components together, as OWID's ``ChartTypeMap`` does. The page layouts
use it to draw a page's first view with the page; the callbacks use it on every change. It
imports neither of them.

A :class:`Card` is a dict ``{figure, heading, caption, table, sources, style}``; ``figure`` is
a plain figure dict (see :mod:`dashboard.figures.common`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import pandas as pd
from dash import html

from dashboard.cache import RenderCache
from dashboard.components.chart_card import Card
from dashboard.components.data_table import table_note
from dashboard.components.sources import flag_legend, source_caption, sources_panel
from dashboard.data.i18n import N_, _, bracketed, get_lang, use_lang
from dashboard.data.labels import region_name, sector_name
from dashboard.data.store import DataStore
from dashboard.figures import (
    compare_figure,
    composition_figure,
    empty_figure,
    figure_heading,
    timeseries_figure,
)
from dashboard.figures.annotations import add_event_markers
from dashboard.figures.margins import TITLED_X_AXIS_PX, YEAR_AXIS_PX, fit_margins
from dashboard.figures.na_points import na_footnote
from dashboard.figures.summary import chart_summary
from dashboard.figures.timeseries import add_overlay, markers_apart
from dashboard.model.catalog import catalog_row, indicator_meta, state_from_raw
from dashboard.model.chart_data import (
    compare_data,
    composition_data,
    composition_region,
    empty_frame,
    export_frame,
    export_unit,
    selection_years,
)
from dashboard.model.log_scale import log_reason
from dashboard.model.milestones.cached import store_events
from dashboard.model.overlay import drawn_log_reason, overlay_counterpart, short_name, timeseries_with_overlay
from dashboard.model.state import ViewState
from dashboard.model.transforms import rate_changes

COMP_STYLE = {"height": "460px"}
COMP_STYLE_EMPTY = {"height": "170px"}  # a short card when there is nothing to stack
#: the version of :class:`Card`'s keys in the render cache: a cache shared with an older build
#: (filesystem or Redis) never hands back a card without the keys this one reads
CARD_FORMAT = 2




@dataclass(frozen=True)
class ChartSpec:
    """One chart: its key (component ids), card title, CSV/PNG file stem, graph style, and the
    :class:`ViewState` fields it reads (it is redrawn only when one of them changes)."""

    key: str
    title: str
    stem: str
    style: dict[str, str]
    reads: tuple[str, ...]
    chart_frame: Callable[[DataStore, ViewState], pd.DataFrame]


def _ts_frame(store: DataStore, state: ViewState) -> pd.DataFrame:
    return timeseries_with_overlay(store, state) if state.regions and state.sectors else empty_frame()


def _cmp_frame(store: DataStore, state: ViewState) -> pd.DataFrame:
    """The compare-years rows (:func:`compare_data`); for a rate of change only the difference in
    percentage points (:func:`~dashboard.model.transforms.rate_changes`)."""
    cmp = compare_data(store, state)
    return rate_changes(cmp) if indicator_meta(store, state.indicator).is_rate else cmp


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("ts", N_("Time series"), "timeseries", {"height": "460px"},
              ("indicator", "regions", "sectors", "start", "end", "transform", "base_year", "log",
              "events", "overlay"), _ts_frame),
    ChartSpec("cmp", N_("Compare years"), "compare", {"minHeight": "320px"},
              ("indicator", "regions", "sectors", "transform", "year_a", "year_b"), _cmp_frame),
    ChartSpec("comp", N_("Compare sectors"), "composition", COMP_STYLE,
              ("indicator", "regions", "start", "end", "stack"), composition_data),
)
CHART_KEYS: tuple[str, ...] = tuple(c.key for c in CHARTS)
SPECS: dict[str, ChartSpec] = {c.key: c for c in CHARTS}


def heading(fig: dict[str, Any]) -> list:
    """HTML title and subtitle of a chart (they wrap on narrow screens, unlike SVG text)."""
    title, subtitle = figure_heading(fig)
    if not title:
        return []
    # the text alternative of the chart (read with the heading: the chart region is labelled by it)
    summary = html.P(chart_summary(fig), className="visually-hidden chart-summary")
    return [html.H3(title, className="chart-title"), html.P(subtitle, className="chart-subtitle"), summary]


def empty_card(key: str) -> Card:
    """The card of a page whose view state is not valid: an empty chart and nothing else."""
    style = COMP_STYLE_EMPTY if key == "comp" else dict(SPECS[key].style)
    return Card(figure=empty_figure(_("Nothing to show: pick an indicator.")), heading=[], caption=[], table=[],
                sources=[], style=style, exports_hidden=True, log_reason="")


def page_state(store: DataStore, dimension: str, raw: Mapping[str, Any], *,
               empty_lists_ok: bool = False) -> tuple[ViewState, list[str]]:
    """:func:`~dashboard.model.catalog.state_from_raw` of a page's link or controls, with the log scale
    checked against the values the time series draws (:func:`~dashboard.model.overlay.drawn_log_reason`:
    asked for on a view with a value <= 0, it is turned off and a notice says why)."""
    return state_from_raw(store, dimension, raw, empty_lists_ok=empty_lists_ok,
                          log_check=lambda st: drawn_log_reason(store, st))


def render_card(store: DataStore, state: ViewState | None, key: str, cache: RenderCache | None = None) -> Card:
    """The contents of chart ``key``'s card for ``state`` (None: the empty card).

    Cached by (key, state) in ``cache`` when one is given. Raises ``KeyError`` for an unknown key.
    """
    spec = SPECS[key]
    if state is None:
        return empty_card(key)
    cache_key = ("card", CARD_FORMAT, key) + state.cache_key()
    if cache is not None:
        hit = cache.get(cache_key)
        if hit is not None:
            return hit
    with use_lang(state.lang):
        meta = catalog_row(store, state.indicator)
        card = {"ts": _render_ts, "cmp": _render_cmp, "comp": _render_comp}[spec.key](store, state, meta)
    if cache is not None:
        cache.set(cache_key, card)
    return card


def render_cards(store: DataStore, state: ViewState | None, cache: RenderCache | None = None) -> dict[str, Card]:
    """Every chart's card, by chart key (a page's first view)."""
    return {key: render_card(store, state, key, cache) for key in CHART_KEYS}


def charts_to_redraw(before: ViewState | None, after: ViewState) -> tuple[str, ...]:
    """Keys of the charts whose fields differ between two states (all of them if ``before`` is
    None or of another dimension)."""
    if before is None or before.dimension != after.dimension:
        return CHART_KEYS
    return tuple(c.key for c in CHARTS if any(getattr(before, f) != getattr(after, f) for f in c.reads))


def chart_export(store: DataStore, state: ViewState, key: str) -> pd.DataFrame:
    """The exact rows chart ``key`` draws for ``state``, tidy and labelled (the CSV download)."""
    spec = SPECS[key]
    with use_lang(state.lang):
        return export_frame(spec.chart_frame(store, state), catalog_row(store, state.indicator), state, spec.stem)


def export_filename(state: ViewState, key: str) -> str:
    """``<indicator>-<chart stem>.csv``."""
    return f"{state.indicator}-{SPECS[key].stem}.csv"


# ---------------------------------------------------------------- one renderer per chart
def selection_prompt(state: ViewState, uses_sectors: bool = True) -> str | None:
    """What to do when the selection is empty ("Pick at least one region." / "... sector."), or
    None. Every card says it instead of blaming the years or the data (issue 9, item 5)."""
    if not state.regions:
        return _("Pick at least one region.")
    if uses_sectors and not state.sectors:
        return _("Pick at least one sector.")
    return None


def _table_note(frame: pd.DataFrame, meta: dict[str, Any], state: ViewState, chart: str) -> Any:
    """The note under a card's data table (:func:`~dashboard.components.data_table.table_note`),
    the same as ``data_table(export_frame(...))`` gives; the export frame (region and sector
    names for every row) is built only when some value is n/a and the footnote names it."""
    if frame.empty:
        return table_note(None, "", None, "")
    notes = frame["note"].tolist() if "note" in frame.columns else []
    footnote = na_footnote(export_frame(frame, meta, state, chart)) if any(str(n) for n in notes) else ""
    if chart == "compare" and meta.get("kind") == "rate":  # every row's n/a has one reason (rate_changes)
        footnote = _(" “n/a”: a rate of change has no % change or CAGR; “Change” is the difference in percentage points.")
    flags = None if "value_a" in frame.columns else frame["flag"].tolist()
    return table_note(frame, export_unit(meta, state, chart), flags, footnote)


def _sources_panel(store: DataStore, meta: dict[str, Any]) -> Any:
    """:func:`sources_panel` of an indicator in the current language, built once per (indicator,
    language) on the store (the same panel is under each of a page's charts on every render)."""
    cache = store.__dict__.setdefault("_sources_panel", {})
    key = (meta["indicator_id"], get_lang())
    panel = cache.get(key)
    if panel is None:
        panel = cache[key] = sources_panel(meta)
    return panel


def _render_ts(store: DataStore, state: ViewState, meta: dict[str, Any]) -> Card:
    prompt = selection_prompt(state)
    counterpart = overlay_counterpart(store, state)
    other_row = catalog_row(store, counterpart) if counterpart else None  # the counterpart's catalog row
    suffix = short_name(other_row["name"]) if other_row is not None else ""
    if prompt:
        fig = empty_figure(prompt, meta["name"])
        frame = ts = empty_frame()
    else:
        frame = timeseries_with_overlay(store, state)  # the indicator's rows, then the counterpart's
        own = frame["indicator_id"] == state.indicator
        ts = frame[own].drop(columns="indicator_id") if counterpart else frame.drop(columns="indicator_id")
        fig = timeseries_figure(ts, {**meta, "default_chart": "line"} if counterpart else meta, state)
        if counterpart:  # the counterpart's series in the overlay's look (theme.OVERLAY_DASH)
            fig = add_overlay(fig, ts, frame[~own].drop(columns="indicator_id"), meta, state, suffix, other_row)
        if state.events:  # dated milestones of content/events.toml, as markers
            fig = add_event_markers(fig, ts, store_events(store, state.indicator))
        fig = markers_apart(fig)  # markers only where a point has one (issue 14)
        fig = fit_margins(fig, YEAR_AXIS_PX)  # plotly then lays it out once (figures/margins.py)
    extra = flag_legend(frame["flag"]) if not frame.empty else []
    # why the Log scale switch is off and disabled for this view ("": offered); the same rule as the figure's
    why_not_log = log_reason(frame["value"].tolist(), meta.get("kind") == "rate")
    if state.log and why_not_log:  # a state normalize did not check (model.log_scale): the chart is linear
        extra.append(html.Span(_(" Log scale needs positive values: shown on a linear scale."),
                               className="text-warning-emphasis"))
    caption = [html.Div(str(meta["definition"]), className="chart-definition text-body")]
    if other_row is not None:  # why the two series differ (catalog counterpart_note, Chinese from indicators.zh.toml)
        note = str(meta["counterpart_note"])
        caption.append(html.Div([html.Strong(_("Short dashes with markers: {name}. ").format(name=other_row["name"])),
                                 html.Span(note, lang="en") if meta.get("counterpart_note_lang") == "en" else note],
                                className="counterpart-note text-body"))
    caption += source_caption(meta, extra)
    table = _table_note(frame, meta, state, "timeseries")
    return Card(figure=fig, heading=heading(fig), caption=caption, table=table, sources=_sources_panel(store, meta),
                style=dict(SPECS["ts"].style), log_reason=why_not_log)


def _render_cmp(store: DataStore, state: ViewState, meta: dict[str, Any]) -> Card:
    cmp = _cmp_frame(store, state)
    prompt = selection_prompt(state)
    fig = empty_figure(prompt, meta["name"]) if prompt else \
        fit_margins(compare_figure(cmp, meta, state, selection_years(store, state) if cmp.empty else None),
                    TITLED_X_AXIS_PX, left_px=None)
    caption = source_caption(meta, _missing_note(store, state, cmp))
    table = _table_note(cmp, meta, state, "compare")
    return Card(figure=fig, heading=heading(fig), caption=caption, table=table, sources=_sources_panel(store, meta),
                style=dict(SPECS["cmp"].style))


def _render_comp(store: DataStore, state: ViewState, meta: dict[str, Any]) -> Card:
    region = composition_region(state)
    imeta = indicator_meta(store, state.indicator)
    if not imeta.stack_sectors:
        why = (_("No sector breakdown for this indicator.") if not imeta.has_sectors else
               _("This indicator's sectors overlap<br>(they are nested), so they are not stacked."))
        comp = empty_frame()
        fig = empty_figure(why + _("<br>Pick one marked “by sector”<br>to see a composition."), meta["name"])
    elif region is None:  # the composition shows every part of one region: only regions matter
        comp = empty_frame()
        fig = empty_figure(selection_prompt(state, uses_sectors=False) or "", meta["name"])
    else:
        comp = composition_data(store, state)
        fig = fit_margins(composition_figure(comp, meta, state, region), YEAR_AXIS_PX)
    shown = [html.Span(_(" Region shown: {region}.").format(region=region_name(region)))] if region else []
    caption = source_caption(meta, shown)
    table = _table_note(comp, meta, state, "composition")
    drawn = bool(imeta.stack_sectors) and region is not None and not comp.empty
    return Card(figure=fig, heading=heading(fig), caption=caption, table=table, sources=_sources_panel(store, meta),
                style=dict(COMP_STYLE if drawn else COMP_STYLE_EMPTY), exports_hidden=not drawn)


def _missing_note(store: DataStore, state: ViewState, cmp: pd.DataFrame) -> list:
    """Say which selected series the comparison leaves out for lack of data."""
    if state.year_a == state.year_b or not state.regions or not state.sectors:
        return []
    shown = set(zip(cmp["region"], cmp["sector"]))
    imeta = indicator_meta(store, state.indicator)
    sectors = [s for s in state.sectors if s in imeta.sectors]
    missing = [(r, s) for r in state.regions for s in sectors if (r, s) not in shown]
    if not missing:
        return []
    names = [region_name(r) if s == "total" else bracketed(region_name(r), sector_name(s)) for r, s in missing[:8]]
    more = _(" and {n} more").format(n=len(missing) - 8) if len(missing) > 8 else ""
    a, b = sorted((state.year_a, state.year_b))
    text = _(" Not shown, no value for both {a} and {b}: {names}{more}.")
    return [html.Span(text.format(a=a, b=b, names=_(", ").join(names), more=more),
                      className="missing-note")]
