"""Delivered ledgers into the demo town's registry: real CSV/XLSX files written the ways
surveyors and utilities write them, real reference files, real photos with GPS tags."""
import csv
import datetime as dt
import json

import numpy as np
import openpyxl
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from assets.check import check_registry
from assets.i18n import set_language
from assets.import_report import list_reports
from assets.kinds import KIND_NAMES
from assets.photos import photo, photo_count
from assets.registry import Registry
from layers.crs import transform
from layers.field_mapping import MappingTemplate, map_record, propose_mapping, save_template
from layers.importer import (KindNeeded, TemplateKindMismatch, UnknownKind, UnknownSourceCRS, import_file,
                             map_columns)
from layers.photo_store import attach_photos
from layers.reference_import import AllOutside, import_reference
from layers.sources.errors import SourceError

HEADER = ["编号", "井盖标识", "权属单位", "井盖材质", "备注"]


def _free_spots(reg, n, seed=0, spacing=3.0):
    """``n`` places inside the registry's area, away from existing assets and each other."""
    rng = np.random.default_rng(seed)
    area = reg.area()
    x0, y0, x1, y1 = area.bounds
    pts = [reg.points(k) for k in KIND_NAMES]
    tree = shapely.STRtree(shapely.points(np.concatenate([p["x"] for p in pts]), np.concatenate([p["y"] for p in pts])))
    out = []
    while len(out) < n:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        p = shapely.Point(x, y)
        if area.contains(p) and not len(tree.query(p, predicate="dwithin", distance=spacing)) \
                and all(np.hypot(x - a, y - b) > spacing for a, b in out):
            out.append((round(x, 3), round(y, 3)))
    return np.array(out)


def _rows(n):
    inscriptions = ["电力", "通信", "燃气", "雨"]
    return [[f"JG{i:05d}", inscriptions[i % 4], "", "铸铁", f"第{i}号"] for i in range(n)]


def _write_csv(path, header, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def _imported(reg, before_fid):
    rows = reg.conn.execute("SELECT fid FROM manholes WHERE fid > ? ORDER BY fid", (before_fid,)).fetchall()
    return reg.assets_by_fid("manholes", [r[0] for r in rows])


def _last_fid(reg):
    return reg.conn.execute("SELECT coalesce(max(fid), 0) FROM manholes").fetchone()[0]


LEDGERS = ["utf8_4550", "gbk_swapped", "lonlat_4490", "zone_4529", "gcj02", "xlsx"]


def _ledger(kind, tmp_path, xy):
    n = len(xy)
    rows = _rows(n)
    if kind == "utf8_4550":
        return _write_csv(tmp_path / "井盖.csv", HEADER + ["X", "Y"],
                          [r + [f"{x:.3f}", f"{y:.3f}"] for r, (x, y) in zip(rows, xy)]), None, 0.01
    if kind == "gbk_swapped":  # X is the northing, as surveyors write it; Excel's GBK
        return _write_csv(tmp_path / "井盖.csv", HEADER + ["X坐标", "Y坐标"],
                          [r + [f"{y:.3f}", f"{x:.3f}"] for r, (x, y) in zip(rows, xy)], encoding="gbk"), None, 0.01
    if kind == "lonlat_4490":
        lon, lat = transform(xy[:, 0], xy[:, 1], 4550, 4490)
        return _write_csv(tmp_path / "井盖.csv", HEADER + ["经度", "纬度"],
                          [r + [f"{a:.10f}", f"{b:.10f}"] for r, a, b in zip(rows, lon, lat)]), None, 0.01
    if kind == "zone_4529":
        return _write_csv(tmp_path / "井盖.csv", HEADER + ["东坐标", "北坐标"],
                          [r + [f"{41_000_000 + x:.3f}", f"{y:.3f}"] for r, (x, y) in zip(rows, xy)]), None, 0.01
    if kind == "gcj02":
        lon, lat = transform(xy[:, 0], xy[:, 1], 4550, "gcj02")
        return _write_csv(tmp_path / "高德.csv", HEADER + ["lng", "lat"],
                          [r + [f"{a:.10f}", f"{b:.10f}"] for r, a, b in zip(rows, lon, lat)]), "gcj02", 0.5
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["岫岩县检查井台账"])  # a title row above the header
    sheet.append(HEADER + ["X坐标", "Y坐标"])
    for r, (x, y) in zip(rows, xy):
        sheet.append(r + [float(y), float(x)])
    path = tmp_path / "井盖台账.xlsx"
    book.save(path)
    return path, None, 0.01


