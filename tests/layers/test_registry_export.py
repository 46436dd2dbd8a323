"""Export from the registry to files other departments open: every built-in profile from
the demo town, read back by a second reader (fiona, openpyxl, ezdxf, the KMZ's XML,
ogrinfo), checked against what the registry itself says."""
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import ezdxf
import fiona
import numpy as np
import openpyxl
import pytest

from assets.errors import Cancelled
from assets.filters import FilterError
from assets.progress import RecordingProgress
from layers.crs import gcj02_to_wgs84, transform
from layers.export.errors import ProfileNotFound, UnknownFormat
from layers.export.profiles import get_profile, load_profiles
from layers.registry_export import (BadFilterValue, FormatNeeded, NothingChosen, NothingMatched, ProfileOrKinds,
                                    UnknownFilterField, UnknownKind, export_registry, preview)

KML = "{http://www.opengis.net/kml/2.2}"


# -- the oracle: what the registry says, asset by asset ---------------------------------------
def expected(reg, profile_layer) -> dict[str, tuple[float, float]]:
    """code → (x, y) of every asset the profile layer should hold, judged one asset at a
    time with its own mounts (the slow, obvious way)."""
    out = {}
    for asset in reg.query(profile_layer.kind):
        on_mounts = any(c.on_mounts for c in profile_layer.filter)
        mounts = reg.mounts(asset.uuid) if on_mounts else []
        if profile_layer.matches(asset.values, mounts):
            out[asset.code] = (asset.x, asset.y)
    return out


def assert_near(found: dict, want: dict, tolerance: float) -> None:
    assert set(found) == set(want)
    codes = sorted(want)
    a = np.array([found[c] for c in codes], dtype=float)
    b = np.array([want[c] for c in codes], dtype=float)
    assert np.abs(a - b).max() <= tolerance


def to_registry_xy(reg, xs, ys, crs):
    if crs == "gcj02":
        lon, lat = gcj02_to_wgs84(np.asarray(xs), np.asarray(ys))
        return transform(lon, lat, 4326, reg.crs)
    return transform(np.asarray(xs), np.asarray(ys), crs, reg.crs)


# -- readers per format -----------------------------------------------------------------------
def read_fiona(path, layer=None):
    with fiona.open(path, layer=layer) as src:
        schema = dict(src.schema["properties"])
        feats = list(src)
    props = [dict(f.properties) for f in feats]
    xy = [tuple(f.geometry.coordinates[:2]) for f in feats]
    return props, xy, schema


def read_kmz(path) -> dict[str, list[tuple[dict, tuple]]]:
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("doc.kml"))
    out = {}
    for folder in root.iter(f"{KML}Folder"):
        items = []
        for mark in folder.iter(f"{KML}Placemark"):
            data = {d.get("name"): d.findtext(f"{KML}value") for d in mark.iter(f"{KML}Data")}
            lon, lat = map(float, mark.findtext(f".//{KML}coordinates").split(",")[:2])
            items.append((data, (lon, lat)))
        out[folder.findtext(f"{KML}name")] = items
    return out


def check_profile_file(reg, profile, result):
    """Each layer of the file holds exactly the assets the registry says, in place."""
    crs = profile.crs if profile.crs == "gcj02" else int(str(profile.crs).split(":")[1])
    tolerance = 0.5 if crs == "gcj02" else 0.01
    fmt = profile.format
    kmz = read_kmz(result.paths[0]) if fmt == "kmz" else None
    book = openpyxl.load_workbook(result.paths[0]) if fmt == "xlsx" else None
    doc = ezdxf.readfile(result.paths[0]) if fmt == "dxf" else None
    for layer in profile.layers:
        want = expected(reg, layer)
        assert result.counts[layer.name] == len(want)
        if fmt in ("gpkg", "shp"):
            path = result.paths[0] if fmt == "gpkg" else next(p for p in result.paths if p.name == f"{layer.name}.shp")
            props, xy, schema = read_fiona(path, layer.name if fmt == "gpkg" else None)
            assert schema["code"].startswith("str")
            codes = [p["code"] for p in props]
        elif fmt == "kmz":
            items = kmz[layer.title]
            codes = [d["code"] for d, _ in items]
            xy = [p for _, p in items]
        elif fmt == "xlsx":
            sheet = book[layer.title]
            header = [c.value for c in sheet[1]]
            rows = list(sheet.iter_rows(min_row=2, values_only=True))
            codes = [r[header.index("标识码")] for r in rows]
            xy = [(r[-2], r[-1]) for r in rows]
            assert all(isinstance(c, str) for c in codes)
        else:   # dxf: one CAD layer per owner
            inserts = doc.modelspace().query("INSERT")
            codes = [i.get_attrib_text("CODE") for i in inserts]
            xy = [(i.dxf.insert.x, i.dxf.insert.y) for i in inserts]
        assert all(len(c) == 16 and c.isdigit() for c in codes)
        x, y = to_registry_xy(reg, [p[0] for p in xy], [p[1] for p in xy], crs)
        assert_near(dict(zip(codes, zip(x, y))), want, tolerance)


