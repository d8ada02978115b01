"""Whether a time series can be drawn on a log scale, and why not.

A log axis shows only values above zero: a chart whose drawn values include one that is zero,
negative or n/a (drawn as an "n/a" marker on the zero line) cannot have one. The rule is the same for
the "Log scale" switch (disabled, with this reason in its label), for a link asking for ``log=1``
(a linear scale and a notice: :func:`dashboard.model.state.normalize`'s ``log_check``,
:func:`dashboard.model.overlay.drawn_log_reason` of the drawn rows) and for the
figure itself (:func:`dashboard.figures.timeseries.timeseries_figure`), so the three never disagree.
Shipped examples: net FDI inflows of Germany, Japan or the UK (negative in some years), fixed broadband
subscriptions of the early 1990s (zero), real GDP growth (a rate of change, catalog ``kind = "rate"``).
"""

from __future__ import annotations

import math
from typing import Iterable

from dashboard.data.i18n import N_, _

#: why a log scale is not offered (English; translated where shown)
RATE_REASON = N_("a rate of change can be zero or negative")
VALUES_REASON = N_("the chart has values of zero or below")


def log_drawable(values: Iterable[float]) -> bool:
    """True when every value is a number above zero (a NaN, an n/a point, counts as not drawable);
    True for no values at all (an empty chart has no axis to spoil)."""
    return all(isinstance(v, (int, float)) and math.isfinite(v) and v > 0 for v in values)


def log_reason(values: Iterable[float], is_rate: bool = False) -> str:
    """Why values cannot be drawn on a log scale, in the current language, or ``""`` if they can:
    :data:`RATE_REASON` for an indicator that is itself a rate of change (whatever the selection
    shows: its values can turn negative with the next year or region), else :data:`VALUES_REASON`
    when :func:`log_drawable` is false."""
    if is_rate:
        return _(RATE_REASON)
    return "" if log_drawable(values) else _(VALUES_REASON)
