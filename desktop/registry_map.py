"""Puts a registry on the map: one point layer per kind (ids = fids, labels = codes),
the reference layers beneath, the legend beside, and the colouring the user picks."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject

from assets.kinds import KIND_NAMES, kind
from assets.registry import Registry

from .map.legend_labels import category_labels
from .map.legend_model import LegendModel
from .map.map_canvas import MapCanvas

COLOUR_COLUMNS = {"kind": None, "subtype": "subtype", "status": "status", "owner": "owner_code",
                  "ownership": "ownership"}
REFERENCE_ORDER = ("grids", "subdistricts", "rivers", "roads")


def _rings(geom) -> list[list[np.ndarray]]:
    polys = list(geom.geoms) if geom.geom_type.startswith("Multi") else [geom]
    return [[np.asarray(p.exterior.coords), *(np.asarray(i.coords) for i in p.interiors)] for p in polys]


class RegistryMap(QObject):
    def __init__(self, registry: Registry, canvas: MapCanvas, legend: LegendModel, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.canvas = canvas
        self.legend = legend
        self.colouring = "kind"

    def load(self) -> None:
        extent = self.registry.extent()
        if extent:
            self.canvas.set_origin(np.floor(extent[0] / 1000) * 1000, np.floor(extent[1] / 1000) * 1000)
        self.load_reference()
        for name in KIND_NAMES:
            self.load_kind(name)

    def load_reference(self) -> None:
        for z, layer in enumerate(REFERENCE_ORDER):
            features = self.registry.reference(layer)
            if not features:
                continue
            if layer == "grids":
                # thousands of cells: their outlines as one line layer (one path, no fill)
                geoms = [g for g, _ in features]
                coords, index = shapely.get_coordinates(shapely.boundary(geoms), return_index=True)
                cuts = np.flatnonzero(np.diff(index)) + 1
                self.canvas.add_line_layer(layer, np.split(coords, cuts), style="grids", z=-20 + z)
            elif layer == "roads":
                lines, labels = [], []
                for geom, attrs in features:
                    for part in (geom.geoms if geom.geom_type.startswith("Multi") else [geom]):
                        lines.append(np.asarray(part.coords))
                        labels.append(attrs.get("name") or "")
                self.canvas.add_line_layer(layer, lines, labels=labels, z=-10 + z)
            else:
                polygons, labels = [], []
                for geom, attrs in features:
                    for rings in _rings(geom):
                        polygons.append(rings)
                        labels.append(attrs.get("name") or (attrs.get("code") if layer != "grids" else None))
                show = None if layer == "grids" else labels
                style = "river" if layer == "rivers" else layer
                self.canvas.add_polygon_layer(layer, polygons, style=style, labels=show, z=-20 + z)
            self.legend.set_layer(layer, self._reference_title(layer), [])

    def _reference_title(self, layer: str) -> str:
        titles = {"roads": self.tr("Roads"), "rivers": self.tr("Rivers"), "subdistricts": self.tr("Subdistricts"),
                  "grids": self.tr("Unit grids")}
        return titles.get(layer, layer)

    def load_kind(self, name: str) -> None:
        column = COLOUR_COLUMNS[self.colouring]
        pts = self.registry.points(name, columns=(column,)) if column else self.registry.map_points(name)
        ok = np.isfinite(pts["x"]) & np.isfinite(pts["y"])  # assets without a position are not drawn
        if not ok.all():
            pts = {k: v[ok] for k, v in pts.items()}
        values = pts.get(column) if column else np.zeros(len(pts["fid"]))
        categories, styles, codes = self.canvas.symbology.categorise(name, self.colouring, values)
        z = 10 + self.canvas.symbology.kind_z(name)
        item = self.canvas.layer(name)
        visible = item.isVisible() if item is not None else True
        item = self.canvas.add_point_layer(name, pts["x"], pts["y"], categories=categories, ids=pts["fid"],
                                           symbols=styles, z=z)
        item.set_label_source(lambda fids, name=name: self.registry.codes_of(name, fids))
        item.setVisible(visible)
        orgs = {o["code"]: o["name"] for o in self.registry.organisations()}
        labels = category_labels(name, self.colouring, codes, organisations=orgs)
        entries = self.legend.entries_from_layer(item, labels, self.canvas.renderer)
        self.legend.set_layer(name, kind(name).title(), entries, visible=visible)

    def set_colouring(self, colouring: str) -> None:
        self.colouring = colouring
        for name in KIND_NAMES:
            self.load_kind(name)

    def refresh(self, kinds=None) -> None:
        for name in kinds or KIND_NAMES:
            if name in KIND_NAMES:
                self.load_kind(name)

    def set_selection(self, selection: dict[str, list[int]]) -> None:
        for name in KIND_NAMES:
            item = self.canvas.layer(name)
            if item is not None:
                item.set_selection(ids=np.asarray(selection.get(name, []), dtype=np.int64))

    def selection_extent(self, selection: dict[str, list[int]]):
        boxes = []
        for name, fids in selection.items():
            for asset in self.registry.assets_by_fid(name, list(fids)[:5000]):
                boxes.append((asset.x, asset.y))
        if not boxes:
            return None
        xy = np.array(boxes)
        return (*xy.min(axis=0), *xy.max(axis=0))


_ = shapely