@pytest.mark.parametrize("name", sorted(load_profiles()))
def test_every_builtin_profile_exports_the_right_assets(small_demo, tmp_path, name):
    profile = get_profile(name)
    result = export_registry(small_demo, profile=name, out_path=tmp_path / "out/")
    assert result.format == profile.format and result.total > 0
    check_profile_file(small_demo, profile, result)
    meta = json.loads(result.sidecar.read_text(encoding="utf-8"))
    assert meta["profile"]["name"] == name and meta["extra"]["exported_at"]
    assert meta["registry"]["id"] == small_demo.registry_id


def test_power_supply_profile_is_only_the_power_companys(small_demo, tmp_path):
    result = export_registry(small_demo, profile="power_supply", out_path=tmp_path / "gd")
    assert result.encoding == "GBK" and result.crs == "EPSG:4550"
    shp = {p.stem: p for p in result.paths if p.suffix == ".shp"}
    props, _, _ = read_fiona(shp["manholes"])
    assert len(props) == small_demo.count("manholes", where=[{"field": "subtype", "value": "0105"}]) > 0
    assert {p["owner"] for p in props} <= {"GDGS", None}
    assert "县供电公司" in {p["owner_name"] for p in props}      # GBK text intact
    assert "迎宾路" in {p["road"] for p in props}
    assert {p["status_nam"] for p in props} <= {"完好", "破损", "丢失", "占用", "废弃", "移除"}
    boxes, _, _ = read_fiona(shp["boxes"])
    assert {b["subtype"] for b in boxes} <= {"0116", "0134"} and boxes
    poles, _, _ = read_fiona(shp["poles"])
    with_power = {a.code for a in small_demo.query("poles")
                  if any(m["owner_code"] == "GDGS" for m in small_demo.mounts(a.uuid))}
    assert {p["code"] for p in poles} == with_power and with_power
    # a telecom cover is not in the power company's file
    telecom = small_demo.query("manholes", where=[{"field": "subtype", "value": "0107"}], limit=1)[0]
    assert telecom.code not in {p["code"] for p in props}


def test_where_owner_code_and_labels(small_demo, tmp_path):
    result = export_registry(small_demo, kinds=["manholes", "poles"], where=["owner_code=GDGS"],
                             out_path=tmp_path / "gdgs.gpkg")
    for kind_name in ("manholes", "poles"):
        props, _, schema = read_fiona(result.paths[0], kind_name)
        assert len(props) == small_demo.count(kind_name, where=[{"field": "owner_code", "value": "GDGS"}])
        assert {p["owner_code"] for p in props} == {"GDGS"} and {p["owner_name"] for p in props} == {"县供电公司"}
        assert schema["init_date"] == "date" and schema["code"].startswith("str")
    # labels people type work as well as codes
    same = export_registry(small_demo, kinds=["manholes"], where=["owner_code=县供电公司", "subtype=电力井盖"],
                           fmt="csv", out_path=tmp_path / "gd.csv")
    assert same.counts["manholes"] == small_demo.count(
        "manholes", where=[{"field": "owner_code", "value": "GDGS"}, {"field": "subtype", "value": "0105"}])


def test_values_labels_only(small_demo, tmp_path):
    result = export_registry(small_demo, kinds=["poles"], values="labels", out_path=tmp_path / "p.gpkg")
    props, _, schema = read_fiona(result.paths[0], "poles")
    assert "status_name" not in schema
    assert {p["status"] for p in props} <= {"完好", "破损", "丢失", "占用", "废弃", "移除"}
    assert "路灯杆" in {p["subtype"] for p in props}


