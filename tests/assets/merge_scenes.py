"""Registries for merge-plan tests: the county demo town once per module, and small
hand-built streets whose plan is known. Shared by tests/assets, tests/layers, tests/desktop."""
from __future__ import annotations

import shapely

from assets.commands import Composite

OX, OY = 523800.0, 4461760.0   # a point in the county town, EPSG:4550


def confirm(reg, uuids, kind=None) -> None:
    """Ownership confirmed for these assets by a direct edit (as the bureau's approval would)."""
    commands = [c for c in (reg.edit_command(u, {"ownership": "confirmed"}, action="ownership", allow_system=True)
                            for u in sorted(uuids)) if c.after]
    if commands:
        reg.execute(Composite(commands, "confirm"), undoable=False)


def involved(groups) -> set[str]:
    out = set()
    for g in groups:
        if g["host_uuid"]:
            out.add(g["host_uuid"])
        out.update(r["uuid"] for r in g["removed"])
        out.update(m["from"] for m in g["moves"])
    return out


def signalised_intersections(reg, radius: float = 45.0):
    """The areas around every crossing of two main/secondary roads (where signals stand)."""
    roads = [g for g, a in reg.reference("roads") if a["road_class"] != "branch"]
    points = []
    for i, a in enumerate(roads):
        for b in roads[i + 1:]:
            points += [p for p in shapely.get_parts(a.intersection(b)) if p.geom_type == "Point"]
    return shapely.union_all([p.buffer(radius) for p in points])


def snapshot(reg) -> tuple:
    """What apply must change and revert must restore: counts, every pole's and box's
    state, every mount's host and place, mounts per host."""
    conn = reg.conn
    return (
        reg.counts(),
        conn.execute("SELECT host_uuid, count(*) FROM mounts GROUP BY 1 ORDER BY 1").fetchall(),
        conn.execute("SELECT uuid, code, status, subtype, structure, height_m, change_ref, ownership, "
                     "hex(geom) FROM poles ORDER BY uuid").fetchall(),
        conn.execute("SELECT uuid, code, status, subtype, compartments, change_ref FROM boxes ORDER BY uuid").fetchall(),
        conn.execute("SELECT uuid, host_uuid, host_kind, device_type, owner_code, band, compartment FROM mounts "
                     "ORDER BY uuid").fetchall(),
    )


def street(reg, *, middle_capacity=None):
    """A road along y = OY (a barrier) with poles on both sides. Returns codes by name.

    North: L1 street light at (0, 5) with sign pole S1 4 m away; sign pole K at (30, 5);
    street light L2 at (100, 5) with sign pole S2 at (103, 5). South: camera pole C at
    (0, -5) and street light L3 at (3, -5)."""
    reg.set_reference("roads", [(shapely.LineString([(OX - 300, OY), (OX + 300, OY)]),
                                 {"name": "胜利街", "road_class": "secondary", "width_m": 10.0})])
    spec = {"L1": (0, 5, "0118", "street_light", "FWZX"), "S1": (4, 5, "0209", "traffic_sign", "GAJ"),
            "K": (30, 5, "0209", "traffic_sign", "GAJ"), "L2": (100, 5, "0118", "street_light", "FWZX"),
            "S2": (103, 5, "0209", "traffic_sign", "GAJ"), "C": (0, -5, "0136", "camera", "GAJ"),
            "L3": (3, -5, "0118", "street_light", "FWZX")}
    codes = {}
    for name, (x, y, subtype, device, owner) in spec.items():
        band = {"street_light": "top", "traffic_sign": "middle", "camera": "top"}[device]
        asset = reg.add("poles", {"subtype": subtype, "owner_code": owner, "road": "胜利街", "height_m": 6.0},
                        OX + x, OY + y, mounts=[{"device_type": device, "owner_code": owner, "band": band}])
        codes[name] = asset
    return codes


def new_pole_street(reg):
    """Two cameras 28 m apart and a sign pole: only a new integrated pole at (14, 0) covers all three."""
    out = {}
    for name, (x, y, subtype, device) in {"C1": (0, 0, "0136", "camera"), "C2": (28, 0, "0136", "camera"),
                                          "S1": (14, 14, "0209", "traffic_sign")}.items():
        out[name] = reg.add("poles", {"subtype": subtype, "owner_code": "GAJ", "road": "建设街"}, OX + x, OY + y,
                            mounts=[{"device_type": device, "owner_code": "GAJ",
                                     "band": "top" if device == "camera" else "middle"}])
    return out
