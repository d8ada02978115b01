"""The scorecard page ``/scorecard?dimension=green&a=2012&b=latest``: every China series of a dimension.

Numbers: :func:`dashboard.model.scorecard.scorecard` (the charts' ``compare_years`` and ``cagr``).
The table is filtered and sorted on the server (one callback, :mod:`dashboard.views.callbacks`);
the CSV (UTF-8; with a BOM in Chinese) comes from the route ``/scorecard.csv`` with the same query.
In Chinese (``lang=zh``, kept in the page's URL), names and units are the catalog's Chinese ones and
values follow the Chinese unit rule (``content/i18n/indicators.zh.toml`` [units], e.g. trillion yuan
-> 亿元 x10,000); percentage changes, CAGR and ranks do not depend on the unit.
"""

from __future__ import annotations

import base64
import math
from typing import Any, Mapping
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import flask
import pandas as pd
from dash import dcc, html

from dashboard import runtime
from dashboard.components import ids
from dashboard.components.frame import notices
from dashboard.components.report import report_button
from dashboard.components.scorecard_table import SORTABLE, scorecard_table
from dashboard.data.dimensions import DIMENSIONS
from dashboard.data.i18n import DEFAULT_LANG, _, get_lang, is_zh
from dashboard.data.i18n_content import display_decimals, localize_row, name_sort_key, source_text, unit_rule
from dashboard.data.store import DataStore
from dashboard.figures import sparkline_svg
from dashboard.figures.theme import CHINA_COLOR
from dashboard.model.scorecard import scorecard

YEAR_FIRST = 1900  # the first year when the store has no country data at all (data_years)
LINK_YEARS = (1000, 2100)  # a link's year: four digits up to 2100; one outside the data is corrected (_in_range)
DEFAULT_A = 2012
DEFAULT_SORT: dict[str, Any] = {"column": None, "descending": False}
CSV_COLUMNS = ["indicator_id", "name", "sector", "unit", "year_a", "value_a", "flag_a", "note_a", "year_b", "value_b",
               "flag_b", "note_b", "abs_change", "pct_change", "pct_note", "cagr", "cagr_note", "rank", "rank_of",
               "ranked_peers", "rank_note", "source", "source_url"]


def _year(value: Any, default: int | str) -> tuple[int | str, bool]:
    if value is None or value == "":
        return default, True
    if value == "latest":
        return "latest", True
    if isinstance(value, str) and value.isdigit() and LINK_YEARS[0] <= int(value) <= LINK_YEARS[1]:
        return int(value), True
    return default, False


def data_years(store: DataStore) -> tuple[int, int]:
    """(first, last) year with any value in the store's country data (from the Parquet files; 1950 and
    2025 in the shipped data): the years the pickers offer and a link may ask. Cached on the store."""
    cached = store.__dict__.get("_scorecard_years")
    if cached is None:
        spans = [r for r in (store.year_range(str(i)) for i in store.indicators(None).index) if r is not None]
        cached = (min(r[0] for r in spans), max(r[1] for r in spans)) if spans else (YEAR_FIRST, YEAR_FIRST)
        store.__dict__["_scorecard_years"] = cached
    return cached


def _running_years() -> tuple[int, int] | None:
    """:func:`data_years` of the app handling the request (None outside one: no range check)."""
    if not flask.has_app_context():
        return None
    try:
        return data_years(runtime.get_store())
    except RuntimeError:
        return None


def _year_name(year: int | str) -> str:
    return _("latest year") if year == "latest" else str(year)


def parse_query(query: Mapping[str, Any], years: tuple[int, int] | None = None
                ) -> tuple[str, int | str, int | str, list[str]]:
    """(dimension, year A, year B, notices) from an untrusted query; bad values -> defaults with a notice.

    ``years`` is the data's (first, last) year (:func:`data_years`; by default the running app's). The
    rule, one notice per correction: a year after the last year of the data means the latest year, one
    before the first year is the first year; year A is a number, year B a number or ``"latest"``, and
    A comes before B (A after B, or A ``latest``, are swapped; both ``latest`` -> A = 2012; the same year
    twice -> A = 2012, or B the latest year when that year is 2012). So the
    caption, the pickers and the rows (which put each series' years in order) show the same two years.
    """
    msgs = []
    dims = [d.id for d in DIMENSIONS]
    dim = query.get("dimension")
    if dim not in dims:
        if dim not in (None, ""):
            msgs.append(_("Unknown dimension '{shown}': showing {default}.").format(
                shown=str(dim)[:30], default=DIMENSIONS[0].label))  # its name in the page's language
        dim = dims[0]
    a, ok_a = _year(query.get("a"), DEFAULT_A)
    b, ok_b = _year(query.get("b"), "latest")
    if not (ok_a and ok_b):
        msgs.append(_("Ignored an invalid year: use a year like 2012 or 'latest'."))
    years = years if years is not None else _running_years()
    if years is not None:
        first, last = years
        a, b = (_in_range(y, first, last, msgs) for y in (a, b))
    if a == "latest" and b == "latest":
        msgs.append(_("Year A and year B were both the latest year: year A reset to {year}.").format(year=DEFAULT_A))
        a = DEFAULT_A
    elif a == "latest" or (b != "latest" and int(a) > int(b)):
        msgs.append(_("Year A ({a}) was after year B ({b}): the two were swapped.").format(
            a=_year_name(a), b=_year_name(b)))
        a, b = b, a
    same = (b == "latest" and years is not None and int(a) == years[1]) or (b != "latest" and int(a) == int(b))
    if same:  # one year compared with itself: every change would read n/a
        year = int(a)
        a, b = (DEFAULT_A, b) if year != DEFAULT_A else (a, "latest")
        msgs.append(_("Year A and year B were the same year ({year}): comparing {a} with {b}.").format(
            year=year, a=_year_name(a), b=_year_name(b)))
    return str(dim), a, b, msgs


