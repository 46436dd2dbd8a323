"""Shared pieces of the map-canvas tests: a small demo town, mouse input, pixel checks."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.map.map_canvas import MapCanvas
from desktop.map.symbology import Symbology

X0, Y0 = 512_000.0, 4_460_000.0  # near 岫岩 county town in EPSG:4550
KINDS = Symbology.default().kinds()


def town_points(n: int = 10_000, width: float = 6000.0, height: float = 4500.0, seed: int = 3):
    """n points spread over a width × height town, kind k for every sixth point."""
    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, width, n)
    y = Y0 + rng.uniform(0, height, n)
    kind_of = np.arange(n) % len(KINDS)
    return x, y, kind_of


def town_canvas(qtbot, n: int = 10_000, size=(1200, 900), **kw) -> tuple[MapCanvas, np.ndarray, np.ndarray, np.ndarray]:
    """A shown canvas with one layer per asset kind; ids are the point positions."""
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(*size)
    canvas.show()
    qtbot.waitExposed(canvas)
    x, y, kind_of = town_points(n, **kw)
    for k, kind in enumerate(KINDS):
        m = kind_of == k
        canvas.add_point_layer(kind, x[m], y[m], ids=np.flatnonzero(m),
                               labels=[f"2103230{k}01{i:06d}" for i in np.flatnonzero(m)])
    canvas.zoom_full()
    QApplication.processEvents()
    return canvas, x, y, kind_of


def pixels(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8 RGB array of an image."""
    img = image.convertToFormat(QImage.Format_RGB32)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(h, img.bytesPerLine() // 4, 4)
    return buf[:, :w, 2::-1].copy()  # BGRA in memory → RGB


def colour_count(rgb: np.ndarray, colour: str, tolerance: int = 12) -> int:
    c = QColor(colour)
    want = np.array([c.red(), c.green(), c.blue()], dtype=np.int16)
    return int((np.abs(rgb.astype(np.int16) - want).max(axis=2) <= tolerance).sum())


def screen_pos(canvas: MapCanvas, x: float, y: float) -> QPointF:
    """Viewport pixel position of a map point."""
    lx, ly = canvas.to_local(x, y)
    scene = canvas.view_box.mapViewToScene(QPointF(float(lx), float(ly)))
    return QPointF(canvas.mapFromScene(scene))


def map_pos(canvas: MapCanvas, pos: QPointF) -> tuple[float, float]:
    scene = canvas.mapToScene(pos.toPoint())
    p = canvas.view_box.mapSceneToView(scene)
    mx, my = canvas.to_map(p.x(), p.y())
    return float(mx), float(my)


def mouse(canvas: MapCanvas, kind: QEvent.Type, pos: QPointF, buttons=Qt.LeftButton,
          modifiers=Qt.NoModifier, button=Qt.LeftButton) -> None:
    vp = canvas.viewport()
    ev = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos.toPoint())), button, buttons, modifiers)
    QApplication.sendEvent(vp, ev)


def drag(qtbot, canvas: MapCanvas, start: QPointF, end: QPointF, modifiers=Qt.NoModifier, steps: int = 5) -> None:
    """Press, move in steps (pyqtgraph rate-limits moves), release."""
    mouse(canvas, QEvent.MouseButtonPress, start, modifiers=modifiers)
    for i in range(1, steps + 1):
        qtbot.wait(15)
        p = start + (end - start) * (i / steps)
        mouse(canvas, QEvent.MouseMove, p, modifiers=modifiers, button=Qt.NoButton)
    qtbot.wait(15)
    mouse(canvas, QEvent.MouseButtonRelease, end, buttons=Qt.NoButton, modifiers=modifiers)
    QApplication.processEvents()


def click(qtbot, canvas: MapCanvas, pos: QPointF, modifiers=Qt.NoModifier) -> None:
    mouse(canvas, QEvent.MouseButtonPress, pos, modifiers=modifiers)
    mouse(canvas, QEvent.MouseButtonRelease, pos, buttons=Qt.NoButton, modifiers=modifiers)
    QApplication.processEvents()


def wheel(canvas: MapCanvas, pos: QPointF, clicks: int = 1) -> None:
    vp = canvas.viewport()
    ev = QWheelEvent(QPointF(pos), QPointF(vp.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * clicks),
                     Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)
    QApplication.processEvents()
