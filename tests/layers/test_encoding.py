"""Shapefile and CSV text encodings: .cpg, DBF code-page byte, detection, user override."""
import pytest

from layers import encoding
from layers.sources import read_source

GBK = "china_admin_shp/derived_gbk"


@pytest.mark.parametrize("stem, source", [
    ("shanghai_districts_cp936", "cpg"),
    ("shanghai_districts_cp936_ldid_only", "dbf"),
    ("shanghai_districts_gbk_no_marker", "detected"),
])
def test_all_three_gbk_variants_read_chinese_names(shared_data, stem, source):
    table = read_source(shared_data / GBK / f"{stem}.shp")
    names = [r["name"] for r in table.rows]
    assert "崇明区" in names and "浦东新区" in names
    assert table.rows[0]["prname"] == "上海市"
    assert table.encoding_source == source
    if source == "detected":
        assert any("GB18030" in w for w in table.warnings)


def test_utf8_without_cpg_and_chinese_filename(shared_data):
    folder = shared_data / "china_admin_shp/utf8_no_cpg_chinese_filenames"
    table = read_source(folder / "香港特别行政区.shp")
    assert table.encoding == "UTF-8" and table.encoding_source == "detected"
    assert table.rows[0]["ctname"] == "香港特别行政区"
    macau = read_source(folder / "澳门特别行政区.shp")
    assert all(r["prname"] == "澳门特别行政区" for r in macau.rows)


def test_user_encoding_wins_over_cpg(shared_data):
    table = read_source(shared_data / GBK / "shanghai_districts_cp936.shp", encoding="latin1")
    assert table.encoding_source == "user"
    assert "崇明区" not in [r["name"] for r in table.rows]  # the user's (wrong) choice is obeyed


def test_latin1_detected(shared_data):
    table = read_source(shared_data / "pyshp_tests/latin1.shp")
    assert table.rows[0]["Name"] == "Ñandú"


@pytest.mark.parametrize("text, codec", [("936", "GBK"), ("UTF-8", "UTF-8"), ("utf8", "UTF-8"),
                                         ("ANSI 936", "GBK"), ("65001", "UTF-8"), ("GB18030", "GB18030")])
def test_cpg_spellings(text, codec):
    assert encoding.normalise(text) == codec


def test_text_encoding_bom_and_gbk():
    assert encoding.text_encoding("\ufeff编号,经度".encode("utf-8")) == ("UTF-8-SIG", "bom")
    assert encoding.text_encoding("编号,名称\n1,县供电公司电力井盖\n".encode("gbk"))[0] == "GB18030"
    assert encoding.text_encoding("编号,名称\n".encode("utf-8")) == ("UTF-8", "detected")
    assert encoding.text_encoding(b"a,b", "gbk") == ("GBK", "user")


def test_ansi_ldid_is_not_trusted(shared_data, tmp_path):
    """0x57 means "the writer's ANSI code page" — 936 on Chinese Windows — so the bytes decide."""
    import shutil
    src = shared_data / GBK
    for suffix in (".shp", ".shx", ".dbf"):
        shutil.copy(src / f"shanghai_districts_cp936_ldid_only{suffix}", tmp_path / f"ansi{suffix}")
    dbf = bytearray((tmp_path / "ansi.dbf").read_bytes())
    dbf[29] = 0x57
    (tmp_path / "ansi.dbf").write_bytes(bytes(dbf))
    table = read_source(tmp_path / "ansi.shp")
    assert table.encoding_source == "detected" and table.rows[0]["name"] == "崇明区"


def test_shapefile_in_zip_with_gbk_detected(shared_data, tmp_path):
    import zipfile
    src = shared_data / GBK
    path = tmp_path / "gbk.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):
            zf.write(src / f"shanghai_districts_gbk_no_marker{suffix}", f"数据/districts{suffix}")
    table = read_source(path)
    assert table.layer == "数据/districts" and table.rows[0]["name"] == "崇明区"


@pytest.mark.parametrize("text", ["井", "a,b\n1,电力\n", "权属单位", "名称,备注\n路灯杆,废弃\n"])
def test_short_gbk_text_is_not_taken_for_big5(text):
    assert encoding.detect_bytes(text.encode("gbk")) == "GB18030"
