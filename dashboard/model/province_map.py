"""The provincial view's places: the provinces' names in the current language and the shipped
boundaries as polygon arrays for the map. Pure: no Dash (re-exported by
:mod:`dashboard.model.province_data`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dashboard.data.geo import geojson_xy, load_boundaries
from dashboard.data.i18n import is_zh
from dashboard.data.labels import region_name
from dashboard.data.official.provinces import NATIONAL_CODE, load_provinces

#: display precision of the map outlines, decimal degrees (0.01 deg is about 1 km; shared borders stay
#: shared because both sides round the same vertex the same way)
MAP_DECIMALS = 2


def province_names() -> dict[str, str]:
    """ISO code -> name of the 31 provinces (GB/T 2260 order) in the current language (English, or
    the short Chinese name of ``content/provinces.toml``), plus ``CHN`` -> "China" / "中国"."""
    plist = load_provinces()
    zh = is_zh()
    return {**{p.code: (p.name_zh if zh else p.name_en) for p in plist.provinces},
            NATIONAL_CODE: region_name(NATIONAL_CODE)}


def province_name(code: str) -> str:
    """Name of a province code or ``CHN`` in the current language (the code itself if unknown)."""
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
    "names_zh": {code: Chinese name}, "maritime": (lons, lats)}``, rounded to :data:`MAP_DECIMALS`.
    Raises OSError/ValueError when the
    file cannot be read (the page then shows the ranking without a map)."""
    col = load_boundaries()
    names = {str(f["id"]): str(f.get("properties", {}).get("name_en", f["id"])) for f in col["features"]}
    names_zh = {str(f["id"]): str(f.get("properties", {}).get("name_zh") or names[str(f["id"])])
                for f in col["features"]}

    def thin(d: dict) -> dict:
        return {k: _thin(x, y, MAP_DECIMALS) for k, (x, y) in d.items()}

    maritime = thin(geojson_xy(col, ("maritime_boundary",)))
    return {
        "provinces": thin(geojson_xy(col, ("province",))),
        "outline": thin(geojson_xy(col, ("outline",))),
        "names": names,
        "names_zh": names_zh,
        "maritime": next(iter(maritime.values()), ([], [])),
    }


def map_province_codes() -> tuple[str, ...]:
    """The province codes in the order of the map's first traces (the boundaries file's order)."""
    try:
        return tuple(map_shapes()["provinces"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


__all__ = ["MAP_DECIMALS", "map_province_codes", "map_shapes", "province_name", "province_names"]
