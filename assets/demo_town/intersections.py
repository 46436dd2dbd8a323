"""What crowds at intersections: signal, sign, camera and name-plate poles, and the
cabinets that feed them. This crowding is what pole-merge planning later removes."""
from __future__ import annotations

import numpy as np

from .collector import Collector
from .layout import Road, Town


def _pole(c: Collector, x, y, subtype, road, owner, device, band, height, rng, abandoned_p=0.0):
    abandoned = bool(rng.random() < abandoned_p)
    c.add("poles", x, y, subtype=subtype, road=road, owner_code=owner, maintainer_code=owner, dept_code="ZJJ",
          material="steel", structure="ordinary", side="corner", height_m=round(float(height), 1),
          abandoned=abandoned, status="abandoned" if abandoned else "intact",
          mounts=None if abandoned else [{"device_type": device, "owner_code": owner, "band": band}])


def _box(c: Collector, x, y, subtype, road, owner, device, powered, rng):
    w, d, h = rng.choice([(600, 400, 1200), (800, 500, 1500), (1000, 600, 1800)])
    c.add("boxes", x, y, subtype=subtype, road=road, owner_code=owner, maintainer_code=owner, dept_code="ZJJ",
          powered=powered, width_mm=int(w), depth_mm=int(d), height_mm=int(h), compartments=1, side="corner",
          accuracy="B", mounts=[{"device_type": device, "owner_code": owner, "compartment": 1}])


def crossing(c: Collector, town: Town, h: Road, v: Road, cfg: dict, rng) -> None:
    xc, yc = v.position, h.position
    if town.in_river(np.array([xc]), np.array([yc])).any():
        return
    ic = cfg["intersection"]
    abandoned_p = cfg["defects"]["abandoned_pole"]
    signalised = h.road_class != "branch" and v.road_class != "branch"
    lo = lambda key: int(rng.integers(ic[key][0], ic[key][1] + 1))  # noqa: E731
    for qx in (-1, 1):
        for qy in (-1, 1):
            cx, cy = xc + qx * (v.width / 2 + 2), yc + qy * (h.width / 2 + 2)
            road = h.name if rng.random() < 0.5 else v.name
            if signalised:
                for _ in range(lo("signal_poles")):
                    _pole(c, cx + rng.uniform(-1, 1), cy + rng.uniform(-1, 1), "0210", road, "GAJ",
                          "vehicle_signal", "upper", rng.uniform(6.5, 8), rng)
                    c.add("poles", cx + qx * rng.uniform(2, 4), cy + qy * rng.uniform(2, 4), subtype="0210",
                          road=road, owner_code="GAJ", maintainer_code="GAJ", dept_code="ZJJ", material="steel",
                          structure="ordinary", side="corner", height_m=3.5,
                          mounts=[{"device_type": "ped_signal", "owner_code": "GAJ", "band": "lower"}])
                for _ in range(lo("sign_poles")):
                    d = rng.uniform(15, 60)
                    _pole(c, xc + qx * d, cy, "0209", h.name, "GAJ", "traffic_sign", "middle",
                          rng.uniform(3, 4.5), rng, abandoned_p)
                for _ in range(lo("cameras")):
                    d = rng.uniform(5, 20)
                    _pole(c, cx + qx * d * 0.3, cy + qy * d, "0136", v.name, "GAJ", "camera", "top",
                          rng.uniform(6, 8), rng, abandoned_p)
                for _ in range(lo("road_name_plates")):
                    _pole(c, cx + qx, cy + qy, "0213", road, "MZJ", "road_name_plate", "lower", 3.0, rng)
            else:
                if rng.random() < 0.5:
                    _pole(c, cx + qx, cy + qy, "0213", road, "MZJ", "road_name_plate", "lower", 3.0, rng)
    if signalised:
        q = rng.choice([-1, 1], 2)
        if h.road_class == "main" and rng.random() < ic["guidance_screen_probability"]:
            _pole(c, xc - q[0] * rng.uniform(60, 90), yc + q[1] * (h.width / 2 + 2), "0215", h.name, "GAJ",
                  "guidance_screen", "middle", 7.0, rng)
        if rng.random() < ic["place_name_probability"]:
            _pole(c, xc + q[0] * (v.width / 2 + 4), yc - q[1] * (h.width / 2 + 4), "0702", h.name, "MZJ",
                  "place_name_plate", "lower", 3.5, rng)
        if rng.random() < ic["micro_cell_probability"]:
            c.add("poles", xc - q[0] * (v.width / 2 + 3), yc - q[1] * rng.uniform(20, 40), subtype="0703",
                  road=v.name, owner_code="TTGS", maintainer_code="TTGS", dept_code="ZJJ", material="steel",
                  structure="ordinary", side="corner", height_m=round(float(rng.uniform(8, 12)), 1),
                  mounts=[{"device_type": "micro_cell", "owner_code": str(rng.choice(["YDGS", "LTGS", "DXGS"])),
                           "band": "top"}])
        _boxes(c, xc, yc, h, v, cfg, rng)
    else:
        for _ in range(int(rng.integers(ic["branch_sign_poles"][0], ic["branch_sign_poles"][1] + 1))):
            qx, qy = rng.choice([-1, 1], 2)
            _pole(c, xc + qx * rng.uniform(15, 40), yc + qy * (h.width / 2 + 1.5), "0209", h.name, "GAJ",
                  "traffic_sign", "middle", 3.2, rng, abandoned_p)


