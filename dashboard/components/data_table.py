"""The data table under a chart: the rows it draws, as one aligned text table."""

from __future__ import annotations

from typing import Mapping

import pandas as pd
from dash import html

from dashboard.data.i18n import _
from dashboard.data.labels import flag_label, flag_mark
from dashboard.figures.na_points import na_footnote

TABLE_ROW_LIMIT = 2000


def _text_table(header: list[str], rows: list[list[str]], right: list[bool]) -> str:
    """An aligned plain-text table (rendered in a <pre>: one DOM node, no Markdown parser
    to download; measured: page with charts drawn ~0.3 s sooner than with dcc.Markdown)."""
    cols = [header] + rows
    widths = [max(len(str(r[i])) for r in cols) for i in range(len(header))]

    def line(cells):
        return "  ".join(str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(cells, widths, right))

    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def _series_label(region_name: str, sector_name: str, many_regions: bool, many_sectors: bool) -> str:
    if many_regions and many_sectors:
        return f"{region_name} – {sector_name}"
    return sector_name if many_sectors else region_name


def data_table(frame: pd.DataFrame, decimals: int, suffixes: Mapping[str, str] | None = None) -> html.Div | html.P:
    """The rows a chart shows as one aligned text table (a single component: thousands of
    html.Td components stalled the browser). Series are columns, years are rows; flagged
    values carry the marker explained under the table. The CSV button has the same rows.
    ``suffixes`` (indicator id -> short name) marks the columns of an overlaid counterpart's rows
    (``"China · WDI/UNESCO"``), told apart by the frame's ``indicator_id`` column."""
    if frame.empty:
        return html.P(_("No data to show."), className="text-muted mb-0")
    fmt = f"{{:,.{max(0, int(decimals))}f}}"
    if "value_a" in frame.columns:  # compare-years table: one row per series
        many_r = frame["region"].nunique() > 1
        many_s = frame["sector"].nunique() > 1 or frame["sector"].iloc[0] != "total"
        a, b = int(frame["year_a"].iloc[0]), int(frame["year_b"].iloc[0])
        rows = []
        for r in frame.itertuples():
            rows.append([
                _series_label(r.region_name, r.sector_name, many_r, many_s) if (many_r or many_s)
                else r.region_name,
                fmt.format(r.value_a), fmt.format(r.value_b), fmt.format(r.abs_change),
                _("n/a") if pd.isna(r.pct_change) else f"{r.pct_change:+,.1f}",
                _("n/a") if pd.isna(r.cagr) else f"{r.cagr:+,.1f}",
            ])
        text = _text_table([_("Series"), str(a), str(b), _("Change"), _("Change (%)"), _("CAGR (%/yr)")], rows,
                           [False, True, True, True, True, True])
        unit = str(frame["unit"].iloc[0]) if "unit" in frame.columns else ""
        return html.Div([html.Pre(text, className="data-table", tabIndex="0"),
                         html.P(_("Values in {unit}.").format(unit=unit) + na_footnote(frame),
                                className="small text-muted mb-0")])

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
        mark = flag_mark(flag)
        text = ((_("n/a") if na else "") if value != value else fmt.format(value)) + (f" {mark}" if mark else "")
        grid.setdefault(int(year), {}).setdefault(label, text)
    years = sorted(grid, reverse=True)[:TABLE_ROW_LIMIT]
    rows = [[str(y)] + [grid[y].get(lab, "–") for lab in order] for y in years]
    text = _text_table([_("Year")] + order, rows, [False] + [True] * len(order))
    used = [f for f in dict.fromkeys(frame["flag"]) if flag_mark(f)]
    legend = _("; ").join(f"{flag_mark(f)} {flag_label(f).lower()}" for f in used)
    unit = str(frame["unit"].iloc[0]) if "unit" in frame.columns else ""
    note = (_("Values in {unit}.").format(unit=unit) + (_(" Markers: {legend}.").format(legend=legend) if legend else "")
            + _(" “–”: no value.") + na_footnote(frame))
    return html.Div([html.Pre(text, className="data-table", tabIndex="0"),
                     html.P(note, className="small text-muted mb-0")])
