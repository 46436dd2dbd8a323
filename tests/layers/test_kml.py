"""KML/KMZ against the togeojson oracle, and broken or hostile KML."""
import json
import zipfile

import numpy as np
import pytest
import shapely

from layers.sources import read_source
from layers.sources.errors import SourceDamaged, UnsafeXML

# togeojson properties that describe styling or time, which this reader does not carry
STYLE_KEYS = {"styleUrl", "styleHash", "styleMapHash", "stroke", "stroke-opacity", "stroke-width", "fill",
              "fill-opacity", "timespan", "timestamp", "coordTimes", "visibility", "icon", "icon-scale",
              "icon-opacity", "icon-color", "label-scale", "label-color", "label-opacity", "icon-offset",
              "icon-offset-units", "icon-heading", "styleMapHash"}


def _oracle_cases(shared_data):
    return sorted((shared_data / "kml_togeojson").glob("*.kml"))


def _xy(geom) -> np.ndarray:
    return shapely.get_coordinates(geom)


def _oracle_xy(geometry) -> np.ndarray | None:
    """2-D coordinates of an oracle geometry, None when it has no usable coordinate."""
    def walk(coords):
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            yield coords[:2]
        elif isinstance(coords, (list, tuple)):
            for c in coords:
                yield from walk(c)
    if geometry is None:
        return None
    parts = geometry.get("geometries", [geometry])
    pts = [p for g in parts for p in walk(g.get("coordinates")) if None not in p]
    return np.array(pts, dtype=float) if pts else None


def test_matches_togeojson_oracle(shared_data):
    checked = 0
    for kml in _oracle_cases(shared_data):
        oracle = json.loads(kml.with_name(kml.name + ".geojson").read_text(encoding="utf-8"))["features"]
        expected = [f for f in oracle if _oracle_xy(f["geometry"]) is not None]
        table = read_source(kml)
        assert table.crs.to_epsg() == 4326, kml.name
        ours = [(row, geom) for row, geom in zip(table.rows, table.geometries) if geom is not None]
        assert len(ours) == len(expected), kml.name
        for (row, geom), feature in zip(ours, expected):
            ours_xy, oracle_xy = _xy(geom), _oracle_xy(feature["geometry"])
            if ours_xy.shape != oracle_xy.shape:  # togeojson leaves unclosed rings unclosed
                assert geom.geom_type == "Polygon" and np.allclose(ours_xy[:-1], oracle_xy), kml.name
            else:
                assert np.allclose(ours_xy, oracle_xy), kml.name
            if feature["geometry"]["type"] in ("Point", "LineString", "Polygon"):
                assert geom.geom_type == feature["geometry"]["type"], kml.name
            for key, value in feature["properties"].items():
                if key in STYLE_KEYS or (key == "description" and "<" in str(value)):
                    continue
                assert key in row, (kml.name, key)
                assert (row[key] or "").split() == str(value).split(), (kml.name, key)
            checked += 1
    assert checked >= 40


def test_extended_data_survives(shared_data):
    table = read_source(shared_data / "kml_togeojson/extended_data.kml")
    assert table.rows[0]["foo"] == "bar"
    simple = read_source(shared_data / "kml_togeojson/simpledata.kml")
    assert [r["TrailLength"] for r in simple.rows] == ["3.14159", "347.45"]


def test_multigeometry_kept_whole(shared_data):
    table = read_source(shared_data / "kml_togeojson/multigeometry.kml")
    assert table.geometries[0].geom_type == "MultiLineString" and len(table.geometries[0].geoms) == 2
    mixed = read_source(shared_data / "kml_togeojson/multigeometry_discrete.kml")
    assert mixed.geometries[0].geom_type == "GeometryCollection"


def test_placemark_without_geometry_is_a_row(shared_data):
    table = read_source(shared_data / "kml_togeojson/nogeomplacemark.kml")
    assert len(table) == 1 and table.geometries == [None] and table.warnings


def test_truncated_kml_fails_clearly(shared_data):
    with pytest.raises(SourceDamaged) as err:
        read_source(shared_data / "gdal_autotest_text/kml/truncated.kml")
    assert "truncated.kml" in str(err.value)


def test_cut_short_after_some_placemarks_reads_those(shared_data, tmp_path):
    text = (shared_data / "kml_togeojson/twopoints.kml").read_text(encoding="utf-8")
    cut = tmp_path / "cut.kml"
    cut.write_text(text[: text.rindex("<Placemark>") + 30], encoding="utf-8")
    table = read_source(cut)
    assert len(table) == 1 and table.rows[0]["name"] == "Simple placemark"
    assert table.warnings


def test_non_conformant_multi_and_xhtml_description(shared_data):
    multi = read_source(shared_data / "gdal_autotest_text/kml/non_conformant_multi.kml")
    assert [g.geom_type for g in multi.geometries] == ["Polygon", "LineString", "Point"]
    desc = read_source(shared_data / "gdal_autotest_text/kml/description_with_xml.kml")
    assert "Interesting" in desc.rows[0]["description"]


def test_entities_are_refused(tmp_path):
    path = tmp_path / "lol.kml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                    '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&b;</name>'
                    '<Point><coordinates>1,2</coordinates></Point></Placemark></kml>')
    with pytest.raises(UnsafeXML):
        read_source(path)
    external = tmp_path / "ext.kml"
    external.write_text('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        '<kml><Placemark><name>&x;</name></Placemark></kml>')
    with pytest.raises(UnsafeXML):
        read_source(external)


def test_kmz_with_chinese_extended_data(tmp_path):
    kml = ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
           '<Folder><name>电力井</name><Placemark><name>井盖1</name><ExtendedData><Data name="权属单位"><value>县供电公司</value></Data>'
           '<Data name="井盖标识"><value>电力</value></Data></ExtendedData>'
           '<Point><coordinates>123.2802,40.2901,0</coordinates></Point></Placemark></Folder></Document></kml>')
    path = tmp_path / "奥维.kmz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("doc.kml", kml)
        zf.writestr("files/icon.png", b"\x89PNG")
    table = read_source(path)
    assert table.driver == "KMZ"
    assert table.rows[0] == {"name": "井盖1", "权属单位": "县供电公司", "井盖标识": "电力", "folder": "电力井"}
    assert table.points()[0][0] == pytest.approx(123.2802)


def test_kml_declared_gb2312(tmp_path):
    """Expat does not know GB2312/GBK; such files from Chinese tools must still read."""
    path = tmp_path / "gb.kml"
    path.write_bytes(('<?xml version="1.0" encoding="GB2312"?><kml xmlns="http://www.opengis.net/kml/2.2">'
                      '<Placemark><name>电力井盖</name><Point><coordinates>123.28,40.29</coordinates></Point>'
                      '</Placemark></kml>').encode("gb2312"))
    table = read_source(path)
    assert table.rows[0]["name"] == "电力井盖" and table.encoding == "GB2312"