def _in_range(year: int | str, first: int, last: int, msgs: list[str]) -> int | str:
    if year == "latest" or first <= int(year) <= last:
        return year
    if int(year) > last:
        msgs.append(_("Year {year} is after the last year of the data ({last}): showing the latest year.").format(
            year=year, last=last))
        return "latest"
    msgs.append(_("Year {year} is before the first year of the data ({first}): showing {first}.").format(
        year=year, first=first))
    return first


def scorecard_query(dimension: str, a: Any, b: Any) -> str:
    """``?dimension=...&a=...&b=...`` (the page's shareable URL query; ``&lang=zh`` in Chinese)."""
    q = {"dimension": dimension, "a": a, "b": b}
    if get_lang() != DEFAULT_LANG:
        q["lang"] = get_lang()
    return "?" + urlencode(q)


def _spark(years: list[int], values: list[float]) -> str | None:
    if len(years) < 2:
        return None
    svg = sparkline_svg(pd.Series(years).to_numpy(), pd.Series(values).to_numpy(), width=100, height=28,
                        color=CHINA_COLOR)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def scorecard_rows(store: DataStore, dimension: str, a: int | str, b: int | str) -> list[dict[str, Any]]:
    """Records of the dimension's scorecard in the current language (see the module docstring) with
    ``href`` (the row's chart, comparing the two years used) and ``spark``; cached on the store per
    (dimension, a, b, language)."""
    cache = store.__dict__.setdefault("_scorecard_rows", {})
    key = (dimension, a, b, get_lang())
    if key not in cache:
        rows = scorecard(store, dimension, year_a=a, year_b=b).to_dict("records")
        for r in rows:
            if is_zh():
                _localize(r)
            q = {"indicator": r["indicator_id"], "compare": f"{r['year_a']}..{r['year_b']}"}
            if r["sector"] != "total":
                q["sector"] = r["sector"]
            if is_zh():
                q["lang"] = "zh"
            r["href"] = f"/{dimension}?" + urlencode(q, safe="~.")
            r["spark"] = _spark(r["spark_years"], r["spark_values"])
        cache[key] = rows
    return cache[key]


def _localize(row: dict[str, Any]) -> None:
    """A scorecard record in Chinese, in place: name, unit (values scaled by the unit rule), source."""
    english_unit = str(row["unit"])
    rule = unit_rule(english_unit)
    row.update({k: v for k, v in localize_row({"indicator_id": row["indicator_id"], "name": row["name"],
                                               "unit": row["unit"]}).items() if k in ("name", "unit")})
    row["source"] = source_text(str(row["source"]))
    if rule is None:
        return
    factor = float(rule["scale"])
    row["decimals"] = display_decimals(english_unit, int(row["decimals"]))
    for k in ("value_a", "value_b", "abs_change"):
        row[k] = row[k] * factor
    row["spark_values"] = [v * factor for v in row["spark_values"]]


def filter_rows(rows: list[dict[str, Any]], text: Any) -> list[dict[str, Any]]:
    """Rows whose name, sector, unit or id contain ``text`` (case-insensitive; all rows if empty)."""
    if not isinstance(text, str) or not text.strip():
        return list(rows)
    t = text.strip().lower()[:80]
    return [r for r in rows if any(t in str(r[k]).lower() for k in ("name", "sector", "unit", "indicator_id"))]