@pytest.mark.parametrize("ledger", LEDGERS)
def test_ledgers_land_where_surveyed(small_demo, tmp_path, ledger):
    xy = _free_spots(small_demo, 12)
    path, crs, tolerance = _ledger(ledger, tmp_path, xy)
    start = _last_fid(small_demo)
    report = import_file(small_demo, path, kind="检查井", crs=crs)
    assert (report.read, report.imported, report.skipped) == (12, 12, {}), report.findings
    assets = _imported(small_demo, start)
    got = np.array([(a.x, a.y) for a in assets])
    assert np.abs(got - xy).max() < tolerance
    power = assets[0]
    assert power.values["inscription"] == "电力" and power.values["subtype"] == "0105"
    assert power.values["owner_code"] == "GDGS" and power.values["cover_material"] == "cast_iron"
    assert "JG00000" in power.values["remarks"]  # the delivered number is kept
    assert [a.values["subtype"] for a in assets[:4]] == ["0105", "0107", "0111", "0103"]
    assert all(f.ok for f in check_registry(small_demo))


@pytest.mark.parametrize("action,imported,updated", [("skip", 0, 0), ("update", 0, 3), ("insert", 3, 0)])
def test_reimporting_the_same_file(small_demo, tmp_path, action, imported, updated):
    xy = _free_spots(small_demo, 3, seed=2)
    path, _, _ = _ledger("utf8_4550", tmp_path, xy)
    import_file(small_demo, path, kind="manholes")
    count = small_demo.counts()["manholes"]
    rows = _rows(3)
    rows[0][4] = "已复测"  # one value changed in the new delivery
    _write_csv(path, HEADER + ["X", "Y"], [r + [f"{x:.3f}", f"{y:.3f}"] for r, (x, y) in zip(rows, xy)])
    report = import_file(small_demo, path, kind="manholes", on_duplicate=action)
    assert (report.imported, report.updated) == ((imported, 1) if action == "update" else (imported, updated))
    assert all(f["reason"] in ("duplicate_position", "unchanged") for f in report.findings)
    assert small_demo.counts()["manholes"] == count + imported


def test_dry_run_writes_nothing(small_demo_path, tmp_path):
    with Registry.open(small_demo_path) as reg:
        path, _, _ = _ledger("utf8_4550", tmp_path, _free_spots(reg, 5))
    before = small_demo_path.read_bytes()
    with Registry.open(small_demo_path) as reg:
        report = import_file(reg, path, kind="manholes", dry_run=True)
        assert report.imported == 5 and report.dry_run and not report.stored
    assert small_demo_path.read_bytes() == before


def test_kind_from_a_column_and_mounts(small_demo, tmp_path):
    xy = _free_spots(small_demo, 4, seed=3)
    rows = [["杆件", "路灯杆", "路灯@县城乡建设事务服务中心;摄像头@县公安局（交警）"],
            ["井盖", "", ""], ["poles", "0118", "微基站@县铁塔公司"], ["垃圾桶", "", ""]]
    path = _write_csv(tmp_path / "混合.csv", ["类别", "小类", "挂载设备", "X", "Y"],
                      [r + [f"{x:.3f}", f"{y:.3f}"] for r, (x, y) in zip(rows, xy)])
    report = import_file(small_demo, path, on_duplicate="insert")
    assert report.kinds == ["manholes", "poles"]
    assert report.imported == 2  # the manhole has no subtype, 垃圾桶 is no kind
    assert report.skipped == {"missing_required": 1, "unknown_kind": 1}
    pole = small_demo.query("poles", order_by="fid", descending=True, limit=2)[1]
    mounts = small_demo.mounts(pole.uuid)
    assert sorted((m["device_type"], m["owner_code"]) for m in mounts) == [("camera", "GAJ"),
                                                                           ("street_light", "FWZX")]


def test_unknown_device_in_mounts_is_a_row_finding(small_demo, tmp_path):
    xy = _free_spots(small_demo, 2, seed=4)
    path = _write_csv(tmp_path / "杆.csv", ["小类", "挂载设备", "X", "Y"],
                      [["0118", "路灯@县供电公司", xy[0][0], xy[0][1]], ["0118", "飞碟@县供电公司", xy[1][0], xy[1][1]]])
    report = import_file(small_demo, path, kind="poles")
    assert report.imported == 1 and report.skipped == {"invalid_value": 1}
    assert "飞碟" in report.findings[0]["message"] and report.findings[0]["row"] == 3


