"""The print-ready report ``/report?page=<page>&<the page's view query>``.

``page`` is a dimension id (the three charts of that view state, each with title, unit and
sources, then the dimension's scorecard), ``overview`` (the milestones with their verdicts) or
``scorecard`` (``dimension``, ``a``, ``b`` as on the scorecard page). The header has the date and
the link back to the view. Charts are drawn 680 px wide, narrower than the printable width of A4
and of Letter with 12 mm margins (about 700 px), so they never leave the page, and at a fixed
height (:func:`report_figure`: 360 px, a compare-years chart its own rows' height, plus whatever its
whole legend needs: paper cannot scroll a legend); cards do not split across pages
(``assets/15_milestones.css``, ``@media print``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Mapping
from urllib.parse import urlencode

import flask
from dash import dcc, html

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.frame import credit_line, notices
from dashboard.components.milestones import attrs, claim_text, figure_text, verdict_badge
from dashboard.components.report import print_button
from dashboard.components.scorecard_table import scorecard_table
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import DEFAULT_LANG, N_, _, bracketed, get_lang
from dashboard.data.i18n_content import source_text
from dashboard.figures.common import LEGEND_CHAR_PX, text_width
from dashboard.figures.margins import LEGEND_FIRST_ROW_PX, LEGEND_ROW_PX, LEGEND_ROW_SPARE_PX, legend_entries
from dashboard.model.catalog import state_from_raw
from dashboard.model.milestones.cached import store_verdicts
from dashboard.model.state import QUERY_KEYS
from dashboard.render import CHART_KEYS, SPECS, render_cards
from dashboard.views.milestones import headline_evidence, localized_evidence
from dashboard.views.scorecard import parse_query, scorecard_query, scorecard_rows

CHART_WIDTH = 680
CHART_HEIGHT = 360
#: the tallest chart that still fits an A4 page (1031 px inside 12 mm margins) with its card's title,
#: heading and caption; a figure of its own height (compare years) is drawn at most this tall ...
PAGE_CHART_PX = 820
#: ... when its rows keep at least this share of their height (else it keeps its own and the card
#: prints over two pages, in order)
MIN_ROW_SHARE = 0.75
#: plotly's horizontal legend (plotly.js legend/draw.js): an entry is its ``entrywidth`` (or its
#: text's width) plus the symbol and gaps (40 px) plus the gap to the next (5 px); a row wraps when
#: the next entry would reach the plot area's width
LEGEND_ENTRY_EXTRA_PX = 45
#: the plot area may be this much narrower than the layout's margins say (automargin for wide
#: tick labels): the legend's columns are counted on the narrower width, so never too few rows
AUTOMARGIN_SPARE_PX = 30


def report_legend_px(fig: Mapping[str, Any], width: int = CHART_WIDTH) -> int:
    """Height in px of ``fig``'s whole horizontal legend when drawn ``width`` px wide: its rows
    (entries per row as plotly packs them into the plot area, ``width`` less the layout's left and
    right margins and :data:`AUTOMARGIN_SPARE_PX`) at :data:`LEGEND_ROW_PX` plus
    :data:`LEGEND_ROW_SPARE_PX`, the first at :data:`LEGEND_FIRST_ROW_PX`. An entry without an
    ``entrywidth`` is estimated from its name (``LEGEND_CHAR_PX`` a character cell). 0 without a
    legend."""
    entries = legend_entries(fig)
    if entries == 0:
        return 0
    layout = fig.get("layout", {})
    legend = layout.get("legend") or {}
    margin = layout.get("margin") or {}
    plot = width - int(margin.get("l", 80)) - int(margin.get("r", 80)) - AUTOMARGIN_SPARE_PX
    named = [str(t.get("name", "")) for t in fig.get("data", []) if t.get("showlegend", True) is not False]
    entry = float(legend.get("entrywidth") or 0) or max(text_width(n) for n in named) * LEGEND_CHAR_PX
    per_row = 1
    while (per_row + 1) * (entry + LEGEND_ENTRY_EXTRA_PX) - 5 < plot:
        per_row += 1
    rows = math.ceil(entries / per_row)
    return LEGEND_FIRST_ROW_PX + LEGEND_ROW_PX * (rows - 1) + LEGEND_ROW_SPARE_PX * rows


def report_figure(fig: Mapping[str, Any]) -> dict[str, Any]:
    """``fig`` as the report draws it: :data:`CHART_WIDTH` px wide, static, and as tall as it needs.

    The height is :data:`CHART_HEIGHT`, or the figure's own ``layout.height`` if larger (the compare
    chart's rows), brought down to :data:`PAGE_CHART_PX` when that keeps :data:`MIN_ROW_SHARE` of it;
    then the legend is shown whole (``maxheight`` 1: the figure's height, no scrolling) and the figure
    grows by what the legend takes beyond its on-screen cap (``legend.maxheight``, a share of the
    height), so the plot area keeps its height. Returns a new dict (``fig`` unchanged)."""
    layout = dict(fig.get("layout", {}))
    own = float(layout.get("height") or 0)
    height = max(CHART_HEIGHT, own)
    if height > PAGE_CHART_PX and PAGE_CHART_PX >= MIN_ROW_SHARE * height:
        height = PAGE_CHART_PX
    full = report_legend_px(fig)
    legend = layout.get("legend")
    if full and isinstance(legend, Mapping):
        share = float(legend.get("maxheight") or 1.0)
        capped = share if share > 1 else math.floor(share * height)
        height += max(0, full - capped)
        layout["legend"] = {**legend, "maxheight": 1}
    layout.update(width=CHART_WIDTH, height=int(height), autosize=False)
    return {"data": fig.get("data", []), "layout": layout}


def _chart(key: str, card: Mapping[str, Any], meta_source: str) -> html.Section:
    fig = card["figure"]
    if (fig.get("layout", {}).get("meta") or {}).get("empty"):  # nothing to draw: say why in one line
        why = " ".join(a.get("text", "") for a in fig["layout"].get("annotations", [])).replace("<br>", " ")
        return html.Section([html.H2(_(SPECS[key].title), className="report-kicker"), html.P(why, className="small")],
                            className="report-card report-empty", **attrs({"data-chart": key}))
    figure = report_figure(fig)
    graph = dcc.Graph(figure=figure, config={"staticPlot": True, "responsive": False, "displayModeBar": False},
                      style={"width": f"{CHART_WIDTH}px", "height": f"{figure['layout']['height']}px"},
                      className="report-graph")
    return html.Section(
        [html.H2(_(SPECS[key].title), className="report-kicker"), html.Div(card["heading"], className="chart-heading"),
         graph, html.Div(card["caption"], className="report-caption small")],
        className="report-card", **attrs({"data-chart": key, "data-source": meta_source}),
    )


def _dimension_report(dim: str, query: Mapping[str, str]) -> tuple[str, list, list[str], str]:
    app = runtime.current()
    store = app.store
    raw = {k: v for k, v in query.items() if k in QUERY_KEYS}
    state, msgs = state_from_raw(store, dim, {"lang": get_lang(), **raw})
    cards = render_cards(store, state, app.cache)
    source = str(store.catalog.loc[state.indicator, "source"])
    label = next(d.label for d in DIMENSIONS if d.id == dim)
    charts = [_chart(k, cards[k], source) for k in CHART_KEYS]
    rows = scorecard_rows(store, dim, 2012, "latest")
    heading = _("Scorecard: {dimension} (2012 and the latest year)").format(dimension=label)
    sc = html.Section([html.H2(heading, className="h5"),
                       _scroll_box(scorecard_table(rows, None, 2012, _("latest year")), heading)],
                      className="report-scorecard")
    back = f"/{dim}?" + urlencode(raw, safe="~.") if raw else f"/{dim}"
    return label, [*charts, sc], msgs, back


def _overview_report() -> tuple[str, list, list[str], str]:
    store = runtime.get_store()
    verdicts, problems = store_verdicts(store)
    rows = []
    for v in verdicts:
        ev = headline_evidence(v)
        figure = bracketed(figure_text(localized_evidence(store, ev)), ev.year) if ev is not None else "—"
        sources = _("; ").join(dict.fromkeys(source_text(e.source) for e in v.evidence)) or "—"
        rows.append(html.Tr([html.Td(claim_text(v)), html.Td(verdict_badge(v.verdict)), html.Td(figure),
                             html.Td(sources, className="small")], **attrs({"data-claim": v.claim_id})))
    table = html.Table([html.Thead(html.Tr([html.Th(_(h), scope="col") for h in
                                            (N_("Claim (in our words)"), N_("Verdict"), N_("China's figure"),
                                             N_("Source"))])),
                        html.Tbody(rows)], className="table table-sm report-milestones")
    title = _("Overview: the paper's milestones")
    return title, [_scroll_box(table, title)], problems[:5], "/" + _lang_query("?")


def _scroll_box(table: Any, label: str) -> html.Div:
    """``table`` in a box that scrolls it sideways where the screen is narrower than the table (a
    phone: the scorecard's nine columns, the milestones' four), focusable for keyboard scrolling and
    named ``label`` for screen readers, instead of the table being cut at the page's edge."""
    return html.Div(table, className="report-table-scroll", tabIndex="0", role="region", **attrs({"aria-label": label}))


def _scorecard_report(query: Mapping[str, str]) -> tuple[str, list, list[str], str]:
    dim, a, b, msgs = parse_query(query)
    rows = scorecard_rows(runtime.get_store(), dim, a, b)
    label = next(d.label for d in DIMENSIONS if d.id == dim)
    title = _("Scorecard: {dimension}").format(dimension=label)
    return (title, [_scroll_box(scorecard_table(rows, None, a, _("latest year") if b == "latest" else b), title)],
            msgs, "/scorecard" + scorecard_query(dim, a, b))


def _lang_query(sep: str) -> str:
    """``<sep>lang=zh`` on a Chinese page ("" in English): the links back keep the language."""
    return f"{sep}lang={get_lang()}" if get_lang() != DEFAULT_LANG else ""


def report_page(query: Mapping[str, Any]) -> html.Div:
    """The report of the page and view state named by ``query`` (untrusted; unknown page -> overview)."""
    q = {k: v for k, v in dict(query or {}).items() if isinstance(k, str) and isinstance(v, str) and len(v) <= 400}
    page = q.pop("page", "overview")
    dims = [d.id for d in DIMENSIONS]
    if page in dims:
        title, body, msgs, back = _dimension_report(page, q)
    elif page == "scorecard":
        title, body, msgs, back = _scorecard_report(q)
    else:
        title, body, msgs, back = _overview_report()
        if page != "overview":
            msgs = [_("Unknown page '{page}': showing the overview's report.").format(page=page[:30])] + msgs
    host = flask.request.host_url.rstrip("/") if flask.has_request_context() else ""
    today = dt.datetime.now(dt.UTC).date().isoformat()
    return html.Div(
        [
            dcc.Store(id=ids.REPORT_PRINTED),
            html.Div([html.A(_("← Back to the view"), href=back, className="btn btn-sm btn-link ps-0"), print_button()],
                     className="d-flex justify-content-between align-items-center no-print mb-2"),
            html.Header(
                [html.H1(_("Report — {title}").format(title=title), className="h3 mb-1"),
                 html.P([_("China Industrial Upgrading Dashboard · generated "), html.Time(today, dateTime=today),
                         _(" · view: "), html.A(host + back, href=back, className="report-back")],
                        className="small text-muted mb-2")],
            ),
            html.Div(notices(msgs), className="no-print"),
            *body,
            # on paper only: the page's footer (the same line) is on screen and is not printed
            html.P(credit_line(), className="small text-muted mt-3 d-none d-print-block report-credit"),
        ],
        className="report-page",
    )
