"""The data table under a chart: the rows it draws, as a real HTML table built on request.

A chart card holds two parts (see ``components/chart_card.py``): the note under the table
(:func:`data_table`: unit, flag markers, why a cell is n/a), sent with every render because it is
a few words; and the table itself (:func:`table_html`, :func:`ranking_table`), built only when the
reader opens the card's "Data table" disclosure (``dashboard/table_callbacks.py``), and again
while it stays open and the view changes. Tables are capped at :data:`TABLE_ROW_LIMIT` rows
(the latest years first); the CSV download has every row and the note under a capped table
says so and offers it.

Markup (WCAG 2.1 1.3.1): ``<caption>`` names the chart and the unit, ``<th scope="col">`` heads
each column, ``<th scope="row">`` the year (or series, or province) of each row.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd
from dash import html

from dashboard.data.i18n import _
from dashboard.data.labels import flag_label, flag_mark
from dashboard.figures.na_points import na_footnote
from dashboard.model.transforms import NA_RATE

#: most rows a table draws (the latest years first); the CSV has the rest
TABLE_ROW_LIMIT = 40


def _series_label(region_name: str, sector_name: str, many_regions: bool, many_sectors: bool) -> str:
    if many_regions and many_sectors:
        return f"{region_name} – {sector_name}"
    return sector_name if many_sectors else region_name


def _unit(frame: pd.DataFrame) -> str:
    return str(frame["unit"].iloc[0]) if "unit" in frame.columns and not frame.empty else ""


def _legend(flags: pd.Series) -> str:
    used = [f for f in dict.fromkeys(flags) if flag_mark(f)]
    return _("; ").join(f"{flag_mark(f)} {flag_label(f).lower()}" for f in used)


def data_table(frame: pd.DataFrame, decimals: int = 0, suffixes: Mapping[str, str] | None = None) -> html.P:
    """The note under a chart's data table, from its export frame (``model.chart_data.export_frame``
    columns: unit, flag, note...): the unit, the flag markers used, "–" for no value and why cells
    read n/a. A few words, cheap enough for every render; the table itself is :func:`table_html`.
    ``decimals`` and ``suffixes`` are accepted for the renderers' call and not used here."""
    if frame.empty:
        return table_note(None, "", None, "")
    flags = None if "value_a" in frame.columns else frame["flag"].tolist()  # compare years: no flags
    return table_note(frame, _unit(frame), flags, na_footnote(frame))


def table_note(frame: pd.DataFrame | None, unit: str, flags: list[str] | None, footnote: str) -> html.P:
    """The note of :func:`data_table` from its parts: ``unit`` (display unit), the ``flags`` of the
    rows (None for a compare-years table, which has none) and ``footnote`` (:func:`na_footnote`, or
    ``""``); ``frame`` None means there are no rows. The renderers call it with parts they already
    have, without building the export frame on every render."""
    if frame is None:
        return html.P(_("No data to show."), className="text-muted mb-0")
    if flags is None:
        return html.P(_("Values in {unit}.").format(unit=unit) + footnote, className="small text-muted mb-0")
    legend = _legend(pd.Series(flags, dtype=object)) if flags else ""
    note = (_("Values in {unit}.").format(unit=unit) + (_(" Markers: {legend}.").format(legend=legend) if legend else "")
            + _(" “–”: no value.") + footnote)
    return html.P(note, className="small text-muted mb-0")


def _cell(value: float, flag: str, na: bool, fmt: str) -> str:
    mark = flag_mark(flag)
    text = ((_("n/a") if na else "") if value != value else fmt.format(value))
    return text + (f" {mark}" if mark else "")


def _table(caption: str, header: list[str], rows: list[list[str]], numeric: list[bool]) -> html.Table:
    """A table whose first column heads each row; ``numeric`` right-aligns a column."""
    def cls(i: int) -> str | None:
        return "text-end" if numeric[i] else None

    head = html.Thead(html.Tr([html.Th(h, scope="col", className=cls(i)) for i, h in enumerate(header)]))
    body = html.Tbody([html.Tr([html.Th(r[0], scope="row", className=cls(0))]
                               + [html.Td(c, className=cls(i + 1)) for i, c in enumerate(r[1:])]) for r in rows])
    return html.Table([html.Caption(caption), head, body], className="table table-sm table-striped data-table mb-1")


def _wrap(table: html.Table, caption: str, capped: html.P | None) -> html.Div:
    # a table wider than the card scrolls sideways: the scrolling box takes focus (keyboard scrolling)
    scroll = html.Div(table, className="data-table-scroll", tabIndex="0", role="region",
                      **{"aria-label": caption})  # type: ignore[arg-type]
    return html.Div([scroll] + ([capped] if capped is not None else []), className="data-table-body")


def _capped_note(shown: int, total: int, what: str, csv_id: dict | None) -> html.P | None:
    if total <= shown:
        return None
    text = (_("Showing the latest {shown} of {total} years.") if what == "years"
            else _("Showing the first {shown} of {total} rows.")).format(shown=shown, total=total)
    button = html.Button(_("Download every row as CSV"), type="button", n_clicks=0,
                         className="btn btn-link btn-sm p-0 align-baseline table-csv-link")
    if csv_id:
        button.id = csv_id  # type: ignore[attr-defined]  # Dash components take any id after creation
    return html.P([text + " ", button], className="small mb-1 table-capped-note")


