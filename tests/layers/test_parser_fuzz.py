"""Hypothesis fuzzing of the parsers that read what others deliver: the CSV/XLSX ledger
reader and coordinate-column detection, the encoding detector, the KML parser, the
mounts column (``type@owner;...``), the safe archive reader and the package receipt.
Whatever the bytes or text, each returns a result or raises a XiuCityError; nothing else.

The CI profile keeps the examples few and derandomised; ``XIUCITY_FUZZ=long`` runs the
long profile (thousands of random examples per parser) before a release."""
from __future__ import annotations

import codecs
import csv
import io
import math
import os
import shutil
import tempfile
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assets.errors import XiuCityError

settings.register_profile("xiucity-fuzz-ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("xiucity-fuzz-long", parent=settings.get_profile("xiucity-fuzz-ci"),
                          max_examples=3000, derandomize=False)
FUZZ = settings.get_profile("xiucity-fuzz-long" if os.environ.get("XIUCITY_FUZZ") == "long" else "xiucity-fuzz-ci")
# for the fuzzers that write and read a whole workbook per example (~0.15 s each)
FUZZ_SLOW = settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 2))


@contextmanager
def a_file(name: str, data: bytes):
    with tempfile.TemporaryDirectory(prefix="xiucity-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def result_or_clear_error(call):
    """The call's result, or None after a XiuCityError with a message; anything else raises."""
    try:
        return call()
    except XiuCityError as error:
        assert str(error).strip() and error.message("en").strip()
        return None


# text that looks like what ledgers hold: coordinates, Chinese names, separators, junk
_cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["X", "Y", "X坐标", "Y坐标", "经度", "纬度", "lng", "lat", "WKT", "geometry", "东坐标", "北坐标",
                     "nan", "inf", "-inf", "1e309", "123°17′30″E", "40度17分", "POINT (1 2)", "POINT EMPTY",
                     "LINESTRING (0 0, nan 1)", "523000.5", "4460000", "１２３．２８", "1,234,567", "\"", "\ufeff"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
_rows = st.lists(st.lists(_cell_text, max_size=6), max_size=8)
_codec = st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "latin-1", "cp437", "big5"])


