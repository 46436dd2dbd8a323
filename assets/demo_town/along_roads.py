"""Assets that line the roads: street lights, trees, manholes, overhead poles, shop signs,
toilets."""
from __future__ import annotations

import numpy as np

from .collector import Collector
from .layout import Road, Town


def positions(rng: np.random.Generator, length: float, spacing: tuple[float, float]) -> np.ndarray:
    """Distances along a road with gaps drawn from ``spacing``; a random start."""
    lo, hi = spacing
    n = int(length / lo) + 2
    s = rng.uniform(0, hi) + np.concatenate([[0.0], np.cumsum(rng.uniform(lo, hi, n))])
    return s[s < length]


def keep(town: Town, road: Road, s, x, y, clearance: float) -> np.ndarray:
    """Not on a bridge, not in a crossing road's carriageway."""
    crossings = np.array(sorted(r.position for r in town.roads if r.horizontal != road.horizontal))
    along = s + road.start
    if len(crossings):
        idx = np.clip(np.searchsorted(crossings, along), 1, len(crossings) - 1)
        near = np.minimum(np.abs(along - crossings[idx - 1]), np.abs(along - crossings[idx]))
        ok = near > clearance
    else:
        ok = np.ones(len(s), bool)
    return ok & ~town.in_river(x, y)


def sides(road: Road) -> list[tuple[str, float]]:
    half = road.width / 2
    both = [("left", half), ("right", -half)]
    return both if road.road_class != "branch" else both[:1]


