"""The provincial view's model: its view state (URL query <-> state, every value checked) and the
exact rows each of its charts shows. Pure: no Dash.

The view reads the catalog's provincial indicators (``geography = "province"``: regions are the 31
ISO 3166-2:CN codes of ``content/provinces.toml`` plus ``CHN`` for the national total). Its state
lives in the URL, holding only what differs from the defaults::

    /provinces?indicator=rd_intensity_province&year=2023&province=CN-BJ~CN-GD&compare=2012..2023

Rules (each value is checked against what the indicator really has; a bad value falls back to the
default with a notice, never an error):

* ``indicator``: a provincial indicator id; default: the first headline one, else
  :data:`PREFERRED_INDICATOR`, else the first in catalog order;
* ``sector``: one sector of the indicator's breakdown (stack order; default the first), ``total``
  for an indicator without one;
* ``year``: the map's and the ranking's year; default: the latest year in which all 31 provinces
  have a value for the sector (:attr:`ProvinceMeta.default_year`);
* ``province``: the chosen provinces (``~``-separated codes, at most :data:`MAX_PROVINCES`; an empty
  value means none); default: the three provinces with the highest value in the default year;
* ``compare``: two different years ``A..B`` of the indicator; default 2012 (or the first year) and
  the default year.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any, Mapping

import pandas as pd

from dashboard.data.geo import geojson_xy, load_boundaries
from dashboard.data.labels import sector_name
from dashboard.data.official.provinces import NATIONAL_CODE, load_provinces
from dashboard.data.store import DataStore
from dashboard.model.state import DEFAULT_COMPARE_FROM, LIST_SEP, _as_int, _as_list, _as_range, query_string
from dashboard.model.transforms import compare_years

PROVINCE_GEOGRAPHY = "province"
PREFERRED_INDICATOR = "rd_intensity_province"
QUERY_KEYS = ("indicator", "sector", "year", "province", "compare")
MAX_PROVINCES = 10
DEFAULT_TOP = 3
#: display precision of the map outlines, decimal degrees (0.01 deg is about 1 km; shared borders stay
#: shared because both sides round the same vertex the same way)
MAP_DECIMALS = 2


# ---------------------------------------------------------------- provinces and boundaries
def province_names() -> dict[str, str]:
    """ISO code -> English name of the 31 provinces (GB/T 2260 order), plus ``CHN`` -> "China"."""
    plist = load_provinces()
    return {**{p.code: p.name_en for p in plist.provinces}, NATIONAL_CODE: "China"}


def province_name(code: str) -> str:
    """English name of a province code or ``CHN`` (the code itself if unknown)."""
    return province_names().get(code, code)


def _thin(xs: list, ys: list, decimals: int) -> tuple[list, list]:
    """Round to ``decimals`` and drop a vertex equal to the previous one (rings stay closed)."""
    ox: list = []
    oy: list = []
    for x, y in zip(xs, ys):
        if x is None or y is None:
            ox.append(None)
            oy.append(None)
            continue
        rx, ry = round(x, decimals), round(y, decimals)
        if ox and ox[-1] == rx and oy[-1] == ry:
            continue
        ox.append(rx)
        oy.append(ry)
    return ox, oy


@lru_cache(maxsize=1)
def map_shapes() -> dict[str, Any]:
    """The shipped boundaries as polygon arrays for the map, built once per process:
    ``{"provinces": {code: (lons, lats)}, "outline": {code: (lons, lats)}, "names": {code: English name},
    "maritime": (lons, lats)}``, rounded to :data:`MAP_DECIMALS`. Raises OSError/ValueError when the
    file cannot be read (the page then shows the ranking without a map)."""
    col = load_boundaries()
    names = {str(f["id"]): str(f.get("properties", {}).get("name_en", f["id"])) for f in col["features"]}

    def thin(d: dict) -> dict:
        return {k: _thin(x, y, MAP_DECIMALS) for k, (x, y) in d.items()}

    maritime = thin(geojson_xy(col, ("maritime_boundary",)))
    return {
        "provinces": thin(geojson_xy(col, ("province",))),
        "outline": thin(geojson_xy(col, ("outline",))),
        "names": names,
        "maritime": next(iter(maritime.values()), ([], [])),
    }


# ---------------------------------------------------------------- what an indicator has
@dataclass(frozen=True)
class ProvinceMeta:
    """What a provincial indicator has: the facts the normaliser checks against."""

    indicator_id: str
    sectors: tuple[str, ...]  # ("total",) or the breakdown in stack order
    years: tuple[int, ...]  # years in which at least one province has a value
    default_year: int
    default_provinces: tuple[str, ...]

    @property
    def has_sectors(self) -> bool:
        return self.sectors != ("total",)

    def default_compare(self) -> tuple[int, int]:
        first = DEFAULT_COMPARE_FROM if DEFAULT_COMPARE_FROM in self.years else self.years[0]
        if first == self.default_year:
            first = self.years[0]
        return first, self.default_year


def province_indicator_ids(store: DataStore) -> list[str]:
    """Ids of the provincial indicators with data, in catalog order."""
    rows = store.indicators(None, geography=PROVINCE_GEOGRAPHY)
    return [i for i in rows.index if not store.observations(i).empty]


def default_province_indicator(store: DataStore) -> str | None:
    """The view's default indicator (see the module rule); None if there is none."""
    ids = province_indicator_ids(store)
    if not ids:
        return None
    heads = [i for i in ids if bool(store.catalog.at[i, "headline"])]
    if heads:
        return heads[0]
    return PREFERRED_INDICATOR if PREFERRED_INDICATOR in ids else ids[0]


