"""The import report: what was read, imported, updated and skipped (by reason), and every
row's findings. It is kept with the registry in the ``import_reports`` attribute table
(created on first use, inside the import's own transaction) so that it travels with the
file, and it can be exported as JSON or as CSV that Excel opens (UTF-8 with BOM)."""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import geopackage as gpkg
from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP, translate

TABLE = "import_reports"
_COLUMNS = ("report_id", "at", "who", "source", "layer", "kinds", "read", "imported", "updated", "skipped", "report")


class ReportNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The registry holds no import report {ref}.")


@dataclass
class ImportReport:
    report_id: str
    source: str
    layer: str | None = None
    kinds: list[str] = field(default_factory=list)
    crs: str | None = None
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)   # {row, reason, blocking, message}
    warnings: list[str] = field(default_factory=list)    # what the reader noticed about the file
    dry_run: bool = False
    stored: bool = False
    at: str | None = None
    who: str | None = None

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_dict(self) -> dict:
        return {"report_id": self.report_id, "at": self.at, "who": self.who, "source": self.source,
                "layer": self.layer, "kinds": self.kinds, "crs": self.crs, "dry_run": self.dry_run,
                "stored": self.stored,
                "read": self.read, "imported": self.imported, "updated": self.updated,
                "skipped": self.skipped_total, "skipped_by_reason": dict(self.skipped),
                "warnings": list(self.warnings), "findings": list(self.findings)}

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        return cls(report_id=data["report_id"], source=data["source"], layer=data.get("layer"),
                   kinds=list(data.get("kinds") or []), crs=data.get("crs"), read=data.get("read", 0),
                   imported=data.get("imported", 0), updated=data.get("updated", 0),
                   skipped=dict(data.get("skipped_by_reason") or {}), findings=list(data.get("findings") or []),
                   warnings=list(data.get("warnings") or []), dry_run=bool(data.get("dry_run")),
                   stored=bool(data.get("stored")),
                   at=data.get("at"), who=data.get("who"))

    def summary(self, language: str | None = None) -> str:
        """One line for the user: counts and the reasons rows were skipped."""
        text = translate("Import", QT_TRANSLATE_NOOP(
            "Import", "{read} rows read: {imported} imported, {updated} updated, {skipped} skipped."),
            language=language, read=self.read, imported=self.imported, updated=self.updated,
            skipped=self.skipped_total)
        if self.skipped:
            reasons = ", ".join(f"{translate('Import', REASON_LABELS.get(r, r), language=language)} {n}"
                                for r, n in sorted(self.skipped.items(), key=lambda item: -item[1]))
            text += f" ({reasons})"
        return text

    def write(self, path) -> Path:
        """Export as JSON (``.json``) or as CSV with a BOM (any other suffix)."""
        path = Path(path)
        if path.suffix.casefold() == ".json":
            path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
            return path
        headers = [translate("Import", h) for h in _CSV_HEADERS]
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(headers)
            for item in self.findings:
                writer.writerow([item["row"], translate("Import", REASON_LABELS.get(item["reason"], item["reason"])),
                                 translate("Import", _YES if item["blocking"] else _NO), item["message"]])
        return path


_CSV_HEADERS = (QT_TRANSLATE_NOOP("Import", "Row"), QT_TRANSLATE_NOOP("Import", "Reason"),
                QT_TRANSLATE_NOOP("Import", "Not imported"), QT_TRANSLATE_NOOP("Import", "Message"))
_YES = QT_TRANSLATE_NOOP("Import", "yes")
_NO = QT_TRANSLATE_NOOP("Import", "no")

REASON_LABELS = {
    "outside_area": QT_TRANSLATE_NOOP("Import", "outside the area"),
    "no_position": QT_TRANSLATE_NOOP("Import", "no position"),
    "bad_position": QT_TRANSLATE_NOOP("Import", "impossible coordinates"),
    "not_a_point": QT_TRANSLATE_NOOP("Import", "not a point"),
    "unknown_value": QT_TRANSLATE_NOOP("Import", "unknown value"),
    "missing_required": QT_TRANSLATE_NOOP("Import", "required value missing"),
    "invalid_value": QT_TRANSLATE_NOOP("Import", "invalid value"),
    "duplicate_position": QT_TRANSLATE_NOOP("Import", "duplicate of an existing asset"),
    "duplicate_code": QT_TRANSLATE_NOOP("Import", "identifier already used"),
    "duplicate_in_file": QT_TRANSLATE_NOOP("Import", "repeated in the file"),
    "near_duplicate_in_file": QT_TRANSLATE_NOOP("Import", "same place as another row of the file"),
    "unknown_kind": QT_TRANSLATE_NOOP("Import", "unknown kind"),
    "no_match": QT_TRANSLATE_NOOP("Import", "no asset nearby"),
    "unchanged": QT_TRANSLATE_NOOP("Import", "nothing to update"),
    "wrong_geometry": QT_TRANSLATE_NOOP("Import", "wrong geometry type"),
}


def count_skipped(findings, taken: set[int], rows: list[int]) -> dict[str, int]:
    """Rows not taken, counted once each under their first blocking reason."""
    first: dict[int, str] = {}
    for item in findings:
        if item.blocking and item.row not in first:
            first[item.row] = item.reason
    return dict(Counter(first.get(r, "unchanged") for r in rows if r not in taken))


# -- storage ------------------------------------------------------------------------------
def ensure_table(conn) -> None:
    """Create the ``import_reports`` table on first use (inside the caller's transaction)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
        return
    gpkg.add_attribute_table(
        conn, TABLE,
        "report_id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, who TEXT, source TEXT, layer TEXT, kinds TEXT, "
        "read INTEGER, imported INTEGER, updated INTEGER, skipped INTEGER, report TEXT",
        "导入报告", "Import reports: rows read, imported, updated, skipped and why")
    gpkg.set_column_titles(conn, TABLE, {
        "report_id": ("报告编号", "Report"), "at": ("时间", "When"), "who": ("操作人", "Who"),
        "source": ("来源文件", "Source file"), "layer": ("图层", "Layer"), "kinds": ("类型", "Kinds"),
        "read": ("读取行数", "Rows read"), "imported": ("导入", "Imported"), "updated": ("更新", "Updated"),
        "skipped": ("跳过", "Skipped"), "report": ("报告内容", "Report (JSON)")})


def store(conn, report: ImportReport) -> None:
    ensure_table(conn)
    conn.execute(
        f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
        (report.report_id, report.at, report.who, report.source, report.layer, ",".join(report.kinds),
         report.read, report.imported, report.updated, report.skipped_total,
         json.dumps(report.to_dict(), ensure_ascii=False)))


def list_reports(registry) -> list[dict]:
    """The stored reports, newest first (without their findings)."""
    conn = registry.conn
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
        return []
    cols = _COLUMNS[:-1]
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM {TABLE} ORDER BY id DESC").fetchall()
    return [dict(zip(cols, r)) for r in rows]


def load_report(registry, ref: str = "last") -> ImportReport:
    """A stored report by its id (or a unique prefix of it), or the last one."""
    conn = registry.conn
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
        raise ReportNotFound(ref=ref)
    if ref == "last":
        row = conn.execute(f"SELECT report FROM {TABLE} ORDER BY id DESC LIMIT 1").fetchone()
    else:
        rows = conn.execute(f"SELECT report FROM {TABLE} WHERE report_id LIKE ? || '%'", (ref,)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise ReportNotFound(ref=ref)
    return ImportReport.from_dict(json.loads(row[0]))
