"""The bad-input corpus: good deliveries written the ways surveyors and utilities write
them, and malformed variants of each (cut short, bytes flipped, wrong encodings, NaN and
huge coordinates, the wrong CRS, duplicate codes, hostile zips, empty files, missing
shapefile parts, fake workbooks, tampered confirmation packages).

A :class:`Variant` is only a recipe until :meth:`Variant.make` writes it into a folder,
so pytest can list the cases at collection time and each case gets a fresh file.
``XIUCITY_CORPUS_VARIANTS=n`` asks for ``n`` random cuts and ``n`` random byte flips of
every base file (default 2; 25 or more for a long run before a release)."""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

RANDOM_VARIANTS = int(os.environ.get("XIUCITY_CORPUS_VARIANTS", "2"))

HEADER = ["标识码", "井盖标识", "权属单位", "井盖材质", "备注"]
INSCRIPTIONS = ["电力", "通信", "燃气", "雨", "污", "热"]


@dataclass
class Context:
    """What the recipes need from the registry under test: free places inside its area
    (EPSG:4550), an existing asset code, and a confirmation package sent back by a clerk."""

    xy: np.ndarray
    existing_code: str
    package: Path | None = None


@dataclass
class Variant:
    name: str
    make: Callable[[Path, Context], Path]
    options: dict = field(default_factory=dict)   # import options a user would give (crs, encoding)
    kind: str = "manholes"

    def __repr__(self) -> str:
        return self.name


# -- base deliveries -----------------------------------------------------------------------
def _lonlat(xy: np.ndarray):
    from layers.crs import transform
    return transform(xy[:, 0], xy[:, 1], 4550, 4490)


def _rows(ctx: Context, n: int = 6) -> list[list]:
    # serials from 900000 up: the demo town numbers its manholes from 1
    return [[f"2103230105{900000 + i}", INSCRIPTIONS[i % 6], "", "铸铁", f"第{i}号"] for i in range(n)]


def write_csv(path: Path, header, rows, encoding="utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def ledger_csv(folder: Path, ctx: Context, coords=None, encoding="utf-8-sig", rows=None) -> Path:
    rows = rows or _rows(ctx)
    coords = coords or [(f"{x:.3f}", f"{y:.3f}") for x, y in ctx.xy[:len(rows)]]
    return write_csv(folder / "井盖台账.csv", HEADER + ["X", "Y"],
                     [r + list(c) for r, c in zip(rows, coords)], encoding)


def ledger_xlsx(folder: Path, ctx: Context, coords=None) -> Path:
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["岫岩县检查井台账"])
    sheet.append(HEADER + ["X坐标", "Y坐标"])
    coords = coords or [(float(y), float(x)) for x, y in ctx.xy]  # X = northing, as surveyors write it
    for r, c in zip(_rows(ctx), coords):
        sheet.append(r + list(c))
    path = folder / "井盖台账.xlsx"
    book.save(path)
    return path


def _features(ctx: Context, xy=None):
    rows = _rows(ctx)
    xy = ctx.xy if xy is None else xy
    return [({"标识码": r[0], "井盖标识": r[1], "井盖材质": r[3], "备注": r[4]}, (float(x), float(y)))
            for r, (x, y) in zip(rows, xy)]


def vector_file(folder: Path, ctx: Context, name: str, driver: str, epsg=4550, xy=None, encoding="UTF-8") -> Path:
    import fiona
    from fiona.crs import CRS
    schema = {"geometry": "Point", "properties": {"标识码": "str:20", "井盖标识": "str:10", "井盖材质": "str:10",
                                                  "备注": "str:20"}}
    path = folder / name
    kwargs = {"encoding": encoding} if driver == "ESRI Shapefile" else {}
    short = driver == "ESRI Shapefile" and encoding.upper().replace("-", "") == "UTF8"
    if short:  # a DBF field name has 10 bytes: three Chinese characters in UTF-8
        schema["properties"] = {k[-2:] if len(k) > 3 else k: v for k, v in schema["properties"].items()}
    with fiona.open(path, "w", driver=driver, schema=schema, crs=CRS.from_epsg(epsg), **kwargs) as dst:
        for props, (x, y) in _features(ctx, xy):
            if short:
                props = {k[-2:] if len(k) > 3 else k: v for k, v in props.items()}
            dst.write({"geometry": {"type": "Point", "coordinates": (x, y)}, "properties": props})
    return path


