"""The composition chart: stacked areas of the sectors that partition a total, for one region."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.labels import region_name, sector_name
from dashboard.figures.common import base_figure, empty_figure, floats, ints, legend_layout, range_text, year_axis
from dashboard.figures.segments import year_runs
from dashboard.figures.theme import sector_color
from dashboard.model.state import ViewState


def composition_figure(data: pd.DataFrame, meta: Mapping, state: ViewState, region: str) -> dict:
    """Stacked area of the sectors that partition a total, for one region.

    With ``state.stack == "percent"`` the data are already shares (see views.composition_data).
    """
    if data.empty:
        return empty_figure(_("No complete sector breakdown for this region and these years."),
                            meta.get("name", ""))
    decimals = int(meta.get("decimals", 1))
    percent = state.stack == "percent"
    unit = _("% of total") if percent else meta["unit"]
    traces = []
    # one stack per run of consecutive years: an area never spans missing years (nothing is
    # interpolated); the sector keeps one legend entry across its runs
    # plain lists: a few sectors of a few dozen years, where pandas' per-group operations cost
    # far more than the work (issue 14)
    years, values = data["year"].tolist(), data["value"].tolist()
    rows: dict[str, list[int]] = {}  # sector -> its rows, sectors in order of first appearance
    for i, sector in enumerate(data["sector"].tolist()):
        rows.setdefault(sector, []).append(i)
    runs = year_runs(years)
    run_of = {year: k for k, run in enumerate(runs) for year in run}
    for i, (sector, at) in enumerate(rows.items()):
        colour = sector_color(sector, i)
        for k, run in enumerate(runs):
            part = [j for j in at if run_of.get(years[j]) == k]
            traces.append({
                "type": "scatter", "x": ints([years[j] for j in part]), "y": floats([values[j] for j in part]),
                "name": sector_name(sector),
                "mode": "lines+markers" if len(run) == 1 else "lines", "stackgroup": f"run{k}",
                "legendgroup": sector, "showlegend": k == 0, "marker": {"size": 6, "color": colour},
                "line": {"width": 0.8, "color": colour}, "fillcolor": colour,
                "hovertemplate": "<b>" + sector_name(sector) + "</b><br>%{x}: %{y:,." + str(decimals) + "f} "
                + unit + "<extra></extra>",
            })
    title = _("{name}: composition in {region}").format(name=meta["name"], region=region_name(region))
    stacking = _("100% stacked") if percent else _("stacked")
    subtitle = f"{unit} · {stacking} · {range_text(data['year'])}"
    yaxis: dict = {"title": {"text": unit}}
    if percent:
        yaxis["range"] = [0, 100]
    legend = legend_layout([sector_name(x) for x in rows])
    xaxis = year_axis(data["year"])
    if runs and "range" not in xaxis and (len(runs[0]) == 1 or len(runs[-1]) == 1):
        # a lone first or last year is drawn as dots only: half a year of room so they are not cut at the edge
        xaxis["range"] = [runs[0][0] - 0.5, runs[-1][-1] + 0.5]
    return base_figure(traces, title, subtitle, meta, yaxis=yaxis, xaxis=xaxis, legend=legend,
                   hovermode="x unified")