def table_html(frame: pd.DataFrame, decimals: int, caption: str, suffixes: Mapping[str, str] | None = None,
               limit: int = TABLE_ROW_LIMIT, csv_id: dict | None = None) -> html.Div | html.P:
    """A chart's export frame as an HTML table captioned ``caption``.

    Long frames (time series, composition: one row per series and year) become one row per year,
    latest first, one column per series (region, sector or both; a counterpart's rows, told apart
    by ``indicator_id``, get the column suffix ``suffixes[indicator_id]``, e.g. "China · WDI/UNESCO"),
    cells formatted with ``decimals`` and the flag's marker; at most ``limit`` years, with a note
    and a CSV button (id ``csv_id``, which clicks the card's CSV button) when there are more.
    Compare frames (``value_a``...) become one row per series: year A, year B, change, % change,
    CAGR. An empty frame gives "No data to show."."""
    if frame.empty:
        return html.P(_("No data to show."), className="text-muted mb-0")
    fmt = f"{{:,.{max(0, int(decimals))}f}}"
    if "value_a" in frame.columns:  # compare-years table: one row per series
        many_r = frame["region"].nunique() > 1
        many_s = frame["sector"].nunique() > 1 or frame["sector"].iloc[0] != "total"
        a, b = int(frame["year_a"].iloc[0]), int(frame["year_b"].iloc[0])
        rows = [[_series_label(r.region_name, r.sector_name, many_r, many_s) if (many_r or many_s) else r.region_name,
                 fmt.format(r.value_a), fmt.format(r.value_b), fmt.format(r.abs_change),
                 _("n/a") if pd.isna(r.pct_change) else f"{r.pct_change:+,.1f}",
                 _("n/a") if pd.isna(r.cagr) else f"{r.cagr:+,.1f}"] for r in frame.itertuples()]
        header = [_("Series"), str(a), str(b), _("Change"), _("Change (%)"), _("CAGR (%/yr)")]
        if "note" in frame.columns and (frame["note"] == _(NA_RATE)).all():
            # a rate of change (transforms.rate_changes): its change is a difference in points and it has
            # no % change or CAGR: those two columns would hold n/a in every row
            header, rows = header[:3] + [_("change (percentage points)")], [r[:4] for r in rows]
        return _wrap(_table(caption, header, rows[:limit], [False] + [True] * (len(header) - 1)), caption,
                     _capped_note(len(rows[:limit]), len(rows), "rows", csv_id))

    regions, sectors = frame["region"].tolist(), frame["sector"].tolist()
    many_r = len(set(regions)) > 1
    many_s = len(set(sectors)) > 1 or sectors[0] != "total"
    labels = [_series_label(rn, sn, many_r, many_s)
              for rn, sn in zip(frame["region_name"].tolist(), frame["sector_name"].tolist())]
    if suffixes and "indicator_id" in frame.columns:
        labels = [lab + (f" · {suffixes[i]}" if i in suffixes else "")
                  for lab, i in zip(labels, frame["indicator_id"].tolist())]
    order = list(dict.fromkeys(labels))
    grid: dict[int, dict[str, str]] = {}
    notes = frame["note"].tolist() if "note" in frame.columns else [""] * len(frame)
    for label, year, value, flag, na in zip(labels, frame["year"].tolist(), frame["value"].tolist(),
                                            frame["flag"].tolist(), notes):
        grid.setdefault(int(year), {}).setdefault(label, _cell(value, flag, bool(na), fmt))
    years = sorted(grid, reverse=True)
    shown = years[:limit]
    rows = [[str(y)] + [grid[y].get(lab, "–") for lab in order] for y in shown]
    return _wrap(_table(caption, [_("Year")] + order, rows, [False] + [True] * len(order)), caption,
                 _capped_note(len(shown), len(years), "years", csv_id))


def ranking_table(frame: pd.DataFrame, decimals: int, caption: str, limit: int = TABLE_ROW_LIMIT,
                  csv_id: dict | None = None) -> html.Div | html.P:
    """A year's ranking of provinces (columns region, region_name, value, flag; ranked order) as an
    HTML table: rank, province (the row header), ISO 3166-2 code, value with its flag marker."""
    if frame.empty:
        return html.P(_("No data to show."), className="text-muted mb-0")
    fmt = f"{{:,.{max(0, int(decimals))}f}}"
    rows = [[str(n), str(i + 1), str(r), _cell(v, f, False, fmt)]
            for i, (n, r, v, f) in enumerate(zip(frame["region_name"], frame["region"], frame["value"],
                                                 frame["flag"]))]
    return _wrap(_table(caption, [_("Province"), _("Rank"), _("Code"), _("Value")], rows[:limit],
                        [False, True, False, True]), caption, _capped_note(len(rows[:limit]), len(rows), "rows", csv_id))


def ranking_note(frame: pd.DataFrame, unit: str) -> html.P:
    """The note under a year's ranking table: unit, year and the flag markers used."""
    if frame.empty:
        return html.P(_("No data to show."), className="text-muted mb-0")
    legend = _legend(frame["flag"])
    note = _("Values in {unit}, year {year}.").format(unit=unit, year=int(frame["year"].iloc[0])) + (
        _(" Markers: {legend}.").format(legend=legend) if legend else "")
    return html.P(note, className="small text-muted mb-0")