def shapefile(folder, ctx, **kw):
    return vector_file(folder, ctx, "井盖.shp", "ESRI Shapefile", encoding=kw.pop("encoding", "GBK"), **kw)


def geopackage(folder, ctx, **kw):
    lon, lat = _lonlat(ctx.xy)
    return vector_file(folder, ctx, "井盖.gpkg", "GPKG", epsg=4490, xy=np.column_stack([lon, lat]), **kw)


def geojson_text(ctx: Context, coords=None) -> str:
    lon, lat = _lonlat(ctx.xy)
    coords = coords or list(zip(lon.tolist(), lat.tolist()))
    feats = [{"type": "Feature", "properties": p, "geometry": {"type": "Point", "coordinates": list(c)}}
             for (p, _), c in zip(_features(ctx), coords)]
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)


def geojson(folder, ctx, coords=None):
    path = folder / "井盖.geojson"
    path.write_text(geojson_text(ctx, coords), encoding="utf-8")
    return path


def kml_text(ctx: Context, coords=None, declaration='<?xml version="1.0" encoding="UTF-8"?>') -> str:
    lon, lat = _lonlat(ctx.xy)
    coords = coords or [f"{a:.9f},{b:.9f},0" for a, b in zip(lon, lat)]
    marks = "".join(
        f"<Placemark><name>{p['标识码']}</name><ExtendedData><Data name=\"井盖标识\"><value>{p['井盖标识']}</value>"
        f"</Data></ExtendedData><Point><coordinates>{c}</coordinates></Point></Placemark>"
        for (p, _), c in zip(_features(ctx), coords))
    return (f'{declaration}<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>电力井</name>'
            f"{marks}</Folder></Document></kml>")


def kml(folder, ctx, coords=None):
    path = folder / "井盖.kml"
    path.write_text(kml_text(ctx, coords), encoding="utf-8")
    return path


def zipped(path: Path, entries: dict, **kw) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, **kw) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def kmz(folder, ctx, doc: bytes | None = None, name="doc.kml"):
    return zipped(folder / "井盖.kmz", {name: doc if doc is not None else kml_text(ctx).encode()})


def dxf(folder, ctx):
    import ezdxf
    doc = ezdxf.new("R2010")
    block = doc.blocks.new(name="井盖")
    block.add_circle((0, 0), 0.35)
    block.add_attdef("标识码", (0, 0))
    block.add_attdef("井盖标识", (0, -1))
    msp = doc.modelspace()
    for (props, (x, y)) in _features(ctx):
        ref = msp.add_blockref("井盖", (x, y), dxfattribs={"layer": "检查井"})
        ref.add_auto_attribs({"标识码": props["标识码"], "井盖标识": props["井盖标识"]})
    path = folder / "井盖.dxf"
    doc.saveas(path)
    return path


def zipped_shapefile(folder, ctx):
    inner = folder / "inner"
    inner.mkdir()
    shp = shapefile(inner, ctx)
    path = zipped(folder / "井盖.zip", {p.name: p.read_bytes() for p in sorted(inner.iterdir())})
    shutil.rmtree(inner)
    assert shp
    return path


def photo(path: Path, gps: dict | None, taken="2026:05:01 10:11:12") -> Path:
    from PIL import Image
    img = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825).update(gps)
    exif.get_ifd(0x8769)[36867] = taken
    img.save(path, exif=exif)
    return path


def _dms(value: float):
    d = int(value)
    m = int((value - d) * 60)
    return (d, m, round(((value - d) * 60 - m) * 60, 4))


def photos(folder, ctx, bad: dict | None = None, extra: Callable[[Path], None] | None = None):
    """A folder of geotagged photos near the free places; ``bad`` replaces the GPS tags of
    the first photo, ``extra`` adds files."""
    out = folder / "照片"
    out.mkdir()
    lon, lat = _lonlat(ctx.xy[:3])
    for i, (a, b) in enumerate(zip(lon, lat)):
        gps = {1: "N", 2: _dms(b), 3: "E", 4: _dms(a)}
        photo(out / f"IMG_{i}.jpg", bad if (bad is not None and i == 0) else gps)
    if extra:
        extra(out)
    return out