def test_template_and_kind_errors(small_demo, tmp_path):
    xy = _free_spots(small_demo, 2, seed=5)
    path = _write_csv(tmp_path / "台账.csv", ["树", "胸围", "X", "Y"],
                      [["国槐", "30", xy[0][0], xy[0][1]], ["银杏", "25", xy[1][0], xy[1][1]]])
    template = tmp_path / "trees.toml"
    save_template(MappingTemplate(kind="trees", columns={"树": "species", "胸围": "dbh_cm"}), template)
    report = import_file(small_demo, path, template=template, subtype="0402")
    assert report.imported == 2
    tree = small_demo.query("trees", order_by="fid", descending=True, limit=1)[0]
    assert tree.values["species"] == "银杏" and tree.values["dbh_cm"] == 25
    with pytest.raises(TemplateKindMismatch):
        import_file(small_demo, path, template=template, kind="poles")
    with pytest.raises(KindNeeded):
        import_file(small_demo, path)
    with pytest.raises(UnknownKind):
        import_file(small_demo, path, kind="路灯盒子")


def test_broken_files_fail_cleanly(small_demo, shared_data):
    before = small_demo.counts()
    for name in ("csv/unbalanced_double_quotes.csv", "csv/inf_nan.csv", "kml/truncated.kml",
                 "kml/non_conformant_multi.kml"):
        try:
            report = import_file(small_demo, shared_data / "gdal_autotest_text" / name, kind="trees")
        except (SourceError, UnknownSourceCRS) as error:
            assert str(error) and "\n" not in str(error)
        else:
            assert report.imported == 0 and report.skipped_total == report.read
    assert small_demo.counts() == before
    assert list_reports(small_demo) == []


def test_southwark_toilets_are_all_outside(small_demo, shared_data):
    path = shared_data / "public_toilets" / "southwark_toilets.csv"
    report = import_file(small_demo, path, kind="toilets", crs="EPSG:27700", subtype="0301")
    assert report.read == 41 and report.imported == 0
    outside = {f["row"] for f in report.findings if f["reason"] == "outside_area"}
    assert len(outside) == 41
    assert small_demo.counts()["toilets"] == 3
    forced = import_file(small_demo, path, kind="toilets", crs="EPSG:27700", subtype="0301", allow_outside=True,
                         on_duplicate="insert", dry_run=True)
    assert forced.read == 41  # every row either taken or explained
    taken = forced.imported
    refused = {f["row"] for f in forced.findings if f["blocking"]}
    assert taken + len(refused) == 41


def test_reference_layer_from_a_gbk_shapefile(small_demo, registry, shared_data):
    shp = shared_data / "china_admin_shp" / "derived_gbk" / "shanghai_districts_cp936.shp"
    set_language("en")
    with pytest.raises(AllOutside) as err:
        import_reference(small_demo, shp, "subdistricts")
    assert "--crs" in str(err.value) and "\n" not in str(err.value)
    assert len(small_demo.reference("subdistricts")) == 3
    # a registry without an area takes them; GCJ-02 as the file really is
    report = import_reference(registry, shp, "subdistricts", crs="gcj02")
    assert report.imported == 16
    layer = registry.reference("subdistricts")
    names = {attrs["name"] for _, attrs in layer}
    assert "崇明区" in names and all(attrs["code"].startswith("31") for _, attrs in layer)
    # GCJ-02 is undone: the same file read as WGS84 lies some hundreds of metres off
    plain = import_reference(registry, shp, "subdistricts", crs="EPSG:4326")
    moved = registry.reference("subdistricts")
    assert plain.imported == 16
    shift = shapely.centroid(layer[0][0]).distance(shapely.centroid(moved[0][0]))
    assert 100 < shift < 1000
    registry.undo()
    assert registry.reference("subdistricts")[0][0].equals_exact(layer[0][0], 1e-6)
    assert all(f.ok for f in check_registry(registry))


def _photo(path, lon, lat):
    def dms(v):
        d = int(v)
        m = int((v - d) * 60)
        return (float(d), float(m), round(((v - d) * 60 - m) * 60, 4))
    img = Image.new("RGB", (640, 480), "green")
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: dms(lat), 3: "E", 4: dms(lon)})
    exif.get_ifd(0x8769)[36867] = "2026:05:01 10:11:12"
    img.save(path, exif=exif)


