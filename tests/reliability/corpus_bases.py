"""Good deliveries for the bad-input corpus, written the ways surveyors and utilities
write them: a CSV and an Excel ledger, a GBK shapefile, a GeoPackage, GeoJSON, KML, KMZ,
a DXF with attributed blocks, a zipped shapefile, a folder of geotagged photos and a
confirmation package sent back by a clerk. Each puts six manholes (three photos) on
free places of the registry under test, so a good delivery imports whole."""
from __future__ import annotations

import csv
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

HEADER = ["标识码", "井盖标识", "权属单位", "井盖材质", "备注"]
INSCRIPTIONS = ["电力", "通信", "燃气", "雨", "污", "热"]


@dataclass
class Context:
    """What the recipes need from the registry under test: free places inside its area
    (EPSG:4550), an existing asset code, and a confirmation package sent back by a clerk."""

    xy: np.ndarray
    existing_code: str
    package: Path | None = None

def lonlat(xy: np.ndarray):
    from layers.crs import transform
    return transform(xy[:, 0], xy[:, 1], 4550, 4490)


def ledger_rows(ctx: Context, n: int = 6) -> list[list]:
    # serials from 900000 up: the demo town numbers its manholes from 1
    return [[f"2103230105{900000 + i}", INSCRIPTIONS[i % 6], "", "铸铁", f"第{i}号"] for i in range(n)]


def write_csv(path: Path, header, rows, encoding="utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def ledger_csv(folder: Path, ctx: Context, coords=None, encoding="utf-8-sig", rows=None) -> Path:
    rows = rows or ledger_rows(ctx)
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
    for r, c in zip(ledger_rows(ctx), coords):
        sheet.append(r + list(c))
    path = folder / "井盖台账.xlsx"
    book.save(path)
    return path


def _features(ctx: Context, xy=None):
    rows = ledger_rows(ctx)
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
    lon, lat = lonlat(ctx.xy)
    return vector_file(folder, ctx, "井盖.gpkg", "GPKG", epsg=4490, xy=np.column_stack([lon, lat]), **kw)


def geojson_text(ctx: Context, coords=None) -> str:
    lon, lat = lonlat(ctx.xy)
    coords = coords or list(zip(lon.tolist(), lat.tolist()))
    feats = [{"type": "Feature", "properties": p, "geometry": {"type": "Point", "coordinates": list(c)}}
             for (p, _), c in zip(_features(ctx), coords)]
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)


def geojson(folder, ctx, coords=None):
    path = folder / "井盖.geojson"
    path.write_text(geojson_text(ctx, coords), encoding="utf-8")
    return path


def kml_text(ctx: Context, coords=None, declaration='<?xml version="1.0" encoding="UTF-8"?>') -> str:
    lon, lat = lonlat(ctx.xy)
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
    lon, lat = lonlat(ctx.xy[:3])
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
