"""KML/KMZ export read back with an XML parser."""
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pytest
from export_sample import CODE, OWNER, ROAD, assert_same_place, manholes, poles

from layers.crs import gcj02_to_wgs84
from layers.export import export_layers
from layers.export.errors import UnsupportedCrs

NS = {"k": "http://www.opengis.net/kml/2.2"}


def _placemarks(root, folder_name):
    folder = next(f for f in root.iter(f"{{{NS['k']}}}Folder") if f.findtext("k:name", namespaces=NS) == folder_name)
    return folder.findall("k:Placemark", NS)


def _coords(placemarks):
    pairs = [p.findtext("k:Point/k:coordinates", namespaces=NS).split(",") for p in placemarks]
    return np.array([float(a) for a, _ in pairs]), np.array([float(b) for _, b in pairs])


def test_kml_folders_styles_and_extended_data(tmp_path):
    layer = manholes()
    path = export_layers([layer, poles()], "kml", tmp_path / "m.kml").paths[0]
    root = ET.parse(path).getroot()
    marks = _placemarks(root, "检查井")
    assert len(marks) == 5 and len(_placemarks(root, "杆件")) == 3
    first = marks[0]
    assert first.findtext("k:name", namespaces=NS) == CODE
    data = {d.get("name"): (d.findtext("k:displayName", namespaces=NS), d.findtext("k:value", namespaces=NS))
            for d in first.iter(f"{{{NS['k']}}}Data")}
    assert data["code"] == ("标识码", CODE)
    assert data["owner_name"] == ("权属单位名称", OWNER) and data["road"][1] == ROAD
    style_ids = {s.get("id") for s in root.iter(f"{{{NS['k']}}}Style")}
    used = {p.findtext("k:styleUrl", namespaces=NS).lstrip("#") for p in marks}
    assert used <= style_ids and len(used) == 4   # one style per status present
    assert_same_place(layer, *_coords(marks), 4326)


def test_kmz_is_zipped_doc_kml(tmp_path):
    path = export_layers([manholes()], "kmz", tmp_path / "m.kmz").paths[0]
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "doc.kml"
        root = ET.fromstring(archive.read("doc.kml"))
    assert len(_placemarks(root, "检查井")) == 5


def test_kml_gcj02_for_ovital_within_half_a_metre(tmp_path):
    layer = manholes()
    path = export_layers([layer], "kml", tmp_path / "m.kml", crs="gcj02").paths[0]
    lon, lat = _coords(_placemarks(ET.parse(path).getroot(), "检查井"))
    wlon, wlat = gcj02_to_wgs84(lon, lat)
    assert_same_place(layer, wlon, wlat, 4326, tolerance_m=0.5)
    # and it really is shifted: GCJ-02 is hundreds of metres off WGS84 here
    with pytest.raises(AssertionError):
        assert_same_place(layer, lon, lat, 4326, tolerance_m=50)


def test_kml_control_characters_do_not_break_xml(tmp_path):
    layer = manholes()
    layer.rows[0]["remarks"] = "盖板\x0b破损 <急> & \"修\""
    path = export_layers([layer], "kml", tmp_path / "m.kml").paths[0]
    root = ET.parse(path).getroot()
    values = [d.findtext("k:value", namespaces=NS) for d in root.iter(f"{{{NS['k']}}}Data") if d.get("name") == "remarks"]
    assert values[0] == "盖板破损 <急> & \"修\""


def test_kml_refuses_projected_crs(tmp_path):
    with pytest.raises(UnsupportedCrs):
        export_layers([manholes()], "kml", tmp_path / "m.kml", crs=4550)
