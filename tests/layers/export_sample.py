"""Sample tables for the export tests: manholes and poles in the county town (EPSG:4550),
with the Chinese text, 16-digit identifiers, dates and booleans a real export carries."""
from __future__ import annotations

import datetime as dt

import numpy as np

from layers.crs import transform
from layers.export import ExportField, ExportLayer

CODE = "2103230105000001"
OWNER = "县供电公司"
ROAD = "迎宾路"

FIELDS = [
    ExportField("code", "标识码", "text"),
    ExportField("name", "名称", "text"),
    ExportField("subtype", "小类", "text"),
    ExportField("owner_code", "权属单位", "text"),
    ExportField("owner_name", "权属单位名称", "text"),
    ExportField("maintainer_code", "养护单位", "text"),
    ExportField("road", "所在道路", "text"),
    ExportField("status", "部件状态", "text"),
    ExportField("init_date", "初始日期", "date"),
    ExportField("height_diff_mm", "高差(mm)", "real"),
    ExportField("cover_size_mm", "井盖尺寸(mm)", "integer"),
    ExportField("anti_fall_net", "防坠网", "boolean"),
    ExportField("remarks", "备注", "text"),
]


def lonlat(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return 123.28 + rng.uniform(-0.02, 0.02, n), 40.29 + rng.uniform(-0.02, 0.02, n)


def manholes(n: int = 5) -> ExportLayer:
    lon, lat = lonlat(n)
    x, y = transform(lon, lat, 4490, 4550)
    statuses = ["intact", "damaged", "missing", "intact", "occupied"]
    rows = []
    for i in range(n):
        rows.append({
            "code": f"21032301050{i + 1:05d}",
            "name": f"{ROAD}电力井{i + 1}号",
            "subtype": "0105",
            "owner_code": "GDGS",
            "owner_name": OWNER,
            "maintainer_code": "GDGS" if i % 2 else None,
            "road": ROAD,
            "status": statuses[i % len(statuses)],
            "init_date": dt.date(2026, 3, 1 + i % 28),
            "height_diff_mm": -12.5 + i,
            "cover_size_mm": 700,
            "anti_fall_net": bool(i % 2),
            "remarks": "井盖沉降，需修复" if i == 1 else None,
        })
    return ExportLayer("manholes", "检查井", list(FIELDS), rows, x, y, crs=4550, style={"by": "status"})


def poles(n: int = 3) -> ExportLayer:
    lon, lat = lonlat(n, seed=2)
    x, y = transform(lon, lat, 4490, 4550)
    fields = [ExportField("code", "标识码", "text"), ExportField("owner_code", "权属单位", "text"),
              ExportField("road", "所在道路", "text"), ExportField("height_m", "杆高(m)", "real")]
    rows = [{"code": f"21032301180{i + 1:05d}", "owner_code": "FWZX", "road": "阜昌路", "height_m": 8.0}
            for i in range(n)]
    return ExportLayer("poles", "杆件", fields, rows, x, y, crs=4550)