def test_photos_become_trees_or_attach_to_the_nearest_asset(small_demo, tmp_path):
    folder = tmp_path / "照片"
    folder.mkdir()
    xy = _free_spots(small_demo, 2, seed=6, spacing=40)
    lon, lat = transform(xy[:, 0], xy[:, 1], 4550, 4326)
    _photo(folder / "a.jpg", lon[0], lat[0])
    _photo(folder / "b.jpg", lon[1], lat[1])
    report = import_file(small_demo, folder, kind="trees", subtype="0402")
    assert report.imported == 2
    tree = small_demo.query("trees", order_by="fid", descending=True, limit=1)[0]
    assert abs(tree.x - xy[1][0]) < 1 and abs(tree.y - xy[1][1]) < 1
    stored = photo(small_demo, tree.values["photo"])
    assert stored.file_name == "b.jpg" and stored.data.startswith(b"\xff\xd8")
    assert max(Image.open(__import__("io").BytesIO(stored.thumbnail)).size) <= 256
    assert tree.values["init_date"] == "2026-05-01"
    # attach: a new photo taken 3 m from the first tree goes to it; one far away does not
    other = tmp_path / "新照片"
    other.mkdir()
    lon2, lat2 = transform([xy[0][0] + 3, xy[0][0] + 3000], [xy[0][1], xy[0][1]], 4550, 4326)
    _photo(other / "c.jpg", lon2[0], lat2[0])
    _photo(other / "d.jpg", lon2[1], lat2[1])
    attached = attach_photos(small_demo, other, kind="trees", within=15)
    assert attached.updated == 1 and attached.skipped == {"no_match": 1}
    first = small_demo.query("trees", order_by="fid", descending=True, limit=2)[1]
    assert photo(small_demo, first.values["photo"]).file_name == "c.jpg"
    assert photo_count(small_demo) == 3


# -- the columnar mapping gives what map_record gives ---------------------------------------
_CELLS = {"编号": ["JG1", "", None, "2103230105000001"], "井盖标识": ["电力", "燃气", "雨", "", None, "联通"],
          "权属单位": ["", "县城建集团", "County Power Supply Company", "某公司", None],
          "小类": ["", "雨水箅子", "0102", None], "状态": ["破损", "坏了", None]}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _CELLS.items()}), min_size=1, max_size=8))
def test_columnar_mapping_matches_map_record(rows):
    mapping = propose_mapping(list(_CELLS), "manholes")
    values = {"status": {"坏了": "damaged"}}
    columns, _, _ = map_columns(rows, mapping, "manholes", values=values)
    for i, row in enumerate(rows):
        expected = map_record(row, mapping, "manholes", values=values)
        got = {k: col[i] for k, col in columns.items()}
        assert {k: v for k, v in got.items() if v is not None} == {k: v for k, v in expected.items() if v is not None}


