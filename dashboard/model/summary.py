"""The current view in one line of words, printed above the charts (issue 9, item 8).

On screen the filter panel says what is shown; on paper it is hidden, so a print-only line
holds the same facts: indicator and unit, regions, sectors, years, transform, comparison.
"""

from __future__ import annotations

from typing import Mapping

from dashboard.data.i18n import _, bracketed
from dashboard.data.labels import region_name, sector_name
from dashboard.model.state import ViewState
from dashboard.model.transforms import TRANSFORMS


def view_summary(state: ViewState, meta: Mapping) -> str:
    """One line, e.g. ``"Electricity mix (% of electricity) · China, United States · 2000–2024 ·
    Level · Compare 2012 vs 2024"``. ``meta`` is the indicator's catalog row (name, unit)."""
    parts = [bracketed(meta["name"], meta["unit"])]
    parts.append(_(", ").join(region_name(r) for r in state.regions) or _("No region selected"))
    if state.sectors and state.sectors != ("total",):
        parts.append(_("Sectors: {sectors}").format(sectors=_(", ").join(sector_name(s) for s in state.sectors)))
    parts.append(f"{state.start}–{state.end}" if state.start != state.end else str(state.start))
    transform = _(TRANSFORMS.get(state.transform, state.transform))
    if state.transform == "index":
        transform = _("Index ({year} = 100)").format(year=state.base_year)
    parts.append(transform + (_(", log scale") if state.log else ""))
    a, b = sorted((state.year_a, state.year_b))
    parts.append(_("Compare {a} vs {b}").format(a=a, b=b))
    return " · ".join(parts)
