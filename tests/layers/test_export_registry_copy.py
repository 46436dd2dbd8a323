"""A registry export to GeoPackage copies the values inside SQLite (layers/export/gpkg_copy.py)
and a UTF-8 shapefile's .dbf is built there (layers/export/dbf_copy.py); what they write must be
exactly what the Python path writes, and values the registry holds in an unusual form must
still be converted (or refused by row) as before."""
import sqlite3

import pytest

from assets.errors import Cancelled
from assets.progress import RecordingProgress
from layers.export import export_layers
from layers.export.errors import BadExportTable, NotEncodable
from layers.registry_export import build_layers, export_registry, kind_layer, plan, resolve_profile

KINDS = ["manholes", "poles", "boxes", "billboards", "toilets", "trees"]


def _tables(path, names):
    con = sqlite3.connect(path)
    out = {}
    for name in names:
        out[name] = con.execute(f'SELECT * FROM "{name}" ORDER BY fid').fetchall()
        out[name + ".types"] = con.execute(f'PRAGMA table_info("{name}")').fetchall()
    out["titles"] = con.execute("SELECT * FROM gpkg_data_columns ORDER BY table_name, column_name").fetchall()
    out["styles"] = con.execute("SELECT f_table_name, styleQML FROM layer_styles ORDER BY id").fetchall()
    out["rtree"] = [con.execute(f'SELECT * FROM "rtree_{n}_geom" ORDER BY id').fetchall() for n in names]
    return out


def _write_around_the_registry(reg, sql):
    """Change stored values without the registry's checks (on its own connection, which has
    the ST_* functions the R-tree triggers call)."""
    reg.conn.execute("BEGIN")
    reg.conn.execute(sql)
    reg.conn.execute("COMMIT")


def _python_path(reg, tmp_path, layers_plan, values, **kw):
    built = build_layers(reg, layers_plan, values=values, **kw)   # values read into Python
    assert all(layer.source is None for layer in built)
    return export_layers(built, "gpkg", tmp_path / "python.gpkg").paths[0]


@pytest.mark.parametrize("values", ["both", "labels", "codes"])
def test_copy_in_sql_writes_what_the_python_path_writes(small_demo, tmp_path, values):
    copied = export_registry(small_demo, kinds=KINDS, values=values, out_path=tmp_path / "copied.gpkg").paths[0]
    python = _python_path(small_demo, tmp_path, [kind_layer(k) for k in KINDS], values)
    assert _tables(copied, KINDS) == _tables(python, KINDS)
    assert sum(len(_tables(copied, KINDS)[k]) for k in KINDS) > 50


@pytest.mark.parametrize("values", ["both", "codes"])
def test_dbf_built_in_sql_is_byte_for_byte_the_python_one(small_demo, tmp_path, values):
    export_registry(small_demo, kinds=KINDS, values=values, fmt="shp", out_path=tmp_path / "sql" / "x.shp")
    built = build_layers(small_demo, [kind_layer(k) for k in KINDS], values=values)
    export_layers(built, "shp", tmp_path / "python" / "x.shp")
    for k in KINDS:
        sql, python = tmp_path / "sql" / "x", tmp_path / "python" / "x"
        assert (sql / f"{k}.dbf").read_bytes() == (python / f"{k}.dbf").read_bytes()
        assert (sql / f"{k}.shp").read_bytes() == (python / f"{k}.shp").read_bytes()
        assert (sql / f"{k}.dbf").stat().st_size > 1000


def test_gbk_shapefile_from_the_registry(small_demo, tmp_path):
    # SQLite cannot pad GBK text: the Python path writes it, in GBK
    result = export_registry(small_demo, kinds=["manholes"], fmt="shp", encoding="GBK", out_path=tmp_path / "m.shp")
    dbf = (tmp_path / "m.dbf").read_bytes()
    owner = small_demo.organisations()[0]["name"]
    assert owner.encode("gbk") in dbf and owner.encode("utf-8") not in dbf and result.total > 10