def sort_rows(rows: list[dict[str, Any]], sort: Any) -> list[dict[str, Any]]:
    """Rows sorted by ``sort["column"]`` (one of the sortable columns; values n/a always last). Names sort
    as the page's language reads them (:func:`~dashboard.data.i18n_content.name_sort_key`: pinyin in Chinese)."""
    col = sort.get("column") if isinstance(sort, dict) else None
    if col not in SORTABLE:
        return list(rows)
    desc = bool(sort.get("descending"))
    if col == "name":
        return sorted(rows, key=lambda r: name_sort_key(str(r["name"])), reverse=desc)
    ok = [r for r in rows if isinstance(r[col], (int, float)) and math.isfinite(r[col])]
    na = [r for r in rows if r not in ok]
    return sorted(ok, key=lambda r: r[col], reverse=desc) + na


def clean_sort(sort: Any) -> dict[str, Any]:
    """A sort state from an untrusted payload: a sortable column (or None) and a real bool."""
    col = sort.get("column") if isinstance(sort, dict) else None
    desc = sort.get("descending") if isinstance(sort, dict) else False
    return {"column": col if col in SORTABLE else None, "descending": desc is True}


def next_sort(sort: Any, column: Any) -> dict[str, Any]:
    """The sort after a click on ``column``'s header. A first click sorts the names A-Z and the numbers
    largest first; a click on the sorted column reverses it."""
    if column not in SORTABLE:
        return dict(DEFAULT_SORT)
    if isinstance(sort, dict) and sort.get("column") == column:
        return {"column": column, "descending": not sort.get("descending")}
    return {"column": column, "descending": column != "name"}


def csv_frame(store: DataStore, dimension: str, a: int | str, b: int | str) -> pd.DataFrame:
    """The scorecard as the CSV download has it (no pictures; percentages in percent)."""
    return pd.DataFrame(scorecard_rows(store, dimension, a, b), columns=CSV_COLUMNS)


def _select(cid: str, label: str, options: list[tuple[str, str]], value: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=cid, className="small mb-0"),
                     dbc.Select(id=cid, options=[{"label": lab, "value": v} for v, lab in options], value=value,
                                size="sm")], className="sc-control")


def scorecard_page(store: DataStore, query: Mapping[str, Any]) -> html.Div:
    """The scorecard page for an untrusted query (invalid values -> defaults, with a notice)."""
    first, last = data_years(store)
    dim, a, b, msgs = parse_query(query, (first, last))
    years = [(str(y), str(y)) for y in range(last, first - 1, -1)]
    rows = scorecard_rows(store, dim, a, b)
    label = next(d.label for d in DIMENSIONS if d.id == dim)
    latest = _("latest year")
    return html.Div(
        [
            dcc.Store(id=ids.SCORECARD_SORT, data=dict(DEFAULT_SORT)),
            # a link with invalid values: the address is corrected on load to what is shown (the
            # notice above says what was reset); a valid one is left as it is
            dcc.Store(id=ids.SCORECARD_QUERY, data={"query": scorecard_query(dim, a, b)} if msgs else None),
            dcc.Store(id=ids.SCORECARD_URL_SYNC),
            html.Div([html.H1(_("Scorecard: {dimension}").format(dimension=label), className="h3 mb-1"),
                      report_button(f"/report?page=scorecard&{scorecard_query(dim, a, b)[1:]}")],
                     className="d-flex justify-content-between align-items-start flex-wrap gap-2"),
            html.P(_("Every indicator with China data in one table: its value in two years, the change, the compound "
                     "annual growth rate (CAGR) and China's rank among the peers with values in both years "
                     "(rank 1 = highest value; whether high is good depends on the indicator). The numbers come "
                     "from the same computation as the charts' year comparison; click a name to open its chart."),
                   className="text-muted small"),
            html.Div(notices(msgs)),
            html.Div(
                [
                    _select(ids.SCORECARD_DIMENSION, _("Dimension"), [(d.id, d.label) for d in DIMENSIONS], dim),
                    _select(ids.SCORECARD_YEAR_A, _("Year A"), years, str(a)),
                    _select(ids.SCORECARD_YEAR_B, _("Year B"), [("latest", _("Latest"))] + years, str(b)),
                    html.Div([dbc.Label(_("Filter"), html_for=ids.SCORECARD_FILTER, className="small mb-0"),
                              dbc.Input(id=ids.SCORECARD_FILTER, type="search", size="sm", debounce=True, value="",
                                        placeholder=_("e.g. R&D, share, export"))], className="sc-control sc-filter"),
                    html.A(_("Download CSV"), id=ids.SCORECARD_CSV, href="/scorecard.csv" + scorecard_query(dim, a, b),
                           className="btn btn-sm btn-outline-secondary align-self-end", download=""),
                ],
                className="d-flex flex-wrap gap-2 mb-3 sc-controls",
            ),
            html.Div(scorecard_table(rows, DEFAULT_SORT, a, latest if b == "latest" else b),
                     id=ids.SCORECARD_TABLE),
        ],
        className="scorecard-page",
    )
