"""CSV and Excel ledgers: encodings, coordinate columns, swapped X/Y, CRS choices, bad CSV."""
import math

import openpyxl
import pytest

from layers.crs import transform
from layers.sources import list_layers, read_source
from layers.sources.errors import ColumnNotFound, EncodingMismatch, LayerNotFound, SourceDamaged, UnknownCRS

# a point in the county town: CGCS2000 lon/lat and its EPSG:4550 easting/northing
LON, LAT = 123.28, 40.29
E, N = (float(v[0]) for v in transform([LON], [LAT], 4490, 4550))


def test_southwark_toilets_with_user_crs(shared_data):
    table = read_source(shared_data / "public_toilets/southwark_toilets.csv", crs=27700)
    assert len(table) == 41 and len(table.columns) == 13
    assert table.crs.to_epsg() == 27700 and not table.crs_guessed
    x, y = table.points()
    assert x[0] == 533444 and y[0] == 180182
    assert any("Café" in (r["Name"] or "") for r in table.rows)
    assert any("\n" in (r[c] or "") for r in table.rows for c in table.columns) or len(table) == 41


def test_southwark_without_crs_warns_instead_of_guessing(shared_data):
    table = read_source(shared_data / "public_toilets/southwark_toilets.csv")
    assert table.crs is None and table.warnings


def test_gdal_bad_csvs_read_with_warnings(shared_data):
    folder = shared_data / "gdal_autotest_text/csv"
    header = read_source(folder / "header_with_line_break.csv")
    assert header.columns[2] == "Column with a line break" and len(header) == 3
    quotes = read_source(folder / "unbalanced_double_quotes.csv")
    assert any("引号" in w for w in quotes.warnings)
    infnan = read_source(folder / "inf_nan.csv")
    assert [r["v"] for r in infnan.rows] == ["10", "inf", "-inf", "NaN"]


