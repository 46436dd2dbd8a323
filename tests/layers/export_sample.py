"""Sample tables for the export tests: manholes and poles in the county town (EPSG:4550),
with the Chinese text, 16-digit identifiers, dates and booleans a real export carries."""
from __future__ import annotations

import datetime as dt

import numpy as np

from pyproj import Transformer
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


def transform(x, y, src, dst):
    """pyproj directly: layers.crs.transform spends ~0.2 s per call comparing CRS objects
    with the "gcj02" string, which would make these small tests slow."""
    return Transformer.from_crs(src, dst, always_xy=True).transform(x, y)


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


def assert_same_place(layer: ExportLayer, x, y, crs, tolerance_m: float = 0.01) -> None:
    """Coordinates read back in ``crs`` land within ``tolerance_m`` of the originals."""
    bx, by = transform(np.asarray(x, float), np.asarray(y, float), crs, layer.crs)
    error = np.hypot(bx - layer.x, by - layer.y)
    assert error.max() < tolerance_m, f"moved up to {error.max():.4f} m"


def ogrinfo_text(path, *args) -> str | None:
    """``ogrinfo -al`` output of GDAL's command line (a second GDAL, not fiona's), or None."""
    import shutil
    import subprocess
    exe = shutil.which("ogrinfo")
    if exe is None:
        return None
    done = subprocess.run([exe, "-ro", "-al", *args, str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")
