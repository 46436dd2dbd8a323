"""Writing a confirmation package (确权包) for one organisation: an XLSX workbook its clerk
fills offline (是 / 否 / 不确定 per asset), a GeoPackage of the same assets for its GIS
staff, and optionally a printable PDF map.

Only that organisation's candidates are listed (data minimisation), nothing about other
organisations. See :mod:`layers.package_format` for the layout and signature.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from assets.campaigns import (get_campaign, next_package_version, package_candidates, record_package, require_open)
from assets.candidates import decision_words, reason_text, rules
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP, pick_label
from assets.kinds import kind
from assets.progress import check_cancelled, ensure

from . import package_format as fmt

class PackageError(XiuCityError):
    pass


class OrganisationNotInvited(PackageError):
    text = QT_TRANSLATE_NOOP("Errors", "Organisation {org} is not invited to campaign {campaign}.")


class EmptyPackage(PackageError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Organisation {org} has no open assets in campaign {campaign}; no package was written.")


class PackageWriteFailed(PackageError):
    text = QT_TRANSLATE_NOOP("Errors", "The package could not be written to {path}: {detail}")


@dataclass
class PackageInfo:
    package_id: str
    version: int
    campaign_id: str
    org_code: str
    created: str
    n_assets: int
    path: Path
    gpkg_path: Path | None = None
    pdf_path: Path | None = None


def _rows(reg, campaign, org: str, progress) -> tuple[list[list], list[tuple]]:
    """The sheet's data rows, in the order they are listed (kind, then scope order), and
    the assets' coordinates in the registry's CRS."""
    items = package_candidates(reg, campaign.campaign_id, org)
    if not items:
        return [], []
    lon, lat = fmt.to_lonlat([a.x for a, *_ in items], [a.y for a, *_ in items], reg.crs)
    places = rules()["package"]["lonlat_decimals"]
    rows = []
    for i, ((asset, reasons, decision, comment), x, y) in enumerate(zip(items, lon, lat), start=1):
        k = kind(asset.kind)
        entry = k.subtypes.get(asset["subtype"])
        inscription = asset.values.get("inscription")
        hint = "；".join(reason_text(r, inscription) for r in reasons if r)
        rows.append([i, asset.code, k.item_title("zh_CN"), asset["subtype"],
                     pick_label({"label": entry.label, "label_en": entry.label_en}, "zh_CN") if entry else "",
                     inscription, asset["road"], round(float(x), places), round(float(y), places),
                     asset["photo"], hint, _decision_word(decision), comment, asset.uuid])
        if i % 500 == 0:
            check_cancelled(progress)
    return rows, [(a.x, a.y) for a, *_ in items]


def _decision_word(code):
    return None if code is None else {"yes": decision_words()[0], "no": decision_words()[1],
                                      "unsure": decision_words()[2]}.get(code)


def write_package(reg, campaign_id: str, org_code: str, out_path, *, gpkg: bool = True, pdf: bool = False,
                  progress=None) -> PackageInfo:
    """Write ``org_code``'s package for a campaign to ``out_path`` (.xlsx); with ``gpkg``
    a GeoPackage beside it (same name, .gpkg), with ``pdf`` a map (.pdf). The package is
    recorded in the registry (id, version, the rows as issued) so a returned copy can be
    checked cell by cell."""
    progress = ensure(progress)
    campaign = get_campaign(reg, campaign_id)
    require_open(campaign)
    if org_code not in campaign.orgs:
        raise OrganisationNotInvited(org=org_code, campaign=campaign.campaign_id)
    rows, xy = _rows(reg, campaign, org_code, progress)
    if not rows:
        raise EmptyPackage(org=org_code, campaign=campaign.campaign_id)
    progress.set_total(len(rows))
    check_cancelled(progress)  # before anything is written: a cancel leaves no file and no record
    out_path = Path(out_path)
    meta = {"format": fmt.FORMAT, "format_version": fmt.FORMAT_VERSION, "package_id": str(uuidlib.uuid4()),
            "version": next_package_version(reg, campaign.campaign_id, org_code), "registry_id": reg.registry_id,
            "campaign_id": campaign.campaign_id, "campaign_name": campaign.name, "org_code": org_code,
            "org_name": reg.organisation_name(org_code), "issuer": reg.organisation_name(rules()["package"]["issuer"]),
            "deadline": campaign.deadline,
            "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "n_assets": len(rows),
            "asset_digest": fmt.asset_digest((r[fmt.CODE], r[fmt.UUID], r[fmt.KIND]) for r in rows),
            "locked_digest": fmt.locked_digest([fmt.HEADERS, *rows])}
    meta["signature"] = fmt.sign(meta, reg.meta("secret"))
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        _workbook(meta, rows, with_gpkg=gpkg).save(out_path)
    except OSError as error:
        raise PackageWriteFailed(path=str(out_path), detail=error.strerror or str(error)) from None
    progress.advance(len(rows))
    record_package(reg, {"package_id": meta["package_id"], "campaign_id": campaign.campaign_id,
                         "org_code": org_code, "version": meta["version"], "created": meta["created"],
                         "asset_digest": meta["asset_digest"], "locked_digest": meta["locked_digest"],
                         "n_assets": len(rows), "rows": json.dumps([fmt.locked_cells(r) for r in rows],
                                                                   ensure_ascii=False)})
    info = PackageInfo(meta["package_id"], meta["version"], campaign.campaign_id, org_code, meta["created"],
                       len(rows), out_path)
    if gpkg:
        info.gpkg_path = _geopackage(reg, rows, xy, meta, out_path.with_suffix(".gpkg"))
    if pdf:
        from .package_map import write_package_map
        info.pdf_path = write_package_map(reg, rows, xy, meta, out_path.with_suffix(".pdf"))
    return info


def _workbook(meta: dict, rows: list[list], with_gpkg: bool = True) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = fmt.SHEET
    ws.append(fmt.HEADERS)
    for row in rows:
        ws.append(row)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    open_cell = Protection(locked=False)
    n = len(rows) + 1
    for col in fmt.EDITABLE:
        ws.cell(1, col + 1).fill = fill
        for r in range(2, n + 1):
            cell = ws.cell(r, col + 1)
            cell.protection = open_cell
            cell.fill = fill
    for i, width in enumerate(fmt.WIDTHS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    ws.column_dimensions[ws.cell(1, fmt.UUID + 1).column_letter].hidden = True
    decision_letter = ws.cell(1, fmt.DECISION + 1).column_letter
    words = decision_words()
    dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                        showErrorMessage=True, showInputMessage=True, errorTitle="请从下拉列表中选择",
                        error="请选择：" + " / ".join(words), promptTitle="是否本单位所有",
                        prompt="请选择：" + " / ".join(words))
    dv.add(f"{decision_letter}2:{decision_letter}{n}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(fmt.COLUMNS)).column_letter}{n}"
    _protect(ws)
    ws.protection.autoFilter = False  # filtering is allowed; it changes no cell
    ws.oddHeader.center.text = f"{meta['org_name']} 确权包 {meta['campaign_id']} {meta['campaign_name']}"
    ws.print_title_rows = "1:1"
    _help_sheet(wb, meta, words, with_gpkg)
    _meta_sheet(wb, meta)
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def _protect(ws) -> None:
    ws.protection.sheet = True
    password = rules()["package"].get("protect_password")
    if password:
        ws.protection.password = password


def _help_sheet(wb, meta: dict, words: list[str], with_gpkg: bool) -> None:
    ws = wb.create_sheet(fmt.HELP_SHEET)
    lines = [
        f"{meta['org_name']}：{meta['campaign_name']}（批次 {meta['campaign_id']}）确权包",
        f"共 {meta['n_assets']} 个部件，请于 {meta['deadline']} 前填写后交回{meta['issuer']}。",
        f"在“{fmt.SHEET}”表的“{fmt.HEADERS[fmt.DECISION]}”列选择：{'、'.join(words)}；需要说明的写在“说明”列。",
        "其他单元格已锁定，请勿修改、增加或删除行；交回时保持文件格式（.xlsx）。",
        f"确权包编号：{meta['package_id']}（第 {meta['version']} 版，{meta['created']}）",
    ]
    if with_gpkg:
        lines.insert(-1, "同名的 .gpkg 文件包含同样的部件位置，可在 QGIS/ArcGIS 中查看。")
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 100
    _protect(ws)


def _meta_sheet(wb, meta: dict) -> None:
    ws = wb.create_sheet(fmt.META_SHEET)
    for key in [*fmt.META_KEYS, "signature"]:
        ws.append([key, meta[key]])
    ws.sheet_state = "veryHidden"
    _protect(ws)


def _geopackage(reg, rows: list[list], xy: list[tuple], meta: dict, path: Path) -> Path:
    """The same assets as points in the registry's CRS, for the organisation's GIS staff."""
    import fiona
    from fiona.crs import CRS as FionaCRS
    props = [("code", "str"), ("kind", "str"), ("subtype", "str"), ("subtype_nm", "str"), ("inscript", "str"),
             ("road", "str"), ("lon", "float"), ("lat", "float"), ("photo", "str"), ("hint", "str")]
    schema = {"geometry": "Point", "properties": dict(props)}
    path.unlink(missing_ok=True)
    try:
        with fiona.open(path, "w", driver="GPKG", schema=schema, crs=FionaCRS.from_epsg(reg.crs),
                        layer=f"package_{meta['org_code']}") as dst:
            dst.writerecords({"geometry": {"type": "Point", "coordinates": (float(px), float(py))},
                              "properties": dict(zip([p for p, _ in props],
                                                     [r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]]))}
                             for r, (px, py) in zip(rows, xy))
    except (OSError, fiona.errors.FionaError) as error:
        raise PackageWriteFailed(path=str(path), detail=str(error)) from None
    return path
