import os
import sqlite3
import stat
import subprocess
import sys

import fiona
import numpy as np
import pytest

from assets.errors import (AssetNotFound, NotARegistry, RegistryExists, RegistryNotFound, RegistryReadOnly,
                           SchemaTooNew, ValidationError)
from assets.filters import Condition, FilterError
from assets.geopackage import encode_point
from assets.registry import Registry
from assets.store import DuplicateCode, StaleEdit

X, Y = 523800.0, 4461760.0


def test_new_registry_is_a_valid_geopackage_with_chinese_titles(registry, tmp_path):
    registry.add("manholes", {"subtype": "0105", "owner_code": "GDGS", "inscription": "电力", "road": "迎宾路"}, X, Y)
    registry.close()
    path = tmp_path / "empty.gpkg"
    result = subprocess.run([sys.executable, "-m", "osgeo_utils.samples.validate_gpkg", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10400
    srs = {r[0] for r in conn.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
    assert {4490, 4550, 4529, 4326} <= srs
    title = conn.execute("SELECT title FROM gpkg_data_columns WHERE table_name='manholes' AND column_name='owner_code'"
                         ).fetchone()[0]
    assert title == "权属单位"
    with fiona.open(path, layer="manholes") as src:
        assert len(src) == 1
        assert src.crs.to_epsg() == 4550
        feature = next(iter(src))
        assert feature["properties"]["road"] == "迎宾路"
        assert feature["properties"]["inscription"] == "电力"
        assert feature.geometry.coordinates == pytest.approx((X, Y))


def test_add_get_by_code_uuid_and_fid(registry):
    pole = registry.add("poles", {"subtype": "0118", "height_m": 10, "owner_code": "FWZX"}, X, Y,
                        mounts=[{"device_type": "street_light", "owner_code": "FWZX", "band": "top"}])
    assert pole.code == "2103230118000001"
    assert len(pole.uuid) == 36
    assert registry.get(pole.code).uuid == pole.uuid
    assert registry.get(pole.uuid).code == pole.code
    assert registry.get(pole.fid, "poles").code == pole.code
    assert (pole.x, pole.y) == (X, Y)
    assert registry.mounts(pole.code)[0]["device_type"] == "street_light"
    assert registry.counts()["poles"] == 1
    with pytest.raises(AssetNotFound):
        registry.get("2103230118999999")


def test_codes_are_allocated_per_class_and_never_reused(registry):
    a = registry.add("manholes", {"subtype": "0101"}, X, Y)
    b = registry.add("manholes", {"subtype": "0101"}, X + 5, Y)
    c = registry.add("manholes", {"subtype": "0105"}, X + 10, Y)
    assert [a.code, b.code, c.code] == ["2103230101000001", "2103230101000002", "2103230105000001"]
    registry.delete(b.code)
    d = registry.add("manholes", {"subtype": "0101"}, X, Y)
    assert d.code == "2103230101000003"
    given = registry.add("manholes", {"subtype": "0101", "code": "2103230101000500"}, X, Y)
    assert given.code == "2103230101000500"
    assert registry.add("manholes", {"subtype": "0101"}, X, Y).code == "2103230101000501"
    with pytest.raises(DuplicateCode):
        registry.add("manholes", {"subtype": "0101", "code": "2103230101000500"}, X, Y)
    assert registry.counts()["manholes"] == 5


def test_seventeen_digit_scheme(tmp_path):
    with Registry.create(tmp_path / "r17.gpkg", code_scheme="gbt47678") as reg:
        code = reg.add("poles", {"subtype": "0118"}, X, Y).code
    assert len(code) == 17 and code.startswith("21032301018")


def test_update_validates_and_records_history(registry):
    pole = registry.add("poles", {"subtype": "0118", "height_m": 10}, X, Y)
    registry.update(pole.code, {"height_m": 12, "road": "山城路"}, note="复测")
    with pytest.raises(ValidationError):
        registry.update(pole.code, {"height_m": 400})
    assert registry.get(pole.code).values["height_m"] == 12
    history = registry.history(pole.code)
    assert [h["action"] for h in history] == ["add", "update"]
    assert history[1]["before"]["height_m"] == 10 and history[1]["after"]["height_m"] == 12
    assert history[1]["who"] == "测试员" and history[1]["note"] == "复测"


def test_an_edit_reports_every_problem_at_once(registry):
    """A bad value and a broken rule across fields are both listed, so the form shows both."""
    pole = registry.add("poles", {"subtype": "0118", "height_m": 10}, X, Y)
    with pytest.raises(ValidationError) as caught:
        registry.update(pole.code, {"height_m": 400, "structure": "integrated"})
    assert {p.field for p in caught.value.problems} == {"height_m", "structure"}
    assert registry.get(pole.code).values["height_m"] == 10


def test_move_retire_delete(registry):
    box = registry.add("boxes", {"subtype": "0116"}, X, Y)
    moved = registry.move(box.code, X + 3, Y - 4)
    assert (moved.x, moved.y) == (X + 3, Y - 4)
    assert registry.fids("boxes", bbox=(X + 2, Y - 5, X + 4, Y - 3)).tolist() == [box.fid]
    retired = registry.retire(box.code, note="合箱")
    assert retired.values["status"] == "removed"
    assert registry.counts()["boxes"] == 1  # retired assets stay
    registry.delete(box.code)
    assert registry.counts()["boxes"] == 0
    assert registry.fids("boxes", bbox=(X - 10, Y - 10, X + 10, Y + 10)).size == 0


def test_undo_and_redo_in_the_core(registry):
    pole = registry.add("poles", {"subtype": "0118", "height_m": 10}, X, Y)
    registry.update(pole.code, {"height_m": 11})
    registry.move(pole.code, X + 1, Y)
    registry.undo()
    assert registry.get(pole.code).x == X
    registry.undo()
    assert registry.get(pole.code).values["height_m"] == 10
    registry.redo()
    assert registry.get(pole.code).values["height_m"] == 11
    registry.undo()
    registry.undo()  # the add
    assert registry.counts()["poles"] == 0
    registry.redo()
    restored = registry.get(pole.code)
    assert restored.uuid == pole.uuid and restored.fid == pole.fid
    actions = [h["action"] for h in registry.history(pole.code)]
    assert actions[-2:] == ["undo:delete", "redo:add"]


def test_undo_of_delete_restores_mounts(registry):
    pole = registry.add("poles", {"subtype": "0210"}, X, Y, mounts=[
        {"device_type": "vehicle_signal", "owner_code": "GAJ", "band": "upper"},
        {"device_type": "camera", "owner_code": "GAJ", "band": "top"}])
    registry.delete(pole.code)
    assert registry.conn.execute("SELECT count(*) FROM mounts").fetchone()[0] == 0
    registry.undo()
    assert sorted(m["device_type"] for m in registry.mounts(pole.code)) == ["camera", "vehicle_signal"]


def test_multi_edit_is_one_undo_step(registry):
    codes = [registry.add("trees", {"subtype": "0402"}, X + i * 6, Y).code for i in range(5)]
    assert registry.set_field(codes, "species", "国槐") == 5
    assert {registry.get(c).values["species"] for c in codes} == {"国槐"}
    registry.undo()
    assert {registry.get(c).values["species"] for c in codes} == {None}


def test_stale_edit_is_refused(registry, tmp_path):
    pole = registry.add("poles", {"subtype": "0118", "height_m": 10}, X, Y)
    command = registry.edit_command(pole.code, {"height_m": 12})
    with Registry.open(tmp_path / "empty.gpkg") as other:
        other.update(pole.code, {"height_m": 9})
    with pytest.raises(StaleEdit) as err:
        registry.execute(command)
    assert "重新" in str(err.value) or "reload" in str(err.value)
    assert registry.get(pole.code).values["height_m"] == 9


def test_bbox_query_is_exact_at_the_edges(registry):
    # R-tree holds float32; the query must still find points exactly on the box edge
    pts = [(X + 0.01, Y), (X + 100.0, Y + 100.0), (X + 50.123456, Y + 50.654321)]
    for x, y in pts:
        registry.add("manholes", {"subtype": "0103"}, x, y)
    found = registry.query("manholes", bbox=(X + 0.01, Y, X + 50.123456, Y + 50.654321))
    assert len(found) == 2
    assert registry.count("manholes", bbox=(X + 0.02, Y, X + 200, Y + 200)) == 2


def test_attribute_filters_are_structured(small_demo):
    power = small_demo.count("manholes", where=[Condition("owner_code", "=", "GDGS")])
    assert power > 0
    rows = small_demo.query("manholes", where=[Condition("owner_code", "=", "GDGS")], order_by="code", limit=5)
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    assert all(r.values["owner_code"] == "GDGS" for r in rows)
    unknown = small_demo.count("manholes", where=[Condition("owner_code", "is null")])
    assert unknown > 0
    road = small_demo.count("poles", where=[{"field": "road", "op": "contains", "value": "迎宾"}])
    assert road > 0
    with pytest.raises(FilterError):
        small_demo.count("poles", where=[Condition("height_m; DROP TABLE poles", "=", 1)])
    assert small_demo.count("poles", where=[Condition("owner_code", "=", "x' OR 1=1 --")]) == 0


def test_open_errors_are_clear(tmp_path):
    with pytest.raises(RegistryNotFound):
        Registry.open(tmp_path / "missing.gpkg")
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotARegistry) as err:
        Registry.open(junk)
    assert "不是" in str(err.value)
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t (a)")
    with pytest.raises(NotARegistry):
        Registry.open(plain)
    Registry.create(tmp_path / "r.gpkg").close()
    with pytest.raises(RegistryExists):
        Registry.create(tmp_path / "r.gpkg")


def test_other_geopackages_are_not_registries(shared_data):
    with pytest.raises(NotARegistry):
        Registry.open(shared_data / "gpkg_conformance" / "ets-gpkg12" / "simple_sewer_features.gpkg", readonly=True)


def test_read_only_registry_refuses_writes_clearly(tmp_path):
    path = tmp_path / "ro.gpkg"
    Registry.create(path).close()
    os.chmod(path, stat.S_IRUSR)
    try:
        with Registry.open(path) as reg:
            if os.geteuid() == 0:  # root writes anyway; force the read-only mode
                reg.readonly = True
            assert reg.counts()["poles"] == 0
            with pytest.raises(RegistryReadOnly):
                reg.add("poles", {"subtype": "0118"}, X, Y)
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.gpkg"
    Registry.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE xiucity_meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        Registry.open(path)


def test_reference_layers_and_area(small_demo):
    roads = small_demo.reference("roads")
    assert "迎宾路" in {a["name"] for _, a in roads}
    assert "山城路" in {a["name"] for _, a in roads}
    subs = {a["name"] for _, a in small_demo.reference("subdistricts")}
    assert subs <= {"阜昌街道", "兴隆街道", "雅河街道"} and len(subs) >= 2
    area = small_demo.area()
    x0, y0, x1, y1 = small_demo.extent()
    assert area.contains(area.centroid) and area.bounds[0] <= x0 + 50
    small_demo.set_area(area.buffer(-100))
    assert small_demo.area().area < area.area


def test_settings_persist(tmp_path):
    path = tmp_path / "s.gpkg"
    with Registry.create(path, crs=4529, region="210300") as reg:
        reg.set_meta("surveyor_note", "岫岩")
        rid = reg.registry_id
    with Registry.open(path) as reg:
        assert reg.crs == 4529 and reg.region == "210300" and reg.registry_id == rid
        assert reg.meta("surveyor_note") == "岫岩"


def test_ordered_fids_follow_the_requested_order(small_demo):
    fids = small_demo.fids("trees", order_by="species", descending=True)
    species = [small_demo.get(int(f), "trees").values["species"] or "" for f in fids[:: max(1, len(fids) // 50)]]
    assert species == sorted(species, reverse=True)
    plain = [r[0] for r in small_demo.conn.execute("SELECT fid FROM trees ORDER BY code DESC, fid DESC")]
    assert small_demo.fids("trees", order_by="code", descending=True).tolist() == plain


def test_point_cache_follows_every_change(small_demo):
    first = small_demo.map_points("poles")
    again = small_demo.map_points("poles")  # from the cache now
    assert np.array_equal(first["fid"], again["fid"]) and np.array_equal(first["x"], again["x"])
    pole = small_demo.get(int(first["fid"][0]), "poles")
    small_demo.move(pole.code, pole.x + 7, pole.y)
    moved = small_demo.map_points("poles")
    assert moved["x"][list(moved["fid"]).index(pole.fid)] == pole.x + 7
    small_demo.delete(pole.code)
    assert pole.fid not in small_demo.map_points("poles")["fid"]
    # another program (here plain SQL, as GDAL would, touching last_change) invalidates it too
    other = int(small_demo.map_points("poles")["fid"][0])
    small_demo.conn.execute("UPDATE poles SET geom = ? WHERE fid = ?", (encode_point(1.0, 2.0, 4550), other))
    small_demo.conn.execute("UPDATE gpkg_contents SET last_change = '2030-01-01T00:00:00.000Z' "
                            "WHERE table_name = 'poles'")
    after = small_demo.map_points("poles")
    assert after["x"][list(after["fid"]).index(other)] == 1.0


def test_a_bulk_load_leaves_a_current_point_cache(small_demo_master):
    from assets import point_cache
    with Registry.open(small_demo_master, readonly=True) as reg:
        cached = point_cache.load(reg.conn, "trees")
        assert cached is not None
        fresh = reg.points("trees")
        assert np.array_equal(cached[0], fresh["fid"]) and np.allclose(cached[1], fresh["x"])
