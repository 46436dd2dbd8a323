"""KML and KMZ (Google Earth, 奥维互动地图) read with the standard XML parser.

GDAL's KML driver keeps only Name and Description, dropping ExtendedData (the attributes
field staff type in), so this small reader is used instead. It reads placemarks as they
complete, so a file cut short still yields what came before the damage. Entity
declarations are refused (no expansion, no external entities) in the manner of defusedxml.
Coordinates are always WGS84 lon/lat (the KML standard); altitudes are dropped.
"""
from __future__ import annotations

import math
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from pyproj import CRS
from shapely.geometry import (GeometryCollection, LinearRing, LineString, MultiLineString, MultiPoint,
                              MultiPolygon, Point, Polygon)

from assets.progress import check_cancelled, ensure
from layers.safe_archive import check_archive

from .errors import EmptyArchive, SourceDamaged, UnsafeXML
from .table import QT_TRANSLATE_NOOP, SourceTable, warn

_CHUNK = 1 << 16
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DECLARED = re.compile(rb'<\?xml[^>]*encoding=["\']([A-Za-z0-9_.:-]+)["\']')
_MULTI = {"MultiGeometry", "MultiPolygon", "MultiLineString", "MultiPoint", "MultiTrack"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def kml_bytes(path: Path) -> bytes:
    """The KML text of a .kml file, or of the main document inside a .kmz."""
    if path.suffix.casefold() != ".kmz":
        return path.read_bytes()
    infos = [i for i in check_archive(path) if i.filename.casefold().endswith(".kml")]
    if not infos:
        raise EmptyArchive(path=str(path))
    main = next((i for i in infos if Path(i.filename).name.casefold() == "doc.kml"), infos[0])
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.read(main)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceDamaged(path=str(path), driver="KMZ", detail=str(exc)) from None


def _prolog(data: bytes) -> bytes:
    """Everything before the root element, where a DOCTYPE and its entities must be."""
    pos = 0
    while True:
        start = data.find(b"<", pos)
        if start < 0 or data[start + 1:start + 2] not in (b"?", b"!"):
            return data[:start if start >= 0 else len(data)]
        end = data.find(b"]>", start) if data[start:start + 9].upper() == b"<!DOCTYPE" and b"[" in data[start:start + 400] else -1
        pos = (end + 2) if end >= 0 else data.find(b">", start) + 1
        if pos <= 0:
            return data


def _as_utf8(data: bytes, shown: str, driver: str) -> tuple[bytes, str]:
    """The document as UTF-8 and the encoding it declared. Expat knows only UTF-8/16,
    Latin-1 and ASCII; Chinese tools sometimes declare GBK or GB2312, decoded here."""
    declared = _DECLARED.search(data[:200])
    name = declared.group(1).decode("ascii").upper() if declared else "UTF-8"
    if name.replace("-", "").replace("_", "") in ("UTF8", "UTF16", "ISO88591", "USASCII", "ASCII", "LATIN1"):
        return data, name
    try:
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError) as exc:
        raise SourceDamaged(path=shown, driver=driver, detail=str(exc)) from None
    return text.replace(declared.group(0).decode("ascii"), '<?xml version="1.0" encoding="UTF-8"', 1).encode("utf-8"), name


def read_kml(path: str | Path, *, shown: str | None = None, progress=None):
    """(table, CRS 4326) of the placemarks in a KML/KMZ file."""
    progress = ensure(progress)
    path = Path(path)
    shown = shown or str(path)
    data = kml_bytes(path)
    if _ENTITY.search(_prolog(data)):
        raise UnsafeXML(path=shown)
    driver = "KMZ" if path.suffix.casefold() == ".kmz" else "KML"
    data, declared = _as_utf8(data, shown, driver)
    table = SourceTable(path=shown, layer=None, driver=driver, columns=[], rows=[], geometries=[],
                        encoding=declared, encoding_source="detected")
    parser = ET.XMLPullParser(events=("start", "end"))
    reader = _Reader(table)
    progress.set_total(len(data))
    try:
        for offset in range(0, len(data), _CHUNK):
            parser.feed(data[offset:offset + _CHUNK])
            reader.drain(parser)
            check_cancelled(progress)
            progress.advance(min(offset + _CHUNK, len(data)))
        parser.close()
        reader.drain(parser)
    except ET.ParseError as exc:
        reader.drain(parser)
        if not table.rows:
            raise SourceDamaged(path=shown, driver=driver, detail=str(exc)) from None
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The file is damaged or cut short ({detail}); the {count} placemarks before the damage were read."),
            detail=str(exc), count=len(table.rows)))
    missing = sum(g is None for g in table.geometries)
    if missing:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} of {total} features have no geometry; they are kept without a position."),
            count=missing, total=len(table.rows)))
    for row in table.rows:
        for column in table.columns:
            row.setdefault(column, None)
    return table, CRS.from_epsg(4326)


