"""Receiving a returned confirmation package: check it is ours, unchanged where it must be,
and current; then record the organisation's answers (:func:`assets.ownership.record_decisions`).

Every check failure is a clear error and changes nothing, unless ``accept_valid_rows``
is given for row-level problems (rows added, deleted or edited outside the decision and
comment columns, unknown answers): then the good rows are taken and the rest reported.
Receiving the same package twice changes nothing the second time.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assets.campaigns import get_campaign, issued_package, receipts, require_open
from assets.candidates import decision_of, decision_words
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP, translate
from assets.kinds import find_kind
from assets.progress import check_cancelled, ensure
from assets.ownership import record_decisions
from assets.store import now_iso

from . import package_format as fmt

MAX_LISTED = 5


class ReceiptError(XiuCityError):
    pass


class PackageUnreadable(ReceiptError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} cannot be read as an Excel workbook (.xlsx); nothing was changed.")


class NotAPackage(ReceiptError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a XiuCity confirmation package (its package information is missing); "
                  "nothing was changed.")


class PackageFromAnotherRegistry(ReceiptError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "This package was made by another registry ({registry}), not by this one; nothing was changed.")


class PackageSignatureInvalid(ReceiptError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The package's hidden information was altered (its signature does not match); "
                  "it cannot be received and nothing was changed.")


class PackageNotIssued(ReceiptError):
    text = QT_TRANSLATE_NOOP("Errors", "Package {package} has no issue record in this registry; nothing was changed.")


class PackageSuperseded(ReceiptError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "This is an older copy (version {version}) of the package of {org}; version {newer} was already "
                  "received. Nothing was changed.")


class PackageRowsInvalid(ReceiptError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The package has {count} problem(s) and was not received; nothing was changed: {details}")

    def __init__(self, problems: list["RowProblem"]):
        self.problems = problems
        super().__init__(count=len(problems), details="")

    def message(self, language: str | None = None) -> str:
        sep = "; " if language == "en" else "；"
        details = sep.join(p.message(language) for p in self.problems[:MAX_LISTED])
        if len(self.problems) > MAX_LISTED:
            details += sep + "…"
        return translate("Errors", self.text, language=language, count=len(self.problems), details=details)


# row-level problems (shown inside PackageRowsInvalid or listed in a report)
ROW_ADDED = QT_TRANSLATE_NOOP("Errors", "row {row}: {code} is not in the package as issued (a row was added)")
ROW_REMOVED = QT_TRANSLATE_NOOP("Errors", "{code} (row {row} as issued) was deleted from the package")
CELL_EDITED = QT_TRANSLATE_NOOP("Errors", "row {row}, column {column}: changed from \"{old}\" to \"{new}\" "
                                          "(only the decision and comment columns may be filled)")
BAD_DECISION = QT_TRANSLATE_NOOP("Errors", "row {row}: \"{value}\" is not one of the answers ({answers})")
SHEET_MISSING = QT_TRANSLATE_NOOP("Errors", "the sheet {sheet} is missing")


@dataclass
class RowProblem:
    text: str
    values: dict
    row: int | None = None
    code: str | None = None

    def message(self, language: str | None = None) -> str:
        return translate("Errors", self.text, language=language, **self.values)

    def __str__(self) -> str:
        return self.message()


@dataclass
class ReceiptReport:
    package_id: str
    campaign_id: str
    org_code: str
    version: int
    rows: int = 0
    answers: dict = field(default_factory=dict)     # yes / no / unsure / blank → count
    changed: int = 0                                 # answers that differ from what was stored
    states: dict = field(default_factory=dict)       # new state → assets that moved to it
    problems: list = field(default_factory=list)     # RowProblem, rows left out
    duplicate: bool = False                          # the same answers were received before

    @property
    def problem_messages(self) -> list[str]:
        return [p.message() for p in self.problems]


def _read_workbook(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError):
        raise PackageUnreadable(path=str(path)) from None
    except Exception:  # a damaged file can fail deep inside the XML parser with any error
        raise PackageUnreadable(path=str(path)) from None


def read_metadata(wb, path) -> dict:
    if fmt.META_SHEET not in wb.sheetnames:
        raise NotAPackage(path=str(path))
    meta = {}
    for row in wb[fmt.META_SHEET].iter_rows(values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = row[1] if len(row) > 1 else None
    if meta.get("format") != fmt.FORMAT or not meta.get("package_id") or not meta.get("signature"):
        raise NotAPackage(path=str(path))
    return meta


def _check_rows(ws, issued: dict) -> tuple[list[dict], list[RowProblem], int]:
    """Compare the returned sheet with the rows as issued: decisions of good rows, problems."""
    issued_rows = json.loads(issued["rows"])
    by_uuid = {r[fmt.LOCKED.index(fmt.UUID)]: (i, r) for i, r in enumerate(issued_rows)}
    problems, decisions, seen, n = [], [], set(), 0
    answers = "、".join(decision_words())
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    for j, (old, new) in enumerate(zip(fmt.locked_cells(fmt.HEADERS), fmt.locked_cells(header))):
        if old != new:
            problems.append(RowProblem(CELL_EDITED, {"row": 1, "column": old, "old": old, "new": new}, 1))
    for r, row in enumerate(rows, start=2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        n += 1
        row = list(row) + [None] * (len(fmt.COLUMNS) - len(row))
        cells = fmt.locked_cells(row)
        uuid, code = cells[fmt.LOCKED.index(fmt.UUID)], cells[fmt.LOCKED.index(fmt.CODE)]
        if uuid not in by_uuid or uuid in seen:
            problems.append(RowProblem(ROW_ADDED, {"row": r, "code": code}, r, code))
            continue
        seen.add(uuid)
        _index, expected = by_uuid[uuid]
        edited = [(j, old, new) for j, (old, new) in enumerate(zip(expected, cells)) if old != new]
        for j, old, new in edited:
            problems.append(RowProblem(CELL_EDITED, {"row": r, "column": fmt.HEADERS[fmt.LOCKED[j]],
                                                     "old": old, "new": new}, r, code))
        decision = decision_of(row[fmt.DECISION])
        if decision == "?":
            problems.append(RowProblem(BAD_DECISION, {"row": r, "value": row[fmt.DECISION], "answers": answers},
                                       r, code))
            continue
        if edited:
            continue
        k = find_kind(cells[fmt.LOCKED.index(fmt.KIND)])
        comment = row[fmt.COMMENT]
        decisions.append({"uuid": uuid, "code": code, "kind": k.name if k else None, "decision": decision,
                          "comment": None if comment is None or str(comment).strip() == "" else str(comment).strip()})
    for uuid, (i, expected) in by_uuid.items():
        if uuid not in seen:
            code = expected[fmt.LOCKED.index(fmt.CODE)]
            problems.append(RowProblem(ROW_REMOVED, {"row": i + 2, "code": code}, i + 2, code))
    return decisions, problems, n


def _decisions_digest(decisions: list[dict]) -> str:
    text = "\n".join(f"{d['uuid']}\t{d['decision'] or ''}\t{d['comment'] or ''}"
                     for d in sorted(decisions, key=lambda d: d["uuid"]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def receive_package(reg, path, accept_valid_rows: bool = False, progress=None) -> ReceiptReport:
    """Check a returned package and record its answers. Raises a :class:`ReceiptError`
    (and changes nothing) for a file that is not a package, a package of another
    registry, altered hidden information, an outdated copy, or, unless
    ``accept_valid_rows``, any row problem."""
    progress = ensure(progress)
    path = Path(path)
    if not path.is_file():
        raise PackageUnreadable(path=str(path))
    wb = _read_workbook(path)
    meta = read_metadata(wb, path)
    if str(meta.get("registry_id")) != reg.registry_id:
        raise PackageFromAnotherRegistry(registry=str(meta.get("registry_id")))
    if not fmt.verify(meta, reg.meta("secret")):
        raise PackageSignatureInvalid()
    campaign = get_campaign(reg, str(meta["campaign_id"]))
    require_open(campaign)
    org, version, package_id = str(meta["org_code"]), int(meta["version"]), str(meta["package_id"])
    issued = issued_package(reg, package_id)
    if issued is None:
        raise PackageNotIssued(package=package_id)
    earlier = receipts(reg, campaign.campaign_id, org)
    newer = max([r["version"] for r in earlier] or [0])
    if newer > version:
        raise PackageSuperseded(version=version, org=reg.organisation_name(org), newer=newer)
    if fmt.SHEET not in wb.sheetnames:
        raise PackageRowsInvalid([RowProblem(SHEET_MISSING, {"sheet": fmt.SHEET})])
    progress.set_total(int(meta.get("n_assets") or 0))
    decisions, problems, n = _check_rows(wb[fmt.SHEET], issued)
    progress.advance(n)
    check_cancelled(progress)  # the last moment a cancel leaves everything as it was
    if problems and not accept_valid_rows:
        raise PackageRowsInvalid(problems)
    answered = [d for d in decisions if d["decision"] is not None]
    report = ReceiptReport(package_id, campaign.campaign_id, org, version, rows=n, problems=problems)
    for key in ("yes", "no", "unsure"):
        report.answers[key] = sum(1 for d in answered if d["decision"] == key)
    report.answers["blank"] = len(decisions) - len(answered)
    digest = _decisions_digest(answered)
    if any(r["package_id"] == package_id and r["decisions_digest"] == digest for r in earlier):
        report.duplicate = True
        return report
    receipt = {"package_id": package_id, "campaign_id": campaign.campaign_id, "org_code": org, "version": version,
               "package_created": str(meta.get("created")), "received": now_iso(), "received_by": reg.who,
               "decisions_digest": digest, "n_rows": n, "n_applied": len(answered),
               "problems": json.dumps([p.message("en") for p in problems], ensure_ascii=False) if problems else None}
    counts = record_decisions(reg, campaign, org, answered, receipt)
    report.changed = counts.pop("changed")
    counts.pop("decided")
    report.states = counts
    return report
