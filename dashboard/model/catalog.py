"""What the catalog says about an indicator and a dimension, for the view state and the pages.

``indicator_meta`` (regions, sectors, years an indicator really has) is what
:func:`~dashboard.model.state.normalize` checks untrusted values against; the
``state_from_*`` functions are the gate every control value and callback payload passes. That gate
also maps an old indicator id of a shared link to its current id (``dashboard/content/aliases.toml``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Callable

from dashboard.data import content as ct
from dashboard.data.i18n import _, get_lang
from dashboard.data.i18n_content import localize_row
from dashboard.data.store import DataStore
from dashboard.model.compare_default import default_compare_years
from dashboard.model.state import (
    IndicatorMeta,
    ViewState,
    normalize,
    query_string,
    raw_from_state_dict,
    to_query,
)
from dashboard.model.summary import view_summary
from dashboard.model.transforms import complete_years

log = logging.getLogger(__name__)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in str(value).split(",") if v.strip())


def catalog_row(store: DataStore, indicator_id: str) -> dict[str, Any]:
    """One catalog row as a plain dict in the current language (:func:`localize_row`), with
    ``indicator_id`` added. Raises ``KeyError`` for an unknown id. Memoised per (id, language) on
    the store (the catalog never changes; a ``.loc`` row of a mixed-type frame costs ~0.3 ms);
    each call returns a new dict, so callers may change theirs."""
    cache = store.__dict__.setdefault("_row_cache", {})
    key = (indicator_id, get_lang())
    row = cache.get(key)
    if row is None:
        raw = store.catalog.loc[indicator_id]
        d = {k: (v.item() if hasattr(v, "item") else v) for k, v in raw.items()}
        d["indicator_id"] = indicator_id
        row = cache[key] = localize_row(d)  # in the current language (dashboard.data.i18n_content)
    return dict(row)


def indicator_meta(store: DataStore, indicator_id: str) -> IndicatorMeta:
    """What one indicator has (regions, sectors, years), cached on the store instance."""
    cache = store.__dict__.setdefault("_meta_cache", {})
    meta = cache.get(indicator_id)
    if meta is None:
        meta = cache[indicator_id] = _meta(store, indicator_id)
    return meta


def warm_metadata(store: DataStore) -> int:
    """Compute :func:`indicator_meta` of every indicator now (at start-up, before the server forks,
    so all workers share it) instead of on a user's first visit to each, with its rows' series
    ranges and column lists (:meth:`~dashboard.data.store.DataStore.series_lists`); returns how many. Skipped
    (0) for a store too large to hold in memory, whose frames are cut lazily
    (:data:`dashboard.data.store.LARGE_ROWS`). ~0.2 s for the shipped data."""
    if not store.in_memory:
        return 0
    for indicator_id in store.catalog.index:
        indicator_meta(store, str(indicator_id))
        store.series_lists(str(indicator_id), [], [])  # the stored rows as lists (DataStore.series_lists)
    return len(store.catalog)


def _meta(store: DataStore, indicator_id: str) -> IndicatorMeta:
    row = store.catalog.loc[indicator_id]
    obs = store.observations(indicator_id)
    regions = tuple(store.regions(indicator_id))
    sectors = tuple(store.sectors(indicator_id)) or ("total",)
    stack = tuple(s for s in _split(row["stack_sectors"]) if s in sectors)
    rng = store.year_range(indicator_id) or (2012, 2012)
    default_region = "CHN" if "CHN" in regions else (regions[0] if regions else "CHN")
    own = obs[obs["region"] == default_region]
    if stack and len(stack) >= 2:
        # latest year in which the default region reports all the parts it ever reports
        own = complete_years(own, list(stack))
    default_end = int(own["year"].max()) if not own.empty else int(rng[1])
    counterpart = str(row.get("counterpart", "") or "")  # checked mutual and same-unit by validation
    return IndicatorMeta(
        indicator_id=indicator_id,
        dimension=str(row["dimension"]),
        regions=regions,
        sectors=sectors,
        stack_sectors=stack if len(stack) >= 2 else (),
        share_of_total=bool(row["share_of_total"]) and len(stack) >= 2,
        year_min=int(rng[0]),
        year_max=int(rng[1]),
        default_end=default_end,
        counterpart=counterpart if counterpart in store.catalog.index else "",
        kind=str(row.get("kind", "level") or "level"),
    )


def valid_dimension(store: DataStore, dimension: Any) -> str | None:
    """``dimension`` if it is a dimension id with indicators in the store, else None."""
    if isinstance(dimension, str) and not store.indicators(dimension).empty:
        return dimension
    return None


def indicator_ids(store: DataStore, dimension: str) -> list[str]:
    """Ids of a dimension's indicators, in catalog order (empty for an unknown dimension)."""
    return list(store.indicators(dimension).index)


