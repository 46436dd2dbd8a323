"""Vector files through fiona: shapefiles, GeoPackages (valid and broken), GeoJSON, GPX,
FlatGeobuf, MapInfo."""
import math
import re

import fiona
import pytest
from shapely.geometry import Point, mapping

from assets.errors import XiuCityError
from assets.progress import RecordingProgress
from layers.crs import transform
from layers.sources import list_layers, read_source
from layers.sources.errors import LayerChoiceNeeded, NoLayers, SourceDamaged, SourceNotFound

GPKG = "gpkg_conformance"


def _verdicts(shared_data):
    text = (shared_data / GPKG / "validate_gpkg_py_results.txt").read_text()
    return {m.group(1): m.group(2) == "0" for m in re.finditer(r"^(.+?\.gpkg) rc=(\d)", text, re.M)}


def test_every_conformance_geopackage_reads_or_fails_clearly(shared_data):
    verdicts = _verdicts(shared_data)
    files = sorted((shared_data / GPKG).rglob("*.gpkg"))
    assert len(files) > 40
    read_ok = 0
    for path in files:
        try:
            layers = list_layers(path)
            table = read_source(path, layer=layers[0] if layers else None)
        except XiuCityError as exc:
            assert str(exc)  # a message, never a traceback
            assert not (verdicts.get(path.name) and not isinstance(exc, NoLayers)), path
            continue
        read_ok += 1
        assert len(table.rows) == len(table.geometries)
    assert read_ok >= 40


def test_broken_geopackage_is_a_clear_error(shared_data):
    with pytest.raises(SourceDamaged) as err:
        read_source(shared_data / GPKG / "pdok-geopackage-validator/test_broken_geopackage.gpkg")
    assert "test_broken_geopackage.gpkg" in str(err.value)


def test_empty_geopackage_with_space_in_name(shared_data):
    with pytest.raises(NoLayers):
        read_source(shared_data / GPKG / "ets-gpkg12/emp ty.gpkg")


def test_manhole_layer_of_the_sewer_sample(shared_data):
    path = shared_data / GPKG / "ets-gpkg12/simple_sewer_features.gpkg"
    assert list_layers(path) == ["s_manhole", "foul_sewer", "surface_water_sewer"]
    with pytest.raises(LayerChoiceNeeded):
        read_source(path)
    table = read_source(path, layer="s_manhole")
    assert table.crs.to_epsg() == 27700 and not table.crs_guessed
    x, y = table.points()
    assert len(x) == len(table) > 0 and (x > 100_000).all() and (y > 100_000).all()


def test_null_geometries_are_kept_as_rows(shared_data):
    table = read_source(shared_data / "geopandas_tests/null_geom.geojson")
    assert len(table) == 2 and sum(g is None for g in table.geometries) == 1
    assert table.geometries[1].geom_type == "LineString"
    x, _ = table.points()
    assert all(math.isnan(v) for v in x)  # no geometry and a line: neither is a point
    assert table.warnings


def test_missing_shx_is_rebuilt_elsewhere_and_warned(shared_data):
    table = read_source(shared_data / "pyshp_tests/latin1.shp")
    assert len(table) == 1 and any(".shx" in w for w in table.warnings)
    assert not (shared_data / "pyshp_tests/latin1.shx").exists()  # the user's folder is untouched


def test_polygons_give_nan_points(shared_data):
    table = read_source(shared_data / "china_admin_shp/derived_gbk/shanghai_districts_cp936.shp")
    x, y = table.points()
    assert table.geometries[0].geom_type in ("Polygon", "MultiPolygon") and math.isnan(x[0])


def test_no_prj_guesses_cgcs2000(shared_data):
    table = read_source(shared_data / "china_admin_shp/utf8_no_cpg_chinese_filenames/上海市.shp")
    assert table.crs.to_epsg() == 4490 and table.crs_guessed


def test_user_gcj02_is_kept_as_marker(shared_data):
    table = read_source(shared_data / "china_admin_shp/utf8_no_cpg_chinese_filenames/上海市.shp", crs="gcj02")
    assert table.crs == "gcj02" and not table.crs_guessed


