"""How points that have no value by rule ("n/a") are shown: chart markers and table footnotes.

A % change, an index or a CAGR from a zero or negative base is not a percentage (see
:mod:`dashboard.model.transforms`): those rows carry value NaN and a ``note``. The line breaks
there; these helpers put a grey "×" on the reference line (0 % or 100) whose hover text
gives the reason, and list the reasons under the data table, so the gap is never silent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard.data.i18n import _
from dashboard.model.transforms import NA_BASE

NA_COLOR = "#7b8794"


def na_rows(data: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``data`` (columns include value, and possibly note) that are n/a by rule."""
    if "note" not in data.columns or data.empty:
        return data.iloc[0:0]
    return data[data["value"].isna() & data["note"].astype(str).ne("")]


def na_trace(data: pd.DataFrame, labels: pd.Series | Sequence[str], baseline: float) -> list[dict]:
    """A one-trace list marking each n/a row at ``baseline`` with its reason on hover, or ``[]``.

    ``labels`` is the legend label of each row of ``data`` (same index, or a list in row order). Shape: a plotly
    scatter trace dict, markers only, named :data:`dashboard.model.transforms.NA_BASE`.
    """
    if "note" not in data.columns or data.empty:
        return []
    # the rows of na_rows(data), found over plain lists (this runs on every time-series render)
    notes = [str(n) for n in data["note"].tolist()]
    at = [i for i, (v, n) in enumerate(zip(data["value"].tolist(), notes)) if v != v and n != ""]  # v != v: NaN
    if not at:
        return []
    years, names = data["year"].tolist(), (labels.tolist() if isinstance(labels, pd.Series) else list(labels))
    return [{
        "type": "scatter",
        "mode": "markers",
        "name": _(NA_BASE),
        "x": np.asarray([years[i] for i in at], dtype="int32"),
        "y": np.full(len(at), float(baseline)),
        "marker": {"symbol": "x-thin-open", "size": 10, "color": NA_COLOR, "line": {"width": 2, "color": NA_COLOR}},
        "customdata": [[str(names[i]), notes[i]] for i in at],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{x}: %{customdata[1]}<extra></extra>",
        "legendrank": 1000,
    }]


def na_footnote(frame: pd.DataFrame) -> str:
    """One sentence saying why table cells read "n/a", naming each series and year, or ``""``.

    ``frame`` is an export frame (:func:`dashboard.model.chart_data.export_frame`): region_name,
    sector, sector_name, note, and year (time series) or year_b (compare years). At most six
    entries are listed, then a count.
    """
    if "note" not in frame.columns or frame.empty:
        return ""
    entries = []
    has_year = "year" in frame.columns
    prefix = _("n/a: ")  # the start of every note (the footnote already says "n/a")
    for _i, r in frame[frame["note"].astype(str).ne("")].iterrows():
        who = str(r.get("region_name", r.get("region", "")))
        if str(r.get("sector", "total")) != "total":
            who += f" – {r.get('sector_name', r.get('sector'))}"
        when = f" {int(r['year'])}" if has_year else ""
        entries.append(f"{who}{when}: " + str(r["note"]).removeprefix(prefix))
    if not entries:
        return ""
    more = _(" and {n} more").format(n=len(entries) - 6) if len(entries) > 6 else ""
    text = _(" “n/a”: a change from a zero or negative base is not a percentage ({entries}{more}).")
    return text.format(entries=_("; ").join(entries[:6]), more=more)
