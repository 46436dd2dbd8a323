"""A printable map of a package's assets (A3 landscape PDF): roads from the registry's
reference layer, each asset as a dot labelled with its row number in the workbook, so a
field crew can find "row 17" on the street. reportlab only; Chinese in STSong-Light."""
from __future__ import annotations

from pathlib import Path

from shapely import box

from . import package_format as fmt

CJK_FONT = "STSong-Light"
MARGIN_MM = 15
# how many row numbers fit before labels are left out (they would overprint each other)
MAX_LABELS = 600
POINTS_PER_METRE = 72 / 0.0254  # PDF points on one metre of paper


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def write_package_map(reg, rows: list[list], xy: list[tuple], meta: dict, path: Path) -> Path:
    """Draw the package's assets (``xy`` in the registry CRS, in row order) to ``path``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    _font()
    width, height = landscape(A3)
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    pad = 60.0  # metres around the assets
    xmin, xmax, ymin, ymax = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    box_w, box_h = width - 2 * MARGIN_MM * mm, height - 2 * MARGIN_MM * mm - 14 * mm
    scale = min(box_w / (xmax - xmin), box_h / (ymax - ymin))
    ox = MARGIN_MM * mm + (box_w - (xmax - xmin) * scale) / 2
    oy = MARGIN_MM * mm + (box_h - (ymax - ymin) * scale) / 2

    def page(x, y):
        return ox + (x - xmin) * scale, oy + (y - ymin) * scale

    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setTitle(f"{meta['org_name']} 确权包地图 {meta['campaign_id']}")
    c.setFont(CJK_FONT, 14)
    c.drawString(MARGIN_MM * mm, height - MARGIN_MM * mm,
                 f"{meta['org_name']} 确权包 {meta['campaign_id']} {meta['campaign_name']}　共 {len(rows)} 个部件"
                 f"　截止 {meta['deadline']}　坐标系 EPSG:{reg.crs}　比例约 1:{round(POINTS_PER_METRE / scale):,}")
    c.saveState()
    clip = c.beginPath()
    clip.rect(MARGIN_MM * mm, MARGIN_MM * mm, box_w, box_h)
    c.clipPath(clip, stroke=1, fill=0)
    c.setStrokeColor(colors.HexColor("#CCCCCC"))
    labels = []
    for geom, attrs in reg.reference("roads"):
        for line in getattr(geom, "geoms", [geom]):
            coords = list(line.coords)
            if not coords:
                continue
            c.setLineWidth(max(0.5, float(attrs.get("width_m") or 10) * scale * 0.3))
            p = c.beginPath()
            p.moveTo(*page(*coords[0]))
            for pt in coords[1:]:
                p.lineTo(*page(*pt))
            c.drawPath(p, stroke=1, fill=0)
            # the name where the road crosses the middle of the view, beside the line
            inside = line.intersection(box(xmin, ymin, xmax, ymax))
            if not inside.is_empty:
                mid = inside.interpolate(0.5, normalized=True)
                labels.append((page(mid.x, mid.y), attrs.get("name") or ""))
    c.setFillColor(colors.HexColor("#555555"))
    c.setFont(CJK_FONT, 9)
    for (px, py), name in labels:
        c.drawString(px + 4, py + 4, name)
    c.setFillColor(colors.HexColor("#C00000"))
    c.setFont("Helvetica", 6)
    for row, (x, y) in zip(rows, xy):
        px, py = page(x, y)
        c.circle(px, py, 1.6, stroke=0, fill=1)
        if len(rows) <= MAX_LABELS:
            c.drawString(px + 2, py + 1, str(row[fmt.KEYS.index("no")]))
    c.restoreState()
    c.showPage()
    c.save()
    return path
