"""The controls of a dimension page and the option lists the callbacks send back to them.

The option builders are data (lists of dicts), so the callback that changes the indicator
reuses them to offer only what the new indicator has.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.components import ids
from dashboard.components.language import dropdown_labels
from dashboard.data.i18n import _, bracketed, get_lang
from dashboard.data.i18n_content import localize_row, search_text
from dashboard.data.labels import region_name, sector_name
from dashboard.model.log_scale import RATE_REASON
from dashboard.model.state import IndicatorMeta, ViewState
from dashboard.model.textsearch import fold
from dashboard.model.transforms import TRANSFORMS

#: indicator_options per (catalog frame, language): a page's catalog rows are one memoised frame
#: (``DataStore.indicators``) and folding every option's search text costs ~10 ms per page view
_OPTIONS: dict[tuple[int, str], tuple[pd.DataFrame, list[dict]]] = {}


def indicator_options(catalog: pd.DataFrame) -> list[dict]:
    """Indicator picker options grouped under their catalog group (headers disabled), in the
    current language; built once per catalog frame and language (a new list each call)."""
    key = (id(catalog), get_lang())
    hit = _OPTIONS.get(key)
    if hit is not None and hit[0] is catalog:
        return list(hit[1])
    options = _indicator_options(catalog)
    if len(_OPTIONS) > 256:  # frames of stores built and dropped (tests): keep the memo bounded
        _OPTIONS.clear()
    _OPTIONS[key] = (catalog, options)
    return list(options)


def _indicator_options(catalog: pd.DataFrame) -> list[dict]:
    options: list[dict] = []
    for group, rows in catalog.groupby("group", sort=False):
        shown = localize_row({"group": str(group)})["group"]
        # labels are plain text, not components: each component in an open list is one more
        # Dash component the renderer updates on every change while the list is open (issue 14);
        # a group header is styled by its disabled option (assets/10_dashboard.css)
        options.append({"label": str(shown), "value": f"__group__{group}",
                        "disabled": True, "search": fold(f"{group} {shown}")})
        for ind_id, en_row in rows.iterrows():
            row = localize_row({**en_row.to_dict(), "indicator_id": str(ind_id)})
            sectors = _(" · by sector") if bool(row["has_sectors"]) else ""
            options.append({
                "label": bracketed(row["name"], row["unit"]) + sectors,
                "value": str(ind_id),
                "search": fold(search_text(str(ind_id), row, str(group))),  # textsearch: what people type
            })
    return options


def region_options(meta: IndicatorMeta) -> list[dict]:
    """Region dropdown options: the regions the indicator has, by display name."""
    return [{"label": region_name(r), "value": r} for r in meta.regions]


def sector_options(meta: IndicatorMeta) -> list[dict]:
    """Sector dropdown options: the sectors the indicator has, by display name."""
    return [{"label": sector_name(s), "value": s} for s in meta.sectors]


def year_marks(lo: int, hi: int) -> dict:
    """Year-slider marks: a round step for the span, the last year always labelled."""
    span = hi - lo
    step = 1 if span <= 6 else 2 if span <= 12 else 5 if span <= 25 else 10 if span <= 60 else 20
    marks = {y: str(y) for y in range(lo, hi + 1) if (y - lo) % step == 0 or y == hi}
    if hi - max(marks) < step and hi not in marks:
        marks[hi] = str(hi)
    # avoid the last two labels colliding
    keys = sorted(marks)
    if len(keys) >= 2 and keys[-1] - keys[-2] < step and keys[-2] != lo:
        marks.pop(keys[-2])
    return marks


def year_options(meta: IndicatorMeta) -> list[dict]:
    """Year dropdown options, latest first."""
    return [{"label": str(y), "value": y} for y in range(meta.year_max, meta.year_min - 1, -1)]


def transform_options(meta: IndicatorMeta) -> list[dict]:
    """Transform radio options; share of total only where the sectors partition a total, index and
    year-on-year % not for a rate of change (:meth:`IndicatorMeta.transform_allowed`)."""
    return [
        {"label": _(label), "value": key, "disabled": not meta.transform_allowed(key)}
        for key, label in TRANSFORMS.items()
    ]


def log_options(meta: IndicatorMeta, reason: str = "") -> list[dict]:
    """The log-scale switch's one option: disabled, its label saying why, when a log axis cannot draw the
    view: ``reason`` (:func:`dashboard.model.log_scale.drawn_log_reason`: the drawn values include one <= 0),
    or the indicator is a rate of change (catalog ``kind = "rate"``), whose values can be negative."""
    if not reason and meta.is_rate:
        reason = _(RATE_REASON)
    if not reason:
        return [{"label": _("Log scale"), "value": "log", "disabled": False}]
    # the reason in a short muted line under the switch's name (the filter column is ~130 px wide at
    # 1440 px: the whole sentence wrapped over six lines); the whole reason on hover and in the notice
    short = _("unavailable: a rate of change") if meta.is_rate else _("unavailable: values ≤ 0")
    label = html.Span([_("Log scale"), html.Small(short, className="d-block text-muted log-reason")],
                      title=reason)
    return [{"label": label, "value": "log", "disabled": True}]


def _label(text: str, for_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=for_id, className="form-label small fw-semibold mb-1")


def filter_panel(catalog: pd.DataFrame, meta: IndicatorMeta, state: ViewState, log_reason: str = "") -> dbc.Card:
    """The linked filters that drive every chart on a dimension page; ``log_reason``: why the view's
    values cannot be drawn on a log scale ("" when they can; the time-series card's ``log_reason``)."""
    body = [
        html.Div([
            _label(_("Indicator"), ids.INDICATOR),
            dcc.Dropdown(labels=dropdown_labels(), id=ids.INDICATOR, options=indicator_options(catalog), value=state.indicator,
                         clearable=False, searchable=True, optionHeight=44,
                         className="indicator-dropdown"),
        ], className="mb-3"),
        dbc.Row([
            dbc.Col([
                _label(_("Regions"), ids.REGIONS),
                dcc.Dropdown(labels=dropdown_labels(),
                             id=ids.REGIONS, options=region_options(meta), value=list(state.regions), multi=True,
                             placeholder=_("Add economies…"), searchable=True),
            ], width=12, className="mb-3"),  # full width: every chosen region and sector is shown, wrapping
            dbc.Col([
                _label(_("Sectors"), ids.SECTORS),
                dcc.Dropdown(labels=dropdown_labels(),
                             id=ids.SECTORS, options=sector_options(meta), value=list(state.sectors), multi=True,
                             disabled=not meta.has_sectors, placeholder=_("No breakdown"),
                             searchable=True),
            ], width=12, className="mb-3"),
        ]),
        html.Div([
            _label(_("Years"), ids.YEARS),
            dcc.RangeSlider(id=ids.YEARS, min=meta.year_min, max=meta.year_max, step=1,
                            value=[state.start, state.end], marks=year_marks(meta.year_min, meta.year_max),
                            allowCross=False, allow_direct_input=False,
                            tooltip={"placement": "bottom", "always_visible": False}),
        ], className="mb-3 years-slider"),
        dbc.Row([
            dbc.Col([
                _label(_("Transform"), ids.TRANSFORM),
                dbc.RadioItems(id=ids.TRANSFORM, options=transform_options(meta), value=state.transform,
                               className="small"),
            ], sm=7, className="mb-2"),
            dbc.Col([
                _label(_("Base year (index)"), ids.BASE_YEAR),
                dcc.Dropdown(labels=dropdown_labels(),
                             id=ids.BASE_YEAR, options=year_options(meta), value=state.base_year, clearable=False,
                             disabled=state.transform != "index"),
                dbc.Checklist(id=ids.LOG, options=log_options(meta, log_reason),
                              value=["log"] if state.log and not log_reason else [], switch=True,
                              className="mt-2 small"),
            ], sm=5, className="mb-2"),
        ]),
    ]
    return html.Section(dbc.Card(dbc.CardBody(body), className="filter-panel shadow-sm mb-3"),
                        **{"aria-label": _("Filters")})  # type: ignore[arg-type]


def compare_controls(meta: IndicatorMeta, state: ViewState) -> html.Div:
    """The From/To year pickers of the compare-years card."""
    opts = year_options(meta)
    return html.Div(
        [
            html.Div([_label(_("From"), ids.YEAR_A),
                      dcc.Dropdown(labels=dropdown_labels(), id=ids.YEAR_A, options=opts, value=state.year_a, clearable=False)],
                     className="compare-year"),
            html.Div([_label(_("To"), ids.YEAR_B),
                      dcc.Dropdown(labels=dropdown_labels(), id=ids.YEAR_B, options=opts, value=state.year_b, clearable=False)],
                     className="compare-year"),
            html.Small(_("Tip: click a point on the time series to set “To”."), className="text-muted ms-2"),
        ],
        className="d-flex flex-wrap align-items-end gap-2 mb-2",
    )


def stack_controls(state: ViewState) -> html.Div:
    """The stacked / 100% stacked switch of the composition card."""
    return html.Div(
        [
            _label(_("Stacking"), ids.STACK),
            dbc.RadioItems(id=ids.STACK, options=[{"label": _("Stacked"), "value": "absolute"},
                                                {"label": _("100% stacked"), "value": "percent"}],
                           value=state.stack, inline=True, className="small"),
        ],
        className="mb-2",
    )


def overlay_options(counterpart_name: str) -> list[dict]:
    """The options of the time-series card's overlay switch: one, "Overlay <counterpart name>",
    disabled when ``counterpart_name`` is empty (the indicator has no counterpart)."""
    label = _("Overlay {name}").format(name=counterpart_name) if counterpart_name else ""
    return [{"label": label, "value": "on", "disabled": not counterpart_name}]


def overlay_style(counterpart_name: str) -> dict[str, str]:
    """The overlay switch is hidden when the indicator has no counterpart."""
    return {} if counterpart_name else {"display": "none"}


def overlay_switch(counterpart_name: str, on: bool) -> dbc.Checklist:
    """The time-series card's "Overlay <counterpart name>" switch (URL: ``overlay=1`` when on);
    hidden and disabled when ``counterpart_name`` is empty. A native labelled check box, like the
    milestones switch (dcc.Checklist draws a listbox of options, which has no accessible name)."""
    return dbc.Checklist(
        id=ids.OVERLAY,
        options=overlay_options(counterpart_name),
        value=["on"] if on and counterpart_name else [],
        style=overlay_style(counterpart_name),
        switch=True,
        className="overlay-switch small mb-2",
    )
