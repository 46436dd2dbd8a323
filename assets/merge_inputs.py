"""From the registry to the merge planner's inputs: poles with their devices, boxes with
their compartments, and the barriers (road centre lines, river banks) nothing moves across.

Everything is read in a few vectorised queries (``reg.points`` per kind, one query for
all mounts), never one query per asset: a county has tens of thousands of poles.

Examples
--------
>>> from assets.demo_town import build_demo
>>> reg = build_demo("/tmp/doc_inputs.gpkg", "small", seed=3, overwrite=True)
>>> data = pole_inputs(reg)
>>> len(data.poles) == reg.count("poles") and len(data.barriers) > 0
True
>>> reg.close()
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from .errors import XiuCityError
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP
from .kinds import kind
from .merge_planner import Barrier, Box, Compartment, Device, Pole
from .schema import MOUNTS

# Ownership states that count as settled for merging (已确权, 已移交).
CONFIRMED_STATES = frozenset({"confirmed", "transferred"})
# Assets in these states are not on the street any more and are never planned.
GONE_STATES = ("removed", "missing")

_POLE_COLUMNS = ("uuid", "code", "subtype", "structure", "height_m", "road", "ownership", "owner_code",
                 "status", "subdistrict_code")
_BOX_COLUMNS = ("uuid", "code", "subtype", "powered", "road", "ownership", "owner_code", "status",
                "subdistrict_code", "compartments")


class UnknownArea(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Area {area} is neither a subdistrict code, a WKT polygon, a polygon file nor asset codes.")


class EmptyArea(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "No {kind} lie in the chosen area {area}.")


@dataclass
class Area:
    """Where to plan: a polygon (working CRS) and/or a set of asset codes. ``label`` is
    what the user gave, for messages and the stored plan."""

    label: str
    polygon: object | None = None
    codes: frozenset | None = None

    def mask(self, x: np.ndarray, y: np.ndarray, codes: np.ndarray) -> np.ndarray:
        keep = np.ones(len(x), dtype=bool)
        if self.polygon is not None:
            keep &= shapely.contains_xy(self.polygon, x, y)
        if self.codes is not None:
            keep &= np.isin(codes.astype(str), list(self.codes))
        return keep

    def to_dict(self) -> dict:
        return {"label": self.label,
                "polygon": None if self.polygon is None else shapely.to_wkt(self.polygon, rounding_precision=3),
                "codes": None if self.codes is None else sorted(self.codes)}


def subdistrict_polygon(reg, code: str):
    """The polygon of a subdistrict (by code or name) from the reference layer, or None."""
    text = str(code).strip()
    shapes = [g for g, a in reg.reference("subdistricts") if text in (str(a.get("code")), str(a.get("name")))]
    return shapely.union_all(shapes) if shapes else None


def read_polygon(text: str):
    """A polygon from WKT, GeoJSON text, or a file holding either; None if it is none of these."""
    text = str(text).strip()
    path = Path(text)
    if len(text) < 1000 and "(" not in text and "{" not in text and path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig").strip()
        except (OSError, UnicodeDecodeError):
            return None
    try:
        if text.startswith("{"):
            import json
            data = json.loads(text)
            if data.get("type") == "FeatureCollection":
                geoms = [shapely.geometry.shape(f["geometry"]) for f in data.get("features", []) if f.get("geometry")]
                geom = shapely.union_all(geoms) if geoms else None
            elif data.get("type") == "Feature":
                geom = shapely.geometry.shape(data["geometry"])
            else:
                geom = shapely.geometry.shape(data)
        else:
            geom = shapely.from_wkt(text)
    except Exception:  # shapely raises several kinds for bad text; all mean "not a polygon"
        return None
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return geom if geom.is_valid else shapely.make_valid(geom)


def resolve_area(reg, area) -> Area | None:
    """``area`` as given by a user: None (everything), an :class:`Area`, a shapely polygon,
    a subdistrict code or name, WKT or GeoJSON text or a file of it, or a list of asset codes
    (also as one comma-separated string)."""
    if area is None or isinstance(area, Area):
        return area
    if hasattr(area, "geom_type"):
        return Area("polygon", polygon=area)
    if isinstance(area, (list, tuple, set, frozenset)):
        codes = frozenset(str(c).strip() for c in area if str(c).strip())
        if not codes:
            raise UnknownArea(area="[]")
        return Area(",".join(sorted(codes))[:60], codes=codes)
    text = str(area).strip()
    polygon = subdistrict_polygon(reg, text) if text else None
    if polygon is not None:
        return Area(text, polygon=polygon)
    polygon = read_polygon(text) if text else None
    if polygon is not None:
        return Area(Path(text).name if Path(text).is_file() else "polygon", polygon=polygon)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts and all(p.isdigit() and len(p) >= 16 for p in parts):
        return Area(text[:60], codes=frozenset(parts))
    raise UnknownArea(area=text[:80] or "''")


def _read(reg, kind_name: str, columns, area: Area | None) -> dict:
    data = reg.points(kind_name, where=[{"field": "status", "op": "not in", "value": list(GONE_STATES)}],
                      columns=columns)
    if area is not None:
        keep = area.mask(data["x"], data["y"], data["code"])
        data = {k: v[keep] for k, v in data.items()}
    return data


def _mounts(reg, host_kind: str, hosts: set) -> list[tuple]:
    """(uuid, host_uuid, device_type, owner_code, band, compartment) of every mount on ``hosts``."""
    rows = reg.conn.execute(
        f"SELECT uuid, host_uuid, device_type, owner_code, band, compartment FROM {q(MOUNTS)} "
        "WHERE host_kind = ? ORDER BY id", (host_kind,)).fetchall()
    return [r for r in rows if r[1] in hosts]


def barriers(reg, bbox=None, margin: float = 100.0) -> list[Barrier]:
    """Road centre lines and river outlines as planner barriers (within ``bbox`` widened
    by ``margin`` when given: barriers far from the area cannot matter)."""
    window = None if bbox is None else shapely.box(bbox[0] - margin, bbox[1] - margin,
                                                   bbox[2] + margin, bbox[3] + margin)
    lines = []
    for layer in ("roads", "rivers"):
        for geom, attrs in reg.reference(layer):
            if geom is None or geom.is_empty:
                continue
            if window is not None and not geom.intersects(window):
                continue
            outline = geom.boundary if layer == "rivers" else geom
            for part in shapely.get_parts(shapely.line_merge(outline) if outline.geom_type == "MultiLineString"
                                          else outline):
                if part.geom_type == "LinearRing":
                    part = shapely.LineString(part.coords)
                if part.geom_type == "LineString" and len(part.coords) >= 2:
                    road = layer == "roads"
                    lines.append(Barrier(np.asarray(part.coords, dtype=float)[:, :2],
                                         road_class=(attrs.get("road_class") or None) if road else None,
                                         name=(attrs.get("name") or None) if road else None))
    return lines


@dataclass
class PoleInputs:
    """What :func:`assets.merge_planner.plan_poles` needs, plus what the registry knows
    about each pole and device (``info`` by planner pole id = identifier, with ``uuid``;
    ``mounts`` by mount uuid, which is also the device id)."""

    poles: list[Pole]
    devices: list[Device]
    barriers: list[Barrier]
    info: dict = field(default_factory=dict)
    mounts: dict = field(default_factory=dict)
    area: Area | None = None


@dataclass
class BoxInputs:
    boxes: list[Box]
    compartments: list[Compartment]
    barriers: list[Barrier]
    info: dict = field(default_factory=dict)
    mounts: dict = field(default_factory=dict)
    area: Area | None = None


def _height(value) -> float | None:
    try:
        h = float(value)
    except (TypeError, ValueError):
        return None
    return h if np.isfinite(h) else None


def _bbox(data: dict):
    if not len(data["x"]):
        return None
    return (float(data["x"].min()), float(data["y"].min()), float(data["x"].max()), float(data["y"].max()))


def pole_inputs(reg, area=None) -> PoleInputs:
    """The registry's poles (not removed or missing) in ``area`` with their mounts as
    devices, and the barriers around them. See :func:`resolve_area` for ``area``."""
    area = resolve_area(reg, area)
    data = _read(reg, "poles", _POLE_COLUMNS, area)
    if area is not None and not len(data["x"]):
        raise EmptyArea(kind=kind("poles").title(), area=area.label)
    cols = {c: data[c].tolist() for c in _POLE_COLUMNS}
    xs, ys = data["x"].tolist(), data["y"].tolist()
    # Planner ids are the identifiers (标识码): unique, readable, and allocated in survey
    # order, which keeps neighbours close in the planner's id-sorted arrays (random UUID
    # order made planning 100k poles about 1.5x slower).
    poles, info, by_uuid = [], {}, {}
    for i, uuid in enumerate(cols["uuid"]):
        pid = cols["code"][i]
        confirmed = cols["ownership"][i] in CONFIRMED_STATES
        poles.append(Pole(pid, xs[i], ys[i], cols["subtype"][i], cols["structure"][i] or "ordinary",
                          _height(cols["height_m"][i]), cols["road"][i], confirmed, cols["owner_code"][i]))
        info[pid] = {c: cols[c][i] for c in _POLE_COLUMNS} | {"x": xs[i], "y": ys[i]}
        by_uuid[uuid] = pid
    devices, mounts = [], {}
    for uuid, host, device_type, owner, band, _comp in _mounts(reg, "poles", set(by_uuid)):
        devices.append(Device(uuid, device_type or "other", owner, by_uuid[host]))
        mounts[uuid] = {"host_uuid": host, "device_type": device_type, "owner_code": owner, "band": band}
    return PoleInputs(poles, devices, barriers(reg, _bbox(data)), info, mounts, area)


def _powered(value, subtype: str, subtypes) -> bool:
    """The recorded 有源 flag, else the subtype's (boxes.toml says which subtypes are powered)."""
    if value is not None:
        return bool(value)
    entry = subtypes.get(subtype)
    return bool(entry.extra.get("powered", False)) if entry is not None else False


