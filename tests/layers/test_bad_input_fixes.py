"""Crashes the bad-input corpus (tests/reliability/test_bad_input_corpus.py) found, each
pinned with a file made to show it, so the fix survives a rewrite of the reader."""
import sqlite3

import fiona
import pytest
from fiona.crs import CRS as FionaCRS
from pyproj import CRS

from layers import encoding as enc
from layers.importer import CRSNotConvertible, to_registry_crs
from layers.sources import read_source
from layers.sources.errors import EncodingMismatch, SourceDamaged
from layers.sources.gdal_guard import NotUTF8, check_before_gdal


def _points(path, encoding="GBK", driver="ESRI Shapefile"):
    schema = {"geometry": "Point", "properties": {"井盖标识": "str:10"}}
    kwargs = {"encoding": encoding} if driver == "ESRI Shapefile" else {}
    with fiona.open(path, "w", driver=driver, schema=schema, crs=FionaCRS.from_epsg(4550), **kwargs) as dst:
        dst.write({"geometry": {"type": "Point", "coordinates": (523000.0, 4460000.0)},
                   "properties": {"井盖标识": "电力"}})
    return path


def test_a_geopackage_with_a_damaged_schema_never_reaches_gdal(tmp_path):
    """fiona 1.10 died with a segmentation fault on a GeoPackage with a few bytes of its
    schema flipped (corpus case flip-gpkg-0: its error handler could not decode GDAL's
    message quoting the damaged name); this one, a table name no longer UTF-8, is
    refused by the same guard before GDAL opens it."""
    path = _points(tmp_path / "井盖.gpkg", driver="GPKG")
    data = path.read_bytes()
    table = b'CREATE TABLE "' + "井盖".encode()
    assert table in data
    path.write_bytes(data.replace(table, table[:-2] + b"\xff\xff"))  # the middle of 盖: no longer UTF-8
    with pytest.raises(SourceDamaged) as error:
        check_before_gdal(path)
    assert "GPKG" in str(error.value)
    with pytest.raises(SourceDamaged):
        read_source(path)


def test_a_file_that_is_no_database_is_refused_before_gdal(tmp_path):
    path = tmp_path / "台账.gpkg"
    path.write_text("标识码,X,Y\n1,2,3\n", encoding="utf-8")
    with pytest.raises(SourceDamaged):
        check_before_gdal(path)
    good = _points(tmp_path / "好.gpkg", driver="GPKG")
    check_before_gdal(good)
    assert sqlite3.connect(good).execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_geojson_must_be_utf8(tmp_path):
    path = tmp_path / "井盖.geojson"
    path.write_bytes('{"type": "FeatureCollection", "features": [], "name": "检查井"}'.encode("gbk"))
    with pytest.raises(NotUTF8) as error:
        read_source(path)
    assert "UTF-8" in error.value.message("en")


def test_a_crs_pyproj_cannot_convert_is_a_clear_error():
    mars = CRS.from_proj4("+proj=longlat +a=3396190 +b=3376200 +no_defs")
    with pytest.raises(CRSNotConvertible) as error:
        to_registry_crs([123.0], [40.0], mars, 4550)
    assert "--crs" in error.value.message("en")


def test_attaching_photos_from_a_file_says_it_needs_a_folder(small_demo, tmp_path):
    from layers.photo_store import NotAPhotoFolder, attach_photos
    ledger = tmp_path / "台账.csv"
    ledger.write_text("标识码,X,Y\n1,523000,4460000\n", encoding="utf-8")
    with pytest.raises(NotAPhotoFolder):
        attach_photos(small_demo, ledger)


def test_shapefile_field_names_not_in_the_named_encoding(tmp_path):
    path = _points(tmp_path / "井盖.shp", encoding="GBK")
    path.with_suffix(".cpg").write_text("UTF-8")
    with pytest.raises(EncodingMismatch):
        read_source(path)
    assert read_source(path, encoding="GBK").rows[0]["井盖标识"] == "电力"


def test_encoding_names_with_a_nul_are_no_codec():
    assert enc.normalise("utf\x008") is None
    assert enc.text_encoding(b"a,b\n", "\x00")[1] == enc.USER


def test_damaged_file_details_are_one_short_line():
    error = SourceDamaged(path="a.xlsx", driver="XLSX", detail="header " + "\\x00" * 2000 + "\nsecond line")
    text = error.message("en")
    assert "second line" not in text and len(text) < 300