def _storable(value):
    """``value`` without the control characters no XLSX file can hold (openpyxl refuses them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _csv_bytes(rows, codec, delimiter) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(codec, errors="replace")


# -- CSV / XLSX ledgers and coordinate columns -----------------------------------------
@FUZZ
@given(st.binary(max_size=2000))
def test_csv_reader_takes_any_bytes(data):
    from layers.sources import read_source
    with a_file("台账.csv", data) as path:
        result_or_clear_error(lambda: read_source(path))


@FUZZ
@given(_rows, _codec, st.sampled_from([",", ";", "\t", "|"]), st.none() | st.sampled_from(["GBK", "UTF-8", "936", "x"]))
def test_csv_ledgers_in_any_encoding(rows, codec, delimiter, encoding):
    from layers.sources import read_source
    with a_file("台账.csv", _csv_bytes(rows, codec, delimiter)) as path:
        table = result_or_clear_error(lambda: read_source(path, encoding=encoding, crs=None))
        if table is not None:
            assert len(table.geometries) == len(table.rows)
            assert all(isinstance(c, str) and "\n" not in c for c in table.columns)


_xlsx_value = st.one_of(st.none(), _cell_text, st.integers(-10**18, 10**18),
                        st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.dates())


@FUZZ
@given(st.lists(st.lists(_xlsx_value, max_size=6), max_size=8))
def test_xlsx_ledgers_with_any_cells(rows):
    import openpyxl
    from layers.sources import read_source
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([_storable(v) for v in row])
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception:  # openpyxl refuses some control characters; such a workbook cannot exist
        assume(False)
    with a_file("台账.xlsx", buffer.getvalue()) as path:
        table = result_or_clear_error(lambda: read_source(path))
        if table is not None:
            assert len(table.geometries) == len(table.rows)


@FUZZ
@given(st.binary(max_size=3000))
def test_xlsx_reader_takes_any_bytes(data):
    from layers.sources import read_source
    with a_file("台账.xlsx", b"PK\x03\x04" + data if data[:1] == b"\0" else data) as path:
        result_or_clear_error(lambda: read_source(path))


@FUZZ
@given(st.lists(_cell_text, max_size=10))
def test_coordinate_column_detection(columns):
    from layers.sources.coordinates import find_coordinate_columns
    x, y, wkt = find_coordinate_columns(columns)
    assert x is None or x in columns
    assert y is None or y in columns
    assert wkt is None or wkt in columns
    assert (x is None) == (y is None)


@FUZZ
@given(st.one_of(_cell_text, st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_coordinate_values(value):
    from layers.sources.coordinates import to_number
    assert isinstance(to_number(value), float)


# -- encodings -------------------------------------------------------------------------
@FUZZ
@given(st.binary(max_size=3000))
def test_encoding_detector_names_a_codec_python_knows(data):
    from layers import encoding as enc
    name = enc.detect_bytes(data)
    codecs.lookup(name)
    codec, how = enc.text_encoding(data)
    codecs.lookup(codec)
    assert how in (enc.BOM, enc.DETECTED)


@FUZZ
@given(st.text(max_size=30))
def test_encoding_names_a_user_or_cpg_may_write(text):
    from layers import encoding as enc
    name = enc.normalise(text)
    assert name is None or codecs.lookup(name)


@FUZZ
@given(st.binary(max_size=40), st.binary(max_size=1500))
def test_shapefile_encoding_from_any_cpg_and_dbf(cpg, dbf):
    from layers import encoding as enc
    with tempfile.TemporaryDirectory() as folder:
        shp = Path(folder) / "井盖.shp"
        (Path(folder) / "井盖.cpg").write_bytes(cpg)
        (Path(folder) / "井盖.dbf").write_bytes(dbf)
        name, how = result_or_clear_error(lambda: enc.shapefile_encoding(shp)) or (None, None)
        assert name is None or isinstance(name, str)
        (Path(folder) / "井盖.cpg").unlink()
        result_or_clear_error(lambda: enc.shapefile_encoding(shp))
        assert isinstance(enc.dbf_text_sample(Path(folder) / "井盖.dbf"), bytes)


# -- KML -------------------------------------------------------------------------------
_coord_text = st.one_of(
    st.tuples(st.floats(), st.floats()).map(lambda p: f"{p[0]!r},{p[1]!r}"),
    st.text(alphabet="0123456789.,-eEnaif ", max_size=30),
)
_geometry = st.recursive(
    st.builds(lambda c: f"<Point><coordinates>{c}</coordinates></Point>", _coord_text)
    | st.builds(lambda cs: f"<LineString><coordinates>{' '.join(cs)}</coordinates></LineString>",
                st.lists(_coord_text, max_size=4))
    | st.builds(lambda cs: "<Polygon><outerBoundaryIs><LinearRing><coordinates>" + " ".join(cs)
                + "</coordinates></LinearRing></outerBoundaryIs></Polygon>", st.lists(_coord_text, max_size=5))
    | st.builds(lambda cs: "<gx:Track>" + "".join(f"<gx:coord>{c}</gx:coord>" for c in cs) + "</gx:Track>",
                st.lists(st.text(alphabet="0123456789. -", max_size=12), max_size=3)),
    lambda inner: st.lists(inner, max_size=3).map(lambda gs: "<MultiGeometry>" + "".join(gs) + "</MultiGeometry>"),
    max_leaves=6,
)
_xml_text = st.text(max_size=15).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))
_placemark = st.builds(
    lambda name, data, geoms: f"<Placemark><name>{name}</name><ExtendedData>"
    + "".join(f'<Data name="{k.replace(chr(34), "")}"><value>{v}</value></Data>' for k, v in data)
    + "</ExtendedData>" + "".join(geoms) + "</Placemark>",
    _xml_text, st.lists(st.tuples(_xml_text, _xml_text), max_size=3), st.lists(_geometry, max_size=2))
_folders = st.recursive(_placemark, lambda inner: st.builds(
    lambda n, items: f"<Folder><name>{n}</name>{''.join(items)}</Folder>", _xml_text, st.lists(inner, max_size=3)),
    max_leaves=8)


def _legal_xml(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))


@FUZZ
@given(st.lists(_folders, max_size=4), st.integers(0, 100))
def test_kml_documents_of_any_shape(items, cut):
    from layers.sources import read_source
    doc = ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2" '
           'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>' + _legal_xml("".join(items)) + "</Document></kml>")
    data = doc.encode("utf-8")
    for sample in (data, data[:len(data) * cut // 100]):
        with a_file("井盖.kml", sample) as path:
            table = result_or_clear_error(lambda: read_source(path))
            if table is not None:
                assert len(table.rows) == len(table.geometries)


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from([".kml", ".kmz"]))
def test_kml_reader_takes_any_bytes(data, suffix):
    from layers.sources import read_source
    with a_file("井盖" + suffix, data) as path:
        result_or_clear_error(lambda: read_source(path))


# -- mounts ----------------------------------------------------------------------------
_mount_text = st.lists(st.one_of(
    st.sampled_from(["路灯", "摄像头", "camera", "street_light", "微基站", "飞碟", "", " "]),
    st.text(max_size=8)), max_size=4).flatmap(
    lambda parts: st.lists(st.sampled_from(["@", "＠", "@@", ""]), min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s + "县供电公司" if s else p for p, s in zip(parts, seps))))


@FUZZ
@given(st.one_of(_mount_text.map(lambda t: t.replace("县供电公司", "县供电公司;")), st.text(max_size=40), st.none()))
def test_mounts_column(text):
    from layers.field_mapping import parse_mounts
    mounts = result_or_clear_error(lambda: parse_mounts(text))
    if mounts is not None:
        assert all(isinstance(device, str) and device for device, _ in mounts)


# -- archives --------------------------------------------------------------------------
@FUZZ
@given(st.binary(max_size=2000))
def test_archive_reader_takes_any_bytes(data):
    from layers.safe_archive import check_archive, extract_to
    with a_file("交付.zip", data) as path, tempfile.TemporaryDirectory() as target:
        result_or_clear_error(lambda: check_archive(path))
        result_or_clear_error(lambda: extract_to(path, target))


_entry_name = st.lists(st.sampled_from(["..", ".", "a", "井盖", "C:", "", "\\..", "..\\b", "/", "x.csv", "%2e%2e"]),
                       min_size=1, max_size=5).map("/".join)


@FUZZ
@given(st.lists(st.tuples(_entry_name, st.binary(max_size=20)), min_size=1, max_size=5), st.booleans())
def test_archive_never_writes_outside_its_folder(entries, flag_utf8):
    from layers.safe_archive import extract_to
    with tempfile.TemporaryDirectory() as root:
        outside = Path(root) / "outside"
        target = outside / "target"
        target.mkdir(parents=True)
        path = Path(root) / "交付.zip"
        with zipfile.ZipFile(path, "w") as zf, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are part of the attack
            for name, data in entries:
                info = zipfile.ZipInfo(name or "empty")
                if flag_utf8:
                    info.flag_bits |= 0x800
                zf.writestr(info, data)
        written = result_or_clear_error(lambda: extract_to(path, target))
        stray = [p for p in outside.rglob("*") if not p.is_relative_to(target)]
        assert not stray, stray
        if written is not None:
            assert all(p.resolve().is_relative_to(target.resolve()) for p in written)


# -- confirmation packages -------------------------------------------------------------
@pytest.fixture(scope="module")
def returned_package(small_demo_master, tmp_path_factory):
    from assets.campaigns import create_campaign
    from assets.registry import Registry
    from layers.confirmation_package import write_package
    from tests.confirmation_clerk import fill
    folder = tmp_path_factory.mktemp("fuzz-package")
    registry = Path(shutil.copy(small_demo_master, folder / "registry.gpkg"))
    with Registry.open(registry) as reg:
        campaign = create_campaign(reg, "模糊测试", ["manholes"], ["GDGS"], "2099-12-31")
        info = write_package(reg, campaign.campaign_id, "GDGS", folder / "GDGS.xlsx", gpkg=False)
    return registry, fill(info.path, folder / "back.xlsx", lambda code: "是")


@contextmanager
def _registry_copy(master: Path):
    from assets.registry import Registry
    with tempfile.TemporaryDirectory() as folder:
        with Registry.open(shutil.copy(master, Path(folder) / "r.gpkg")) as reg:
            yield reg


@FUZZ
@given(st.binary(max_size=2000))
def test_package_receiver_takes_any_bytes(returned_package, data):
    from layers.package_receipt import receive_package
    with _registry_copy(returned_package[0]) as reg, a_file("回执.xlsx", data) as path:
        result_or_clear_error(lambda: receive_package(reg, path))


_any_cell = st.one_of(st.none(), st.text(max_size=20), st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                      st.booleans(), st.sampled_from(["是", "否", "不确定", " 是 ", "YES", "?", "=A1", "#REF!"]))


@FUZZ_SLOW
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 16), _any_cell), max_size=8),
       st.lists(st.tuples(st.sampled_from(["format", "format_version", "package_id", "version", "registry_id",
                                           "campaign_id", "org_code", "n_assets", "signature", "", "x"]), _any_cell),
                max_size=3))
def test_package_receiver_with_any_cells(returned_package, cells, meta):
    """The real returned package with cells of its list (and of its hidden information)
    overwritten by anything a spreadsheet can hold."""
    from openpyxl import load_workbook
    from layers import package_format as fmt
    from layers.package_receipt import receive_package
    registry, package = returned_package
    book = load_workbook(package)
    for row, column, value in cells:
        book[fmt.SHEET].cell(row, column).value = _storable(value)
    for key, value in meta:
        book[fmt.META_SHEET].append([key, _storable(value)])
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception:  # a value openpyxl will not write cannot reach a clerk's file either
        assume(False)
    with _registry_copy(registry) as reg, a_file("回执.xlsx", buffer.getvalue()) as path:
        report = result_or_clear_error(lambda: receive_package(reg, path, accept_valid_rows=True))
        if report is not None:
            assert report.rows >= 0 and all(isinstance(p.message(), str) for p in report.problems)


@FUZZ
@given(st.one_of(_any_cell, st.floats(), st.dates(), st.datetimes()))
def test_package_cells_as_text(value):
    from assets.candidates import decision_of
    from layers import package_format as fmt
    assert isinstance(fmt.canon(value), str)
    assert decision_of(value) in (None, "?", "yes", "no", "unsure")
    if isinstance(value, float) and not math.isfinite(value):
        assert fmt.canon(value)


# -- mapping templates (a file a user keeps and may edit by hand) ----------------------
_json = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | _cell_text,
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_cell_text, inner, max_size=3),
                     max_leaves=8)
_template = st.fixed_dictionaries(
    {"kind": st.sampled_from(["manholes", "poles", "检查井", 5, ["trees"], None])},
    optional={"columns": st.one_of(_json, st.dictionaries(st.sampled_from(["标识码", "X", "Y", "井盖标识", "x"]),
                                                           st.sampled_from(["code", "inscription", "subtype", "mounts",
                                                                            "nonsense", 3]), max_size=4)),
              "values": _json, "crs": _json, "x_column": _json, "y_column": _json, "encoding": _json, "layer": _json})


@FUZZ_SLOW
@given(_template, st.sampled_from([".json", ".toml"]))
def test_mapping_templates_edited_by_hand(small_demo_path, template, suffix):
    """A template with any values where its fields are: an import with it is a report or a
    clear error."""
    import json
    from assets.registry import Registry
    from layers.field_mapping import _to_toml
    from layers.importer import import_file
    try:
        text = _to_toml(template) if suffix == ".toml" else json.dumps(template, ensure_ascii=False)
    except (TypeError, ValueError):
        assume(False)
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "台账.csv"
        ledger.write_text("标识码,井盖标识,X,Y\n2103230105900001,电力,523000,4460000\n", encoding="utf-8")
        path = Path(folder) / ("模板" + suffix)
        path.write_text(text, encoding="utf-8")
        with Registry.open(small_demo_path) as reg:
            result_or_clear_error(lambda: import_file(reg, ledger, template=path, dry_run=True))
