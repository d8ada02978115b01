"""The shipped province boundaries (datasets/geo/cn_provinces.geojson) and the polygon arrays for plotly."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import Polygon, shape

from dashboard.data import geo
from dashboard.data.official.provinces import province_codes


@pytest.fixture(scope="module")
def fc():
    return geo.load_boundaries()


def test_file_is_small(fc):
    size = geo.DEFAULT_OUT.stat().st_size
    assert size < geo.MAX_BYTES == 300_000
    assert size > 50_000  # not a stub: 34 divisions with their borders


def test_31_provinces_with_data_and_the_outline(fc):
    feats = fc["features"]
    with_data = [f["id"] for f in feats if f["properties"]["has_data"]]
    assert with_data == list(province_codes())  # 31, GB/T 2260 order
    assert len(with_data) == 31 and "CN-NM" in with_data
    assert all(f["properties"]["kind"] == "province" for f in feats if f["properties"]["has_data"])
    outline = [f["id"] for f in feats if f["properties"]["kind"] == "outline"]
    assert outline == ["CN-TW", "CN-HK", "CN-MO"]
    line = [f for f in feats if f["id"] == geo.MARITIME_ID]
    assert len(line) == 1 and line[0]["geometry"]["type"] == "MultiLineString"
    names = {f["id"]: f["properties"]["name_en"] for f in feats}
    assert names["CN-NM"] == "Inner Mongolia" and names["CN-XZ"] == "Tibet (Xizang)"


def test_polygons_are_valid_and_inside_china_bbox(fc):
    for f in fc["features"]:
        g = shape(f["geometry"])
        assert not g.is_empty, f["id"]
        assert g.is_valid, f["id"]
        lon0, lat0, lon1, lat1 = g.bounds
        assert 73 < lon0 and lon1 < 136 and 3 < lat0 and lat1 < 54, f["id"]
    polys = [shape(f["geometry"]) for f in fc["features"] if f["properties"]["kind"] != "maritime_boundary"]
    # a coverage: neighbours share borders without overlapping (overlap area ~ 0)
    union_area = shapely.union_all(polys).area
    assert union_area == pytest.approx(sum(p.area for p in polys), rel=1e-4)
    # Inner Mongolia is large and Beijing is inside Hebei's ring but not overlapping it
    areas = {f["id"]: shape(f["geometry"]).area for f in fc["features"]}
    assert areas["CN-XJ"] > areas["CN-NM"] > areas["CN-BJ"] > 0


def test_coordinates_are_rounded_to_3_decimals(fc):
    text = geo.DEFAULT_OUT.read_text(encoding="utf-8")
    data = json.loads(text, parse_float=str)
    def walk(o):
        if isinstance(o, list):
            for v in o:
                yield from walk(v)
        elif isinstance(o, str):
            yield o
    for f in data["features"]:
        for v in walk(f["geometry"]["coordinates"]):
            assert len(v.split(".")[1]) <= 3 if "." in v else True, v


def test_geojson_xy_gives_closed_rings_separated_by_none(fc):
    xy = geo.geojson_xy(fc)
    assert list(xy)[:31] == list(province_codes()) and len(xy) == 34
    xs, ys = xy["CN-HI"]  # Hainan: several islands
    assert len(xs) == len(ys)
    breaks = [i for i, v in enumerate(xs) if v is None]
    assert breaks == [i for i, v in enumerate(ys) if v is None]
    feature = next(f for f in fc["features"] if f["id"] == "CN-HI")
    rings = [r for poly in feature["geometry"]["coordinates"] for r in poly] \
        if feature["geometry"]["type"] == "MultiPolygon" else feature["geometry"]["coordinates"]
    assert len(breaks) == len(rings) - 1
    start = 0
    for b, ring in zip(breaks + [len(xs)], rings):
        seg = list(zip(xs[start:b], ys[start:b]))
        assert seg == [tuple(p) for p in ring] and seg[0] == seg[-1]
        start = b + 1
    line = geo.geojson_xy(fc, ("maritime_boundary",))
    assert list(line) == [geo.MARITIME_ID]


def test_feature_xy_rejects_points():
    with pytest.raises(ValueError, match="unsupported geometry"):
        geo.feature_xy({"geometry": {"type": "Point", "coordinates": [1, 2]}})


def test_feature_xy_rejects_a_geometry_without_coordinates():
    """A polygon whose ``coordinates`` is missing is a ValueError naming the type (it was a TypeError before)."""
    with pytest.raises(ValueError, match="geometry 'Polygon' has no coordinate list"):
        geo.feature_xy({"geometry": {"type": "Polygon"}})


def test_simplification_rule_on_synthetic_squares():
    # synthetic geometry (test only): two unit squares sharing an edge, one with a tiny island
    left = shapely.MultiPolygon([Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]),
                                 Polygon([(3, 3), (3.01, 3), (3.01, 3.01), (3, 3.01)])])
    right = Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    a, b = geo.simplify_coverage([left, right], min_area=0.001, tolerance=0.05, decimals=3)
    assert a.area == pytest.approx(1.0) and b.area == pytest.approx(1.0)  # island (1e-4 deg²) dropped
    assert a.intersection(b).length == pytest.approx(1.0)  # the shared edge is still shared
    assert a.exterior.is_ccw
    tiny_only = Polygon([(3, 3), (3.01, 3), (3.01, 3.01), (3, 3.01)])
    (kept,) = geo.simplify_coverage([tiny_only], min_area=0.001, tolerance=0.0001, decimals=3)
    assert not kept.is_empty  # a division is never emptied by the island rule
