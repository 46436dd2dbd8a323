"""GeoPackage export read back by fiona, by GDAL's ogrinfo and by GDAL's validator."""
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

import fiona
import numpy as np
import pytest
from export_sample import CODE, OWNER, ROAD, assert_same_place, manholes, ogrinfo_text, poles

from layers.export import export_layers


@pytest.fixture
def gpkg(tmp_path):
    layers = [manholes(), poles()]
    result = export_layers(layers, "gpkg", tmp_path / "power.gpkg", metadata={"registry": "demo.xcreg"})
    return layers, result


def test_round_trip_with_fiona(gpkg):
    layers, result = gpkg
    path = result.paths[0]
    assert fiona.listlayers(path) == ["manholes", "poles", "layer_styles"]  # QGIS's own table, as QGIS saves it
    with fiona.open(path, layer="manholes") as src:
        assert src.crs.to_epsg() == 4550
        features = list(src)
    assert len(features) == 5
    first = features[0]["properties"]
    assert first["code"] == CODE and isinstance(first["code"], str)
    assert first["owner_name"] == OWNER and first["road"] == ROAD
    assert first["init_date"] == "2026-03-01"
    assert first["cover_size_mm"] == 700 and first["anti_fall_net"] is False
    xs = [f["geometry"]["coordinates"][0] for f in features]
    ys = [f["geometry"]["coordinates"][1] for f in features]
    assert_same_place(layers[0], xs, ys, 4550, tolerance_m=1e-6)
    assert result.counts == {"manholes": 5, "poles": 3}


def test_second_reader_ogrinfo(gpkg):
    text = ogrinfo_text(gpkg[1].paths[0])
    if text is None:
        pytest.skip("ogrinfo not installed")
    assert "Feature Count: 5" in text and "Feature Count: 3" in text
    assert f"code (String) = {CODE}" in text
    assert OWNER in text and ROAD in text


def test_gdal_validator_accepts_file(gpkg):
    pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    done = subprocess.run([sys.executable, "-m", "osgeo_utils.samples.validate_gpkg", str(gpkg[1].paths[0])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_chinese_titles_and_qgis_style(gpkg):
    con = sqlite3.connect(gpkg[1].paths[0])
    titles = dict(con.execute("SELECT column_name, title FROM gpkg_data_columns WHERE table_name='manholes'"))
    assert titles["code"] == "标识码" and titles["owner_name"] == "权属单位名称"
    ext = {r[0] for r in con.execute("SELECT extension_name FROM gpkg_extensions")}
    assert {"gpkg_schema", "gpkg_rtree_index"} <= ext
    qml = con.execute("SELECT styleQML FROM layer_styles WHERE f_table_name='manholes' AND useAsDefault").fetchone()[0]
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "status"
    labels = {c.get("value"): c.get("label") for c in renderer.iter("category")}
    assert labels["damaged"] == "破损"
    # the spatial index answers a bbox query around the first manhole
    layer = gpkg[0][0]
    hits = con.execute("SELECT id FROM rtree_manholes_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
                       (layer.x[0] - 1, layer.x[0] + 1, layer.y[0] - 1, layer.y[0] + 1)).fetchall()
    assert (1,) in hits


@pytest.mark.parametrize("crs", [4490, 4326, 4529])
def test_crs_round_trip_within_a_centimetre(tmp_path, crs):
    layer = manholes()
    path = export_layers([layer], "gpkg", tmp_path / "m.gpkg", crs=crs).paths[0]
    with fiona.open(path) as src:
        assert src.crs.to_epsg() == crs
        coords = [f["geometry"]["coordinates"] for f in src]
    assert_same_place(layer, [c[0] for c in coords], [c[1] for c in coords], crs)


def test_overwrites_existing_file_and_leaves_no_part(tmp_path):
    out = tmp_path / "m.gpkg"
    out.write_bytes(b"old junk")
    export_layers([manholes()], "gpkg", out)
    assert "manholes" in fiona.listlayers(out)
    assert not (tmp_path / "m.gpkg.part").exists()


def test_missing_position_gives_null_geometry(tmp_path):
    layer = manholes()
    layer.x[2] = float("nan")
    path = export_layers([layer], "gpkg", tmp_path / "m.gpkg").paths[0]
    with fiona.open(path) as src:
        geoms = [f.geometry for f in src]
    assert geoms[2] is None and geoms[0] is not None


def test_packed_rtree_is_sound_and_finds_every_point(tmp_path):
    # 3000 points make a three-level tree (51 cells per node on 4 KiB pages)
    layer = manholes(3000)
    layer.x[7] = float("nan")
    path = export_layers([layer], "gpkg", tmp_path / "m.gpkg").paths[0]
    con = sqlite3.connect(path)
    assert con.execute("SELECT rtreecheck('rtree_manholes_geom')").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM rtree_manholes_geom").fetchone() == (2999,)
    cx, cy = float(np.nanmedian(layer.x)), float(np.nanmedian(layer.y))
    for half in (5.0, 200.0, 1000.0):
        got = {r[0] for r in con.execute(
            "SELECT id FROM rtree_manholes_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
            (cx - half, cx + half, cy - half, cy + half))}
        inside = np.flatnonzero((np.abs(layer.x - cx) <= half) & (np.abs(layer.y - cy) <= half)) + 1
        assert set(inside.tolist()) <= got
        # float32 boxes may add neighbours within ~1 m, never far ones
        far = [i for i in got if abs(layer.x[i - 1] - cx) > half + 1 or abs(layer.y[i - 1] - cy) > half + 1]
        assert not far
    # GDAL agrees: a spatial filter through the index returns exactly the points inside
    text = ogrinfo_text(path, "-q", "-spat", str(cx - 200), str(cy - 200), str(cx + 200), str(cy + 200))
    if text is not None:
        inside = np.count_nonzero((np.abs(layer.x - cx) <= 200) & (np.abs(layer.y - cy) <= 200))
        assert text.count("OGRFeature(manholes)") == inside
