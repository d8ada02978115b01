"""The overview's milestone cards (one per claim of the paper) and the time series' "Show milestones" switch.

Trees only: the verdicts come computed from :mod:`dashboard.model.milestones`; the caller passes
the link, the sparkline picture and the headline figure it chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import ids
from dashboard.data.i18n import _
from dashboard.model.milestones import NO_DATA, NOT_SUPPORTED, PARTLY, SUPPORTED, Evidence, Verdict, fmt

#: verdict -> (css modifier, icon, text shown): colour is never the only cue
BADGES: dict[str, tuple[str, str, str]] = {
    SUPPORTED: ("supported", "✓", "Supported"),
    PARTLY: ("partly", "◐", "Partly supported"),
    NOT_SUPPORTED: ("not-supported", "✗", "Not supported"),
    NO_DATA: ("no-data", "?", "No data in the project yet"),
}
def attrs(values: dict[str, str]) -> Any:
    """``data-*`` / ``aria-*`` attributes as keyword arguments (Dash accepts them; its stubs do not)."""
    return values


_MARKS = {"[holds]": "✓", "[does not hold]": "✗", "[no data]": "?"}


@dataclass(frozen=True)
class CardExtras:
    """What the page adds to a verdict: the headline figure, its chart link and sparkline."""

    figure: Evidence | None
    href: str | None
    spark_src: str | None
    spark_alt: str = ""


def verdict_badge(verdict: str) -> html.Span:
    """The verdict as icon and text in a coloured pill (``data-verdict`` holds the verdict name)."""
    mod, icon, text = BADGES.get(verdict, ("no-data", "?", verdict))
    return html.Span([html.Span(icon, className="verdict-icon", **attrs({"aria-hidden": "true"})), " ", text],
                     className=f"verdict-badge verdict-{mod}", **attrs({"data-verdict": verdict}))


def _detail_item(line: str) -> html.Li:
    for mark, icon in _MARKS.items():
        if line.startswith(mark):
            return html.Li([html.Span(icon, className="part-mark", **attrs({"aria-hidden": "true"})),
                            html.Span(mark.strip("[]") + ": ", className="visually-hidden"), line[len(mark):].strip()])
    return html.Li(line)


def _differs(v: Verdict) -> list:
    """What differs from the claim: the other definition and the parts that do not hold."""
    if v.verdict == SUPPORTED:
        return []
    out: list = []
    if v.alternative:
        out.append(html.P([html.Strong("Holds only under another definition: "), v.alternative], className="mb-1"))
    failing = [d for d in v.details if not d.startswith("[holds]")]
    if failing and v.verdict in (PARTLY, NOT_SUPPORTED):
        out.append(html.Div([html.Strong("What does not hold:" if v.verdict == PARTLY else "Why not:"),
                             html.Ul([_detail_item(d) for d in failing], className="mb-0 ps-3")]))
    elif v.verdict == NO_DATA:
        out.append(html.P([html.Strong("Data needed: "), v.explanation.removeprefix("no data in the project yet: ")],
                          className="mb-0 milestone-missing"))
    return [html.Div(out, className="milestone-differs small")] if out else []


def milestone_card(v: Verdict, extras: CardExtras) -> dbc.Col:
    """One claim: verdict badge, the claim, the headline figure and year, a sparkline, what differs,
    the sources, a link to the evidence chart and the rule behind the verdict (a disclosure)."""
    mod = BADGES.get(v.verdict, ("no-data",))[0]
    ev = extras.figure
    body: list = [verdict_badge(v.verdict), html.H3(v.claim, className="milestone-claim")]
    if ev is not None:
        body.append(html.Div([html.Span(fmt(ev, unit=False), className="milestone-value"),
                              html.Span(f" {ev.unit}", className="kpi-unit"),
                              html.Div(f"{ev.name} · China, {ev.year}", className="kpi-year")],
                             className="milestone-figure"))
    if extras.spark_src:
        body.append(html.Img(src=extras.spark_src, alt=extras.spark_alt, className="kpi-spark", width=160, height=40))
    body += _differs(v)
    sources = list(dict.fromkeys(e.source for e in v.evidence))
    if sources:
        body.append(html.Div("Source: " + "; ".join(sources[:2]) + ("; …" if len(sources) > 2 else ""),
                             className="kpi-source"))
    parts: list = [html.P(v.rule_text, className="mb-1")]
    if v.details:
        parts.append(html.Ul([_detail_item(d) for d in v.details], className="mb-0 ps-3"))
    else:
        parts.append(html.P(v.explanation, className="mb-0"))
    body.append(html.Details([html.Summary("How this verdict is reached"), html.Div(parts, className="small")],
                             className="milestone-rule"))
    if extras.href:
        # a plain link (full load): dcc.Link did not re-render the page for some "~" region lists
        body.append(html.A("See the evidence chart →", href=extras.href, className="milestone-link"))
    else:
        body.append(html.Span("No chart in the project yet", className="milestone-link text-muted"))
    return dbc.Col(
        html.Article(body, className=f"milestone-card verdict-border-{mod} h-100", id=ids.milestone_card(v.claim_id),
                     **attrs({"data-verdict": v.verdict, "data-claim": v.claim_id})),
        xs=12, md=6, xl=4, className="mb-3",
    )


def events_switch(on: bool) -> dcc.Checklist:
    """The time-series card's "Show milestones" switch (URL: ``events=0`` when off)."""
    return dcc.Checklist(
        id=ids.EVENTS,
        options=[{"label": _(" Show milestones (dated events, ★)"), "value": "on"}],
        value=["on"] if on else [],
        className="events-switch small mb-2",
        inputClassName="form-check-input me-1",
    )
