"""DXF read back by ezdxf (with its audit) and the XLSX ledger read back by openpyxl."""
import datetime as dt

import ezdxf
import openpyxl
import pytest
from export_sample import CODE, OWNER, ROAD, assert_same_place, manholes, ogrinfo_text, poles

from layers.export import export_layers
from layers.export.errors import UnsupportedCrs
from layers.export.xlsx_ledger import display_width


def test_dxf_blocks_attributes_and_labels(tmp_path):
    layer = manholes()
    path = export_layers([layer, poles()], "dxf", tmp_path / "m.dxf").paths[0]
    doc = ezdxf.readfile(path)
    assert not doc.audit().has_errors
    assert "检查井" in doc.layers and "杆件" in doc.layers
    block = doc.blocks.get("XC_manholes")
    assert {a.dxf.tag for a in block.attdefs()} == {"CODE", "SUBTYPE", "OWNER", "STATUS"}
    inserts = doc.modelspace().query('INSERT[layer=="检查井"]')
    assert len(inserts) == 5
    first = inserts[0]
    assert first.get_attrib_text("CODE") == CODE and first.get_attrib_text("OWNER") == "GDGS"
    assert first.get_attrib_text("SUBTYPE") == "0105"
    xs = [i.dxf.insert.x for i in inserts]
    ys = [i.dxf.insert.y for i in inserts]
    assert_same_place(layer, xs, ys, 4550)
    labels = [t.dxf.text for t in doc.modelspace().query("TEXT")]
    assert CODE in labels


def test_dxf_layer_per_owner(tmp_path):
    layer = manholes()
    layer.rows[0]["owner_code"] = "LTGS"
    path = export_layers([layer], "dxf", tmp_path / "m.dxf", dxf_layer_by="owner", crs=4529).paths[0]
    doc = ezdxf.readfile(path)
    assert "检查井-GDGS" in doc.layers and "检查井-LTGS" in doc.layers
    assert len(doc.modelspace().query('INSERT[layer=="检查井-LTGS"]')) == 1
    inserts = doc.modelspace().query("INSERT")
    assert_same_place(layer, [i.dxf.insert.x for i in inserts], [i.dxf.insert.y for i in inserts], 4529)


@pytest.mark.parametrize("crs", [4490, 4326, "gcj02"])
def test_dxf_refuses_geographic_crs(tmp_path, crs):
    with pytest.raises(UnsupportedCrs) as err:
        export_layers([manholes()], "dxf", tmp_path / "m.dxf", crs=crs)
    assert "projected" in err.value.message("en") or "GCJ-02" in err.value.message("en")
    assert not (tmp_path / "m.dxf").exists()


def test_xlsx_ledger(tmp_path):
    layer = manholes()
    path = export_layers([layer, poles()], "xlsx", tmp_path / "台账.xlsx").paths[0]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["检查井", "杆件"]
    sheet = book["检查井"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[0] == "标识码" and header[-2:] == ["东坐标(x)", "北坐标(y)"]
    assert sheet["A1"].font.bold
    code = sheet["A2"]
    assert code.value == CODE and code.data_type == "s" and code.number_format == "@"
    row = [c.value for c in sheet[2]]
    assert OWNER in row and ROAD in row
    date = sheet.cell(2, header.index("初始日期") + 1)
    assert date.is_date and date.value.date() == dt.date(2026, 3, 1)
    xs = [sheet.cell(r, len(header) - 1).value for r in range(2, 7)]
    ys = [sheet.cell(r, len(header)).value for r in range(2, 7)]
    assert all(isinstance(v, float) for v in xs)
    assert_same_place(layer, xs, ys, 4550)
    # the code column is wide enough for 16 digits; the Chinese name column counts double
    assert sheet.column_dimensions["A"].width >= 16
    assert sheet.column_dimensions["B"].width >= display_width("迎宾路电力井1号")
    assert sheet.max_row == 6
    assert [sheet.cell(r, 1).value for r in range(2, 7)] == [f"21032301050{i:05d}" for i in range(1, 6)]


def test_display_width_counts_cjk_double():
    assert display_width("迎宾路") == 6 and display_width("ab1") == 3


def test_dxf_line_breaks_in_values_do_not_corrupt_the_file(tmp_path):
    layer = manholes()
    layer.rows[0]["code"] = "2103230105000001\r\n"
    layer.rows[1]["owner_code"] = "GD\nGS"
    path = export_layers([layer], "dxf", tmp_path / "m.dxf", dxf_layer_by="owner").paths[0]
    doc = ezdxf.readfile(path)
    assert not doc.audit().has_errors
    inserts = doc.modelspace().query("INSERT")
    assert len(inserts) == 5 and inserts[0].get_attrib_text("CODE") == CODE


def test_dxf_is_clean_for_ezdxf_and_gdal(tmp_path):
    layer = manholes(300)
    path = export_layers([layer, poles()], "dxf", tmp_path / "m.dxf").paths[0]
    doc = ezdxf.readfile(path)
    auditor = doc.audit()
    assert not auditor.has_errors and not auditor.fixes   # nothing needed repairing
    handles = [e.dxf.handle for e in doc.entitydb.values()]
    assert len(handles) == len(set(handles))
    assert int(doc.header["$HANDSEED"], 16) > max(int(h, 16) for h in handles)
    # GDAL 3.6 reads R2013 text with the header code page unless told it is UTF-8
    text = ogrinfo_text(path, "--config", "DXF_ENCODING", "UTF-8", "-q")
    if text is None:
        pytest.skip("ogrinfo not installed")
    assert text.count("SubClasses (String) = AcDbEntity:AcDbBlockReference") == 303
    assert "Layer (String) = 检查井" in text and f"Text (String) = {CODE}" in text


def test_xlsx_second_reader_gdal(tmp_path):
    path = export_layers([manholes(), poles()], "xlsx", tmp_path / "m.xlsx").paths[0]
    text = ogrinfo_text(path, "-q")
    if text is None:
        pytest.skip("ogrinfo not installed")
    assert "Layer name: 检查井" in text and "Layer name: 杆件" in text
    assert f"标识码 (String) = {CODE}" in text and "初始日期 (Date) = 2026/03/01" in text
    assert f"权属单位名称 (String) = {OWNER}" in text and text.count("OGRFeature(检查井)") == 5
