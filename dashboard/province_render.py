"""Turn (store, provincial view state, chart key) into a provincial chart card's contents, as
:mod:`dashboard.render` does for the dimension pages: the page layout draws the first view with it,
the callbacks every change, and the CSV download takes the same rows the chart draws.

Charts: ``pmap`` (map of one year), ``prank`` (provinces ranked that year), ``pts`` (time series
of the chosen provinces and China), ``pcmp`` (two years compared for every province).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd
from dash import html

from dashboard.cache import RenderCache
from dashboard.components.chart_card import Card
from dashboard.components.data_table import data_table
from dashboard.components.province_controls import year_table
from dashboard.components.sources import flag_legend, source_caption, sources_panel
from dashboard.data.i18n import N_, _, use_lang
from dashboard.data.labels import sector_name
from dashboard.data.store import DataStore
from dashboard.figures.choropleth import choropleth_figure
from dashboard.figures.common import figure_heading
from dashboard.figures.ranked import province_compare_figure, province_series_figure, ranked_figure
from dashboard.model.catalog import catalog_row
from dashboard.model.province_data import (
    ProvinceState,
    compare_data,
    export_data,
    map_shapes,
    national_value,
    series_data,
    value_range,
    year_data,
)

log = logging.getLogger(__name__)




@dataclass(frozen=True)
class ProvinceChart:
    """One chart of the view: key, card title (English, translated where shown), file stem, graph
    style, the state fields it reads (it is redrawn only when one changes; ``lang`` is one of them, so
    the cache keeps each language apart) and the rows it draws."""

    key: str
    title: str
    stem: str
    style: dict[str, str]
    reads: tuple[str, ...]
    rows: Callable[[DataStore, ProvinceState], pd.DataFrame]


PROVINCE_CHARTS: tuple[ProvinceChart, ...] = (
    ProvinceChart("pmap", N_("Map"), "map", {"height": "520px"},
                  ("indicator", "sector", "year", "provinces", "lang"), year_data),
    ProvinceChart("prank", N_("Ranking"), "ranking", {"minHeight": "420px"},
                  ("indicator", "sector", "year", "provinces", "lang"), year_data),
    ProvinceChart("pts", N_("Time series"), "timeseries", {"height": "440px"},
                  ("indicator", "sector", "year", "provinces", "lang"), series_data),
    ProvinceChart("pcmp", N_("Compare years"), "compare", {"minHeight": "420px"},
                  ("indicator", "sector", "year_a", "year_b", "provinces", "lang"), compare_data),
)
PROVINCE_KEYS: tuple[str, ...] = tuple(c.key for c in PROVINCE_CHARTS)
PROVINCE_SPECS: dict[str, ProvinceChart] = {c.key: c for c in PROVINCE_CHARTS}


def province_meta_row(store: DataStore, state: ProvinceState) -> dict[str, Any]:
    """The catalog row of the state's indicator; its name carries the sector when there is one."""
    meta = catalog_row(store, state.indicator)
    if state.sector != "total":
        meta["name"] = f"{meta['name']} – {sector_name(state.sector)}"
    return meta


def _heading(fig: dict[str, Any]) -> list:
    title, subtitle = figure_heading(fig)
    return [html.H3(title, className="chart-title"), html.P(subtitle, className="chart-subtitle")] if title else []


def _shapes() -> dict[str, Any]:
    try:
        return map_shapes()
    except (OSError, ValueError, KeyError, TypeError):
        log.exception("could not read the province boundaries")
        return {}


def _labelled(frame: pd.DataFrame, state: ProvinceState, unit: str) -> pd.DataFrame:
    return frame.assign(sector_name=sector_name(state.sector) if state.sector != "total" else _("Total"), unit=unit)


def province_card(store: DataStore, state: ProvinceState, key: str, cache: RenderCache | None = None) -> Card:
    """The contents of provincial chart ``key``'s card in the state's language (cached by key and
    state when ``cache`` is given). Raises KeyError for an unknown key."""
    spec = PROVINCE_SPECS[key]
    cache_key = ("prov-card", key) + tuple((f, getattr(state, f)) for f in spec.reads)
    if cache is not None:
        hit = cache.get(cache_key)
        if hit is not None:
            return hit
    with use_lang(state.lang):
        card = _province_card(store, state, key)
    if cache is not None:
        cache.set(cache_key, card)
    return card


def _province_card(store: DataStore, state: ProvinceState, key: str) -> Card:
    spec = PROVINCE_SPECS[key]
    meta = province_meta_row(store, state)
    unit, decimals = str(meta["unit"]), int(meta["decimals"])
    rows = spec.rows(store, state)
    if key == "pmap":
        fig = choropleth_figure(_shapes(), rows, meta, state.year, state.provinces,
                                value_range(store, state.indicator, state.sector))
        table: Any = year_table(rows, decimals, unit)
    elif key == "prank":
        fig = ranked_figure(rows, meta, state.year, state.provinces, value_range(store, state.indicator, state.sector),
                            national_value(store, state))
        table = year_table(rows, decimals, unit)
    elif key == "pts":
        fig = province_series_figure(rows, meta, state.provinces, state.year)
        table = data_table(_labelled(rows, state, unit), decimals)
    else:
        fig = province_compare_figure(rows, meta, state.provinces)
        table = data_table(_labelled(rows, state, unit).assign(sector=state.sector), decimals)
    extra = flag_legend(rows["flag"]) if "flag" in rows.columns and not rows.empty else []
    caption = source_caption(meta, extra)
    if key == "pmap":
        caption = [html.Div(str(meta["definition"]), className="chart-definition text-body")] + caption
    return Card(figure=fig, heading=_heading(fig), caption=caption, table=table, sources=sources_panel(meta),
                style=dict(spec.style))


def province_cards(store: DataStore, state: ProvinceState, cache: RenderCache | None = None) -> dict[str, Card]:
    """Every provincial chart's card (the page's first view)."""
    return {key: province_card(store, state, key, cache) for key in PROVINCE_KEYS}


def province_charts_to_redraw(before: ProvinceState | None, after: ProvinceState) -> tuple[str, ...]:
    """Keys of the charts whose fields differ between two states (all if ``before`` is None)."""
    if before is None:
        return PROVINCE_KEYS
    return tuple(c.key for c in PROVINCE_CHARTS if any(getattr(before, f) != getattr(after, f) for f in c.reads))


def province_export(store: DataStore, state: ProvinceState, key: str) -> pd.DataFrame:
    """The exact rows chart ``key`` draws, tidy and labelled in the state's language (the CSV download)."""
    with use_lang(state.lang):
        return export_data(PROVINCE_SPECS[key].rows(store, state), province_meta_row(store, state))


def province_filename(state: ProvinceState, key: str) -> str:
    """``<indicator>[-<sector>]-<chart stem>[-<year>].csv``."""
    spec = PROVINCE_SPECS[key]
    sector = "" if state.sector == "total" else f"-{state.sector}"
    year = f"-{state.year}" if key in ("pmap", "prank") else (f"-{state.year_a}-{state.year_b}" if key == "pcmp" else "")
    return f"{state.indicator}{sector}-{spec.stem}{year}.csv"