def test_inf_coordinates_give_rows_without_position(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(f"id,lon,lat\n1,{LON},{LAT}\n2,inf,{LAT}\n3,NaN,\n", encoding="utf-8")
    table = read_source(path)
    assert table.geometries[1] is None and table.geometries[2] is None
    assert any("3 行中有 2 行" in w for w in table.warnings)


@pytest.mark.parametrize("codec, source", [("gbk", "detected"), ("utf-8-sig", "bom"), ("utf-8", "detected")])
def test_chinese_csv_encodings(tmp_path, codec, source):
    path = tmp_path / "井盖.csv"
    path.write_bytes(f"编号,井盖标识,权属单位,经度,纬度\nJG001,电力,县供电公司,{LON},{LAT}\n".encode(codec))
    table = read_source(path)
    assert table.encoding_source == source
    assert table.rows[0]["权属单位"] == "县供电公司" and table.rows[0]["编号"] == "JG001"
    assert table.crs.to_epsg() == 4490 and table.crs_guessed
    assert table.points()[0][0] == pytest.approx(LON)


def test_user_encoding_that_does_not_fit(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("编号,经度\n井1,1\n".encode("gbk"))
    with pytest.raises(EncodingMismatch):
        read_source(path, encoding="utf-8")


def test_xlsx_with_title_row_and_surveyor_xy(tmp_path):
    """X坐标 holds the northing in Chinese survey sheets; the reader swaps it."""
    path = tmp_path / "杆件台账.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "杆件"
    ws.append(["岫岩县杆件台账"])
    ws.append(["编号", "X坐标（m）", "Y坐标（m）", "杆高(m)"])
    ws.append(["G001", N, E, 8])
    ws.append(["G002", N + 10, E + 5, 10.5])
    other = wb.create_sheet("说明")
    other.append(["说明", "无"])
    other.append(["坐标系", "CGCS2000"])
    wb.save(path)
    assert list_layers(path) == ["杆件", "说明"]
    table = read_source(path)
    assert table.layer == "杆件" and table.columns == ["编号", "X坐标（m）", "Y坐标（m）", "杆高(m)"]
    assert table.rows[0]["杆高(m)"] == 8
    assert table.crs.to_epsg() == 4550 and table.crs_guessed and table.xy_swapped
    x, y = table.points()
    assert x[0] == pytest.approx(E) and y[0] == pytest.approx(N)
    assert any("标题" in w for w in table.warnings)
    assert any("说明" in w for w in table.warnings)  # the other sheet with data is mentioned
    assert read_source(path, layer="说明").columns == ["说明", "无"]
    with pytest.raises(LayerNotFound):
        read_source(path, layer="nope")


def test_user_crs_still_fixes_swapped_columns(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(f"点号,X,Y\n1,{N},{E}\n", encoding="utf-8")
    table = read_source(path, crs="EPSG:4550")
    assert table.xy_swapped and table.points()[0][0] == pytest.approx(E)


def test_prefixed_zone_and_gcj02(tmp_path):
    path = tmp_path / "z.csv"
    path.write_text(f"id,东坐标,北坐标\n1,{41_000_000 + E},{N}\n", encoding="utf-8")
    assert read_source(path).crs.to_epsg() == 4529
    gcj = tmp_path / "g.csv"
    gcj.write_text(f"id,lng,lat\n1,{LON},{LAT}\n", encoding="utf-8")
    table = read_source(gcj, crs="gcj02")
    assert table.crs == "gcj02" and not table.crs_guessed


def test_explicit_columns_wkt_and_errors(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text('id,a,b,shape\n1,5,6,"POINT (123.28 40.29)"\n2,7,8,not wkt\n', encoding="utf-8")
    table = read_source(path)  # WKT column found by name
    assert table.points()[0][0] == pytest.approx(123.28) and table.geometries[1] is None
    chosen = read_source(path, x_column="a", y_column="b", crs=4550)
    assert chosen.points()[1][0] == 6
    with pytest.raises(ColumnNotFound):
        read_source(path, x_column="lon", y_column="b")
    with pytest.raises(UnknownCRS):
        read_source(path, crs="EPSG:999999")


def test_no_coordinates_is_a_warning_not_a_failure(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("编号,名称\n1,井\n", encoding="utf-8")
    table = read_source(path)
    assert table.geometries == [None] and table.crs is None and table.warnings


def test_dms_text_and_empty_files(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('编号;经度;纬度\n1;123°16\'48"E;40°17\'24"N\n', encoding="utf-8")
    x, y = read_source(path).points()
    assert x[0] == pytest.approx(123.28) and y[0] == pytest.approx(40.29)
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(SourceDamaged):
        read_source(empty)
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(SourceDamaged):
        read_source(broken)
    assert math.isfinite(E)


def test_latitude_in_the_longitude_column_is_swapped_even_with_user_crs(tmp_path):
    path = tmp_path / "ll.csv"
    path.write_text(f"编号,经度,纬度\n1,{LAT},{LON}\n2,,\n", encoding="utf-8")
    table = read_source(path, crs=4326)
    assert table.xy_swapped and table.crs.to_epsg() == 4326
    x, y = table.points()
    assert (x[0], y[0]) == (pytest.approx(LON), pytest.approx(LAT)) and table.geometries[1] is None
    # a user CRS the numbers do not fit is obeyed, not second-guessed
    assert not read_source(path, crs=4550).xy_swapped


def test_ledger_rows_are_columns_with_shared_values(tmp_path):
    """A big ledger becomes columns: repeated owners are one object, coordinates arrays."""
    path = tmp_path / "大台账.csv"
    n = 120_000  # more than one reading chunk
    with open(path, "w", encoding="utf-8-sig") as f:
        f.write("编号,权属单位,X,Y\n")
        f.writelines(f"JG{i:06d},{'县供电公司' if i % 2 else '县联通公司'},{E + i % 500:.3f},{N + i // 500:.3f}\n"
                     for i in range(n))
    table = read_source(path)
    assert len(table) == n and table.crs.to_epsg() == 4550
    owners = table.column_values["权属单位"]
    assert owners[1] is owners[n - 1] and owners[0] == "县联通公司"
    x, y = table.points()
    assert x[n - 1] == pytest.approx(E + (n - 1) % 500) and y[n - 1] == pytest.approx(N + (n - 1) // 500)
    assert table.rows[n - 1]["X"] == f"{E + (n - 1) % 500:.3f}"  # the text as delivered, for the preview


def test_bom_kept_by_a_user_encoding_is_not_part_of_the_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(f"编号,经度,纬度\nJG1,{LON},{LAT}\n".encode("utf-8-sig"))
    table = read_source(path, encoding="utf-8")
    assert table.columns[0] == "编号" and table.rows[0]["编号"] == "JG1"