def test_the_copy_reads_no_value_into_python(small_demo, tmp_path):
    built = build_layers(small_demo, [kind_layer(k) for k in KINDS], lazy=True)
    export_layers(built, "gpkg", tmp_path / "lazy.gpkg")
    export_layers(built, "shp", tmp_path / "lazy.shp")
    export_layers(built, "csv", tmp_path / "lazy.csv")
    export_layers(built, "geojson", tmp_path / "lazy.geojson")
    assert all(layer.source is not None and layer.values._values is None for layer in built)
    # any other writer still gets every value
    export_layers(built, "kml", tmp_path / "lazy.kml")
    assert all(layer.values._values is not None for layer in built)


def test_profile_with_mount_filter_and_where_copy_the_same_records(small_demo, tmp_path):
    prof = resolve_profile("power_supply")
    where = ["status!=removed"]
    copied = export_registry(small_demo, profile=prof, where=where, fmt="gpkg", out_path=tmp_path / "c.gpkg").paths[0]
    names = [layer.name for layer in prof.layers]
    python = _python_path(small_demo, tmp_path, plan(prof), "both", where=where)
    assert _tables(copied, names) == _tables(python, names)


def test_values_in_an_unusual_form_are_converted_as_before(small_demo, tmp_path):
    # as an older import or another tool might have left them
    _write_around_the_registry(small_demo, "UPDATE manholes SET init_date = '2026/03/01', anti_fall_net = 'yes' "
                                           "WHERE fid = 1")
    path = export_registry(small_demo, kinds=["manholes"], out_path=tmp_path / "m.gpkg").paths[0]
    row = sqlite3.connect(path).execute("SELECT init_date, anti_fall_net FROM manholes WHERE fid = 1").fetchone()
    assert row == ("2026-03-01", 1)


def test_a_value_that_cannot_be_read_names_its_row(small_demo, tmp_path):
    _write_around_the_registry(small_demo, "UPDATE manholes SET init_date = 'soon' WHERE fid = 3")
    with pytest.raises(BadExportTable) as err:
        export_registry(small_demo, kinds=["manholes"], out_path=tmp_path / "m.gpkg")
    assert "row 3" in err.value.message("en")
    assert not (tmp_path / "m.gpkg").exists()


@pytest.mark.parametrize("fmt", ["gpkg", "shp", "csv"])
def test_cancel_between_copied_chunks(small_demo, tmp_path, fmt):
    with pytest.raises(Cancelled):
        export_registry(small_demo, kinds=KINDS, out_path=tmp_path / "out" / f"all.{fmt}",
                        progress=RecordingProgress(cancel_after=1))
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("values", ["both", "labels"])
def test_csv_composed_in_sql_is_byte_for_byte_the_python_one(small_demo, tmp_path, values):
    _write_around_the_registry(small_demo, "UPDATE manholes SET remarks = '井盖,\"破\"' || char(13, 10) || '损', "
                                           "name = ' 空格 ' WHERE fid = 2")
    export_registry(small_demo, kinds=KINDS, values=values, fmt="csv", crs=4490, out_path=tmp_path / "sql" / "x.csv")
    built = build_layers(small_demo, [kind_layer(k) for k in KINDS], values=values)
    export_layers(built, "csv", tmp_path / "python" / "x.csv", crs=4490)
    for k in KINDS:
        sql = (tmp_path / "sql" / "x" / f"{k}.csv").read_bytes()
        assert sql == (tmp_path / "python" / "x" / f"{k}.csv").read_bytes() and len(sql) > 500
    assert '"井盖,""破""\r\n损"'.encode() in (tmp_path / "sql" / "x" / "manholes.csv").read_bytes()


def test_csv_in_gbk_from_the_registry_and_text_gbk_cannot_hold(small_demo, tmp_path):
    path = export_registry(small_demo, kinds=["manholes"], fmt="csv", encoding="GBK",
                           out_path=tmp_path / "m.csv").paths[0]
    text = path.read_bytes().decode("gbk")
    assert text.startswith("标识码") and small_demo.organisations()[0]["name"] in text
    _write_around_the_registry(small_demo, "UPDATE manholes SET remarks = '井盖 🚧' WHERE fid = 2")
    with pytest.raises(NotEncodable):
        export_registry(small_demo, kinds=["manholes"], fmt="csv", encoding="GBK", out_path=tmp_path / "n.csv")
    assert not (tmp_path / "n.csv").exists()


