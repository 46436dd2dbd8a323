"""KML and KMZ writers for Google Earth and 奥维互动地图: one Folder per kind, a Style per
kind and category (status), Placemark name = code (or name), every field in ExtendedData
with its Chinese title as displayName. Lon/lat in WGS84, or GCJ-02 when asked (奥维 on a
高德 base map).

Written as text rather than through GDAL, whose KML reads back only Name and Description."""
from __future__ import annotations

import zipfile
from pathlib import Path
import re
from xml.sax.saxutils import escape as _escape

from .context import WriteContext, remove_existing, with_extension
from .errors import ExportWriteFailed
from .styles import categories, category_index, rgb, symbology
from .table import ExportLayer
from .target import settings

_CHUNK = 5_000
# XML 1.0 forbids these control characters even escaped; a stray one in a remark would make
# the whole file unreadable
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape(text: str, entities: dict | None = None) -> str:
    return _escape(_NOT_XML.sub("", text), entities or {})
_NAME_FIELDS = ("code", "name")


def write_kml(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    path = with_extension(out_path, "kml")
    remove_existing(path)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            _write_document(f.write, layers, ctx, path.stem)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


def write_kmz(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    """A KMZ is a zip whose first entry is doc.kml."""
    path = with_extension(out_path, "kmz")
    remove_existing(path)
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open("doc.kml", "w") as raw:
                _write_document(lambda text: raw.write(text.encode("utf-8")), layers, ctx, path.stem)
    except OSError as exc:
        remove_existing(path)
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


def kml_colour(colour: str, alpha: int = 255) -> str:
    """KML colours are aabbggrr."""
    r, g, b = rgb(colour)
    return f"{alpha:02x}{b:02x}{g:02x}{r:02x}"


def _write_document(write, layers: list[ExportLayer], ctx: WriteContext, title: str) -> None:
    opts = settings()["kml"]
    icon = symbology()["kml"]["icon"]
    write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n')
    write(f"<name>{escape(title)}</name>\n")
    if ctx.target.is_gcj02:
        write("<description>GCJ-02</description>\n")
    styled = []
    for layer in layers:
        cats = categories(layer)
        for cat in cats:
            write(f'<Style id="{escape(layer.name)}_{cat.key}"><IconStyle><color>{kml_colour(cat.colour)}</color>'
                  f'<scale>{opts["icon_scale"]}</scale><Icon><href>{escape(icon)}</href></Icon></IconStyle>'
                  f'<LabelStyle><scale>{opts["label_scale"]}</scale></LabelStyle></Style>\n')
        styled.append(cats)
    for layer, cats in zip(layers, styled):
        _write_folder(write, layer, cats, ctx)
    write("</Document>\n</kml>\n")


def _write_folder(write, layer: ExportLayer, cats, ctx: WriteContext) -> None:
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    values = layer.columns()
    label_field = next((n for n in _NAME_FIELDS if n in values), None)
    fields = [(f, escape(f.name, {'"': "&quot;"}), escape(f.title or f.name)) for f in layer.fields]
    which = category_index(layer, cats)
    write(f"<Folder><name>{escape(layer.title or layer.name)}</name>\n")
    xs, ys = x.tolist(), y.tolist()
    n = len(layer)
    for start in range(0, n, _CHUNK):
        parts = []
        for i in range(start, min(start + _CHUNK, n)):
            label = values[label_field][i] if label_field else None
            if label is None and label_field == "code" and "name" in values:
                label = values["name"][i]
            data = "".join(f'<Data name="{name}"><displayName>{title}</displayName>'
                           f'<value>{_text(values[f.name][i], f.type)}</value></Data>'
                           for f, name, title in fields)
            px, py = xs[i], ys[i]
            point = (f"<Point><coordinates>{px:.{digits}f},{py:.{digits}f}</coordinates></Point>"
                     if px == px and py == py else "")
            parts.append(f"<Placemark><name>{escape('' if label is None else str(label))}</name>"
                         f"<styleUrl>#{escape(layer.name)}_{cats[which[i]].key}</styleUrl>"
                         f"<ExtendedData>{data}</ExtendedData>{point}</Placemark>\n")
        write("".join(parts))
        ctx.advance(len(parts), layer.title)
    write("</Folder>\n")


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date":
        return value.isoformat()
    if kind == "boolean":
        return "是" if value else "否"
    return escape(str(value))
