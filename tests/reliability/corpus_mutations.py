"""How the bad-input corpus spoils a good delivery (:mod:`corpus_bases`): each function
returns a recipe ``make(folder, context) -> path``."""
from __future__ import annotations

import random
import zipfile
from pathlib import Path
from typing import Callable

from corpus_bases import (BASES, HEADER, kml_text, ledger_csv, ledger_rows, ledger_xlsx, photos,
                          shapefile, vector_file, write_csv, zipped)


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


def write(name: str, data: bytes | str):
    def make(folder, ctx):
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def coords_csv(values: list[tuple[str, str]]):
    def make(folder, ctx):
        good = [(f"{x:.3f}", f"{y:.3f}") for x, y in ctx.xy]
        return ledger_csv(folder, ctx, coords=values + good[len(values):])
    return make


TREES = {"subtype": "0402"}  # photos of street trees: the subtype a user gives for the whole folder
BAD_NUMBERS = [("nan", "nan"), ("inf", "-inf"), ("1e300", "1e300"), ("1e309", "4460000"), ("-0", "1e-320")]


def mounts_csv(values: list[str]):
    def make(folder, ctx):
        rows = [["0118", v, f"{x:.3f}", f"{y:.3f}"] for v, (x, y) in zip(values, ctx.xy)]
        return write_csv(folder / "杆件台账.csv", ["小类", "挂载设备", "X", "Y"], rows)
    return make


def gbk_csv(folder, ctx):
    return ledger_csv(folder, ctx, encoding="gbk")


def mojibake_csv(folder, ctx):
    """UTF-8 read as Latin-1 and saved again as UTF-8 (a round trip through the wrong program)."""
    path = ledger_csv(folder, ctx, encoding="utf-8")
    path.write_text(path.read_bytes().decode("latin-1"), encoding="utf-8")
    return path


def mixed_encoding_csv(folder, ctx):
    path = ledger_csv(folder, ctx, encoding="utf-8")
    path.write_bytes(path.read_bytes() + "补充,电力,,铸铁,GBK 行,523000,4460000\n".encode("gbk"))
    return path


def duplicate_codes(folder, ctx):
    rows = ledger_rows(ctx)
    rows[1][0] = rows[0][0]            # twice in the file
    rows[2][0] = ctx.existing_code     # already in the registry
    rows[3][0] = "不是编码"             # not a code at all
    rows[4][0] = "9" * 40
    return ledger_csv(folder, ctx, rows=rows)


def zip_entries(entries: dict, name="交付.zip", **kw):
    def make(folder, ctx):
        return zipped(folder / name, {k: (v(ctx) if callable(v) else v) for k, v in entries.items()}, **kw)
    return make


def csv_bytes(ctx) -> bytes:
    rows = [",".join(HEADER + ["X", "Y"])] + [",".join(r + [f"{x:.3f}", f"{y:.3f}"])
                                               for r, (x, y) in zip(ledger_rows(ctx), ctx.xy)]
    return "\n".join(rows).encode("utf-8-sig")


def zip_bomb(folder, ctx):
    """64 MB of zeros in a 64 KB zip: over the ratio limit, so it must never be inflated."""
    path = folder / "炸弹.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("井盖.csv", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(64):
                f.write(block)
    return path


def lying_zip(folder, ctx):
    """An entry whose stored CRC does not match its data."""
    path = zipped(folder / "交付.zip", {"井盖.csv": csv_bytes(ctx)})
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x03\x04")
    data[pos + 14:pos + 18] = b"\xde\xad\xbe\xef"
    path.write_bytes(bytes(data))
    return path


def gbk_named_zip(folder, ctx):
    """Entry names in GBK without the UTF-8 flag, as Windows' built-in zip writes them on a
    Chinese system (zipfile cannot write that, so the names are patched in place)."""
    path = zipped(folder / "交付.zip", {"XXXX.csv": csv_bytes(ctx), "YYYYYYYY/ZZZZ.csv": csv_bytes(ctx)})
    data = path.read_bytes()
    for ascii_name, name in ((b"XXXX", "井盖"), (b"YYYYYYYY", "电力台账"), (b"ZZZZ", "检查")):
        data = data.replace(ascii_name, name.encode("gbk"))
    path.write_bytes(data)
    return path


