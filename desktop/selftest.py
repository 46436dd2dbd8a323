"""``xiucity --selftest``: does this installation (a source checkout or the bundle) work?

Checks a coordinate transform, a registry GeoPackage and a GBK shapefile written and read
back with Chinese text, and an offscreen render; prints a pass/fail line for each."""
from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

from assets.i18n import QT_TRANSLATE_NOOP, translate

TEXT = "岫岩县供电公司迎宾路"


def _tr(text: str, **values) -> str:
    return translate("SelfTest", text, **values)


def check_transform(folder: Path) -> str:
    from layers.crs import transform
    x, y = transform([123.28], [40.29], 4490, 4550)
    lon, lat = transform(x, y, 4550, 4490)
    assert abs(x[0] - 523808.84) < 0.05 and abs(y[0] - 4461767.50) < 0.05, (x, y)
    assert abs(lon[0] - 123.28) < 1e-9 and abs(lat[0] - 40.29) < 1e-9
    gx, gy = transform(x, y, 4550, "gcj02")
    bx, by = transform(gx, gy, "gcj02", 4550)
    assert abs(bx[0] - x[0]) < 0.5 and abs(by[0] - y[0]) < 0.5
    return f"EPSG:4490 → 4550: {x[0]:.2f}, {y[0]:.2f}"


def check_geopackage(folder: Path) -> str:
    import fiona
    from assets.registry import Registry
    path = folder / "selftest.gpkg"
    with Registry.create(path) as reg:
        reg.add("poles", {"subtype": "0118", "road": TEXT, "owner_code": "GDGS"}, 523800.0, 4461760.0)
    with fiona.open(path, layer="poles") as src:
        feature = next(iter(src))
    assert feature["properties"]["road"] == TEXT
    return str(path.name)


def check_gbk_shapefile(folder: Path) -> str:
    import fiona
    path = folder / "selftest_gbk.shp"
    schema = {"geometry": "Point", "properties": {"名称": "str"}}
    with fiona.open(path, "w", driver="ESRI Shapefile", schema=schema, crs="EPSG:4550", encoding="GBK") as dst:
        dst.write({"geometry": {"type": "Point", "coordinates": (523800.0, 4461760.0)}, "properties": {"名称": TEXT}})
    cpg = path.with_suffix(".cpg").read_text().strip().upper()
    with fiona.open(path) as src:
        value = next(iter(src))["properties"]["名称"]
    assert value == TEXT and cpg in ("GBK", "CP936", "936"), (value, cpg)
    return f".cpg = {cpg}"


def check_render(folder: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtWidgets import QApplication
    from .map.map_canvas import MapCanvas
    app = QApplication.instance() or QApplication([])
    canvas = MapCanvas()
    canvas.resize(400, 300)
    canvas.show()
    canvas.add_point_layer("poles", 523800 + np.arange(50.0) * 5, 4461760 + np.arange(50.0) * 3)
    canvas.zoom_full()
    app.processEvents()
    image = canvas.grab().toImage()
    canvas.close()
    colours = {image.pixel(x, y) for x in range(0, 400, 7) for y in range(0, 300, 7)}
    assert len(colours) > 2, "blank render"
    image.save(str(folder / "selftest.png"))
    return f"{len(colours)} colours"


CHECKS = (
    (QT_TRANSLATE_NOOP("SelfTest", "Coordinate transform"), check_transform),
    (QT_TRANSLATE_NOOP("SelfTest", "GeoPackage with Chinese text"), check_geopackage),
    (QT_TRANSLATE_NOOP("SelfTest", "GBK shapefile with Chinese text"), check_gbk_shapefile),
    (QT_TRANSLATE_NOOP("SelfTest", "Offscreen map render"), check_render),
)


def run_selftest() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="xiucity-selftest-") as tmp:
        for title, check in CHECKS:
            try:
                detail = check(Path(tmp))
                print(f"✓ {_tr(title)}  {detail}")
            except Exception as error:  # report every failure, never stop at the first
                failures += 1
                print(f"✗ {_tr(title)}  {error!r}")
                if os.environ.get("XIUCITY_DEBUG"):
                    traceback.print_exc()
    print(translate("SelfTest", "Self-test passed.") if not failures
          else translate("SelfTest", "Self-test failed: {n} checks.", n=failures))
    return 1 if failures else 0
