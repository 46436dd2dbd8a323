"""Shapefile export: UTF-8 and GBK, .cpg/.prj, 10-byte unique field names, field map."""
import csv

import fiona
import pytest
from export_sample import CODE, OWNER, ROAD, assert_same_place, manholes, ogrinfo_text, poles

from layers.export import export_layers
from layers.export.errors import NotEncodable, UnsupportedEncoding
from layers.export.field_names import short_names


def _read(path, **kw):
    with fiona.open(path, **kw) as src:
        return src.crs.to_epsg(), list(src.schema["properties"]), list(src)


@pytest.mark.parametrize("encoding", ["UTF-8", "GBK"])
def test_round_trip_in_each_encoding(tmp_path, encoding):
    layer = manholes()
    result = export_layers([layer], "shp", tmp_path / "m.shp", encoding=encoding)
    shp = tmp_path / "m.shp"
    assert (tmp_path / "m.cpg").read_text().strip().upper() in ({"UTF-8"} if encoding == "UTF-8" else {"GBK", "CP936", "936"})
    assert (tmp_path / "m.prj").exists()
    # fiona honours the .cpg: no encoding given when reading
    epsg, names, features = _read(shp)
    assert epsg == 4550 and len(features) == 5
    props = features[0]["properties"]
    code_name = names[0]
    assert props[code_name] == CODE and isinstance(props[code_name], str)
    assert OWNER in props.values() and ROAD in props.values()
    assert_same_place(layer, [f.geometry.coordinates[0] for f in features],
                      [f.geometry.coordinates[1] for f in features], 4550)
    assert all(len(n.encode(encoding)) <= 10 for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert result.encoding == encoding


def test_gbk_bytes_really_are_gbk(tmp_path):
    export_layers([manholes()], "shp", tmp_path / "m.shp", encoding="gbk")
    dbf = (tmp_path / "m.dbf").read_bytes()
    assert OWNER.encode("gbk") in dbf and OWNER.encode("utf-8") not in dbf


def test_second_reader_ogrinfo(tmp_path):
    export_layers([manholes()], "shp", tmp_path / "m.shp", encoding="GBK")
    text = ogrinfo_text(tmp_path / "m.shp")
    if text is None:
        pytest.skip("ogrinfo not installed")
    assert "Feature Count: 5" in text and CODE in text and OWNER in text


def test_chinese_titles_as_field_names_cut_on_character_boundary(tmp_path):
    export_layers([manholes()], "shp", tmp_path / "m.shp", encoding="UTF-8", shp_field_names="title")
    _, names, features = _read(tmp_path / "m.shp")
    # 3 Chinese characters fit in 10 UTF-8 bytes; 权属单位 and 权属单位名称 must stay distinct
    assert names[0] == "标识码"
    assert "权属单" in names and len(set(names)) == len(names)
    assert all(len(n.encode("utf-8")) <= 10 for n in names)
    export_layers([manholes()], "shp", tmp_path / "g.shp", encoding="GBK", shp_field_names="title")
    _, gbk_names, _ = _read(tmp_path / "g.shp")
    assert "权属单位" in gbk_names   # 4 characters = 8 GBK bytes


def test_field_map_sidecar(tmp_path):
    result = export_layers([manholes(), poles()], "shp", tmp_path / "out", encoding="UTF-8")
    field_map = tmp_path / "out" / "manholes.fields.csv"
    assert field_map in result.paths and (tmp_path / "out" / "poles.shp").exists()
    assert field_map.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(field_map.open(encoding="utf-8-sig")))
    by_name = {r["name"]: r for r in rows}
    assert by_name["maintainer_code"]["short_name"] == "maintainer"
    assert by_name["height_diff_mm"]["title"] == "高差(mm)"


def test_short_names_unique_and_bounded():
    names = short_names(["owner_code_a", "owner_code_b", "OWNER_CODE_C", "权属单位名称", "权属单位编码"], "utf-8")
    assert len({n.casefold() for n in names}) == 5
    assert all(len(n.encode("utf-8")) <= 10 for n in names)


def test_text_not_in_gbk_is_a_clear_error(tmp_path):
    layer = manholes()
    layer.rows[0]["remarks"] = "井盖 🚧 损坏"
    with pytest.raises(NotEncodable) as err:
        export_layers([layer], "shp", tmp_path / "m.shp", encoding="GBK")
    assert "UTF-8" in err.value.message("en")


def test_unknown_encoding_refused(tmp_path):
    with pytest.raises(UnsupportedEncoding):
        export_layers([manholes()], "shp", tmp_path / "m.shp", encoding="latin-1")


def test_missing_values_and_positions(tmp_path):
    layer = manholes()
    layer.x[3] = float("nan")
    layer.rows[0].update(height_diff_mm=None, cover_size_mm=None, anti_fall_net=None, init_date=None)
    export_layers([layer], "shp", tmp_path / "m.shp")
    _, _, features = _read(tmp_path / "m.shp")
    assert features[3].geometry is None and features[2].geometry is not None
    first = features[0].properties
    assert first["height_dif"] is None and first["cover_size"] is None and first["init_date"] is None
    assert features[1].properties["anti_fall_"] is True and features[1].properties["height_dif"] == -11.5
    assert features[1].properties["init_date"] == "2026-03-02"
    text = ogrinfo_text(tmp_path / "m.shp")
    if text is not None:
        assert "Feature Count: 5" in text


def test_gbk_dbf_declares_code_page_even_without_cpg(tmp_path):
    export_layers([manholes()], "shp", tmp_path / "m.shp", encoding="GBK")
    (tmp_path / "m.cpg").unlink()   # lost in an e-mail, say
    _, names, features = _read(tmp_path / "m.shp")
    assert OWNER in features[0].properties.values()