def box_inputs(reg, area=None) -> BoxInputs:
    """The registry's boxes in ``area`` with their compartments (mounts), and barriers."""
    area = resolve_area(reg, area)
    data = _read(reg, "boxes", _BOX_COLUMNS, area)
    if area is not None and not len(data["x"]):
        raise EmptyArea(kind=kind("boxes").title(), area=area.label)
    cols = {c: data[c].tolist() for c in _BOX_COLUMNS}
    xs, ys = data["x"].tolist(), data["y"].tolist()
    subtypes = kind("boxes").subtypes
    boxes, info = [], {}
    for i, uuid in enumerate(cols["uuid"]):
        powered = _powered(cols["powered"][i], cols["subtype"][i], subtypes)
        boxes.append(Box(uuid, xs[i], ys[i], cols["subtype"][i], powered, cols["owner_code"][i],
                         cols["ownership"][i] in CONFIRMED_STATES))
        info[uuid] = {c: cols[c][i] for c in _BOX_COLUMNS} | {"x": xs[i], "y": ys[i], "powered": powered}
    compartments, mounts = [], {}
    for uuid, host, device_type, owner, _band, comp in _mounts(reg, "boxes", set(info)):
        compartments.append(Compartment(uuid, device_type or "other", owner, host))
        mounts[uuid] = {"host_uuid": host, "device_type": device_type, "owner_code": owner, "compartment": comp}
    return BoxInputs(boxes, compartments, barriers(reg, _bbox(data)), info, mounts, area)
