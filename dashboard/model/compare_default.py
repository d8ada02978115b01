"""The default compared years of a selection (the "Compare years" chart's From and To).

:meth:`~dashboard.model.state.IndicatorMeta.default_compare` gives 2012 (or the first year) and the
latest year of the default region. With several regions or sectors chosen, a chosen series that has
no value in one of those two years drops out of the compare chart (``va_share_gdp_by_industry``:
China 2025, the United States 2021; ``robot_installations``: China from 2020, the others from 2022
or 2023 only), and a large selection may have no year common to all its series at all. So the
default of a selection is the pair of years (From < To), From not before the indicator's own From
(2012 or its first year), in which the most chosen series (each region and sector of the selection
that has data at all) have both values; among equal pairs the latest To, then the earliest From.
A series that ends before the indicator's From cannot be compared from it and is left out (EU
manufacturing, which ends in 2010); only when no series has two years from that From on are
earlier years taken (the same rule without the bound). When every series has both of the
indicator's years this is the indicator's rule with To moved back to the latest year they all share.
A ``compare=`` in the URL, or years the user picked, are always kept: this is only the default (and what the URL leaves out).
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from dashboard.data.store import DataStore
from dashboard.model.state import IndicatorMeta


def _series_years(store: DataStore, indicator_id: str, regions: Sequence[str],
                  sectors: Sequence[str]) -> dict[tuple[str, str], set[int]]:
    """Years with a (non-missing) value of each (region, sector) series of the selection that has rows."""
    lists = store.series_lists(indicator_id, list(regions), list(sectors))
    if lists is None:  # a frame not sorted by series: the masked query
        frame = store.query(indicator_id, list(regions), list(sectors))
        lists = {col: frame[col].tolist() for col in ("region", "sector", "year", "value")}
    years: dict[tuple[str, str], set[int]] = {}
    for region, sector, year, value in zip(lists["region"], lists["sector"], lists["year"], lists["value"]):
        series = years.setdefault((region, sector), set())
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            series.add(int(year))
    return years


def best_compare_pair(series_years: Sequence[set[int]], prefer_from: int) -> tuple[int, int] | None:
    """The (From, To) pair, From < To, that the most series have both values of, From >= ``prefer_from``
    if any such pair exists, else any From (ties: the latest To, then the earliest From); None if no
    series has two years. ``series_years``: each series' years with a value."""
    all_years = sorted(set().union(*series_years)) if series_years else []
    if len(all_years) < 2:
        return None
    col = {y: i for i, y in enumerate(all_years)}
    have = np.zeros((len(series_years), len(all_years)), dtype=np.int32)
    for row, ys in enumerate(series_years):
        have[row, [col[y] for y in ys]] = 1
    both = have.T @ have  # both[i, j]: series with values in all_years[i] and all_years[j]
    for lowest in (prefer_from, all_years[0]):
        best: tuple[int, int, int] | None = None  # (count, To, -From)
        for j in range(1, len(all_years)):
            for i in range(j):
                count = int(both[i, j])
                if count and all_years[i] >= lowest and (best is None or (count, all_years[j], -all_years[i]) > best):
                    best = (count, all_years[j], -all_years[i])
        if best is not None:
            return -best[2], best[1]
    return None


def default_compare_years(store: DataStore, meta: IndicatorMeta, regions: Sequence[str],
                          sectors: Sequence[str]) -> tuple[int, int]:
    """(From, To) compared by default for a selection (the rule: module docstring); the indicator's
    :meth:`IndicatorMeta.default_compare` when no chosen series has two years. Examples (shipped
    data): ``va_share_gdp_by_industry`` for CHN, USA, JPN, DEU and the three industries -> (2012, 2021),
    where the indicator's rule gives (2012, 2025); ``robot_installations`` for CHN, USA, JPN, DEU, KOR
    -> (2022, 2023) (China and Japan: the others have 2023 only); the four sectors of ten regions ->
    (2012, 2021), 39 of 40 series (EU manufacturing ends in 2010). Memoised per selection on the store."""
    start, end = meta.default_compare()
    if not regions or not sectors:
        return start, end
    cache = store.__dict__.setdefault("_default_compare", {})
    key = (meta.indicator_id, tuple(regions), tuple(sectors), start)
    if key not in cache:
        years = _series_years(store, meta.indicator_id, regions, sectors)
        found = best_compare_pair([ys for ys in years.values() if ys], start)
        if len(cache) > 4096:  # selections are few per indicator; bound the memo anyway
            cache.clear()
        cache[key] = found
    found = cache[key]
    if found is None or not (meta.year_min <= found[0] < found[1] <= meta.year_max):
        return start, end
    return found
