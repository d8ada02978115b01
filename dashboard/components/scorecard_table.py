"""The scorecard table: a real ``<table>`` with sort buttons in its headers, one row per China series.

Rows are records of :func:`dashboard.model.scorecard.scorecard` with two extra keys the page adds:
``href`` (the row's chart) and ``spark`` (a data-URI sparkline). Numbers are formatted with the
indicator's decimals; a value the comparison cannot define shows "n/a" with the reason as a title.
"""

from __future__ import annotations

import math
from typing import Any

from dash import dcc, html

from dashboard.components import ids
from dashboard.components.milestones import attrs
from dashboard.data.i18n import N_, _
from dashboard.data.labels import flag_label, flag_mark, region_name, sector_name

#: sortable column -> header text (English, translated where shown)
SORTABLE: dict[str, str] = {
    "name": N_("Indicator"), "value_a": N_("Year A"), "value_b": N_("Year B"), "abs_change": N_("Change"),
    "pct_change": N_("% change"), "cagr": N_("CAGR, % per year"), "rank": N_("Rank among peers"),
}


def _num(x: Any, decimals: int) -> str:
    return f"{x:,.{max(0, decimals)}f}" if isinstance(x, (int, float)) and math.isfinite(x) else _("n/a")


def _value(row: dict[str, Any], side: str) -> list:
    flag = str(row[f"flag_{side}"])
    mark = flag_mark(flag)
    out: list = [_num(row[f"value_{side}"], int(row["decimals"]))]
    if mark:
        out.append(html.Sup(mark, title=flag_label(flag)))
    out.append(html.Div(str(row[f"year_{side}"]), className="sc-year"))
    note = row.get(f"note_{side}")
    return [html.Span(out, title=note)] if note else out


def _na(x: Any, decimals: int, note: str, suffix: str = "") -> html.Td:
    text = _num(x, decimals)
    na = _("n/a")
    sign = "+" if text != na and isinstance(x, (int, float)) and x > 0 else ""
    return html.Td(sign + text + (suffix if text != na else ""), title=note or None, className="num")


def _rank(row: dict[str, Any]) -> html.Td:
    r = row["rank"]
    if not isinstance(r, (int, float)) or not math.isfinite(r):
        return html.Td(_("n/a"), title=row.get("rank_note") or None, className="num")
    return html.Td(_("{rank} of {n}").format(rank=int(r), n=int(row["rank_of"])), className="num",
                   title=_("China and the peers with both years: {regions}").format(
                       regions=_(", ").join(region_name(c) for c in ["CHN", *str(row["ranked_peers"]).split(",")] if c)))


def _header(column: str, sort: dict[str, Any] | None) -> html.Th:
    label = _(SORTABLE[column])
    cls = "num" if column != "name" else None
    if sort is None:  # a static table (the report)
        return html.Th(label, scope="col", className=cls)
    active = sort.get("column") == column
    desc = bool(sort.get("descending"))
    arrow = ("▼" if desc else "▲") if active else "↕"
    aria = ("descending" if desc else "ascending") if active else "none"
    return html.Th(
        html.Button([label, html.Span(f" {arrow}", **attrs({"aria-hidden": "true"}))], id=ids.scorecard_sort_button(column),
                    n_clicks=0, className="sc-sort", title=_("Sort by {column}").format(column=label)),
        scope="col", **attrs({"aria-sort": aria}), className=cls,
    )


def scorecard_table(rows: list[dict[str, Any]], sort: dict[str, Any] | None, year_a: Any, year_b: Any) -> html.Div:
    """The table of ``rows`` (already filtered and sorted) with sort buttons (none if ``sort`` is None,
    as in the report); a note when empty."""
    head = html.Thead(html.Tr([_header("name", sort), html.Th(_("Unit"), scope="col"),
                               *[_header(c, sort) for c in ("value_a", "value_b", "abs_change", "pct_change",
                                                            "cagr", "rank")],
                               html.Th(_("Trend (China)"), scope="col")]))
    body = []
    for row in rows:
        d = int(row["decimals"])
        name: list = [row["name"]]
        if row["sector"] != "total":
            name.append(html.Span(f" · {sector_name(str(row['sector']))}", className="text-muted"))
        body.append(html.Tr(
            [
                html.Th(dcc.Link(name, href=row["href"], className="sc-link"), scope="row"),
                html.Td(row["unit"], className="sc-unit"),
                html.Td(_value(row, "a"), className="num"),
                html.Td(_value(row, "b"), className="num"),
                _na(row["abs_change"], d, row.get("pct_note", "")),
                _na(row["pct_change"], 1, row.get("pct_note", ""), " %"),
                _na(row["cagr"], 1, row.get("cagr_note", ""), " %"),
                _rank(row),
                html.Td(html.Img(src=row["spark"], alt=_("Trend of {name} in China").format(name=row["name"]),
                                 width=100, height=28)
                        if row.get("spark") else "", className="sc-spark"),
            ],
            **attrs({"data-indicator": row["indicator_id"], "data-sector": row["sector"]}),
        ))
    caption = html.Caption(_("China, year A = {a}, year B = {b} (per row: the years used; "
                             "a missing year is replaced by the nearest one, named on hover).").format(a=year_a, b=year_b),
                           className="small")
    table = html.Table([caption, head, html.Tbody(body)], className="table table-sm scorecard-table align-middle")
    if not rows:
        return html.Div([table, html.P(_("No indicator matches the filter."), className="text-muted")],
                        className="table-responsive")
    return html.Div(table, className="table-responsive")
