"""Synthetic streets for merge-planner tests and benchmarks (seeded, deterministic).

A grid town: road centre lines are barriers; each intersection corner has a cluster of
poles (signal, sign, camera, road-name plate, street light) a few metres apart, as in
Shanghai's "27 poles per intersection"; street lights line both sides of each road every
30 m, with some sign poles, overhead-line poles (never merged) and a mast now and then.
"""
from __future__ import annotations

import numpy as np

from assets.merge_planner import Barrier, Device, Pole

OWNERS = {
    "street_light": "县城乡建设事务服务中心", "vehicle_signal": "县公安局交警", "ped_signal": "县公安局交警",
    "traffic_sign": "县公安局交警", "camera": "县公安局", "road_name_plate": "县民政局",
    "micro_cell": "县铁塔公司", "guidance_screen": "县交通运输局", "other": "县联通公司",
}
CORNER_KIT = [("0210", ["vehicle_signal"]), ("0210", ["ped_signal"]), ("0209", ["traffic_sign"]),
              ("0136", ["camera"]), ("0213", ["road_name_plate"]), ("0118", ["street_light"]),
              ("0209", ["traffic_sign", "traffic_sign"]), ("0703", ["micro_cell"])]


def town(n_poles: int, seed: int = 7, block: float = 150.0, spacing: float = 30.0,
         unconfirmed: float = 0.0):
    """About ``n_poles`` poles; returns (poles, devices, barriers)."""
    rng = np.random.default_rng(seed)
    per_block = 4 * 6 + 2 * 2 * int(block / spacing)  # corner kits + lights on two sides
    k = max(1, int(round(np.sqrt(n_poles / per_block))))
    poles, devices, barriers = [], [], []
    extent = k * block
    for j in range(k + 1):
        barriers.append(Barrier(np.array([[-20.0, j * block], [extent + 20, j * block]])))
        barriers.append(Barrier(np.array([[j * block, -20.0], [j * block, extent + 20]])))

    def add(x, y, subtype, kinds, structure="ordinary", height=8.0):
        pid = f"P{len(poles):07d}"
        poles.append(Pole(pid, float(x), float(y), subtype, structure, height, None,
                          bool(rng.random() >= unconfirmed), owner=OWNERS.get(kinds[0] if kinds else "other")))
        for t in kinds:
            devices.append(Device(f"D{len(devices):07d}", t, OWNERS.get(t, OWNERS["other"]), pid))

    for ix in range(k + 1):
        for iy in range(k + 1):
            cx, cy = ix * block, iy * block
            for sx in (-1, 1):
                for sy in (-1, 1):
                    n_kit = int(rng.integers(3, 9))
                    for subtype, kinds in CORNER_KIT[:n_kit]:
                        dx, dy = rng.uniform(6, 14, 2)
                        add(cx + sx * dx, cy + sy * dy, subtype, kinds)
            if ix < k:  # road along x from this intersection, both sides
                for side in (-1, 1):
                    for x in np.arange(cx + 20, cx + block - 19, spacing):
                        r = rng.random()
                        if r < 0.08:
                            add(x + rng.uniform(-3, 3), cy + side * 9, "0117", ["other"], "overhead_line", 9.0)
                        elif r < 0.10:
                            add(x, cy + side * 12, "0118", ["street_light"], "mast", 20.0)
                        add(x + rng.uniform(-1, 1), cy + side * 7, "0118", ["street_light"])
                        if rng.random() < 0.3:
                            add(x + rng.uniform(5, 12), cy + side * 7.5, "0209", ["traffic_sign"])
            if iy < k:  # road along y
                for side in (-1, 1):
                    for y in np.arange(cy + 20, cy + block - 19, spacing):
                        add(cx + side * 7, y + rng.uniform(-1, 1), "0118", ["street_light"])
                        if rng.random() < 0.3:
                            add(cx + side * 7.5, y + rng.uniform(5, 12), "0209", ["traffic_sign"])
                        if rng.random() < 0.1:
                            add(cx + side * 8, y + rng.uniform(-8, 8), "0136", ["camera"])
    return poles, devices, barriers
