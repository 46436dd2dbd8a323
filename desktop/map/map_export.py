"""Print the current map view to PNG or PDF, with title, legend, scale bar, north arrow, date."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from .errors import MapExportFailed, MapExportFormat
from .halo_text import label_font
from .legend_entry import LegendEntry

PNG_WIDTH_PX = 2400   # about A4 landscape at 200 dpi: sharp on screen and in a report
PDF_DPI = 300
A4_LONG_SIDE_M = 0.297


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapExport", text)


def export_map(canvas, path, title: str, legend_entries, when: dt.date | None = None,
               crs_note: str | None = None) -> Path:
    """Write what ``canvas`` shows to ``path`` (``.png`` or ``.pdf``).

    Parameters
    ----------
    canvas : MapCanvas (its scale bar and north arrow are printed with the map).
    path : target file; the suffix chooses the format.
    title : printed at the top.
    legend_entries : :class:`LegendEntry` objects or ``(label, icon, count)`` tuples.
    when : the map date (default today).
    crs_note : a line under the legend naming the coordinate system.

    Returns the path written. Raises :class:`MapExportFormat` or :class:`MapExportFailed`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise MapExportFormat(suffix=suffix or path.name)
    if not path.parent.is_dir():
        raise MapExportFailed(path=str(path), detail=_tr("the folder does not exist"))
    entries = [e if isinstance(e, LegendEntry) else LegendEntry(*e) for e in legend_entries]
    date_text = _tr("Made {date}").format(date=(when or dt.date.today()).isoformat())
    note = crs_note if crs_note is not None else _tr("CGCS2000 / 3-degree Gauss-Kruger CM 123E (EPSG:4550)")
    if suffix == ".png":
        aspect = 210 / 297
        img = QImage(PNG_WIDTH_PX, int(PNG_WIDTH_PX * aspect), QImage.Format_ARGB32)
        img.fill(QColor("#ffffff"))
        p = QPainter(img)
        _compose(p, QRectF(img.rect()), canvas, title, entries, date_text, note)
        p.end()
        if not img.save(str(path), "PNG"):
            raise MapExportFailed(path=str(path), detail=_tr("the file could not be written"))
    else:
        writer = QPdfWriter(str(path))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Landscape, QMarginsF(0, 0, 0, 0)))
        writer.setTitle(title)
        writer.setCreator("XiuCity")
        p = QPainter()
        if not p.begin(writer):
            raise MapExportFailed(path=str(path), detail=_tr("the file could not be written"))
        _compose(p, QRectF(p.viewport()), canvas, title, entries, date_text, note)
        p.end()
        if not path.exists() or path.stat().st_size == 0:
            raise MapExportFailed(path=str(path), detail=_tr("the file could not be written"))
    return path


def _font(canvas, px: float, bold: bool = False) -> QFont:
    return label_font(canvas.symbology, px, bold)


def _compose(p: QPainter, page: QRectF, canvas, title: str, entries: list[LegendEntry],
             date_text: str, note: str) -> None:
    """Lay out the sheet in ``page`` (device units): title band, map, legend column, footer."""
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setRenderHint(QPainter.TextAntialiasing, True)
    m = page.width() * 0.03
    unit = page.height() / 60  # one "line" of text, so PNG and PDF look alike
    title_font = _font(canvas, unit * 2.2, bold=True)
    p.setFont(title_font)
    p.setPen(QColor("#202020"))
    title_rect = QRectF(page.left() + m, page.top() + m * 0.6, page.width() - 2 * m, unit * 3)
    p.drawText(title_rect, Qt.AlignHCenter | Qt.AlignVCenter, title)

    legend_w = page.width() * 0.22
    top = title_rect.bottom() + unit * 0.8
    bottom = page.bottom() - m
    map_rect = QRectF(page.left() + m, top, page.width() - 3 * m - legend_w, bottom - top)
    view_rect = canvas.viewport().rect()
    # Keep the screen's proportions so the scale bar printed with the map stays true.
    target = _fit(map_rect, view_rect.width(), view_rect.height())
    canvas.render(p, target, QRect(view_rect), Qt.KeepAspectRatio)
    frame = QPen(QColor("#404040"))
    frame.setWidthF(max(1.0, unit * 0.08))
    p.setPen(frame)
    p.setBrush(Qt.NoBrush)
    p.drawRect(target)

    x = map_rect.right() + m
    y = top
    p.setPen(QColor("#202020"))
    p.setFont(_font(canvas, unit * 1.4, bold=True))
    p.drawText(QRectF(x, y, legend_w, unit * 2), Qt.AlignLeft | Qt.AlignVCenter, _tr("Legend"))
    y += unit * 2.4
    p.setFont(_font(canvas, unit * 1.05))
    row = unit * 1.8
    icon = int(row * 0.8)
    for entry in entries:
        if y + row > bottom - unit * 6:
            break  # more entries than room: the sheet is a summary, not a listing
        pm = entry.pixmap(max(icon, 16))
        if pm is not None:
            p.drawPixmap(QRectF(x, y + (row - icon) / 2, icon, icon), pm, QRectF(pm.rect()))
        p.drawText(QRectF(x + icon + unit * 0.6, y, legend_w - icon, row), Qt.AlignLeft | Qt.AlignVCenter, entry.text())
        y += row
    p.setFont(_font(canvas, unit * 0.9))
    p.setPen(QColor("#505050"))
    # The printed scale, not the screen's: ground width over the map's width on A4 paper.
    x0, _, x1, _ = canvas.visible_extent()
    paper_m = target.width() / page.width() * A4_LONG_SIDE_M
    scale = _tr("Scale 1:{n}").format(n=f"{round((x1 - x0) / paper_m):,}")
    foot = QRectF(x, bottom - unit * 6, legend_w + m * 0.8, unit * 6)
    p.drawText(foot, Qt.AlignLeft | Qt.AlignBottom | Qt.TextWordWrap, f"{scale}\n{note}\n{date_text}")


def _fit(box: QRectF, w: float, h: float) -> QRectF:
    if w <= 0 or h <= 0:
        return box
    s = min(box.width() / w, box.height() / h)
    return QRectF(QPointF(box.left(), box.top()), QPointF(box.left() + w * s, box.top() + h * s))
