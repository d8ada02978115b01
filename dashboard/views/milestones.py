"""The overview's milestones section: one card per claim of the paper, verdicts computed from the data.

Verdicts come from :func:`dashboard.model.milestones.cached.store_verdicts` (computed once per
store, never typed). Each card's headline figure is China's latest evidence value of the first
indicator the rule reads; its link opens that indicator's chart with the regions the rule compared.
"""

from __future__ import annotations

import base64
from collections import Counter
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components import ids
from dashboard.components.milestones import BADGES, CardExtras, milestone_card, verdict_badge
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import _, is_zh
from dashboard.data.store import DataStore
from dashboard.figures import sparkline_svg
from dashboard.figures.theme import CHINA_COLOR
from dashboard.model.milestones import Evidence, Verdict, shown
from dashboard.model.milestones.cached import store_verdicts


def headline_evidence(v: Verdict) -> Evidence | None:
    """China's figure shown on a card: the latest-year China evidence of the first indicator read."""
    china = [e for e in v.evidence if e.region == "CHN"]
    if not china:
        return None
    first = china[0].indicator_id
    return max((e for e in china if e.indicator_id == first), key=lambda e: e.year)


def localized_evidence(store: DataStore, ev: Evidence) -> Evidence:
    """``ev`` as shown in the current language: in Chinese, the indicator's Chinese name and display
    unit, the value scaled by the unit rule (e.g. trillion yuan -> 亿元 x10,000) and its decimals."""
    if not is_zh() or ev.indicator_id not in store.catalog.index:
        return ev
    return shown(ev)


def evidence_href(store: DataStore, v: Verdict, ev: Evidence) -> str | None:
    """``/<dimension>?indicator=...&region=...`` of the chart that shows ``ev`` and the regions
    the rule compared for that indicator (only regions the indicator has)."""
    if ev.indicator_id not in store.catalog.index:
        return None
    dim = str(store.catalog.loc[ev.indicator_id, "dimension"])
    have = set(store.regions(ev.indicator_id))
    regions = [r for r in dict.fromkeys(e.region for e in v.evidence if e.indicator_id == ev.indicator_id) if r in have]
    query = {"indicator": ev.indicator_id}
    if regions and regions != ["CHN"]:
        query["region"] = "~".join(regions)
    if ev.sector != "total":
        query["sector"] = ev.sector
    if is_zh():
        query["lang"] = "zh"
    return f"/{dim}?" + urlencode(query, safe="~")


def spark_src(store: DataStore, ev: Evidence) -> str | None:
    """A data-URI SVG sparkline of the evidence's series (China, its sector), or None."""
    obs = store.observations(ev.indicator_id)
    s = obs[(obs["region"] == ev.region) & (obs["sector"] == ev.sector)].sort_values("year")
    if len(s) < 2:
        return None
    svg = sparkline_svg(s["year"].to_numpy(), s["value"].to_numpy(), color=CHINA_COLOR)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def card_extras(store: DataStore, v: Verdict) -> CardExtras:
    """Headline figure (in the current language), chart link and sparkline of one verdict's card."""
    ev = headline_evidence(v)
    if ev is None:
        return CardExtras(None, None, None)
    shown = localized_evidence(store, ev)
    return CardExtras(shown, evidence_href(store, v, ev), spark_src(store, ev),
                      _("Trend of {name} in China").format(name=shown.name))


def milestones_section(store: DataStore) -> html.Section:
    """Summary counts by verdict and one card per claim, grouped by dimension (claims without data included)."""
    verdicts, problems = store_verdicts(store)
    if not verdicts:
        msg = _("The milestones could not be checked: ") + ("; ".join(problems[:5]) or _("no claims in the content."))
        return html.Section(dbc.Alert(msg, color="warning"), id=ids.MILESTONES)
    counts = Counter(v.verdict for v in verdicts)
    summary = html.Ul([html.Li([verdict_badge(name), f" {counts[name]}"], className="list-inline-item")
                       for name in BADGES if counts[name]], className="list-inline mb-2 milestone-summary")
    groups = []
    for dim in DIMENSIONS:
        mine = [v for v in verdicts if v.dimension == dim.id]
        if mine:
            groups.append(html.H3(dim.label, className="h6 text-uppercase text-muted mt-2 mb-2"))
            groups.append(dbc.Row([milestone_card(v, card_extras(store, v)) for v in mine]))
    return html.Section(
        [
            html.H2(_("The paper's milestones, checked against the data"), className="h4 mb-1"),
            html.P(_("Each claim of the paper's abstract in our words, with a verdict computed from the "
                     "shipped data by a written rule (open “How this verdict is reached”). Claims the "
                     "project has no data for are listed as such."), className="text-muted small mb-2"),
            summary,
            *groups,
        ],
        id=ids.MILESTONES, className="milestones-section mb-4",
    )