def province_meta(store: DataStore, indicator_id: str) -> ProvinceMeta:
    """The :class:`ProvinceMeta` of a provincial indicator with data (cached on the store)."""
    cache = store.__dict__.setdefault("_province_meta", {})
    meta = cache.get(indicator_id)
    if meta is None:
        meta = cache[indicator_id] = _meta(store, indicator_id)
    return meta


def _meta(store: DataStore, indicator_id: str) -> ProvinceMeta:
    obs = store.observations(indicator_id)
    codes = set(province_names()) - {NATIONAL_CODE}
    prov = obs[obs["region"].isin(codes)]
    sectors = tuple(store.sectors(indicator_id)) or ("total",)
    stack = [s.strip() for s in str(store.catalog.at[indicator_id, "stack_sectors"]).split(",") if s.strip()]
    sectors = tuple(s for s in stack if s in sectors) + tuple(s for s in sectors if s not in stack)
    first = sectors[0]
    own = prov[prov["sector"] == first]
    full = own.groupby("year")["region"].nunique()
    full_years = full[full >= len(codes)].index
    years = tuple(sorted(int(y) for y in prov["year"].unique()))
    default_year = int(full_years.max()) if len(full_years) else (years[-1] if years else DEFAULT_COMPARE_FROM)
    top = own[own["year"] == default_year].sort_values(["value", "region"], ascending=[False, True])
    return ProvinceMeta(indicator_id, sectors, years or (default_year,), default_year,
                        tuple(top["region"].head(DEFAULT_TOP)))


# ---------------------------------------------------------------- the view state
@dataclass(frozen=True)
class ProvinceState:
    """Everything the provincial view shows: one indicator and sector, the map year, the chosen
    provinces and the two compared years."""

    indicator: str
    sector: str
    year: int
    provinces: tuple[str, ...]
    year_a: int
    year_b: int

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["provinces"] = list(self.provinces)
        return d

    def cache_key(self) -> tuple:
        return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(self.to_dict().items()))


def default_province_state(meta: ProvinceMeta) -> ProvinceState:
    a, b = meta.default_compare()
    return ProvinceState(meta.indicator_id, meta.sectors[0], meta.default_year, meta.default_provinces, a, b)


