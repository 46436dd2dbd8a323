"""Merge batch (or plan) reports for the owners who co-sign (会签) and the field crews:
XLSX (summary, groups, removed poles, device moves, anchors kept, cost, a sign-off sheet
with one block per owner), PDF (a map of the groups over the roads, the tables, the
sign-off blocks) and a GeoPackage of the groups (hosts, removed poles, move lines).

The document text is Chinese, like the confirmation ledgers; the PDF uses reportlab's
built-in CID font, so no font file is needed.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from assets import merge_plans as mp
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.kinds import kind
from assets.vocabularies import vocabulary

from .ownership_ledger import _cjk_styles, _sign_off_table, _table

FORMATS = (".xlsx", ".pdf", ".gpkg")
SIGN_OFF = ("{owner}（单位盖章）：", "负责人（签字）：", "日期：      年    月    日")
GROUP_HEADERS = ["组号", "主杆/主箱", "新建", "X", "Y", "所在道路", "拆除", "设备数", "迁移设备", "权属单位", "待确权"]
REMOVED_HEADERS = ["组号", "标识码", "小类", "权属单位", "并入"]
ANCHOR_HEADERS = ["标识码", "小类", "保留原因"]
COST_HEADERS = ["项目", "数量", "低(元)", "高(元)"]
COST_NAMES = {"new_integrated_pole": "新建综合杆", "host_upgrade": "主杆改造", "move_device": "设备迁移",
              "remove_pole": "拆除杆件", "box_relocation": "箱体迁并"}
REASONS = {"anchor": "信号灯锚定，不可移动（GB 14886）", "deferred": "暂缓，留待后续批次",
           "never_merge_structure": "不参与合杆的杆型（高杆、无轨电车杆、架空线杆）",
           "never_merge_height": "杆高超过 {height} m，不参与合杆", "no_devices": "无挂载设备，需现场核查",
           "split": "人工拆分保留"}


class MergeReportFailed(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The merge report could not be written to {path}: {detail}")


class UnknownReportFormat(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Merge reports are written as .xlsx, .pdf or .gpkg, not {suffix}.")


def _label(vocab, code) -> str:
    entry = vocab.get(code) if code else None
    return f"{code} {entry.label}" if entry else (code or "")


def report_data(reg, ref: str) -> dict:
    """Everything a report shows, for a batch id (MB…) or a plan id (MP…)."""
    ref = str(ref).strip()
    try:
        batch = mp.get_batch(reg, ref)
    except mp.BatchNotFound:
        batch = None
    if batch is not None:
        plan = mp.get_plan(reg, batch["plan_id"])
        groups, stats = mp.batch_groups(reg, ref), mp.batch_stats(reg, ref)
        title = f"{batch['name']}（批次 {ref}，方案 {plan['plan_id']} {plan['name']}）"
        kept = mp.batch_kept(reg, ref)
        segments = mp.batch_segments(reg, ref)
    else:
        plan = mp.get_plan(reg, ref)
        groups, stats = mp.plan_groups(reg, ref), mp.plan_stats(reg, ref)
        title = f"{plan['name']}（方案 {ref}）"
        kept, segments = plan["kept"] or [], []
    k = plan["kind"]
    rules = mp.plan_rules(plan)
    subtypes, devices, bands = kind(k).subtypes, vocabulary("device_type"), vocabulary("band")
    org = reg.organisation_name
    heading = "多杆合一" if k == "poles" else "多箱合一"
    changing = [g for g in groups if mp.changes_anything(g)]

    summary = [["项目", "数值"], ["类型", heading], ["合并前", stats["before"]["total"]],
               ["合并后", stats["after"]["total"]], ["减少比例(%)", stats["reduction_pct"]],
               ["变动分组", stats["groups_changing"]], ["拆除", stats["removed"]], ["新建", stats["new"]],
               ["迁移设备", stats["devices_moved"]], ["待确权分组", stats["blocked_groups"]],
               ["会签单位", "、".join(org(o) for o in stats["owners_cosign"])],
               ["估算费用(元)", f"{stats['cost_cny']['low']:,.0f} – {stats['cost_cny']['high']:,.0f}"]]
    if segments:
        summary += [["道路及长度", "、".join(f"{n} {m:,.0f} m" for n, m in segments)],
                    ["道路总长(m)", round(sum(m for _, m in segments), 1)]]
    if "components" in stats:
        summary += [["已证明最优的连通分量", f"{stats['components_optimal']} / {stats['components']}"],
                    ["与下界的差距(主杆数)", stats["gap_hosts"]]]
    by_type = _before_after(stats, "by_subtype", lambda c: _label(subtypes, c), "小类")
    by_owner = _before_after(stats, "by_owner", lambda c: org(c) or "（未知）", "权属单位")
    group_rows = [GROUP_HEADERS] + [
        [g["group_no"], g["host_code"], "是" if g["new"] else "", round(g["x"], 2), round(g["y"], 2), g["road"] or "",
         len(g["removed"]), len(g["moves"]), sum(mp.moved(m) for m in g["moves"]),
         "、".join(org(o) for o in g["owners"]), "是" if g["blocked"] else ""] for g in changing]
    removed_rows = [REMOVED_HEADERS] + [[g["group_no"], r["code"], _label(subtypes, r["subtype"]), org(r["owner"]),
                                         g["host_code"]] for g in changing for r in g["removed"]]
    place = "层位" if k == "poles" else "仓位"
    move_rows = [["组号", "设备类型", "权属单位", "原位置", "目标", "距离(m)", place]] + [
        [g["group_no"], _label(devices, m["type"]), org(m["owner"]), m["from_code"], m["to"], m["distance_m"],
         (_label(bands, m.get("band")) if k == "poles" else m.get("compartment")) or ""]
        for g in changing for m in g["moves"] if mp.moved(m)]
    anchors = [ANCHOR_HEADERS] + [[g["host_code"], _label(subtypes, g["subtype"]), REASONS.get(g["reason"], g["reason"])]
                                  for g in groups if g["reason"] in ("anchor", "deferred", "split")]
    anchors += [[p["code"], _label(subtypes, p["subtype"]),
                 REASONS.get(p["reason"], p["reason"]).format(height=rules.never_merge_height_m)] for p in kept]
    cost = stats["cost_cny"]
    cost_rows = [COST_HEADERS] + [[COST_NAMES.get(n, n), v["count"], v["low"], v["high"]]
                                  for n, v in cost["items"].items()] + [["合计", "", cost["low"], cost["high"]]]
    sign_off = [[cell.format(owner=org(o)) for cell in SIGN_OFF] for o in stats["owners_cosign"]]
    return {"ref": ref, "kind": k, "title": f"{heading}报告：{title}", "made": dt.date.today().isoformat(),
            "stats": stats, "groups": groups, "changing": changing, "crs": reg.crs,
            "tables": {"汇总": summary, "按类型": by_type, "按权属单位": by_owner, "分组": group_rows,
                       "拆除清单": removed_rows, "设备迁移": move_rows, "保留锚点": anchors, "费用估算": cost_rows},
            "sign_off": sign_off, "roads": _roads(reg, changing)}


def _before_after(stats: dict, key: str, name, head: str) -> list[list]:
    before, after = stats["before"][key], stats["after"][key]
    rows = [[head, "合并前", "合并后", "变化"]]
    for code in sorted(set(before) | set(after)):
        b, a = before.get(code, 0), after.get(code, 0)
        rows.append([name(code), b, a, a - b])
    rows.append(["合计", stats["before"]["total"], stats["after"]["total"],
                 stats["after"]["total"] - stats["before"]["total"]])
    return rows


def _extent(groups: list[dict], margin: float = 30.0):
    xs = [g["x"] for g in groups] + [m["from_x"] for g in groups for m in g["moves"]]
    ys = [g["y"] for g in groups] + [m["from_y"] for g in groups for m in g["moves"]]
    if not xs:
        return None
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


def _roads(reg, groups) -> list:
    import shapely
    box = _extent(groups)
    if box is None:
        return []
    window = shapely.box(*box)
    out = []
    for geom, attrs in reg.reference("roads"):
        if geom is not None and geom.intersects(window):
            part = geom.intersection(window)
            for line in shapely.get_parts(part):
                if line.geom_type == "LineString":
                    out.append((list(line.coords), attrs.get("name") or ""))
    return out


def write_merge_report(reg, ref: str, out_path) -> Path:
    """The report of a batch or plan as .xlsx, .pdf or .gpkg (by the file's suffix)."""
    out_path = Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownReportFormat(suffix=suffix or "''")
    data = report_data(reg, ref)
    tmp = out_path.with_name(f".{out_path.name}.writing")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        {".xlsx": _xlsx, ".pdf": _pdf, ".gpkg": _gpkg}[suffix](data, tmp)
        os.replace(tmp, out_path)  # a failed report leaves the previous one intact
    except OSError as error:
        raise MergeReportFailed(path=str(out_path), detail=error.strerror or str(error)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return out_path


def _xlsx(data: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in data["tables"].items():
        ws = wb.create_sheet(name)
        ws.append([data["title"]])
        ws["A1"].font = Font(bold=True, size=13)
        for row in rows:
            ws.append(row)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 22
        for letter in "BCDEFGHIJK":
            ws.column_dimensions[letter].width = 16
    ws = wb.create_sheet("会签")
    ws.append([f"{data['title']}　会签"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"制表日期 {data['made']}"])
    for block in data["sign_off"]:
        ws.append([])
        for cell in block:
            ws.append([cell])
        ws.append([])
    ws.column_dimensions["A"].width = 60
    wb.save(path)


def _map_drawing(data: dict, width: float, height: float):
    """The batch on one drawing: roads grey, move lines from the old poles to the host,
    removed poles as red crosses, hosts as blue dots (new hosts hollow)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib import colors
    from .ownership_ledger import CJK_FONT
    legend_h = 12.0
    drawing = Drawing(width, height + legend_h)
    box = _extent(data["changing"])
    if box is None:
        drawing.add(String(width / 2, height / 2, "（本批次无变动）", fontName=CJK_FONT, fontSize=10,
                           textAnchor="middle"))
        return drawing
    x0, y0, x1, y1 = box
    scale = min(width / max(x1 - x0, 1.0), height / max(y1 - y0, 1.0))
    sx = lambda x: (x - x0) * scale  # noqa: E731
    sy = lambda y: (y - y0) * scale + legend_h  # noqa: E731
    for coords, _name in data["roads"]:
        points = [v for x, y, *_ in coords for v in (sx(x), sy(y))]
        drawing.add(PolyLine(points, strokeColor=colors.HexColor("#BBBBBB"), strokeWidth=3))
    for g in data["changing"]:
        for m in g["moves"]:
            if mp.moved(m):
                drawing.add(Line(sx(m["from_x"]), sy(m["from_y"]), sx(g["x"]), sy(g["y"]),
                                 strokeColor=colors.HexColor("#E08020"), strokeWidth=0.6))
        for r in g["removed"]:
            cx, cy, d = sx(r["x"]), sy(r["y"]), 2.0
            drawing.add(Line(cx - d, cy - d, cx + d, cy + d, strokeColor=colors.red, strokeWidth=0.7))
            drawing.add(Line(cx - d, cy + d, cx + d, cy - d, strokeColor=colors.red, strokeWidth=0.7))
        drawing.add(Circle(sx(g["x"]), sy(g["y"]), 2.4, strokeColor=colors.HexColor("#1050C0"), strokeWidth=0.8,
                           fillColor=None if g["new"] else colors.HexColor("#1050C0")))
        if len(data["changing"]) <= 60:
            drawing.add(String(sx(g["x"]) + 3, sy(g["y"]) + 3, str(g["group_no"]), fontName=CJK_FONT, fontSize=6))
    legend = "图例：蓝点 主杆（空心为新建）　红叉 拆除　橙线 设备迁移　灰线 道路中心线"
    drawing.add(String(0, 2, legend, fontName=CJK_FONT, fontSize=7))
    return drawing


def _pdf(data: dict, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
    title_style, body = _cjk_styles()
    story = [Paragraph(data["title"], title_style), Paragraph(f"制表日期 {data['made']}", body), Spacer(1, 3 * mm),
             _map_drawing(data, 180 * mm, 120 * mm), Spacer(1, 8 * mm)]
    for name, rows in data["tables"].items():
        if len(rows) <= 1:
            continue
        story += [Paragraph(name, body), _table([[str(v) for v in r] for r in rows]), Spacer(1, 4 * mm)]
    story.append(PageBreak())
    story.append(Paragraph("会签", title_style))
    if data["sign_off"]:
        story.append(_sign_off_table(data["sign_off"]))
    SimpleDocTemplate(str(path), pagesize=A4, title=data["title"], author="XiuCity", leftMargin=15 * mm,
                      rightMargin=15 * mm).build(story)


def _gpkg(data: dict, path: Path) -> None:
    import fiona
    crs = f"EPSG:{data['crs']}"
    hosts = {"geometry": "Point", "properties": {
        "group_no": "int", "host_code": "str", "new": "int", "removed": "int", "devices": "int", "moved": "int",
        "owners": "str", "blocked": "int", "batch_id": "str"}}
    removed = {"geometry": "Point", "properties": {"group_no": "int", "code": "str", "subtype": "str",
                                                   "owner": "str", "host_code": "str"}}
    moves = {"geometry": "LineString", "properties": {
        "group_no": "int", "device": "str", "type": "str", "owner": "str", "from_code": "str", "to_code": "str",
        "distance_m": "float", "place": "str"}}
    layers = (
        ("hosts", hosts, [({"type": "Point", "coordinates": (g["x"], g["y"])},
                           {"group_no": g["group_no"], "host_code": g["host_code"], "new": int(g["new"]),
                            "removed": len(g["removed"]), "devices": len(g["moves"]),
                            "moved": sum(mp.moved(m) for m in g["moves"]), "owners": ",".join(g["owners"]),
                            "blocked": int(g["blocked"]), "batch_id": g["batch_id"]}) for g in data["changing"]]),
        ("removed", removed, [({"type": "Point", "coordinates": (r["x"], r["y"])},
                               {"group_no": g["group_no"], "code": r["code"], "subtype": r["subtype"],
                                "owner": r["owner"], "host_code": g["host_code"]})
                              for g in data["changing"] for r in g["removed"]]),
        ("moves", moves, [({"type": "LineString", "coordinates": [(m["from_x"], m["from_y"]), (g["x"], g["y"])]},
                           {"group_no": g["group_no"], "device": m["device"], "type": m["type"], "owner": m["owner"],
                            "from_code": m["from_code"], "to_code": m["to"], "distance_m": float(m["distance_m"]),
                            "place": str(m.get("band") or m.get("compartment") or "")})
                          for g in data["changing"] for m in g["moves"] if mp.moved(m)]),
    )
    for name, schema, features in layers:
        with fiona.open(path, "w", driver="GPKG", layer=name, schema=schema, crs=crs) as sink:
            sink.writerecords([{"geometry": geom, "properties": props} for geom, props in features])