def test_selection_export(small_demo, tmp_path):
    poles = small_demo.query("poles", limit=3)
    covers = small_demo.query("manholes", where=[{"field": "subtype", "value": "0105"}], limit=1)
    covers += small_demo.query("manholes", where=[{"field": "subtype", "value": "0107"}], limit=1)
    selection = {"poles": [a.fid for a in poles], "manholes": [a.fid for a in covers]}
    result = export_registry(small_demo, selection=selection, out_path=tmp_path / "sel.gpkg")
    assert result.counts == {"manholes": 2, "poles": 3}
    props, xy, _ = read_fiona(result.paths[0], "poles")
    assert_near({p["code"]: c for p, c in zip(props, xy)}, {a.code: (a.x, a.y) for a in poles}, 0.01)
    # with a profile, the selection is narrowed by the profile's filter; empty layers are left out
    power = export_registry(small_demo, profile="power_supply", selection=selection, fmt="gpkg",
                            out_path=tmp_path / "sel_power.gpkg")
    powered = sum(any(m["owner_code"] == "GDGS" for m in small_demo.mounts(a.uuid)) for a in poles)
    assert power.counts == {"manholes": 1, **({"poles": powered} if powered else {})}
    assert "boxes" not in fiona.listlayers(power.paths[0])


def test_nothing_matched_writes_nothing(small_demo, tmp_path):
    with pytest.raises(NothingMatched) as err:
        export_registry(small_demo, kinds=["manholes"], where=["road=没有这条路"],
                        out_path=tmp_path / "out/x.gpkg")
    assert "没有这条路" in err.value.message("en") and "检查井" in err.value.message("en")
    with pytest.raises(NothingMatched):
        export_registry(small_demo, selection={"poles": []}, out_path=tmp_path / "out/x.gpkg")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(kinds=["lamps"]), UnknownKind, "lamps"),
    (dict(kinds=["manholes"], where=["colour=red"]), UnknownFilterField, "colour"),
    (dict(kinds=["manholes"], where=["owner_code=NOPE"]), BadFilterValue, "NOPE"),
    (dict(kinds=["manholes"], where=["height_diff_mm>=deep"]), BadFilterValue, "deep"),
    (dict(kinds=["manholes"], where=["owner_code"]), FilterError, "owner_code"),
    (dict(profile="no_such"), ProfileNotFound, "no_such"),
    (dict(profile="telecom", kinds=["poles"]), ProfileOrKinds, "not both"),
    (dict(), NothingChosen, "choose"),
    (dict(kinds=["poles"], fmt="mif"), UnknownFormat, "mif"),
])
def test_bad_requests_are_clear_errors(small_demo, tmp_path, kwargs, error, words):
    with pytest.raises(error) as err:
        export_registry(small_demo, out_path=tmp_path / "out" / "x.gpkg", **kwargs)
    assert words in err.value.message("en")
    assert not (tmp_path / "out").exists()


def test_format_from_file_name_or_asked_for(small_demo, tmp_path):
    assert export_registry(small_demo, kinds=["toilets"], out_path=tmp_path / "t.geojson").format == "geojson"
    with pytest.raises(FormatNeeded):
        export_registry(small_demo, kinds=["toilets"], out_path=tmp_path / "t.dat")


def test_cancel_leaves_no_file(small_demo, tmp_path):
    with pytest.raises(Cancelled):
        export_registry(small_demo, profile="full_registry", out_path=tmp_path / "all.gpkg",
                        progress=RecordingProgress(cancel_after=0))
    assert not (tmp_path / "all.gpkg").exists()


def test_preview_counts_match_the_export(small_demo, tmp_path):
    shown = preview(small_demo, profile="telecom")
    result = export_registry(small_demo, profile="telecom", out_path=tmp_path / "t.kmz")
    assert {p.name: p.count for p in shown} == result.counts
    assert any(f.title == "权属单位" for f in shown[0].fields)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo (gdal-bin) not installed")
def test_ogrinfo_reads_the_geopackage(small_demo, tmp_path):
    result = export_registry(small_demo, profile="traffic_police", out_path=tmp_path / "tp.gpkg")
    text = subprocess.run(["ogrinfo", "-so", "-al", str(result.paths[0])], capture_output=True, text=True,
                          check=True).stdout
    assert f"Feature Count: {result.counts['traffic_poles']}" in text
    assert "code: String" in text and "init_date: Date" in text