class _Reader:
    """Placemarks as they complete, with the names of the folders they sit in (奥维 and
    Google Earth users sort points into folders such as 电力井)."""

    def __init__(self, table: SourceTable):
        self.table = table
        self.open: list[str] = []       # tags of the elements now open
        self.folders: list[str] = []    # names of the open Folder elements ("" until named)

    def drain(self, parser: ET.XMLPullParser) -> None:
        for event, elem in parser.read_events():
            tag = _local(elem.tag)
            if event == "start":
                self.open.append(tag)
                if tag == "Folder":
                    self.folders.append("")
                continue
            self.open.pop() if self.open else None
            if tag == "name" and self.open and self.open[-1] == "Folder" and self.folders:
                self.folders[-1] = (elem.text or "").strip()
            elif tag == "Folder" and self.folders:
                self.folders.pop()
            elif tag == "Placemark":
                self._add(elem)

    def _add(self, elem) -> None:
        row, geom = _placemark(elem)
        path = "/".join(f for f in self.folders if f)
        if path:
            row["folder"] = path
        for key in row:
            if key not in self.table.columns:
                self.table.columns.append(key)
        self.table.rows.append(row)
        self.table.geometries.append(geom)
        elem.clear()  # keep memory flat on big files


def _text(elem) -> str | None:
    if elem is None:
        return None
    return "".join(elem.itertext()).strip()


def _child(elem, name: str):
    for c in elem:
        if _local(c.tag) == name:
            return c
    return None


def _placemark(pm) -> tuple[dict, object]:
    row: dict = {}
    for key in ("name", "description", "address"):
        value = _text(_child(pm, key))
        if value or key == "name":
            row[key] = value or None
    extended = _child(pm, "ExtendedData")
    if extended is not None:
        for item in extended.iter():
            tag = _local(item.tag)
            if tag == "Data" and item.get("name"):
                row[item.get("name")] = _text(_child(item, "value"))
            elif tag == "SimpleData" and item.get("name"):
                row[item.get("name")] = _text(item)
    geoms = [g for c in pm if (g := _geometry(c)) is not None]
    return row, _combine(geoms) if geoms else None


def _coords(elem) -> list[tuple[float, float]]:
    text = _text(elem) if elem is not None else ""
    out = []
    for token in (text or "").split():
        out.extend(_coords_of(token, ","))
    return out


def _coords_of(token: str, separator: str) -> list[tuple[float, float]]:
    """[(x, y)] from "x,y[,z]" (or "x y z" in a gx:coord), [] when it is no place."""
    parts = token.split(separator) if separator != " " else token.split()
    try:
        x, y = float(parts[0]), float(parts[1])
    except (ValueError, IndexError):
        return []
    return [(x, y)] if math.isfinite(x) and math.isfinite(y) else []  # "nan,nan" is no place


def _ring(boundary):
    ring = None if boundary is None else next((e for e in boundary.iter() if _local(e.tag) == "LinearRing"), None)
    coords = _coords(_child(ring, "coordinates")) if ring is not None else []
    return coords if len(coords) >= 3 else None


def _geometry(elem):
    """A shapely geometry for a KML geometry element, or None when it has no usable coordinates."""
    tag = _local(elem.tag)
    if tag == "Point":
        c = _coords(_child(elem, "coordinates"))
        return Point(c[0]) if c else None
    if tag in ("LineString", "LinearRing"):
        c = _coords(_child(elem, "coordinates"))
        if len(c) < 2:
            return None
        return LinearRing(c) if tag == "LinearRing" and len(c) >= 3 else LineString(c)
    if tag == "Polygon":
        outer = _ring(_child(elem, "outerBoundaryIs"))
        if outer is None:
            return None
        inner = [r for b in elem if _local(b.tag) == "innerBoundaryIs" and (r := _ring(b))]
        return Polygon(outer, inner)
    if tag == "Track":
        c = []
        for e in elem:
            if _local(e.tag) == "coord":
                c.extend(_coords_of(_text(e) or "", " "))
        return LineString(c) if len(c) >= 2 else (Point(c[0]) if c else None)
    if tag in _MULTI:
        parts = [g for child in elem if (g := _geometry(child)) is not None]
        return _combine(parts) if parts else None
    return None


def _combine(geoms: list):
    """One geometry: itself, a Multi* when all parts share a type, else a collection."""
    if len(geoms) == 1:
        return geoms[0]
    flat = []
    for g in geoms:
        flat.extend(g.geoms if hasattr(g, "geoms") else [g])
    types = {g.geom_type for g in flat}
    if types == {"Point"}:
        return MultiPoint(flat)
    if types <= {"LineString", "LinearRing"}:
        return MultiLineString([LineString(g.coords) for g in flat])
    if types == {"Polygon"}:
        return MultiPolygon(flat)
    return GeometryCollection(flat)
