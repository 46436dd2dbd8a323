"""The demo town's plan: roads on a loose grid, the 大洋河 river, subdistricts,
communities and unit grids. Local coordinates (metres from the town centre)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass
class Road:
    name: str
    road_class: str      # main | secondary | branch
    horizontal: bool     # runs east-west
    position: float      # y of an E-W road, x of a N-S road
    start: float         # extent along the road
    end: float
    width: float

    def point(self, s: np.ndarray, offset) -> tuple[np.ndarray, np.ndarray]:
        """Points at distance ``s`` along the road and ``offset`` to its left (north/west)."""
        s = np.asarray(s, dtype=float)
        if self.horizontal:
            return self.start + s, self.position + np.asarray(offset, dtype=float) + 0 * s
        return self.position - np.asarray(offset, dtype=float) + 0 * s, self.start + s

    @property
    def length(self) -> float:
        return self.end - self.start

    def line(self) -> shapely.LineString:
        if self.horizontal:
            return shapely.LineString([(self.start, self.position), (self.end, self.position)])
        return shapely.LineString([(self.position, self.start), (self.position, self.end)])


@dataclass
class Town:
    width: float
    height: float
    roads: list[Road]
    river: shapely.Polygon
    river_name: str
    cell: float
    # per cell (row j from south, column i from west): subdistrict index, community index, grid number
    cell_subdistrict: np.ndarray
    cell_community: np.ndarray
    cell_number: np.ndarray

    @property
    def xmin(self) -> float:
        return -self.width / 2

    @property
    def ymin(self) -> float:
        return -self.height / 2

    def cell_of(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        ny, nx = self.cell_subdistrict.shape
        i = np.clip(((np.asarray(x) - self.xmin) // self.cell).astype(int), 0, nx - 1)
        j = np.clip(((np.asarray(y) - self.ymin) // self.cell).astype(int), 0, ny - 1)
        return i, j

    def in_river(self, x, y) -> np.ndarray:
        return shapely.contains_xy(self.river, x, y)


def _road_names(names: list[str], centre_name: str, count_each_side: int, extra: list[str], suffix: str):
    """Names for roads at offsets -k..k from the centre road, from the list where it reaches."""
    centre = names.index(centre_name)
    out = {}
    counter = 1
    for k in range(-count_each_side, count_each_side + 1):
        idx = centre + k
        if 0 <= idx < len(names):
            out[k] = names[idx]
        else:
            out[k] = f"{extra[counter % len(extra)]}{(counter // len(extra)) + 1}{suffix}"
            counter += 1
    return out


def _road_class(name: str, k: int, cfg: dict) -> str:
    if name in cfg["main_roads"]:
        return "main"
    if name in cfg["secondary_roads"]:
        return "secondary"
    if name[-1:] in "0123456789" or any(name.startswith(p) for p in cfg["extra_prefixes"]):
        return "main" if k % 4 == 0 else ("secondary" if k % 2 == 0 else "branch")
    return "branch"


def make_town(config: dict, scale: float, rng: np.random.Generator) -> Town:
    t = config["town"]
    width, height = t["width"] * scale, t["height"] * scale
    widths = config["road"]["width"]
    k_ew = int((height / 2) // t["ew_spacing"])
    k_ns = int((width / 2) // t["ns_spacing"])
    ew = _road_names(t["ew_names"], "迎宾路", k_ew, t["extra_prefixes"], "街")
    ns = _road_names(t["ns_names"], "山城路", k_ns, t["extra_prefixes"], "路")
    roads = []
    for k, name in ew.items():
        cls = _road_class(name, k, t)
        y = -k * t["ew_spacing"] + (rng.uniform(-25, 25) if k else 0.0)
        roads.append(Road(name, cls, True, y, -width / 2, width / 2, widths[cls]))
    for k, name in ns.items():
        cls = _road_class(name, k, t)
        x = k * t["ns_spacing"] + (rng.uniform(-25, 25) if k else 0.0)
        roads.append(Road(name, cls, False, x, -height / 2, height / 2, widths[cls]))
    river_cfg = config["river"]
    course = [(-width / 2 + fx * width, -height / 2 + fy * height) for fx, fy in river_cfg["course"]]
    river = shapely.LineString(course).buffer(river_cfg["width"] / 2, cap_style="flat")
    cells = _cells(config, width, height)
    return Town(width, height, roads, river, river_cfg["name"], t["grid_cell"], *cells)


def _cells(config: dict, width: float, height: float):
    cell = config["town"]["grid_cell"]
    nx, ny = max(1, int(np.ceil(width / cell))), max(1, int(np.ceil(height / cell)))
    i, j = np.meshgrid(np.arange(nx), np.arange(ny))
    cx, cy = (i + 0.5) / nx, (j + 0.5) / ny
    # 阜昌 west third; 兴隆 north-east; 雅河 south-east along the river
    sub = np.where(cx < 1 / 3, 0, np.where(cy >= 0.45, 1, 2))
    per = config["subdistricts"]["communities_per_subdistrict"]
    community = np.zeros_like(sub)
    number = np.zeros_like(sub)
    for s in range(3):
        mask = sub == s
        cols = np.unique(i[mask])
        # split the subdistrict's columns into `per` strips
        strip_of_col = {c: min(per - 1, int(r * per / len(cols))) for r, c in enumerate(cols)}
        community[mask] = [strip_of_col[c] for c in i[mask]]
        for c in range(per):
            m = mask & (community == c)
            number[m] = np.arange(1, m.sum() + 1)
    return sub, community, number


def area_features(town: Town, config: dict):
    """Subdistrict, community and grid polygons with their codes, in local coordinates."""
    subs = config["subdistricts"]["entries"]
    names = config["subdistricts"]["community_names"]
    per = config["subdistricts"]["communities_per_subdistrict"]
    ny, nx = town.cell_subdistrict.shape
    boxes = {}
    grids = []
    for j in range(ny):
        for i in range(nx):
            x0, y0 = town.xmin + i * town.cell, town.ymin + j * town.cell
            box = shapely.box(x0, y0, min(x0 + town.cell, -town.xmin), min(y0 + town.cell, -town.ymin))
            s, c, n = town.cell_subdistrict[j, i], town.cell_community[j, i], town.cell_number[j, i]
            sub_code = subs[s]["code"]
            comm_code = f"{sub_code}{c + 1:03d}"
            grids.append((box, {"code": f"{comm_code}{n:03d}", "subdistrict_code": sub_code,
                                "community_code": comm_code}))
            boxes.setdefault((s, c), []).append(box)
    communities = []
    subdistricts = []
    for s, entry in enumerate(subs):
        parts = []
        for c in range(per):
            if (s, c) in boxes:
                poly = shapely.union_all(boxes[(s, c)])
                parts.append(poly)
                communities.append((poly, {"code": f"{entry['code']}{c + 1:03d}",
                                           "name": names[(s * per + c) % len(names)],
                                           "subdistrict_code": entry["code"]}))
        if parts:
            subdistricts.append((shapely.union_all(parts), {"code": entry["code"], "name": entry["name"]}))
    return subdistricts, communities, grids
