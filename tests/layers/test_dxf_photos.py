"""DXF blocks with attributes, and folders of geotagged photos."""
import datetime as dt

import ezdxf
import pytest
from PIL import Image

from assets.errors import Cancelled
from assets.progress import RecordingProgress
from layers.sources import list_layers, read_source
from layers.sources.errors import SourceDamaged, UnsupportedSource


def _drawing(path):
    doc = ezdxf.new("R2010")
    block = doc.blocks.new(name="井盖")
    block.add_circle((0, 0), 0.35)
    block.add_attdef("编号", (0, 0))
    block.add_attdef("权属", (0, -1))
    msp = doc.modelspace()
    doc.layers.add("检查井")
    ref = msp.add_blockref("井盖", (500_100.0, 4_460_100.0), dxfattribs={"layer": "检查井"})
    ref.add_auto_attribs({"编号": "JG001", "权属": "县供电公司"})
    msp.add_point((500_200.0, 4_460_200.0), dxfattribs={"layer": "杆件"})
    msp.add_line((0, 0), (1, 1))  # not a point: ignored
    doc.saveas(path)


def test_dxf_blocks_and_points(tmp_path):
    path = tmp_path / "设计院.dxf"
    _drawing(path)
    assert list_layers(path) == sorted(["检查井", "杆件"])
    table = read_source(path)
    assert table.columns == ["layer", "block", "编号", "权属"]
    assert table.rows[0] == {"layer": "检查井", "block": "井盖", "编号": "JG001", "权属": "县供电公司"}
    assert table.rows[1]["编号"] is None
    x, y = table.points()
    assert (x[0], y[0]) == (500_100.0, 4_460_100.0)
    assert table.crs.to_epsg() == 4550 and table.crs_guessed  # DXF has no CRS
    only = read_source(path, layer="杆件", crs=4550)
    assert len(only) == 1 and not only.crs_guessed


def test_damaged_dxf(tmp_path):
    path = tmp_path / "bad.dxf"
    path.write_text("0\nSECTION\n2\nENTITIES\nthis is not dxf")
    with pytest.raises(SourceDamaged):
        read_source(path)


def _photo(path, gps=None, taken="2026:05:01 10:11:12"):
    img = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825).update(gps)
    exif.get_ifd(0x8769)[36867] = taken
    img.save(path, exif=exif)


def test_photo_folder(tmp_path):
    _photo(tmp_path / "a.jpg", {1: "N", 2: (40.0, 17.0, 24.0), 3: "E", 4: (123.0, 16.0, 48.0)})
    _photo(tmp_path / "b.JPG", {1: "S", 2: (10.0, 0.0, 0.0), 3: "W", 4: (20.0, 30.0, 0.0)})
    _photo(tmp_path / "c.jpeg")  # no GPS
    (tmp_path / "notes.txt").write_text("not a photo")
    table = read_source(tmp_path)
    assert table.driver == "photos" and table.columns == ["photo", "taken_at"]
    assert [r["photo"].split("/")[-1] for r in table.rows] == ["a.jpg", "b.JPG", "c.jpeg"]
    assert table.rows[0]["taken_at"] == dt.datetime(2026, 5, 1, 10, 11, 12)
    x, y = table.points()
    assert x[0] == pytest.approx(123.28) and y[0] == pytest.approx(40.29)
    assert x[1] == pytest.approx(-20.5) and y[1] == pytest.approx(-10.0)
    assert table.geometries[2] is None and any("c.jpeg" in w for w in table.warnings)
    assert table.crs.to_epsg() == 4326


def test_photo_folder_cancel_and_empty_folder(tmp_path):
    for i in range(3):
        _photo(tmp_path / f"{i}.jpg")
    with pytest.raises(Cancelled):
        read_source(tmp_path, progress=RecordingProgress(cancel_after=1))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UnsupportedSource):
        read_source(empty)
