"""The confirmation ledger (确权清单) an organisation signs and stamps: the assets that are
its own after a campaign, counted by kind, with a sign-off block; as XLSX or PDF. And the
campaign summary the bureau follows: per organisation offered / returned / claimed /
rejected / pending, the disputed and the ownerless assets.

PDF uses reportlab's built-in CID font STSong-Light, so no font file is needed.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from assets.campaigns import campaign_status, get_campaign, scope_assets
from assets.candidates import rules
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.kinds import KIND_NAMES, kind
from assets.ownership import state_label

from .package_format import to_lonlat


OWNED_STATES = ("confirmed", "claimed", "transferred")
LEDGER_HEADERS = ["序号", "标识码", "部件类型", "小类", "所在道路", "经度", "纬度", "确权状态"]
SIGN_OFF = [("权属单位（盖章）：", "经办人（签字）：", "日期：      年    月    日"),
            ("{issuer}（盖章）：", "审核人（签字）：", "日期：      年    月    日")]
SUMMARY_HEADERS = ["单位代码", "单位名称", "发出认领", "已回复", "认领(是)", "否认(否)", "不确定", "未决", "已归属"]
CJK_FONT = "STSong-Light"


class LedgerWriteFailed(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The ledger could not be written to {path}: {detail}")


class UnknownLedgerFormat(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Ledgers are written as .xlsx or .pdf, not {suffix}.")


def ledger_data(reg, campaign_id: str, org: str) -> dict:
    """What a ledger shows: the organisation's assets in the campaign (confirmed, claimed
    awaiting approval, assigned by the bureau) and their counts by kind and state."""
    campaign = get_campaign(reg, campaign_id)
    mine = [a for a in scope_assets(reg, campaign_id) if a["owner_code"] == org and a["ownership"] in OWNED_STATES]
    rows, counts = [], {}
    details = {a["uuid"]: reg.get(a["uuid"], a["kind"]) for a in mine}
    xs = [details[a["uuid"]].x for a in mine]
    ys = [details[a["uuid"]].y for a in mine]
    lon, lat = to_lonlat(xs, ys, reg.crs) if mine else ([], [])
    for i, (a, x, y) in enumerate(zip(mine, lon, lat), start=1):
        asset, k = details[a["uuid"]], kind(a["kind"])
        sub = k.subtypes.get(asset["subtype"])
        rows.append([i, a["code"], k.item_title("zh_CN"), f"{asset['subtype']} {sub.label if sub else ''}".strip(),
                     asset["road"] or "", round(float(x), 7), round(float(y), 7), state_label(a["ownership"], "zh_CN")])
        per = counts.setdefault(a["kind"], {s: 0 for s in OWNED_STATES})
        per[a["ownership"]] += 1
    issuer = reg.organisation_name(rules()["package"]["issuer"])
    return {"campaign": campaign, "org": org, "org_name": reg.organisation_name(org), "rows": rows,
            "sign_off": [[cell.format(issuer=issuer) for cell in line] for line in SIGN_OFF],
            "counts": counts, "total": len(mine), "made": dt.date.today().isoformat()}


def _count_table(data: dict) -> list[list]:
    head = ["部件类型"] + [state_label(s, "zh_CN") for s in OWNED_STATES] + ["合计"]
    body = []
    for kind_name in [k for k in KIND_NAMES if k in data["counts"]]:
        per = data["counts"][kind_name]
        body.append([kind(kind_name).item_title("zh_CN"), *[per[s] for s in OWNED_STATES], sum(per.values())])
    totals = [sum(r[i] for r in body) for i in range(1, len(head))]
    return [head, *body, ["合计", *totals]]


def write_ledger(reg, campaign_id: str, org: str, out_path) -> Path:
    """An organisation's 确权清单 for a campaign, as .xlsx or .pdf (by the file's suffix)."""
    out_path = Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UnknownLedgerFormat(suffix=suffix or "''")
    data = ledger_data(reg, campaign_id, org)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        (_ledger_xlsx if suffix == ".xlsx" else _ledger_pdf)(data, out_path)
    except OSError as error:
        raise LedgerWriteFailed(path=str(out_path), detail=error.strerror or str(error)) from None
    return out_path


def _title(data: dict) -> tuple[str, str]:
    c = data["campaign"]
    return (f"{data['org_name']} 确权清单",
            f"确权批次 {c.campaign_id} {c.name}　截止日期 {c.deadline}　制表日期 {data['made']}　共 {data['total']} 个部件")


def _ledger_xlsx(data: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    ws = wb.active
    ws.title = "确权清单"
    title, subtitle = _title(data)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([subtitle])
    ws.append([])
    ws.append(["按类型统计"])
    for row in _count_table(data):
        ws.append(row)
    ws.append([])
    ws.append(["部件明细"])
    ws.append(LEDGER_HEADERS)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in data["rows"]:
        ws.append(row)
    ws.append([])
    for line in data["sign_off"]:
        ws.append(list(line))
        ws.append([])
    for letter, width in zip("ABCDEFGH", (8, 19, 10, 18, 12, 13, 13, 10)):
        ws.column_dimensions[letter].width = width
    wb.save(path)


def _cjk_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return (ParagraphStyle("title", fontName=CJK_FONT, fontSize=16, leading=22, alignment=1),
            ParagraphStyle("body", fontName=CJK_FONT, fontSize=9, leading=13))


def _table(rows, widths=None):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), CJK_FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE"))]))
    return table


def _sign_off_table(lines):
    """Stamp and signature boxes: room for a round seal (about 40 mm) beside each party."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle
    table = Table([list(line) for line in lines], colWidths=[70 * mm, 55 * mm, 55 * mm], rowHeights=[32 * mm] * len(lines))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), CJK_FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _ledger_pdf(data: dict, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    title_style, body = _cjk_styles()
    title, subtitle = _title(data)
    story = [Paragraph(title, title_style), Paragraph(subtitle, body), Spacer(1, 4 * mm),
             Paragraph("按类型统计", body), _table(_count_table(data)), Spacer(1, 4 * mm),
             Paragraph("部件明细", body),
             _table([LEDGER_HEADERS, *[[str(v) for v in r] for r in data["rows"]]] if data["rows"]
                    else [LEDGER_HEADERS], [10 * mm, 32 * mm, 16 * mm, 30 * mm, 20 * mm, 22 * mm, 22 * mm, 16 * mm]),
             Spacer(1, 10 * mm)]
    story.append(_sign_off_table(data["sign_off"]))
    SimpleDocTemplate(str(path), pagesize=A4, title=title, author="XiuCity", leftMargin=15 * mm,
                      rightMargin=15 * mm).build(story)


def summary_tables(reg, campaign_id: str) -> dict:
    """The campaign summary as titled tables (first row = headers), shared by XLSX and PDF."""
    status = campaign_status(reg, campaign_id)
    c = status["campaign"]
    orgs = [[org, o["name"], o["offered"], o["returned"], o["claimed"], o["rejected"], o["unsure"], o["pending"],
             o["owned"]] for org, o in status["orgs"].items()]
    return {
        "title": f"确权批次 {c['campaign_id']} {c['name']}　截止 {c['deadline']}　部件 {status['assets']} 个",
        "汇总": [SUMMARY_HEADERS, *orgs],
        "状态": [["确权状态", "数量"], *[[state_label(s, "zh_CN"), n] for s, n in status["states"].items()]],
        "有争议": [["标识码", "部件类型", "认领单位"],
                 *[[d["code"], kind(d["kind"]).item_title("zh_CN"),
                    "、".join(reg.organisation_name(o) for o in d["claimants"])] for d in status["disputed"]]],
        "无主": [["标识码", "部件类型"], *[[d["code"], kind(d["kind"]).item_title("zh_CN")] for d in status["ownerless"]]],
    }


def write_campaign_summary(reg, campaign_id: str, out_path) -> Path:
    """The bureau's overview of a campaign as .xlsx (one sheet per table) or .pdf: per
    organisation offered / returned / claimed / rejected / unsure / pending / owned, the
    states, the disputed assets with their claimants, the ownerless assets."""
    out_path = Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UnknownLedgerFormat(suffix=suffix or "''")
    tables = summary_tables(reg, campaign_id)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        (_summary_xlsx if suffix == ".xlsx" else _summary_pdf)(tables, out_path)
    except OSError as error:
        raise LedgerWriteFailed(path=str(out_path), detail=error.strerror or str(error)) from None
    return out_path


def _summary_xlsx(tables: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        if name == "title":
            continue
        ws = wb.create_sheet(name)
        ws.append([tables["title"]])
        ws["A1"].font = Font(bold=True, size=13)
        for row in rows:
            ws.append(row)
        for cell in ws[2]:
            cell.font = Font(bold=True)
    wb.save(path)


def _summary_pdf(tables: dict, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    title_style, body = _cjk_styles()
    story = [Paragraph(tables["title"], title_style), Spacer(1, 4 * mm)]
    for name, rows in tables.items():
        if name == "title":
            continue
        story += [Paragraph(name, body), _table([[str(v) for v in r] for r in rows]), Spacer(1, 5 * mm)]
    SimpleDocTemplate(str(path), pagesize=A4, title=tables["title"], author="XiuCity", leftMargin=15 * mm,
                      rightMargin=15 * mm).build(story)
