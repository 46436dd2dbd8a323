"""GeoJSON and CSV exports read back by the json/csv modules, fiona and ogrinfo."""
import csv
import json

import fiona
import numpy as np
import pytest
from export_sample import CODE, OWNER, ROAD, assert_same_place, manholes, ogrinfo_text, poles

from layers.crs import gcj02_to_wgs84
from layers.export import export_layers
from layers.export.errors import NotEncodable, UnsupportedCrs


def test_geojson_is_rfc7946_wgs84_by_default(tmp_path):
    layer = manholes()
    result = export_layers([layer], "geojson", tmp_path / "m.geojson")
    doc = json.loads(result.paths[0].read_text(encoding="utf-8"))
    assert "crs" not in doc and result.crs == "EPSG:4326"
    assert len(doc["features"]) == 5
    props = doc["features"][0]["properties"]
    assert props["code"] == CODE and props["owner_name"] == OWNER and props["road"] == ROAD
    assert props["init_date"] == "2026-03-01" and props["anti_fall_net"] is False
    lon, lat = zip(*(f["geometry"]["coordinates"] for f in doc["features"]))
    assert 123 < lon[0] < 124 and 40 < lat[0] < 41
    assert_same_place(layer, lon, lat, 4326)
    with fiona.open(result.paths[0]) as src:
        assert len(src) == 5 and next(iter(src))["properties"]["code"] == CODE


def test_geojson_with_named_crs(tmp_path):
    layer = manholes()
    path = export_layers([layer], "geojson", tmp_path / "m.geojson", crs="EPSG:4550").paths[0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4550"
    with fiona.open(path) as src:
        assert src.crs.to_epsg() == 4550
        coords = [f.geometry.coordinates for f in src]
    assert_same_place(layer, [c[0] for c in coords], [c[1] for c in coords], 4550)
    text = ogrinfo_text(path)
    if text is not None:
        assert "Feature Count: 5" in text and CODE in text


def test_geojson_refuses_gcj02(tmp_path):
    with pytest.raises(UnsupportedCrs):
        export_layers([manholes()], "geojson", tmp_path / "m.geojson", crs="gcj02")


def test_geojson_several_layers_go_to_a_folder(tmp_path):
    result = export_layers([manholes(), poles()], "geojson", tmp_path / "power.geojson")
    assert sorted(p.name for p in result.paths) == ["manholes.geojson", "poles.geojson"]
    assert result.sidecar == tmp_path / "power.meta.json"


def test_csv_utf8_bom_chinese_headers_and_codes(tmp_path):
    layer = manholes()
    path = export_layers([layer], "csv", tmp_path / "m.csv").paths[0]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["标识码", "名称"] and rows[0][-2:] == ["东坐标(x)", "北坐标(y)"]
    assert len(rows) == 6 and rows[1][0] == CODE and OWNER in rows[1]
    assert_same_place(layer, [float(r[-2]) for r in rows[1:]], [float(r[-1]) for r in rows[1:]], 4550)


def test_csv_gbk_with_lonlat(tmp_path):
    layer = manholes()
    path = export_layers([layer], "csv", tmp_path / "m.csv", encoding="GBK", crs=4490).paths[0]
    rows = list(csv.reader(path.read_bytes().decode("gbk").splitlines()))
    assert rows[0][-2:] == ["经度(lon)", "纬度(lat)"] and rows[1][0] == CODE and ROAD in rows[1]
    assert_same_place(layer, [float(r[-2]) for r in rows[1:]], [float(r[-1]) for r in rows[1:]], 4490)


def test_csv_gcj02_within_half_a_metre(tmp_path):
    layer = manholes()
    path = export_layers([layer], "csv", tmp_path / "m.csv", crs="gcj02").paths[0]
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:]
    lon, lat = gcj02_to_wgs84(np.array([float(r[-2]) for r in rows]), np.array([float(r[-1]) for r in rows]))
    assert_same_place(layer, lon, lat, 4326, tolerance_m=0.5)


def test_csv_gbk_unencodable_text(tmp_path):
    layer = manholes()
    layer.rows[0]["name"] = "😀"
    with pytest.raises(NotEncodable):
        export_layers([layer], "csv", tmp_path / "m.csv", encoding="GBK")
    assert not (tmp_path / "m.csv").exists()


def test_flatgeobuf_round_trip(tmp_path):
    layer = manholes()
    path = export_layers([layer], "fgb", tmp_path / "m.fgb", crs=4529).paths[0]
    with fiona.open(path) as src:
        assert src.crs.to_epsg() == 4529
        # the packed R-tree stores features in Hilbert order: match them by code
        features = sorted(src, key=lambda f: f.properties["code"])
    assert len(features) == 5 and features[0].properties["code"] == CODE
    assert features[0].properties["owner_name"] == OWNER and features[0].properties["init_date"] == "2026-03-01"
    assert_same_place(layer, [f.geometry.coordinates[0] for f in features],
                      [f.geometry.coordinates[1] for f in features], 4529)
    text = ogrinfo_text(path)
    if text is not None:
        assert "Feature Count: 5" in text and ROAD in text


def test_flatgeobuf_without_some_positions(tmp_path):
    layer = manholes()
    layer.y[1] = float("nan")
    path = export_layers([layer], "fgb", tmp_path / "m.fgb").paths[0]
    with fiona.open(path) as src:
        geoms = {f.properties["code"]: f.geometry for f in src}
    assert geoms["2103230105000002"] is None and geoms[CODE] is not None


@pytest.mark.parametrize("n", [1, 16, 17, 300, 5000])
def test_flatgeobuf_index_finds_exactly_the_points_in_a_box(tmp_path, n):
    layer = manholes(n)
    path = export_layers([layer], "fgb", tmp_path / "m.fgb").paths[0]
    cx, cy = float(np.median(layer.x)), float(np.median(layer.y))
    for half in (50.0, 400.0, 5000.0):
        box = (cx - half, cy - half, cx + half, cy + half)
        inside = {f"21032301050{i + 1:05d}" for i in np.flatnonzero(
            (np.abs(layer.x - cx) <= half) & (np.abs(layer.y - cy) <= half))}
        with fiona.open(path) as src:
            assert len(src) == n
            found = {f.properties["code"] for f in src.filter(bbox=box)}
        assert found == inside
    text = ogrinfo_text(path, "-q", "-spat", str(cx - 400), str(cy - 400), str(cx + 400), str(cy + 400))
    if text is not None:
        inside = np.count_nonzero((np.abs(layer.x - cx) <= 400) & (np.abs(layer.y - cy) <= 400))
        assert text.count("OGRFeature(manholes)") == inside
