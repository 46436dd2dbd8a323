"""Reference layers from delivered files: road centre lines, subdistrict, community and
grid boundaries replace the registry's layer of that name, with name/code/class taken
from the usual Chinese and English headers (``resources/import/staging.toml``) and the
geometries brought into the registry's CRS (GCJ-02 included)."""
from __future__ import annotations

import uuid as uuidlib

import numpy as np
import shapely

from assets import import_findings as F
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.import_report import ImportReport, count_skipped
from assets.progress import ensure
from assets.reference_commit import ReplaceReference
from assets.schema import REFERENCE_LAYERS

from .importer import EmptySource, UnknownSourceCRS, crs_label, to_registry_crs
from .sources import read_source
from .sources.table import normalise_header

REFERENCE_KINDS = tuple(REFERENCE_LAYERS)

_LINES = ("LineString", "MultiLineString")
_POLYGONS = ("Polygon", "MultiPolygon")


class AllOutside(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "None of the {count} features of {path} lie within the registry's area; nothing was replaced. Check the coordinate system (--crs, e.g. gcj02) or use --allow-outside.")  # noqa: E501


class NoUsableFeatures(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} has no feature usable as {layer}; nothing was replaced. {summary}")


def reference_mapping(columns: list[str], layer: str) -> dict[str, str]:
    """``{source column: registry column}`` for a reference layer; the layer's own
    synonyms first (街道代码 is a subdistrict's code but a community's parent)."""
    spec = F.settings()["reference_columns"]
    own, common = spec.get(layer, {}), spec["common"]
    wanted = list(REFERENCE_LAYERS[layer][1])
    norm = {c: normalise_header(c) for c in columns}
    mapping: dict[str, str] = {}
    for table in (own, common):
        for target in wanted:
            if target in mapping.values():
                continue
            for synonym in table.get(target, []):
                hit = next((c for c in columns if norm[c] == normalise_header(synonym) and c not in mapping), None)
                if hit:
                    mapping[hit] = target
                    break
    return mapping


def _to_registry(geometries: np.ndarray, src, dst) -> np.ndarray:
    def move(coords):
        x, y = to_registry_crs(coords[:, 0], coords[:, 1], src, dst)
        return np.column_stack([x, y])
    with np.errstate(all="ignore"):
        return shapely.transform(geometries, move)


def _parts(geom, expected: tuple[str, ...]):
    """Road centre lines are single lines in the registry: a multi-line gives its parts."""
    if expected == _LINES and geom.geom_type == "MultiLineString":
        return list(geom.geoms)
    if expected == _POLYGONS and not geom.is_valid:
        geom = shapely.make_valid(geom)
        if geom.geom_type == "GeometryCollection":
            geom = shapely.union_all([g for g in geom.geoms if g.geom_type in _POLYGONS])
    return [geom]


def import_reference(registry, path, layer_name: str, *, layer: str | None = None, crs=None,
                     encoding: str | None = None, allow_outside: bool = False, dry_run: bool = False,
                     progress=None) -> ImportReport:
    """Replace the registry's reference layer ``layer_name`` with the features of ``path``.
    One transaction, with the report; nothing is written on ``dry_run`` or on any error."""
    progress = ensure(progress)
    table = read_source(path, layer=layer, encoding=encoding, crs=crs, progress=progress)
    if not len(table):
        raise EmptySource(path=table.path)
    if table.crs is None:
        raise UnknownSourceCRS(path=table.path)
    expected = _LINES if REFERENCE_LAYERS[layer_name][0].endswith("LINESTRING") else _POLYGONS
    mapping = reference_mapping(table.columns, layer_name)
    present = [i for i, g in enumerate(table.geometries) if g is not None and not g.is_empty]
    moved = _to_registry(np.array([table.geometries[i] for i in present], dtype=object), table.crs, registry.crs)
    area = registry.area()
    findings, features, taken, outside = [], [], set(), 0
    limit = F.settings()["max_abs_coordinate"]
    geometry_of = dict(zip(present, moved))
    for i, row in enumerate(table.rows):
        number = i + 1
        geom = geometry_of.get(i)
        if geom is None:
            findings.append(F.finding(number, F.NO_POSITION))
            continue
        if geom.geom_type not in expected:
            findings.append(F.finding(number, F.WRONG_GEOMETRY, geometry=geom.geom_type, expected=expected[0]))
            continue
        coords = shapely.get_coordinates(geom)
        if not (np.isfinite(coords).all() and (np.abs(coords) < limit).all()):
            x, y = shapely.get_coordinates(shapely.centroid(geom))[0] if np.isfinite(coords).all() else (np.nan,) * 2
            findings.append(F.finding(number, F.BAD_POSITION, x=f"{x:g}", y=f"{y:g}"))
            continue
        if area is not None and not area.intersects(geom):
            outside += 1
            point = shapely.get_coordinates(geom.representative_point())[0]
            findings.append(F.finding(number, F.OUTSIDE_AREA, blocking=not allow_outside,
                                      x=float(point[0]), y=float(point[1])))
            if not allow_outside:
                continue
        attrs = {target: row.get(source) for source, target in mapping.items()}
        if "width_m" in attrs:
            try:
                attrs["width_m"] = float(attrs["width_m"]) if attrs["width_m"] not in (None, "") else None
            except (TypeError, ValueError):
                attrs["width_m"] = None
        for column in ("code", "subdistrict_code", "community_code", "name", "road_class"):
            if attrs.get(column) is not None:
                attrs[column] = str(attrs[column]).strip()
        features.extend((part, attrs) for part in _parts(geom, expected))
        taken.add(number)
    rows = list(range(1, len(table.rows) + 1))
    report = ImportReport(report_id=str(uuidlib.uuid4()), source=str(table.path), layer=table.layer,
                          kinds=[layer_name], crs=crs_label(table.crs), read=len(rows),
                          imported=len(taken), skipped=count_skipped(findings, taken, rows),
                          findings=[f.to_dict() for f in findings], warnings=table.warnings, dry_run=dry_run)
    if not features:
        if outside and outside == sum(1 for g in geometry_of.values() if g.geom_type in expected):
            raise AllOutside(count=len(rows), path=table.path)
        raise NoUsableFeatures(path=table.path, layer=layer_name, summary=report.summary())
    if not dry_run:
        registry.execute(ReplaceReference(layer_name, features, report))
    return report