def default_indicator(store: DataStore, dimension: str) -> str | None:
    """The dimension's first headline indicator (or its first indicator; None if it has none).
    Memoised per dimension on the store (asked on every callback; the catalog never changes)."""
    cache = store.__dict__.setdefault("_default_indicator", {})
    if dimension in cache:
        return cache[dimension]
    inds = store.indicators(dimension)
    if inds.empty:
        return None
    heads = inds[inds["headline"]]
    found = cache[dimension] = str((heads if not heads.empty else inds).index[0])
    return found


@lru_cache(maxsize=1)
def indicator_aliases() -> dict[str, str]:
    """Old indicator id -> current id, from ``dashboard/content/aliases.toml``
    (:func:`dashboard.data.content.load_aliases`, validated against the indicator content), read once per
    process. An invalid file is logged and gives ``{}``: a content fault never takes a page down (the build
    and the unit tests reject it first)."""
    try:
        return ct.load_aliases()
    except ct.ContentError:
        log.exception("ignoring dashboard/content/aliases.toml")
        return {}


def resolve_alias(raw: Mapping[str, Any], ids: list[str],
                  aliases: Mapping[str, str] | None = None) -> tuple[Mapping[str, Any], list[str]]:
    """``raw`` with an old ``indicator`` id replaced by its current id, and the notice saying so.

    Applies only when the old id is not an indicator of the page (``ids``) and its current id is one; any
    other value is left for :func:`~dashboard.model.state.normalize` to judge. ``aliases`` defaults to
    :func:`indicator_aliases`. Example: ``{"indicator": "graduate_students"}`` ->
    ``({"indicator": "graduate_admissions"}, ["graduate_students is now graduate_admissions: ..."])``.
    """
    old = raw.get("indicator") if isinstance(raw, Mapping) else None
    if not isinstance(old, str) or old in ids:
        return raw, []
    new = (indicator_aliases() if aliases is None else aliases).get(old)
    if new is None or new not in ids:
        return raw, []
    text = _("{old} is now {new}: this link's indicator was renamed; the address now uses the new id.")
    return {**raw, "indicator": new}, [text.format(old=old, new=new)]


def state_from_raw(store: DataStore, dimension: str, raw: Mapping[str, Any], *, empty_lists_ok: bool = False,
                   log_check: Callable[[ViewState], str] | None = None) -> tuple[ViewState, list[str]]:
    """:func:`~dashboard.model.state.normalize` against the store: URL-keyed untrusted values ->
    a valid state and its notices. ``dimension`` must be valid (see :func:`valid_dimension`).
    An old indicator id is first mapped to its current id (:func:`resolve_alias`), with a notice.
    ``log_check``: :func:`normalize`'s (a log scale the drawn values cannot take is turned off with a notice;
    :func:`dashboard.render.page_state` passes it)."""
    ids = indicator_ids(store, dimension)
    raw, renamed = resolve_alias(raw, ids)
    state, notices = normalize(raw, dimension, ids, lambda i: indicator_meta(store, i),
                               default_indicator=default_indicator(store, dimension), empty_lists_ok=empty_lists_ok,
                               compare_default=lambda m, r, s: default_compare_years(store, m, r, s),
                               log_check=log_check, known_regions=data_regions(store))
    return state, renamed + notices


def data_regions(store: DataStore) -> frozenset[str]:
    """Every region code with country data in ``store`` (any indicator); cached on the store."""
    if "_data_regions" not in store.__dict__:
        store.__dict__["_data_regions"] = frozenset(r for i in store.indicators(None).index for r in store.regions(str(i)))
    return store.__dict__["_data_regions"]


def state_from_payload(store: DataStore, data: Any) -> ViewState | None:
    """Re-validate a view-state payload (``{"state": ViewState.to_dict(), ...}``; it comes back
    from the browser, so anything may be in it). None if it names no valid dimension."""
    if not isinstance(data, dict) or not isinstance(data.get("state"), dict):
        return None
    s = data["state"]
    dimension = valid_dimension(store, s.get("dimension"))
    if dimension is None:
        return None
    try:
        state, _ = state_from_raw(store, dimension, raw_from_state_dict(s), empty_lists_ok=True)
    except Exception:  # pragma: no cover - defensive: normalise never raises on payloads
        log.exception("could not normalise a view-state payload")
        return None
    return state


def view_payload(store: DataStore, state: ViewState) -> dict[str, Any]:
    """The view-state store's data: the state, its URL query (only what differs from defaults)
    and the one-line summary printed above the charts (:func:`~dashboard.model.summary.view_summary`)."""
    meta = indicator_meta(store, state.indicator)
    query = query_string(to_query(state, meta, default_indicator(store, state.dimension),
                                  default_compare_years(store, meta, state.regions, state.sectors)))
    return {"state": state.to_dict(), "query": query, "summary": view_summary(state, catalog_row(store, state.indicator))}