def street_lights(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    for side, edge in sides(road):
        s = positions(rng, road.length, cfg["spacing"]["street_light"])
        x, y = road.point(s, edge - np.sign(edge) * 1.0)
        ok = keep(town, road, s, x, y, cfg["road"]["clearance"] / 2)
        n = int(ok.sum())
        c.add("poles", x[ok], y[ok], subtype="0118", road=road.name, side=side, material="steel",
              structure="ordinary", height_m=np.round(rng.uniform(8, 12, n), 1), owner_code="FWZX",
              maintainer_code="FWZX", dept_code="ZJJ",
              mounts=[{"device_type": "street_light", "owner_code": "FWZX", "band": "top"}])


def trees(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    tcfg = cfg["trees"]
    if road.road_class == "branch" and rng.random() > tcfg["branch_road_probability"]:
        return
    for side, edge in sides(road):
        s = positions(rng, road.length, cfg["spacing"]["tree"])
        x, y = road.point(s, edge + np.sign(edge) * 2.5)
        ok = keep(town, road, s, x, y, cfg["road"]["clearance"] + 4)
        x, y = x[ok], y[ok]
        n = len(x)
        vacant = rng.random(n) < cfg["spacing"]["tree_gap_probability"]
        species = rng.choice(tcfg["species"], n)
        c.add("trees", x, y, subtype="0402", road=road.name, vacant=vacant,
              species=np.where(vacant, None, species),
              dbh_cm=np.where(vacant, None, np.round(rng.uniform(8, 45, n), 1)),
              height_m=np.where(vacant, None, np.round(rng.uniform(4, 15, n), 1)),
              crown_m=np.where(vacant, None, np.round(rng.uniform(2, 8, n), 1)),
              vigour=np.where(vacant, None, rng.choice(["strong", "normal", "normal", "weak"], n)),
              health=np.where(vacant, None, rng.choice(["healthy"] * 6 + ["pests", "damaged"], n)),
              tree_pit=rng.choice(["grate", "open", "planter"], n), heritage_grade="none",
              owner_code="FWZX", maintainer_code="FWZX", dept_code="ZJJ")


_INSCRIPTIONS = {"0101": "给水", "0102": "污", "0103": "雨", "0104": "雨", "0105": "电力", "0106": "路灯",
                 "0107": "通信", "0108": "电视", "0110": "热", "0111": "燃气"}
_COMPANY_MARK = {"LTGS": "联通", "YDGS": "移动", "DXGS": "电信", "TTGS": "铁塔"}


def manholes(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    lines = list(cfg["utilities"][road.road_class])
    if road.road_class != "branch":
        half = road.width / 2 - 0.5
        lines += [{"subtype": "0104", "owners": ["CJJT"], "offset": half / (road.width / 2), "spacing": "storm_grate"},
                  {"subtype": "0104", "owners": ["CJJT"], "offset": -half / (road.width / 2), "spacing": "storm_grate"}]
    defects = cfg["defects"]
    for line in lines:
        s = positions(rng, road.length, cfg["spacing"][line.get("spacing", "manhole")])
        x, y = road.point(s, line["offset"] * road.width / 2)
        ok = keep(town, road, s, x, y, 2.0)
        x, y = x[ok], y[ok]
        n = len(x)
        owners = rng.choice(line["owners"], n).astype(object)
        mark = _INSCRIPTIONS.get(line["subtype"], "")
        inscription = np.array([mark + _COMPANY_MARK.get(o, "") for o in owners], dtype=object)
        unknown = rng.random(n) < defects["unknown_owner"]
        owners[unknown] = None
        inscription[unknown & (rng.random(n) < 0.5)] = ""
        damaged = rng.random(n) < defects["damaged"]
        sunken = rng.random(n) < defects["sunken"]
        diff = np.where(sunken, rng.uniform(-60, -16, n), rng.normal(0, 2.5, n)).round(1)
        grate = line["subtype"] == "0104"
        c.add("manholes", x, y, subtype=line["subtype"], road=road.name, owner_code=owners, maintainer_code=owners,
              dept_code="ZJJ", inscription=inscription, height_diff_mm=diff,
              status=np.where(damaged, "damaged", "intact"),
              cover_damage=np.where(damaged, rng.choice(["cracked", "broken", "missing"], n), "none"),
              cover_material=rng.choice(["ductile_iron"] * 4 + ["composite", "concrete"], n),
              cover_shape="rectangular" if grate else "round", cover_size_mm=500 if grate else 700,
              load_class="D400" if road.road_class != "branch" else "C250",
              anti_fall_net=rng.random(n) < (0.0 if grate else 0.6), accuracy="A")


def overhead_poles(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    if road.road_class != "branch":
        return
    s = positions(rng, road.length, cfg["spacing"]["overhead_pole"])
    x, y = road.point(s, -(road.width / 2 + 0.8))
    ok = keep(town, road, s, x, y, cfg["road"]["clearance"])
    n = int(ok.sum())
    owners = rng.choice(["GDGS", "GDGS", "LTGS"], n)
    per_row = [[{"device_type": "power_line" if o == "GDGS" else "telecom_line", "owner_code": o, "band": "top"}]
               for o in owners]
    c.add("poles", x[ok], y[ok], subtype="0117", structure="overhead_line", material="concrete", road=road.name,
          side="right", height_m=np.round(rng.uniform(10, 13, n), 1), owner_code=owners, maintainer_code=owners,
          dept_code="ZJJ", per_row_mounts=per_row)


_SHOP_WORDS = ["超市", "饭店", "药房", "银行", "眼镜", "服装", "茶庄", "玉器行", "面馆", "书店", "手机店", "烧烤"]
_SHOP_NAMES = ["岫玉", "兴隆", "满乡", "福来", "金源", "鑫盛", "老街", "大洋河", "华联", "百姓"]


def shop_signs(c: Collector, town: Town, road: Road, cfg: dict, rng) -> None:
    if road.name not in cfg["town"]["commercial_roads"]:
        return
    for side, edge in sides(road):
        s = positions(rng, road.length, cfg["spacing"]["shop_sign"])
        x, y = road.point(s, edge + np.sign(edge) * 7.0)
        ok = keep(town, road, s, x, y, cfg["road"]["clearance"] + 6)
        x, y = x[ok], y[ok]
        n = len(x)
        large = rng.random(n) < 0.06
        width = np.where(large, rng.uniform(6, 12, n), rng.uniform(2.5, 8, n)).round(1)
        height = np.where(large, rng.uniform(3, 6, n), rng.uniform(0.6, 1.5, n)).round(1)
        names = [f"{rng.choice(_SHOP_NAMES)}{rng.choice(_SHOP_WORDS)}" for _ in range(n)]
        issued = np.datetime64("2023-01-01") + rng.integers(0, 3 * 365, n)
        last = np.datetime64("2025-06-01") + rng.integers(0, 540, n)
        c.add("billboards", x, y, subtype=np.where(rng.random(n) < 0.2, "0306", "0307"), road=road.name,
              name=names, advertiser=names, width_m=width, height_m=height, area_m2=(width * height).round(2),
              size_class=np.where((width * height >= 10) | (width >= 4), "large",
                                  np.where((width * height > 2.5) | (width >= 2), "medium", "small")),
              permit_no=[f"岫广许字〔{2023 + i % 3}〕{k:04d}号" for i, k in enumerate(rng.integers(1, 9999, n))],
              permit_expiry=(issued + 3 * 365).astype(str), last_check=last.astype(str),
              next_check=(last + 365).astype(str), safety_class=rng.choice(["A", "A", "B", "B", "C", "D"], n),
              illuminated=rng.random(n) < 0.5, owner_code=None, dept_code="ZFZX", maintainer_code="ZFZX",
              accuracy="B")


def toilets(c: Collector, town: Town, cfg: dict, rng, count: int) -> None:
    major = [r for r in town.roads if r.road_class != "branch"]
    placed = 0
    attempts = 0
    while placed < count and attempts < count * 20:
        attempts += 1
        road = major[rng.integers(len(major))]
        s = rng.uniform(0, road.length, 1)
        x, y = road.point(s, road.width / 2 + 12)
        if not keep(town, road, s, x, y, cfg["road"]["clearance"] * 3).all():
            continue
        placed += 1
        c.add("toilets", x, y, subtype="0301", road=road.name, name=f"{road.name}公厕{placed}",
              toilet_type=rng.choice(["standalone", "standalone", "attached", "mobile"]),
              grade=rng.choice(["1", "2", "2", "3"]), hours=rng.choice(["06:00-22:00", "24小时", "05:30-21:30"]),
              barrier_free=bool(rng.random() < 0.7), signage=bool(rng.random() < 0.8),
              stalls=int(rng.integers(4, 20)), owner_code="FWZX", maintainer_code="FWZX", dept_code="ZJJ",
              accuracy="C")


def heritage_trees(c: Collector, town: Town, cfg: dict, rng, count: int) -> None:
    for k in range(count):
        x = rng.uniform(town.xmin * 0.8, -town.xmin * 0.8, 1)
        y = rng.uniform(town.ymin * 0.8, -town.ymin * 0.8, 1)
        if town.in_river(x, y).any():
            continue
        age = int(rng.integers(110, 650))
        grade = "1" if age >= 500 else "2" if age >= 300 else "3"
        c.add("trees", x, y, subtype="0401", name=f"古树{k + 1:02d}号", species=rng.choice(["油松", "银杏", "国槐"]),
              age_years=age, heritage_grade=grade, dbh_cm=round(float(rng.uniform(60, 150)), 1),
              height_m=round(float(rng.uniform(12, 25)), 1), vigour="normal", health="healthy", vacant=False,
              owner_code="ZRZYJ", maintainer_code="FWZX", dept_code="ZRZYJ")