def _write(path, driver, points, key, crs="EPSG:4550"):
    schema = {"geometry": "Point", "properties": {key: "str", "height": "float"}}
    with fiona.open(path, "w", driver=driver, schema=schema, crs=crs) as c:
        for i, (x, y) in enumerate(points):
            c.write({"geometry": mapping(Point(x, y)), "properties": {key: f"P{i}", "height": 8.5}})


@pytest.mark.parametrize("suffix, driver", [(".fgb", "FlatGeobuf"), (".tab", "MapInfo File"),
                                            (".geojson", "GeoJSON"), (".gpkg", "GPKG")])
def test_other_vector_formats(tmp_path, suffix, driver):
    pts = [(500_100.0, 4_460_100.0), (500_200.5, 4_460_300.25)]
    path = tmp_path / f"杆件{suffix}"
    key = "code" if driver == "MapInfo File" else "编号"  # fiona cannot write CJK MapInfo field names
    _write(path, driver, pts, key)
    progress = RecordingProgress()
    table = read_source(path, progress=progress)
    x, y = table.points()
    got = sorted(zip((r[key] for r in table.rows), x, y))  # FlatGeobuf reorders spatially
    assert [g[0] for g in got] == ["P0", "P1"]
    assert [g[1:] for g in got] == [pytest.approx(p, abs=0.02) for p in pts]  # MapInfo quantises
    # the file's CRS is taken (MapInfo rewrites it without the EPSG code, so compare by effect)
    tx, ty = transform(x, y, table.crs, 4550)
    assert tx == pytest.approx(x, abs=0.01) and ty == pytest.approx(y, abs=0.01)
    assert not table.crs_guessed
    assert progress.done == 2


def test_gpx_waypoints(tmp_path):
    path = tmp_path / "walk.gpx"
    path.write_text("""<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="40.2901" lon="123.2802"><name>井盖1</name></wpt>
  <wpt lat="40.2905" lon="123.2810"><name>井盖2</name></wpt>
</gpx>""", encoding="utf-8")
    assert "waypoints" in list_layers(path)
    table = read_source(path)  # the only non-empty layer is chosen
    assert table.layer == "waypoints" and [r["name"] for r in table.rows] == ["井盖1", "井盖2"]
    x, y = table.points()
    assert x[0] == pytest.approx(123.2802) and y[0] == pytest.approx(40.2901)


def test_missing_and_garbage_files(tmp_path):
    with pytest.raises(SourceNotFound):
        read_source(tmp_path / "nope.shp")
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(SourceDamaged):
        read_source(bad)
    shp = tmp_path / "bad.shp"
    shp.write_bytes(b"\x00" * 50)
    with pytest.raises(SourceDamaged):
        read_source(shp)


def test_long_reads_report_progress_and_cancel(shared_data, tmp_path):
    from assets.errors import Cancelled
    path = shared_data / "pyshp_tests/blockgroups.shp"
    progress = RecordingProgress()
    read_source(path, progress=progress)
    assert progress.total == 663 and progress.done == 663
    csv_path = tmp_path / "many.csv"
    csv_path.write_text("id,lon,lat\n" + "".join(f"{i},123.28,40.29\n" for i in range(3000)), encoding="utf-8")
    with pytest.raises(Cancelled):
        read_source(csv_path, progress=RecordingProgress(cancel_after=1000))


def test_geopackage_on_read_only_media_is_read_from_a_copy(shared_data, monkeypatch):
    """WAL-mode GeoPackages make SQLite create -wal/-shm files beside them even to read."""
    import os
    from layers.sources import vector
    path = shared_data / GPKG / "ets-gpkg12/gpkg-test-5208.gpkg"
    monkeypatch.setattr(vector, "_writable", lambda folder: False)  # as on a CD; root can write anywhere
    before = os.stat(path.parent).st_mtime_ns
    assert list_layers(path) == ["geojson"]
    table = read_source(path)
    assert len(table) == 6 and table.path == str(path)
    assert os.stat(path.parent).st_mtime_ns == before  # nothing was created or removed there
