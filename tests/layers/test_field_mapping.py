"""Header → field proposals, value mapping, mounts parsing and templates, including
generated ledgers written to real CSV/XLSX files and read back."""
import csv

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.kinds import kind
from layers.field_mapping import (MappingTemplate, TemplateError, UnknownDeviceType, load_template, map_record,
                                  organisation_code, parse_mounts, propose_mapping, save_template)
from layers.sources import read_source

CHINESE = ["标识码", "名称", "权属单位", "井盖标识", "小类", "所在道路", "备注"]
ENGLISH = ["code", "name", "owner", "inscription", "subtype", "road", "remarks"]
FIELDS = ["code", "name", "owner_code", "inscription", "subtype", "road", "remarks"]


@pytest.mark.parametrize("headers", [CHINESE, ENGLISH, ["编号", "名称", "权属", "井盖标识", "类型", "道路", "备注"]])
def test_common_headers_map_for_manholes(headers):
    assert propose_mapping(headers + ["经度", "纬度"], "manholes") == dict(zip(headers, FIELDS))


def test_pole_headers_use_labels_and_units():
    mapping = propose_mapping(["编号", "杆高(m)", "材质", "挂载设备", "X坐标", "Y坐标", "无关列"], "poles")
    assert mapping == {"编号": "code", "杆高(m)": "height_m", "材质": "material", "挂载设备": "mounts"}


def test_each_field_used_once():
    mapping = propose_mapping(["名称", "Name", "备注", "说明"], "trees")
    assert list(mapping.values()).count("name") == 1 and list(mapping.values()).count("remarks") == 1


def test_inscription_gives_subtype_and_owner():
    mapping = propose_mapping(CHINESE, "manholes")
    record = map_record({"标识码": "JG1", "井盖标识": "电力", "权属单位": ""}, mapping, "manholes")
    assert record["subtype"] == "0105" and record["owner_code"] == "GDGS"
    # an owner the row names wins over the inscription's suggestion
    named = map_record({"井盖标识": "电力", "权属单位": "县城建集团"}, mapping, "manholes")
    assert named["owner_code"] == "CJJT"
    # a subtype label becomes its code
    assert map_record({"小类": "雨水箅子"}, mapping, "manholes")["subtype"] == "0104"
    cleaned = kind("manholes").clean(map_record({"井盖标识": "燃气", "名称": "井"}, mapping, "manholes"))
    assert cleaned["subtype"] == "0111" and cleaned["owner_code"] == "RQGS"


def test_user_value_mapping_and_vocab_labels():
    mapping = {"状态": "status", "材质": "material"}
    record = map_record({"状态": "坏了", "材质": "钢"}, mapping, "poles", values={"status": {"坏了": "damaged"}})
    assert record == {"status": "damaged", "material": "steel"}


def test_organisation_names_tolerate_bracket_widths():
    assert organisation_code("县公安局(交警)") == "GAJ"
    assert organisation_code("County Power Supply Company") == "GDGS"
    assert organisation_code("某公司") is None


def test_parse_mounts():
    assert parse_mounts("street_light@县供电公司;camera@县公安局（交警）") == [
        ("street_light", "GDGS"), ("camera", "GAJ")]
    assert parse_mounts("路灯@县供电公司；摄像头＠GAJ、5G微基站@县铁塔公司") == [
        ("street_light", "GDGS"), ("camera", "GAJ"), ("micro_cell", "TTGS")]
    assert parse_mounts("交通标志@某新单位") == [("traffic_sign", "某新单位")]
    assert parse_mounts("Camera") == [("camera", None)]
    assert parse_mounts("") == []
    with pytest.raises(UnknownDeviceType) as err:
        parse_mounts("路灯;飞碟@县供电公司")
    assert "飞碟" in str(err.value)


def test_mounts_column_through_map_record():
    record = map_record({"挂载设备": "路灯@县供电公司;监控摄像机@县公安局（交警）"}, {"挂载设备": "mounts"}, "poles")
    assert record["mounts"] == [("street_light", "GDGS"), ("camera", "GAJ")]


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_template_round_trip(tmp_path, suffix):
    template = MappingTemplate(kind="manholes", columns={"编号": "code", "权属\"单位": "owner_code"},
                               values={"subtype": {"雨": "0103", "污水": "0102"}}, crs="EPSG:4550",
                               x_column="X坐标", y_column="Y坐标", encoding="GBK")
    path = tmp_path / f"供电公司模板{suffix}"
    save_template(template, path)
    assert load_template(path) == template