@pytest.mark.parametrize("fmt", ["shp", "csv"])
def test_unusual_values_in_shapefile_and_csv_are_converted_as_before(small_demo, tmp_path, fmt):
    _write_around_the_registry(small_demo, "UPDATE manholes SET init_date = '2026/03/01', anti_fall_net = 'yes' "
                                           "WHERE fid = 1")
    export_registry(small_demo, kinds=["manholes"], fmt=fmt, out_path=tmp_path / "sql" / f"m.{fmt}")
    built = build_layers(small_demo, [kind_layer("manholes")])
    export_layers(built, fmt, tmp_path / "python" / f"m.{fmt}")
    ext = "dbf" if fmt == "shp" else "csv"
    sql = (tmp_path / "sql" / f"m.{ext}").read_bytes()
    assert sql == (tmp_path / "python" / f"m.{ext}").read_bytes()
    assert (b"20260301" if fmt == "shp" else "2026-03-01,".encode()) in sql


@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_records_without_position_copy_as_null_geometry(small_demo, tmp_path, fmt):
    _write_around_the_registry(small_demo, "UPDATE manholes SET geom = NULL WHERE fid IN (2, 5)")
    sql = export_registry(small_demo, kinds=["manholes"], fmt=fmt, out_path=tmp_path / "sql" / f"m.{fmt}").paths[0]
    python = export_layers(build_layers(small_demo, [kind_layer("manholes")]), fmt,
                           tmp_path / "python" / f"m.{fmt}").paths[0]
    if fmt == "gpkg":
        assert _tables(sql, ["manholes"]) == _tables(python, ["manholes"])
        geoms = [g for (g,) in sqlite3.connect(sql).execute("SELECT geom FROM manholes ORDER BY fid")]
        assert geoms[1] is None and geoms[4] is None and geoms[0][:2] == b"GP"
    else:
        for ext in ("shp", "shx", "dbf"):
            assert sql.with_suffix("." + ext).read_bytes() == python.with_suffix("." + ext).read_bytes()


@pytest.mark.parametrize("values", ["both", "codes"])
def test_geojson_properties_composed_in_sql_read_as_the_python_ones(small_demo, tmp_path, values):
    import json
    _write_around_the_registry(small_demo, "UPDATE manholes SET remarks = '井盖,\"破\"' || char(10) || '\\损', "
                                           "height_diff_mm = 0.1 + 0.2 WHERE fid = 2")
    export_registry(small_demo, kinds=KINDS, values=values, fmt="geojson", out_path=tmp_path / "sql" / "x.geojson")
    built = build_layers(small_demo, [kind_layer(k) for k in KINDS], values=values)
    export_layers(built, "geojson", tmp_path / "python" / "x.geojson")
    for k in KINDS:
        sql = json.loads((tmp_path / "sql" / "x" / f"{k}.geojson").read_text(encoding="utf-8"))
        python = json.loads((tmp_path / "python" / "x" / f"{k}.geojson").read_text(encoding="utf-8"))
        # equal, and of the same JSON types (12.0 stays a real, true stays a boolean)
        assert json.dumps(sql, ensure_ascii=False) == json.dumps(python, ensure_ascii=False)
        assert len(sql["features"]) > 2
    manhole = json.loads((tmp_path / "sql" / "x" / "manholes.geojson").read_text(encoding="utf-8"))["features"][1]
    assert manhole["properties"]["remarks"] == '井盖,"破"\n\\损' and manhole["properties"]["height_diff_mm"] == 0.1 + 0.2


def test_geojson_copy_reads_no_value_into_python(small_demo, tmp_path):
    built = build_layers(small_demo, [kind_layer("trees")], lazy=True)
    export_layers(built, "geojson", tmp_path / "lazy.geojson")
    assert all(layer.source is not None and layer.values._values is None for layer in built)