def normalize_province(store: DataStore, raw: Mapping[str, Any]) -> tuple[ProvinceState | None, list[str]]:
    """A valid :class:`ProvinceState` from untrusted URL-keyed values (:data:`QUERY_KEYS`; lists as
    lists or ``~``-strings) and one notice per rejected value. None if the store has no provincial
    indicator."""
    msgs: list[str] = []
    ids = province_indicator_ids(store)
    default = default_province_indicator(store)
    if default is None:
        return None, msgs
    ind = raw.get("indicator")
    if ind is not None and ind not in ids:
        msgs.append(f"Unknown provincial indicator “{str(ind)[:40]}”; showing the default.")
    indicator = ind if isinstance(ind, str) and ind in ids else default
    meta = province_meta(store, indicator)
    state = default_province_state(meta)

    sector = raw.get("sector")
    if sector is not None and sector != "" and sector not in meta.sectors:
        msgs.append(f"Sector “{str(sector)[:40]}” is not one of this indicator's; showing {sector_name(meta.sectors[0])}.")
    elif isinstance(sector, str) and sector in meta.sectors:
        state = replace(state, sector=sector)

    if raw.get("year") is not None:
        year = _as_int(raw.get("year"))
        if year in meta.years:
            state = replace(state, year=int(year))
        else:
            msgs.append(f"Year “{str(raw.get('year'))[:12]}” has no data; showing {state.year}.")

    if raw.get("province") is not None:
        items = _as_list(raw.get("province"))
        valid = set(province_names()) - {NATIONAL_CODE}
        if items is None:
            msgs.append("The chosen provinces could not be read; showing the default.")
        else:
            bad = [p for p in items if p not in valid]
            if bad:
                msgs.append("Unknown province codes ignored: " + ", ".join(b[:12] for b in bad[:5]) + ".")
            good = tuple(p for p in items if p in valid)
            if len(good) > MAX_PROVINCES:
                msgs.append(f"At most {MAX_PROVINCES} provinces are shown; the rest were dropped.")
            state = replace(state, provinces=good[:MAX_PROVINCES])

    if raw.get("compare") is not None:
        pair = _as_range(raw.get("compare"))
        if pair is None or pair[0] == pair[1] or not all(y in meta.years for y in pair):
            msgs.append(f"Compare years “{str(raw.get('compare'))[:20]}” are not two years of this indicator; "
                        f"showing {state.year_a}–{state.year_b}.")
        else:
            state = replace(state, year_a=pair[0], year_b=pair[1])
    return state, msgs


def province_query(store: DataStore, state: ProvinceState) -> str:
    """The URL query of a state (``?...``): only what differs from the defaults ("" if nothing)."""
    d = default_province_state(province_meta(store, state.indicator))
    q: dict[str, str] = {}
    if state.indicator != default_province_indicator(store):
        q["indicator"] = state.indicator
    if state.sector != d.sector:
        q["sector"] = state.sector
    if state.year != d.year:
        q["year"] = str(state.year)
    if state.provinces != d.provinces:
        q["province"] = LIST_SEP.join(state.provinces)
    if (state.year_a, state.year_b) != (d.year_a, d.year_b):
        q["compare"] = f"{state.year_a}..{state.year_b}"
    return query_string(q)


def province_payload(store: DataStore, state: ProvinceState) -> dict[str, Any]:
    """The view-state store's data ``{"state": ..., "query": "?..."}`` (the URL sync reads ``query``)."""
    return {"state": state.to_dict(), "query": province_query(store, state)}


def state_from_province_payload(store: DataStore, data: Any) -> ProvinceState | None:
    """Re-check a payload that came back from the browser (None if it is not one of this view's)."""
    if not isinstance(data, dict) or not isinstance(data.get("state"), dict):
        return None
    s = data["state"]
    if "provinces" not in s:
        return None
    raw = {"indicator": s.get("indicator"), "sector": s.get("sector"), "year": s.get("year"),
           "province": s.get("provinces"), "compare": [s.get("year_a"), s.get("year_b")]}
    state, _ = normalize_province(store, raw)
    return state


