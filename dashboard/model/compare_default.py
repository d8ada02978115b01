"""The default compared years of a selection (the "Compare years" chart's From and To).

:meth:`~dashboard.model.state.IndicatorMeta.default_compare` gives 2012 (or the first year) and the
latest year of the default region. With several regions chosen that To year may be one that some of
them have no value for (``va_share_gdp_by_industry``: China 2025, the United States 2021), and those
regions would drop out of the compare chart. So the default To year of a selection is the latest year
in which every chosen series (each region and sector of the selection that has data at all) has a
value, when that year is after the From year; else the indicator's rule. A ``compare=`` in the URL,
or years the user picked, are always kept: this is only the default (and what the URL leaves out).
"""

from __future__ import annotations

import math
from typing import Sequence

from dashboard.data.store import DataStore
from dashboard.model.state import IndicatorMeta


def latest_common_year(store: DataStore, indicator_id: str, regions: Sequence[str],
                       sectors: Sequence[str]) -> int | None:
    """The latest year in which every (region, sector) series of ``regions`` x ``sectors`` that has
    data for ``indicator_id`` has a (non-missing) value; None if no year is common to them all or
    none of them has data. Series the indicator does not have (a region never reporting a sector)
    are left out: they are not drawn, so they cannot drop out. Memoised per selection on the store."""
    cache = store.__dict__.setdefault("_common_year", {})
    key = (indicator_id, tuple(regions), tuple(sectors))
    if key in cache:
        return cache[key]
    found: int | None = None
    lists = store.series_lists(indicator_id, list(regions), list(sectors))
    if lists is None:  # a frame not sorted by series: the masked query
        frame = store.query(indicator_id, list(regions), list(sectors))
        lists = {col: frame[col].tolist() for col in ("region", "sector", "year", "value")}
    years: dict[tuple[str, str], set[int]] = {}
    for region, sector, year, value in zip(lists["region"], lists["sector"], lists["year"], lists["value"]):
        series = years.setdefault((region, sector), set())
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            series.add(int(year))
    if years:
        common = set.intersection(*years.values())
        found = max(common) if common else None
    if len(cache) > 4096:  # selections are few per indicator; bound the memo anyway
        cache.clear()
    cache[key] = found
    return found


def default_compare_years(store: DataStore, meta: IndicatorMeta, regions: Sequence[str],
                          sectors: Sequence[str]) -> tuple[int, int]:
    """(From, To) compared by default for a selection: From as :meth:`IndicatorMeta.default_compare`,
    To the :func:`latest_common_year` of the chosen series when it is after From, else the
    indicator's default To year (the latest year of its default region). Example (shipped data):
    ``va_share_gdp_by_industry`` for CHN, USA, JPN, DEU and the three industries -> (2012, 2021),
    where the indicator's rule gives (2012, 2025)."""
    start, end = meta.default_compare()
    if not regions or not sectors:
        return start, end
    common = latest_common_year(store, meta.indicator_id, regions, sectors)
    if common is not None and start < common <= meta.year_max:
        return start, common
    return start, end
