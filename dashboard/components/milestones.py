"""The overview's milestone cards (one per claim of the paper) and the time series' "Show milestones" switch.

Trees only: the verdicts come computed from :mod:`dashboard.model.milestones`; the caller passes
the link, the sparkline picture and the headline figure it chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import ids
from dashboard.data.i18n import N_, _, is_zh
from dashboard.data.i18n_content import source_text
from dashboard.model.milestones import NO_DATA, NO_DATA_PREFIX, NOT_SUPPORTED, PARTLY, SUPPORTED, Evidence, Verdict, fmt

#: verdict -> (css modifier, icon, text shown, translated where shown): colour is never the only cue
BADGES: dict[str, tuple[str, str, str]] = {
    SUPPORTED: ("supported", "✓", N_("Supported")),
    PARTLY: ("partly", "◐", N_("Partly supported")),
    NOT_SUPPORTED: ("not-supported", "✗", N_("Not supported")),
    NO_DATA: ("no-data", "?", N_("No data in the project yet")),
}


def claim_text(v: Verdict) -> str:
    """The claim in the current language (the Chinese text of the content where there is one)."""
    return v.claim_zh if is_zh() and v.claim_zh else v.claim


def rule_text(v: Verdict) -> str:
    """The rule behind a verdict in the current language (``rule_text_zh`` where there is one)."""
    return v.rule_text_zh if is_zh() and v.rule_text_zh else v.rule_text


def computed(text: str) -> Any:
    """A text computed by the model (explanation, detail line, alternative definition); it is
    already in the current language (the model writes it from catalog templates and Chinese
    content, see :mod:`dashboard.model.milestones.evaluate`)."""
    return text


def attrs(values: dict[str, str]) -> Any:
    """``data-*`` / ``aria-*`` attributes as keyword arguments (Dash accepts them; its stubs do not)."""
    return values


#: mark of a detail line -> (icon, its name for screen readers, translated where shown)
_MARKS = {"[holds]": ("✓", N_("holds")), "[does not hold]": ("✗", N_("does not hold")), "[no data]": ("?", N_("no data"))}


@dataclass(frozen=True)
class CardExtras:
    """What the page adds to a verdict: the headline figure, its chart link and sparkline."""

    figure: Evidence | None
    href: str | None
    spark_src: str | None
    spark_alt: str = ""


def figure_text(ev: Evidence, *, unit: bool = True) -> str:
    """A figure as shown (:func:`~dashboard.model.milestones.fmt`), its flag named in the current language."""
    return fmt(ev, unit=unit)


def verdict_badge(verdict: str) -> html.Span:
    """The verdict as icon and text in a coloured pill (``data-verdict`` holds the verdict name)."""
    mod, icon, text = BADGES.get(verdict, ("no-data", "?", verdict))
    return html.Span([html.Span(icon, className="verdict-icon", **attrs({"aria-hidden": "true"})), " ", _(text)],
                     className=f"verdict-badge verdict-{mod}", **attrs({"data-verdict": verdict}))


def _detail_item(line: str) -> html.Li:
    for mark, (icon, name) in _MARKS.items():
        if line.startswith(mark):
            return html.Li([html.Span(icon, className="part-mark", **attrs({"aria-hidden": "true"})),
                            html.Span(_(name) + _(": "), className="visually-hidden"),
                            computed(line[len(mark):].strip())])
    return html.Li(computed(line))


def _differs(v: Verdict) -> list:
    """What differs from the claim: the other definition and the parts that do not hold."""
    if v.verdict == SUPPORTED:
        return []
    out: list = []
    if v.alternative:
        out.append(html.P([html.Strong(_("Holds only under another definition: ")), computed(v.alternative)],
                          className="mb-1"))
    failing = [d for d in v.details if not d.startswith("[holds]") and not d.startswith("[no data]")]
    missing = [d for d in v.details if d.startswith("[no data]")]
    if v.verdict in (PARTLY, NOT_SUPPORTED):
        # a part the project has no data for is not a part that fails: each list under its own heading
        for lines, heading in ((failing, _("What does not hold:") if v.verdict == PARTLY else _("Why not:")),
                               (missing, _("No data yet for:"))):
            if lines:
                out.append(html.Div([html.Strong(heading),
                                     html.Ul([_detail_item(d) for d in lines], className="mb-0 ps-3")]))
    elif v.verdict == NO_DATA:
        out.append(html.P([html.Strong(_("Data needed: ")),
                           computed(v.explanation.removeprefix(_(NO_DATA_PREFIX)))],
                          className="mb-0 milestone-missing"))
    return [html.Div(out, className="milestone-differs small")] if out else []


def milestone_card(v: Verdict, extras: CardExtras) -> dbc.Col:
    """One claim: verdict badge, the claim, the headline figure and year, a sparkline, what differs,
    the sources, a link to the evidence chart and the rule behind the verdict (a disclosure)."""
    mod = BADGES.get(v.verdict, ("no-data",))[0]
    ev = extras.figure
    body: list = [verdict_badge(v.verdict), html.H3(claim_text(v), className="milestone-claim")]
    if ev is not None:
        body.append(html.Div([html.Span(figure_text(ev, unit=False), className="milestone-value"),
                              html.Span(f" {ev.unit}", className="kpi-unit"),
                              html.Div(f"{ev.name} · " + _("China, {year}").format(year=ev.year),
                                       className="kpi-year")],
                             className="milestone-figure"))
    if extras.spark_src:
        body.append(html.Img(src=extras.spark_src, alt=extras.spark_alt, className="kpi-spark", width=160, height=40))
    body += _differs(v)
    sources = list(dict.fromkeys(source_text(e.source) for e in v.evidence))
    if sources:
        body.append(html.Div(_("Source: {source}").format(
            source=_("; ").join(sources[:2]) + (_("; ") + "…" if len(sources) > 2 else "")), className="kpi-source"))
    parts: list = [html.P(rule_text(v), className="mb-1")]
    if v.details:
        parts.append(html.Ul([_detail_item(d) for d in v.details], className="mb-0 ps-3"))
    else:
        parts.append(html.P(computed(v.explanation), className="mb-0"))
    body.append(html.Details([html.Summary(_("How this verdict is reached")), html.Div(parts, className="small")],
                             className="milestone-rule"))
    if extras.href:
        # a plain link (full load): dcc.Link did not re-render the page for some "~" region lists
        body.append(html.A(_("See the evidence chart →"), href=extras.href, className="milestone-link"))
    else:
        body.append(html.Span(_("No chart in the project yet"), className="milestone-link text-muted"))
    return dbc.Col(
        html.Article(body, className=f"milestone-card verdict-border-{mod} h-100", id=ids.milestone_card(v.claim_id),
                     **attrs({"data-verdict": v.verdict, "data-claim": v.claim_id})),
        xs=12, md=6, xl=4, className="mb-3",
    )


def events_switch(on: bool) -> dbc.Checklist:
    """The time-series card's "Show milestones" switch (URL: ``events=0`` when off): a native
    check box with its label (dcc.Checklist draws a listbox of options, which has no name)."""
    return dbc.Checklist(
        id=ids.EVENTS,
        options=[{"label": _("Show milestones (dated events, ★)"), "value": "on"}],
        value=["on"] if on else [],
        switch=True,
        className="events-switch small mb-2",
    )