# -- any ledger: taken in full, or every row not taken is explained -------------------------
_VALUES = st.fixed_dictionaries({
    "编号": st.sampled_from(["", "JG1", "2103230105999001", "2103230105999001", "21032301059990x"]),
    "井盖标识": st.sampled_from(["电力", "", "燃气", "??"]),
    "权属单位": st.sampled_from(["", "县供电公司", "不存在的公司"]),
    "高差": st.sampled_from(["", "12", "abc", "1000"]),
    "dx": st.sampled_from([0.0, 40.0, 0.2, 90_000.0, float("nan"), float("inf")]),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(_VALUES, min_size=1, max_size=6), st.sampled_from(["skip", "update", "insert"]))
def test_any_ledger_imports_fully_or_explains_every_row(small_demo, tmp_path_factory, rows, action):
    cx, cy = small_demo.area().centroid.coords[0]
    folder = tmp_path_factory.mktemp("ledger")
    lines = [[r["编号"], r["井盖标识"], r["权属单位"], r["高差"], cx + r["dx"] + i * 7, cy] for i, r in enumerate(rows)]
    path = _write_csv(folder / "l.csv", ["编号", "井盖标识", "权属单位", "高差", "X", "Y"], lines)
    before = small_demo.counts()
    try:
        report = import_file(small_demo, path, kind="manholes", crs="EPSG:4550", on_duplicate=action)
    except SourceError:
        assert small_demo.counts() == before
        return
    taken = report.imported + report.updated
    assert taken + report.skipped_total == report.read == len(rows)
    explained = {f["row"] for f in report.findings}
    not_taken = report.read - taken
    assert len({f["row"] for f in report.findings if f["blocking"] or f["reason"] == "unchanged"}) >= not_taken
    assert explained <= set(range(2, len(rows) + 2))
    assert small_demo.counts()["manholes"] == before["manholes"] + report.imported
    stored = json.loads(small_demo.conn.execute(
        "SELECT report FROM import_reports ORDER BY id DESC LIMIT 1").fetchone()[0]) if report.stored else None
    assert stored is None or stored["read"] == report.read
    _ = dt


def test_geopackage_points_read_fast_and_the_same(small_demo, tmp_path):
    """The SQLite path for GeoPackage point layers gives what the general reader gives."""
    import fiona
    from layers.geopackage_points import read_point_layer
    from layers.sources import read_source
    xy = _free_spots(small_demo, 4, seed=8)
    lon, lat = transform(xy[:, 0], xy[:, 1], 4550, 4490)
    path = tmp_path / "井盖.gpkg"
    schema = {"geometry": "Point", "properties": {"编号": "str", "井盖标识": "str", "高差": "float"}}
    with fiona.open(path, "w", driver="GPKG", schema=schema, crs="EPSG:4490", layer="井盖") as dst:
        for i, (a, b) in enumerate(zip(lon, lat)):
            dst.write({"geometry": {"type": "Point", "coordinates": (a, b)},
                       "properties": {"编号": f"JG{i}", "井盖标识": "电力", "高差": 12.5 if i else None}})
    fast = read_point_layer(path)
    slow = read_source(path)
    assert list(fast.rows) == slow.rows and fast.columns == slow.columns and fast.layer == "井盖"
    assert fast.crs.to_epsg() == slow.crs.to_epsg() == 4490
    assert [g.coords[0] for g in fast.geometries] == [g.coords[0] for g in slow.geometries]
    report = import_file(small_demo, path, kind="manholes")
    assert report.imported == 4
    got = small_demo.query("manholes", order_by="fid", descending=True, limit=4)[::-1]
    assert np.abs(np.array([(a.x, a.y) for a in got]) - xy).max() < 0.01
    assert read_point_layer(tmp_path / "none.gpkg") is None


def test_roads_reference_layer_with_chinese_headers(small_demo, tmp_path):
    c = small_demo.area().centroid
    lon, lat = transform([c.x - 100, c.x + 100, c.x, c.x + 5], [c.y, c.y, c.y - 50, c.y + 50], 4550, 4326)
    path = tmp_path / "道路.geojson"
    lines = [[[lon[0], lat[0]], [lon[1], lat[1]]], [[lon[2], lat[2]], [lon[3], lat[3]]]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": lines},
         "properties": {"道路名称": "新华路", "道路等级": "main", "路宽": "24"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon[0], lat[0]]},
         "properties": {"道路名称": "错", "道路等级": None, "路宽": None}}]}, ensure_ascii=False), encoding="utf-8")
    report = import_reference(small_demo, path, "roads")
    assert report.imported == 1 and report.skipped == {"wrong_geometry": 1}
    roads = small_demo.reference("roads")
    assert len(roads) == 2 and {a["name"] for _, a in roads} == {"新华路"}
    assert roads[0][1] == {"name": "新华路", "road_class": "main", "width_m": 24.0}
    start = shapely.get_coordinates(roads[0][0])[0]
    assert abs(start[0] - (c.x - 100)) < 0.01 and abs(start[1] - c.y) < 0.01
    assert list_reports(small_demo)[0]["kinds"] == "roads"


def test_cancelling_leaves_the_registry_as_it_was(small_demo, tmp_path):
    from assets.errors import Cancelled
    from assets.progress import RecordingProgress
    xy = _free_spots(small_demo, 3, seed=9)
    path, _, _ = _ledger("utf8_4550", tmp_path, xy)
    before = small_demo.counts()
    progress = RecordingProgress(cancel_after=1500)  # past the reading half of the bar
    with pytest.raises(Cancelled):
        import_file(small_demo, path, kind="manholes", progress=progress)
    assert progress.total == 2000 and progress.done >= 1500
    assert small_demo.counts() == before and list_reports(small_demo) == []
    assert all(f.ok for f in check_registry(small_demo))