def package(folder, ctx):
    return Path(shutil.copy(ctx.package, folder / "GDGS_回执.xlsx"))


BASES: dict[str, Callable] = {
    "csv": ledger_csv, "xlsx": ledger_xlsx, "shp": shapefile, "gpkg": geopackage, "geojson": geojson,
    "kml": kml, "kmz": kmz, "dxf": dxf, "zip": zipped_shapefile, "package": package,
}


# -- mutations -----------------------------------------------------------------------------
def cut(base: str, fraction: float, part: str | None = None):
    """The base file (or its sibling with suffix ``part``) cut at ``fraction`` of its length."""
    def make(folder, ctx):
        path = BASES[base](folder, ctx)
        target = path.with_suffix(part) if part else path
        data = target.read_bytes()
        target.write_bytes(data[:int(len(data) * fraction)])
        return path
    return make


def flipped(base: str, seed: int, part: str | None = None):
    """The base file with a few bytes overwritten at random (seeded) places."""
    def make(folder, ctx):
        path = BASES[base](folder, ctx)
        target = path.with_suffix(part) if part else path
        data = bytearray(target.read_bytes())
        rng = random.Random(seed)
        for _ in range(rng.randint(1, 24)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        target.write_bytes(bytes(data))
        return path
    return make


def _write(name: str, data: bytes | str):
    def make(folder, ctx):
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def _coords_csv(values: list[tuple[str, str]]):
    def make(folder, ctx):
        good = [(f"{x:.3f}", f"{y:.3f}") for x, y in ctx.xy]
        return ledger_csv(folder, ctx, coords=values + good[len(values):])
    return make


TREES = {"subtype": "0402"}  # photos of street trees: the subtype a user gives for the whole folder
BAD_NUMBERS = [("nan", "nan"), ("inf", "-inf"), ("1e300", "1e300"), ("1e309", "4460000"), ("-0", "1e-320")]


def _mounts_csv(values: list[str]):
    def make(folder, ctx):
        rows = [["0118", v, f"{x:.3f}", f"{y:.3f}"] for v, (x, y) in zip(values, ctx.xy)]
        return write_csv(folder / "杆件台账.csv", ["小类", "挂载设备", "X", "Y"], rows)
    return make


def _gbk_csv(folder, ctx):
    return ledger_csv(folder, ctx, encoding="gbk")


def _mojibake_csv(folder, ctx):
    """UTF-8 read as Latin-1 and saved again as UTF-8 (a round trip through the wrong program)."""
    path = ledger_csv(folder, ctx, encoding="utf-8")
    path.write_text(path.read_bytes().decode("latin-1"), encoding="utf-8")
    return path


def _mixed_encoding_csv(folder, ctx):
    path = ledger_csv(folder, ctx, encoding="utf-8")
    path.write_bytes(path.read_bytes() + "补充,电力,,铸铁,GBK 行,523000,4460000\n".encode("gbk"))
    return path


def _duplicate_codes(folder, ctx):
    rows = _rows(ctx)
    rows[1][0] = rows[0][0]            # twice in the file
    rows[2][0] = ctx.existing_code     # already in the registry
    rows[3][0] = "不是编码"             # not a code at all
    rows[4][0] = "9" * 40
    return ledger_csv(folder, ctx, rows=rows)


def _zip_entries(entries: dict, name="交付.zip", **kw):
    def make(folder, ctx):
        return zipped(folder / name, {k: (v(ctx) if callable(v) else v) for k, v in entries.items()}, **kw)
    return make


def _csv_bytes(ctx) -> bytes:
    rows = [",".join(HEADER + ["X", "Y"])] + [",".join(r + [f"{x:.3f}", f"{y:.3f}"])
                                               for r, (x, y) in zip(_rows(ctx), ctx.xy)]
    return "\n".join(rows).encode("utf-8-sig")


def _zip_bomb(folder, ctx):
    """64 MB of zeros in a 64 KB zip: over the ratio limit, so it must never be inflated."""
    path = folder / "炸弹.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("井盖.csv", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(64):
                f.write(block)
    return path


def _lying_zip(folder, ctx):
    """An entry whose stored CRC does not match its data."""
    path = zipped(folder / "交付.zip", {"井盖.csv": _csv_bytes(ctx)})
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x03\x04")
    data[pos + 14:pos + 18] = b"\xde\xad\xbe\xef"
    path.write_bytes(bytes(data))
    return path


def _gbk_named_zip(folder, ctx):
    """Entry names in GBK without the UTF-8 flag, as Windows' built-in zip writes them on a
    Chinese system (zipfile cannot write that, so the names are patched in place)."""
    path = zipped(folder / "交付.zip", {"XXXX.csv": _csv_bytes(ctx), "YYYYYYYY/ZZZZ.csv": _csv_bytes(ctx)})
    data = path.read_bytes()
    for ascii_name, name in ((b"XXXX", "井盖"), (b"YYYYYYYY", "电力台账"), (b"ZZZZ", "检查")):
        data = data.replace(ascii_name, name.encode("gbk"))
    path.write_bytes(data)
    return path


def _many_entries(folder, ctx):
    from layers.safe_archive import limits
    return zipped(folder / "很多.zip", {f"f{i}.txt": b"" for i in range(limits()["max_entries"] + 1)})


def _without(base: str, suffix: str):
    def make(folder, ctx):
        path = BASES[base](folder, ctx)
        path.with_suffix(suffix).unlink()
        return path
    return make


def _shp_wrong_prj(folder, ctx):
    """Metres in EPSG:4550 in a shapefile whose .prj says WGS84 degrees."""
    path = shapefile(folder, ctx)
    wgs = path.with_suffix(".prj")
    from pyproj import CRS
    wgs.write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"))
    return path


def _shp_garbage(suffix: str, data: bytes):
    def make(folder, ctx):
        path = shapefile(folder, ctx)
        path.with_suffix(suffix).write_bytes(data)
        return path
    return make


def _shp_huge(folder, ctx):
    xy = ctx.xy.copy()
    xy[0] = (1e300, 1e300)
    xy[1] = (-1e308, 4460000)
    return vector_file(folder, ctx, "井盖.shp", "ESRI Shapefile", xy=xy, encoding="GBK")


def _gpkg_unknown_srs(folder, ctx):
    import sqlite3
    path = vector_file(folder, ctx, "井盖.gpkg", "GPKG")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE gpkg_geometry_columns SET srs_id = 99999")
    return path


def _gpkg_bad_blobs(folder, ctx):
    import sqlite3
    path = vector_file(folder, ctx, "井盖.gpkg", "GPKG")
    with sqlite3.connect(path) as db:
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # what GDAL's R-tree triggers call
            db.create_function(name, 1, lambda g: 0)
        db.execute("UPDATE \"井盖\" SET geom = X'4750000100000000DEADBEEF' WHERE fid = 1")
        db.execute("UPDATE \"井盖\" SET geom = 'text' WHERE fid = 2")
    return path


def _xlsx_bomb(folder, ctx):
    """A workbook whose sheet inflates to 64 MB."""
    path = ledger_xlsx(folder, ctx)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/padding.bin", b"\0" * (64 << 20))
    return path


def _xlsx_nan(folder, ctx):
    return ledger_xlsx(folder, ctx, coords=[(float("nan"), 1e300), ("东经123°", "=1/0"), (1e308, -1e308)]
                       + [(float(y), float(x)) for x, y in ctx.xy[3:]])


def _package_edit(edit: Callable):
    def make(folder, ctx):
        from openpyxl import load_workbook
        wb = load_workbook(ctx.package)
        edit(wb)
        path = folder / "GDGS_回执.xlsx"
        wb.save(path)
        return path
    return make


def _meta_set(key, value):
    def edit(wb):
        from layers import package_format as fmt
        ws = wb[fmt.META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return edit


def _sheet_drop(name):
    def edit(wb):
        from layers import package_format as fmt
        del wb[getattr(fmt, name)]
    return edit


def _rows_edit(wb):
    from layers import package_format as fmt
    ws = wb[fmt.SHEET]
    ws.cell(2, fmt.CODE + 1).value = "被改过"
    ws.cell(3, fmt.DECISION + 1).value = "也许吧"
    ws.append(list(next(ws.iter_rows(min_row=2, max_row=2, values_only=True))))  # a row copied
    ws.cell(4, fmt.DECISION + 1).value = float("nan")


def _header_edit(wb):
    from layers import package_format as fmt
    wb[fmt.SHEET].delete_cols(1, 3)


def _bad_photos(gps):
    def make(folder, ctx):
        return photos(folder, ctx, bad=gps)
    return make


def _ratio(a, b):
    from PIL.TiffImagePlugin import IFDRational
    return IFDRational(a, b)


def _retyped_photo(old: bytes, new: bytes):
    """The first photo's GPS entry bytes changed (a tag's type or count), as a broken
    camera or editing program may leave them; PIL cannot write such tags itself."""
    def make(folder, ctx):
        out = photos(folder, ctx)
        first = sorted(out.iterdir())[0]
        data = first.read_bytes()
        assert old in data, "the GPS entry to damage was not found"
        first.write_bytes(data.replace(old, new, 1))
        return out
    return make


def _photo_files(files: dict):
    def make(folder, ctx):
        def extra(out):
            for name, data in files.items():
                (out / name).write_bytes(data)
        return photos(folder, ctx, extra=extra)
    return make


def _cut_photo(folder, ctx):
    out = photos(folder, ctx)
    first = sorted(out.iterdir())[0]
    first.write_bytes(first.read_bytes()[:300])
    return out


def _empty_folder(folder, ctx):
    out = folder / "空"
    out.mkdir()
    return out


def variants() -> list[Variant]:
    """Every case of the corpus, good bases first."""
    out = [Variant(f"good-{name}", make) for name, make in BASES.items()]
    out.append(Variant("good-photos", photos, TREES, kind="trees"))
    fractions = [0.0, 0.03, 0.5, 0.97] + [random.Random(i).uniform(0.05, 0.99) for i in range(RANDOM_VARIANTS)]
    for name in BASES:
        out += [Variant(f"cut-{name}-{f:.2f}", cut(name, f)) for f in fractions]
        out += [Variant(f"flip-{name}-{s}", flipped(name, s)) for s in range(RANDOM_VARIANTS)]
    for part in (".dbf", ".shx", ".prj", ".cpg"):
        out += [Variant(f"cut-shp{part}-{f:.2f}", cut("shp", f, part)) for f in (0.0, 0.4)]
        out += [Variant(f"flip-shp{part}-{s}", flipped("shp", s, part)) for s in range(RANDOM_VARIANTS)]
    out += [
        # encodings
        Variant("csv-gbk-no-bom", _gbk_csv),
        Variant("csv-gbk-said-utf8", _gbk_csv, {"encoding": "UTF-8"}),
        Variant("csv-utf8-said-gbk", ledger_csv, {"encoding": "GBK"}),
        Variant("csv-unknown-encoding-name", ledger_csv, {"encoding": "klingon-8"}),
        Variant("csv-utf16", lambda f, c: ledger_csv(f, c, encoding="utf-16")),
        Variant("csv-mojibake", _mojibake_csv),
        Variant("csv-mixed-utf8-gbk", _mixed_encoding_csv),
        Variant("shp-gbk-cpg-says-utf8", _shp_garbage(".cpg", b"UTF-8")),
        Variant("shp-utf8-cpg-says-gbk", lambda f, c: _cpg(shapefile(f, c, encoding="UTF-8"), b"936")),
        Variant("shp-cpg-nonsense", _shp_garbage(".cpg", b"\xff\xfe\x00klingon")),
        Variant("shp-gbk-said-utf8", shapefile, {"encoding": "UTF-8"}),
        Variant("kml-declares-gbk-is-utf8", _kml_declared('<?xml version="1.0" encoding="GBK"?>', "utf-8")),
        Variant("kml-declares-unknown", _kml_declared('<?xml version="1.0" encoding="klingon"?>', "utf-8")),
        # coordinates
        *[Variant(f"csv-coords-{a}-{b}", _coords_csv([(a, b)])) for a, b in BAD_NUMBERS],
        Variant("csv-coords-text", _coords_csv([("东经", "北纬"), ("123°17′", "40°17′N"), ("1,2,3", "--")])),
        Variant("csv-lonlat-said-4550", lambda f, c: ledger_csv(f, c, coords=[
            (f"{a:.8f}", f"{b:.8f}") for a, b in zip(*_lonlat(c.xy))]), {"crs": "EPSG:4550"}),
        Variant("csv-metres-said-4326", ledger_csv, {"crs": "EPSG:4326"}),
        Variant("csv-said-unknown-crs", ledger_csv, {"crs": "EPSG:999999"}),
        Variant("csv-said-nonsense-crs", ledger_csv, {"crs": "+proj=nonsense"}),
        Variant("csv-british-grid", lambda f, c: ledger_csv(f, c, coords=[("533000", "179000")] * 6)),
        Variant("xlsx-nan-huge-formula", _xlsx_nan),
        Variant("geojson-nan-huge", lambda f, c: geojson(f, c, coords=[[float("nan"), 1], [1e300, 1e300],
                                                                         [1e308, -1e308], [0, 0]])),
        Variant("geojson-string-coords", lambda f, c: geojson(f, c, coords=[["a", "b"], [], [1], [None, None]])),
        Variant("kml-nan-huge", lambda f, c: kml(f, c, coords=["nan,nan", "1e300,1e300", "inf,-inf", "1e309,5",
                                                                "x,y", ""])),
        Variant("shp-wrong-prj", _shp_wrong_prj),
        Variant("shp-huge", _shp_huge),
        Variant("gpkg-unknown-srs", _gpkg_unknown_srs),
        Variant("gpkg-bad-blobs", _gpkg_bad_blobs),
        # the mounts column of a pole ledger (type@owner;...)
        Variant("csv-mounts-garbage", _mounts_csv(["飞碟@县供电公司", "路灯@@;;@", "@县供电公司", ";；、|", "摄像头＠" * 500,
                                                   "路灯@不存在的单位;camera@县公安局（交警）"]), kind="poles"),
        # codes
        Variant("csv-duplicate-codes", _duplicate_codes),
        Variant("csv-duplicate-codes-update", _duplicate_codes, {"on_duplicate": "update"}),
        Variant("csv-duplicate-codes-insert", _duplicate_codes, {"on_duplicate": "insert"}),
        # archives
        Variant("zip-dotdot", _zip_entries({"../逃出.csv": _csv_bytes})),
        Variant("zip-deep-dotdot", _zip_entries({"a/b/../../../逃出.csv": _csv_bytes})),
        Variant("zip-absolute", _zip_entries({"/tmp/逃出.csv": _csv_bytes})),
        Variant("zip-backslash", _zip_entries({"..\\逃出.csv": _csv_bytes})),
        Variant("zip-drive-letter", _zip_entries({"C:/逃出.csv": _csv_bytes})),
        Variant("zip-bomb", _zip_bomb),
        Variant("zip-bad-crc", _lying_zip),
        Variant("zip-many-entries", _many_entries),
        Variant("zip-nested-only", _zip_entries({"里面.zip": lambda c: b"PK\x05\x06" + bytes(18)})),
        Variant("zip-readme-only", _zip_entries({"说明.txt": "只有说明"})),
        Variant("zip-two-layers", _zip_entries({"a.csv": _csv_bytes, "b/b.csv": _csv_bytes})),
        Variant("zip-gbk-names", _gbk_named_zip),
        Variant("kmz-bad-inner-doc", lambda f, c: kmz(f, c, doc=b"\x00\x01 not xml at all")),
        Variant("kmz-cut-inner-doc", lambda f, c: kmz(f, c, doc=kml_text(c).encode()[:300])),
        Variant("kmz-no-kml", lambda f, c: kmz(f, c, doc=b"<kml/>", name="doc.txt")),
        Variant("kmz-dotdot", lambda f, c: kmz(f, c, name="../doc.kml")),
        Variant("kmz-entity-bomb", lambda f, c: kmz(f, c, doc=LAUGHS)),
        Variant("kml-entity-bomb", _write("井盖.kml", LAUGHS)),
        Variant("kml-external-entity", _write("井盖.kml", XXE)),
        Variant("kml-deep-nesting", _write("井盖.kml", "<kml>" + "<Folder>" * 5000 + "</Folder>" * 5000 + "</kml>")),
        # wrong or empty files
        *[Variant(f"empty{s}", _write(f"空{s}", b"")) for s in (".csv", ".txt", ".xlsx", ".shp", ".gpkg", ".geojson",
                                                                  ".json", ".kml", ".kmz", ".dxf", ".zip", ".gpx")],
        Variant("xlsx-is-csv", lambda f, c: Path(shutil.copy(ledger_csv(f, c), f / "台账.xlsx"))),
        Variant("csv-is-xlsx", lambda f, c: Path(shutil.copy(ledger_xlsx(f, c), f / "台账.csv"))),
        Variant("gpkg-is-csv", lambda f, c: Path(shutil.copy(ledger_csv(f, c), f / "台账.gpkg"))),
        Variant("kml-is-xlsx", lambda f, c: Path(shutil.copy(ledger_xlsx(f, c), f / "台账.kml"))),
        Variant("dxf-is-kml", lambda f, c: Path(shutil.copy(kml(f, c), f / "台账.dxf"))),
        Variant("xlsx-bomb", _xlsx_bomb),
        Variant("xlsx-zip-of-junk", _zip_entries({"xl/workbook.xml": b"<junk", "[Content_Types].xml": b"?"},
                                                 name="台账.xlsx")),
        Variant("csv-only-header", _write("台账.csv", "标识码,X,Y\n")),
        Variant("csv-binary", _write("台账.csv", bytes(range(256)) * 8)),
        Variant("csv-nul-bytes", _write("台账.csv", "标识码,X,Y\n\x00\x00,523000,4460000\n")),
        Variant("csv-one-huge-field", _write("台账.csv", "标识码,X,Y\n" + "\"" + "长" * 300_000 + "\",1,2\n")),
        Variant("shp-without-dbf", _without("shp", ".dbf")),
        Variant("shp-without-shx", _without("shp", ".shx")),
        Variant("shp-without-prj", _without("shp", ".prj")),
        # photos
        Variant("photos-zero-denominator", _bad_photos({1: "N", 2: (_ratio(40, 0), _ratio(0, 0), _ratio(0, 0)),
                                                        3: "E", 4: (123, 17, 0)}), TREES, kind="trees"),
        Variant("photos-huge-degrees", _bad_photos({1: "N", 2: (1e300, 0, 0), 3: "E", 4: (1e300, 0, 0)}), TREES,
                kind="trees"),
        # PIL writes big-endian TIFF: tag, type (5 = rational), count, offset
        Variant("photos-text-tags", _retyped_photo(b"\x00\x02\x00\x05", b"\x00\x02\x00\x02"), TREES, kind="trees"),
        Variant("photos-undefined-tags", _retyped_photo(b"\x00\x04\x00\x05", b"\x00\x04\x00\x07"), TREES, kind="trees"),
        Variant("photos-huge-count", _retyped_photo(b"\x00\x02\x00\x05\x00\x00\x00\x03",
                                                    b"\x00\x02\x00\x05\x7f\xff\xff\xff"), TREES, kind="trees"),
        Variant("photos-cut-jpeg", _cut_photo, TREES, kind="trees"),
        Variant("photos-fake-jpeg", _photo_files({"假.jpg": b"not a jpeg", "空.jpeg": b""}), TREES, kind="trees"),
        Variant("photos-empty-folder", _empty_folder, TREES, kind="trees"),
        # confirmation packages
        Variant("package-signature-altered", _package_edit(_meta_set("signature", "0" * 64))),
        Variant("package-meta-altered", _package_edit(_meta_set("org_code", "DXGS"))),
        Variant("package-version-text", _package_edit(_meta_set("version", "第二版"))),
        Variant("package-registry-altered", _package_edit(_meta_set("registry_id", None))),
        Variant("package-format-altered", _package_edit(_meta_set("format", 3.5))),
        Variant("package-meta-sheet-deleted", _package_edit(_sheet_drop("META_SHEET"))),
        Variant("package-data-sheet-deleted", _package_edit(_sheet_drop("SHEET"))),
        Variant("package-rows-edited", _package_edit(_rows_edit)),
        Variant("package-header-edited", _package_edit(_header_edit)),
    ]
    return out


def _cpg(path: Path, data: bytes) -> Path:
    path.with_suffix(".cpg").write_bytes(data)
    return path


def _kml_declared(declaration: str, codec: str):
    def make(folder, ctx):
        path = folder / "井盖.kml"
        path.write_bytes(kml_text(ctx, declaration=declaration).encode(codec))
        return path
    return make


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + ']><kml><Placemark><name>&i;</name></Placemark></kml>').encode()
XXE = ('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<kml><Placemark><name>&x;</name><Point><coordinates>123.28,40.29</coordinates></Point></Placemark></kml>')