# ---------------------------------------------------------------- clicks
def clicked_province(click_data: Any, curve_codes: tuple[str, ...] = ()) -> str | None:
    """The province code a click payload names; None unless it is one of the 31 provinces.

    A bar carries its code in ``customdata``. A map polygon (a filled area: plotly's click event
    carries no per-point data for it) is named by its trace: ``curve_codes[curveNumber]``, the codes
    in the map's trace order (:func:`map_province_codes`).
    """
    try:
        point = click_data["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    valid = set(province_names()) - {NATIONAL_CODE}
    value = point.get("customdata")
    if isinstance(value, str) and value in valid:
        return value
    curve = point.get("curveNumber")
    if isinstance(curve, int) and not isinstance(curve, bool) and 0 <= curve < len(curve_codes):
        code = curve_codes[curve]
        return code if code in valid else None
    return None


def map_province_codes() -> tuple[str, ...]:
    """The province codes in the order of the map's first traces (the boundaries file's order)."""
    try:
        return tuple(map_shapes()["provinces"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def toggle_province(provinces: tuple[str, ...], code: str) -> tuple[str, ...]:
    """Add ``code`` to the chosen provinces, or remove it if it is chosen (oldest dropped beyond
    :data:`MAX_PROVINCES`)."""
    if code in provinces:
        return tuple(p for p in provinces if p != code)
    return (provinces + (code,))[-MAX_PROVINCES:]


# ---------------------------------------------------------------- the rows each chart shows
def _named(frame: pd.DataFrame) -> pd.DataFrame:
    names = province_names()
    return frame.assign(region_name=frame["region"].map(lambda c: names.get(c, c)))


def year_data(store: DataStore, state: ProvinceState) -> pd.DataFrame:
    """The 31 provinces' values in ``state.year`` for the sector (map and ranking), highest first
    (ties by code). Columns region, region_name, sector, year, value, flag, source_vintage; a
    province without a value that year has no row."""
    codes = [c for c in province_names() if c != NATIONAL_CODE]
    df = store.query(state.indicator, regions=codes, sectors=[state.sector], years=(state.year, state.year))
    df = df.sort_values(["value", "region"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return _named(df)


def national_value(store: DataStore, state: ProvinceState, year: int | None = None) -> float | None:
    """China's (``CHN``) value of the indicator and sector in ``year`` (default ``state.year``)."""
    y = state.year if year is None else year
    df = store.query(state.indicator, regions=[NATIONAL_CODE], sectors=[state.sector], years=(y, y))
    return float(df["value"].iloc[0]) if not df.empty else None


def value_range(store: DataStore, indicator: str, sector: str) -> tuple[float, float]:
    """(min, max) of the provinces' values over all years: the map's colour scale, fixed while the
    year changes so colours compare across years. (0, 1) if there is no value."""
    codes = [c for c in province_names() if c != NATIONAL_CODE]
    v = store.query(indicator, regions=codes, sectors=[sector])["value"]
    if v.empty:
        return 0.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    return (lo, hi) if hi > lo else (lo, lo + 1.0)


def series_data(store: DataStore, state: ProvinceState) -> pd.DataFrame:
    """Every year of ``CHN`` and the chosen provinces (that order) for the sector, with region_name."""
    regions = [NATIONAL_CODE, *state.provinces]
    df = store.query(state.indicator, regions=regions, sectors=[state.sector])
    order = {r: i for i, r in enumerate(regions)}
    df = df.assign(_o=df["region"].map(order)).sort_values(["_o", "year"], kind="stable").drop(columns="_o")
    return _named(df.reset_index(drop=True))


def compare_data(store: DataStore, state: ProvinceState) -> pd.DataFrame:
    """:func:`~dashboard.model.transforms.compare_years` of ``CHN`` and the 31 provinces between the
    two compared years (one computation: change, % change and CAGR), plus region_name and ``metric``
    / ``metric_name``: the absolute change in percentage points for a unit in %, else the CAGR in
    %/yr. Sorted by metric, highest first (no metric: last)."""
    codes = list(province_names())
    df = store.query(state.indicator, regions=codes, sectors=[state.sector],
                     years=tuple(sorted((state.year_a, state.year_b))))  # type: ignore[arg-type]
    cmp = compare_years(df, state.year_a, state.year_b)
    if cmp.empty:
        return _named(cmp.assign(metric=pd.Series(dtype="float64"), metric_name=""))
    pp = is_percent_unit(str(store.catalog.at[state.indicator, "unit"]))
    cmp = cmp.assign(metric=cmp["abs_change"] if pp else cmp["cagr"],
                     metric_name="change (percentage points)" if pp else "CAGR (%/yr)")
    cmp = cmp.assign(_m=cmp["metric"].where(cmp["metric"].map(math.isfinite), -math.inf))
    cmp = cmp.sort_values(["_m", "region"], ascending=[False, True], kind="stable").drop(columns="_m")
    return _named(cmp.reset_index(drop=True))


def is_percent_unit(unit: str) -> bool:
    """True for a unit in per cent (its changes read in percentage points, not as growth rates)."""
    return unit.strip().startswith("%") or "per cent" in unit


def export_data(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """A chart's rows as a tidy CSV frame: indicator, unit, region (code and name), sector and the
    chart's value columns (``year``/``value``/``flag`` or the compare columns)."""
    keep = [c for c in ("region", "region_name", "sector", "year", "value", "flag", "source_vintage", "year_a",
                        "value_a", "year_b", "value_b", "abs_change", "pct_change", "cagr") if c in frame.columns]
    out = frame[keep].copy()
    out.insert(0, "unit", str(meta["unit"]))
    out.insert(0, "indicator", str(meta["name"]))
    out.insert(0, "indicator_id", str(meta["indicator_id"]))
    return out.reset_index(drop=True)
