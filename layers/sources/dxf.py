"""DXF drawings from design institutes: block insertions (INSERT) with their attribute
values (ATTRIB) and POINT entities become point rows. A DXF carries no coordinate system,
so the caller's choice or a guess decides it."""
from __future__ import annotations

from pathlib import Path

from shapely.geometry import Point

from assets.progress import check_cancelled, ensure

from .errors import LayerNotFound, SourceDamaged
from .table import QT_TRANSLATE_NOOP, SourceTable, warn

_STEP = 1000


def _load(path: Path, shown: str):
    import ezdxf
    from ezdxf import recover
    try:
        doc, auditor = recover.readfile(str(path))
    except (IOError, OSError, ezdxf.DXFStructureError, ezdxf.DXFError, UnicodeDecodeError, ValueError) as exc:
        raise SourceDamaged(path=shown, driver="DXF", detail=str(exc) or type(exc).__name__) from None
    return doc, auditor


def _entities(doc):
    return [e for e in doc.modelspace() if e.dxftype() in ("INSERT", "POINT")]


def dxf_layers(path: Path) -> list[str]:
    doc, _ = _load(path, str(path))
    return sorted({e.dxf.layer for e in _entities(doc)})


def read_dxf(path: Path, *, layer: str | None = None, shown: str | None = None, progress=None) -> SourceTable:
    progress = ensure(progress)
    shown = shown or str(path)
    doc, auditor = _load(path, shown)
    entities = _entities(doc)
    if layer is not None:
        layers = sorted({e.dxf.layer for e in entities})
        if layer not in layers:
            raise LayerNotFound(path=shown, layer=layer, layers=", ".join(layers))
        entities = [e for e in entities if e.dxf.layer == layer]
    table = SourceTable(path=shown, layer=layer, driver="DXF", columns=["layer", "block"], rows=[],
                        geometries=[], encoding=doc.encoding, encoding_source="dxf")
    if auditor.has_errors:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The drawing had {count} structural errors that were repaired while reading."),
            count=len(auditor.errors)))
    progress.set_total(len(entities))
    for n, e in enumerate(entities, start=1):
        row = {"layer": e.dxf.layer, "block": e.dxf.name if e.dxftype() == "INSERT" else None}
        if e.dxftype() == "INSERT":
            for attrib in e.attribs:
                tag = attrib.dxf.tag
                if tag not in table.columns:
                    table.columns.append(tag)
                row[tag] = attrib.dxf.text
        loc = e.dxf.insert if e.dxftype() == "INSERT" else e.dxf.location
        table.rows.append(row)
        table.geometries.append(Point(loc.x, loc.y))
        if n % _STEP == 0:
            check_cancelled(progress)
            progress.advance(n)
    for row in table.rows:
        for column in table.columns:
            row.setdefault(column, None)
    if not table.rows:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The drawing has no blocks or points to import.")))
    return table
