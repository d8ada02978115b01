"""The composition chart: stacked areas of the sectors that partition a total, for one region."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from dashboard.data.i18n import _
from dashboard.data.labels import region_name, sector_name
from dashboard.figures.common import base_figure, empty_figure, floats, ints, range_text
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
    for i, (sector, s) in enumerate(data.groupby("sector", sort=False)):
        colour = sector_color(sector, i)
        traces.append({
            "type": "scatter", "x": ints(s["year"]), "y": floats(s["value"]), "name": sector_name(sector),
            "mode": "lines", "stackgroup": "one", "line": {"width": 0.8, "color": colour}, "fillcolor": colour,
            "hovertemplate": "<b>" + sector_name(sector) + "</b><br>%{x}: %{y:,." + str(decimals) + "f} "
            + unit + "<extra></extra>",
        })
    title = _("{name}: composition in {region}").format(name=meta["name"], region=region_name(region))
    stacking = _("100% stacked") if percent else _("stacked")
    subtitle = f"{unit} · {stacking} · {range_text(data['year'])}"
    yaxis: dict = {"title": {"text": unit}}
    if percent:
        yaxis["range"] = [0, 100]
    return base_figure(traces, title, subtitle, meta, yaxis=yaxis, xaxis={"tickformat": "d"},
                   hovermode="x unified")