def test_bad_templates(tmp_path):
    bad = tmp_path / "t.toml"
    bad.write_text("kind = \"manholes\"\nbogus = 1\n", encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(bad)
    bad.write_text("kind = [", encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(bad)
    bad.write_text('kind = "spaceships"\n', encoding="utf-8")
    with pytest.raises(TemplateError):
        load_template(bad)


# -- generated ledgers ---------------------------------------------------------------------
SYNONYMS = {
    "code": ["标识码", "编号", "Code", "ID", "部件编码"],
    "owner_code": ["权属单位", "权属", "Owner", "产权单位"],
    "inscription": ["井盖标识", "Inscription", "井盖标识（文字）"],
    "road": ["所在道路", "道路", "Road", "路名"],
    "remarks": ["备注", "Remarks", "说明"],
}
COORDS = [("经度", "纬度", 4490, 123.28, 40.29), ("lon", "lat", 4490, 123.28, 40.29),
          ("Easting", "Northing", 4550, 500_000.0, 4_460_000.0), ("东坐标", "北坐标", 4550, 500_000.0, 4_460_000.0),
          ("X", "Y", 4550, 500_000.0, 4_460_000.0), ("X坐标(m)", "Y坐标(m)", 4529, 41_500_000.0, 4_460_000.0)]
INSCRIPTIONS = {"电力": ("0105", "GDGS"), "燃气": ("0111", "RQGS"), "热力": ("0110", "RLGS"), "路灯": ("0106", "FWZX")}
cell_text = st.text(alphabet=st.sampled_from("井盖路街东西南北一二三ABC123 -"), min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def ledgers(draw):
    fields = draw(st.lists(st.sampled_from(sorted(SYNONYMS)), min_size=1, max_size=5, unique=True))
    headers = {f: draw(st.sampled_from(SYNONYMS[f])) for f in fields}
    if "inscription" not in fields:
        headers["inscription"] = "井盖标识"
    xname, yname, epsg, x0, y0 = draw(st.sampled_from(COORDS))
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        row = {h: draw(cell_text) for f, h in headers.items() if f != "inscription"}
        row[headers["inscription"]] = draw(st.sampled_from(sorted(INSCRIPTIONS)))
        row.pop(headers.get("owner_code"), None)
        rows.append(row)
    offsets = [(draw(st.floats(0, 0.01 if epsg == 4490 else 900)), draw(st.floats(0, 0.01 if epsg == 4490 else 900)))
               for _ in range(n)]
    # surveyors' sheets put the northing under X: the reader must notice and swap back
    swapped = xname.startswith("X") and draw(st.booleans())
    return headers, rows, (xname, yname, epsg, [(x0 + dx, y0 + dy) for dx, dy in offsets], swapped)


def _write(path, columns, rows, fmt, codec):
    if fmt == "csv":
        with open(path, "w", encoding=codec, newline="") as f:
            w = csv.writer(f)
            w.writerow(columns)
            w.writerows([[r.get(c) for c in columns] for r in rows])
    else:
        wb = openpyxl.Workbook()
        wb.active.append(columns)
        for r in rows:
            wb.active.append([r.get(c) for c in columns])
        wb.save(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ledger=ledgers(), fmt=st.sampled_from(["csv", "xlsx"]), codec=st.sampled_from(["utf-8-sig", "gbk", "utf-8"]))
def test_generated_ledgers_round_trip(tmp_path_factory, ledger, fmt, codec):
    headers, rows, (xname, yname, epsg, points, swapped) = ledger
    for r, (x, y) in zip(rows, points):
        a, b = (y, x) if swapped else (x, y)
        r[xname], r[yname] = (repr(a), repr(b)) if fmt == "csv" else (a, b)
    columns = [h for h in headers.values() if h in rows[0] or h == headers["inscription"]] + [xname, yname]
    path = tmp_path_factory.mktemp("ledger") / f"台账.{fmt}"
    _write(path, columns, rows, fmt, codec)

    table = read_source(path)
    assert table.columns == columns
    assert table.crs.to_epsg() == epsg and table.crs_guessed and table.xy_swapped == swapped
    x, y = table.points()
    assert list(x) == pytest.approx([p[0] for p in points]) and list(y) == pytest.approx([p[1] for p in points])

    mapping = propose_mapping(table.columns, "manholes")
    expected = {h: f for f, h in headers.items() if h in columns}
    assert mapping == expected
    for source_row, row in zip(rows, table.rows):
        record = map_record(row, mapping, "manholes")
        subtype, owner = INSCRIPTIONS[source_row[headers["inscription"]]]
        assert record["subtype"] == subtype and record["owner_code"] == owner
        for f, h in headers.items():
            if h in source_row and f not in ("inscription", "owner_code"):
                assert str(record[f]) == source_row[h]