def many_entries(folder, ctx):
    from layers.safe_archive import limits
    return zipped(folder / "很多.zip", {f"f{i}.txt": b"" for i in range(limits()["max_entries"] + 1)})


def without(base: str, suffix: str):
    def make(folder, ctx):
        path = BASES[base](folder, ctx)
        path.with_suffix(suffix).unlink()
        return path
    return make


def shp_wrong_prj(folder, ctx):
    """Metres in EPSG:4550 in a shapefile whose .prj says WGS84 degrees."""
    path = shapefile(folder, ctx)
    wgs = path.with_suffix(".prj")
    from pyproj import CRS
    wgs.write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"))
    return path


def shp_garbage(suffix: str, data: bytes):
    def make(folder, ctx):
        path = shapefile(folder, ctx)
        path.with_suffix(suffix).write_bytes(data)
        return path
    return make


def shp_huge(folder, ctx):
    xy = ctx.xy.copy()
    xy[0] = (1e300, 1e300)
    xy[1] = (-1e308, 4460000)
    return vector_file(folder, ctx, "井盖.shp", "ESRI Shapefile", xy=xy, encoding="GBK")


def gpkg_unknown_srs(folder, ctx):
    import sqlite3
    path = vector_file(folder, ctx, "井盖.gpkg", "GPKG")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE gpkg_geometry_columns SET srs_id = 99999")
    return path


def gpkg_bad_blobs(folder, ctx):
    import sqlite3
    path = vector_file(folder, ctx, "井盖.gpkg", "GPKG")
    with sqlite3.connect(path) as db:
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # what GDAL's R-tree triggers call
            db.create_function(name, 1, lambda g: 0)
        db.execute("UPDATE \"井盖\" SET geom = X'4750000100000000DEADBEEF' WHERE fid = 1")
        db.execute("UPDATE \"井盖\" SET geom = 'text' WHERE fid = 2")
    return path


def xlsx_bomb(folder, ctx):
    """A workbook whose sheet inflates to 64 MB."""
    path = ledger_xlsx(folder, ctx)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/padding.bin", b"\0" * (64 << 20))
    return path


def xlsx_nan(folder, ctx):
    return ledger_xlsx(folder, ctx, coords=[(float("nan"), 1e300), ("东经123°", "=1/0"), (1e308, -1e308)]
                       + [(float(y), float(x)) for x, y in ctx.xy[3:]])


def package_edit(edit: Callable):
    def make(folder, ctx):
        from openpyxl import load_workbook
        wb = load_workbook(ctx.package)
        edit(wb)
        path = folder / "GDGS_回执.xlsx"
        wb.save(path)
        return path
    return make


def meta_set(key, value):
    def edit(wb):
        from layers import package_format as fmt
        ws = wb[fmt.META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return edit


def sheet_drop(name):
    def edit(wb):
        from layers import package_format as fmt
        del wb[getattr(fmt, name)]
    return edit


def rows_edit(wb):
    from layers import package_format as fmt
    ws = wb[fmt.SHEET]
    ws.cell(2, fmt.CODE + 1).value = "被改过"
    ws.cell(3, fmt.DECISION + 1).value = "也许吧"
    ws.append(list(next(ws.iter_rows(min_row=2, max_row=2, values_only=True))))  # a row copied
    ws.cell(4, fmt.DECISION + 1).value = float("nan")


def header_edit(wb):
    from layers import package_format as fmt
    wb[fmt.SHEET].delete_cols(1, 3)


def bad_photos(gps):
    def make(folder, ctx):
        return photos(folder, ctx, bad=gps)
    return make


def ratio(a, b):
    from PIL.TiffImagePlugin import IFDRational
    return IFDRational(a, b)


def retyped_photo(old: bytes, new: bytes):
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


def photo_files(files: dict):
    def make(folder, ctx):
        def extra(out):
            for name, data in files.items():
                (out / name).write_bytes(data)
        return photos(folder, ctx, extra=extra)
    return make


def cut_photo(folder, ctx):
    out = photos(folder, ctx)
    first = sorted(out.iterdir())[0]
    first.write_bytes(first.read_bytes()[:300])
    return out


def empty_folder(folder, ctx):
    out = folder / "空"
    out.mkdir()
    return out

def cpg(path: Path, data: bytes) -> Path:
    path.with_suffix(".cpg").write_bytes(data)
    return path


def kml_declared(declaration: str, codec: str):
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
