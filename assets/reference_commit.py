"""Replacing a reference layer (roads, subdistricts, communities, grids, rivers) as one
undoable command that also stores its import report, so the layer and the record of
where it came from change together or not at all."""
from __future__ import annotations

from dataclasses import dataclass, field

import shapely

from . import geopackage as gpkg
from .commands import Command
from .geopackage import q
from .import_report import ImportReport, store
from .schema import REFERENCE_LAYERS
from .store import Transaction, now_iso


def _rows(layer: str, features, srs_id: int) -> list[tuple]:
    geom_type, cols, _ = REFERENCE_LAYERS[layer]
    rows = []
    for geom, attrs in features:
        if geom_type.startswith("MULTI") and geom.geom_type == "Polygon":
            geom = shapely.multipolygons([geom])
        rows.append((gpkg.encode_geometry(geom, srs_id), *(attrs.get(n) for n in cols)))
    return rows


@dataclass
class ReplaceReference(Command):
    layer: str
    features: list                      # (shapely geometry, attributes) in the registry's CRS
    report: ImportReport | None = None
    previous: list = field(default_factory=list)
    label = "set_reference"

    def apply(self, tx: Transaction) -> None:
        names = list(REFERENCE_LAYERS[self.layer][1])
        table = q(self.layer)
        old = tx.conn.execute(f"SELECT geom, {', '.join(q(n) for n in names)} FROM {table} ORDER BY fid").fetchall()
        self.previous = [(gpkg.decode_geometry(r[0]), dict(zip(names, r[1:]))) for r in old]
        tx.conn.execute(f"DELETE FROM {table}")
        tx.conn.executemany(f"INSERT INTO {table} (geom, {', '.join(q(n) for n in names)}) "
                            f"VALUES (?{', ?' * len(names)})", _rows(self.layer, self.features, tx.srs_id))
        tx.touched.add(self.layer)
        tx.record(self.label, self.layer, None, None, {"count": len(self.previous)},
                  {"count": len(self.features), "replace": True})
        if self.report is not None:
            self.report.at, self.report.who, self.report.stored = now_iso(), tx.who, True
            store(tx.conn, self.report)

    def inverse(self) -> Command:
        return ReplaceReference(self.layer, self.previous)