def _boxes(c: Collector, xc, yc, h: Road, v: Road, cfg: dict, rng) -> None:
    ic = cfg["intersection"]

    def spot():
        qx, qy = rng.choice([-1, 1], 2)
        along = rng.uniform(8, 25)
        if rng.random() < 0.5:
            return xc + qx * along, yc + qy * (h.width / 2 + 1.5)
        return xc + qx * (v.width / 2 + 1.5), yc + qy * along

    _box(c, *spot(), "0214", h.name, "GAJ", "signal_controller", True, rng)
    for _ in range(int(rng.integers(ic["power_boxes"][0], ic["power_boxes"][1] + 1))):
        _box(c, *spot(), "0116", h.name, "GDGS", "power_equipment", True, rng)
    for _ in range(int(rng.integers(ic["telecom_boxes"][0], ic["telecom_boxes"][1] + 1))):
        _box(c, *spot(), "0115", v.name, str(rng.choice(["LTGS", "YDGS", "DXGS"])), "telecom_equipment", False, rng)
    if rng.random() < ic["camera_box_probability"]:
        _box(c, *spot(), "0712", v.name, "GAJ", "camera_equipment", True, rng)


def roadside_boxes(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    """Street-light control boxes on main roads, power and telecom cabinets between crossings."""
    if road.road_class == "branch":
        return
    every = cfg["spacing"]["roadside_box_every_m"]
    for s in np.arange(rng.uniform(0, every), road.length, every):
        side = rng.choice([-1, 1])
        x, y = road.point(np.array([s]), side * (road.width / 2 + 1.5))
        if town.in_river(x, y).any():
            continue
        if rng.random() < 0.5:
            _box(c, x, y, "0116", road.name, "GDGS", "power_equipment", True, rng)
        else:
            _box(c, x, y, "0115", road.name, str(rng.choice(["LTGS", "YDGS", "DXGS"])), "telecom_equipment",
                 False, rng)
    if road.road_class != "main":
        return
    every = cfg["spacing"]["light_box_every_m"]
    for s in np.arange(rng.uniform(0, every), road.length, every):
        x, y = road.point(np.array([s]), road.width / 2 + 1.5)
        if town.in_river(x, y).any():
            continue
        _box(c, x, y, "0711", road.name, "FWZX", "light_controller", True, rng)
