"""The staging area of an import: delivered rows wait here as candidate records, each with
its findings, before anything touches the registry.

>>> staging = Staging(registry, source="井盖.csv", on_duplicate="skip")   # doctest: +SKIP
>>> staging.add("manholes", rows, values, x, y)                          # doctest: +SKIP
>>> staging.report().summary()                                          # doctest: +SKIP
>>> staging.commit()          # one transaction: bulk inserts, updates, photos, the report

Checks, all vectorised over the rows: position (none, impossible, not a point), the
registry's area, field values (:mod:`assets.import_cleaning`), identifiers (malformed,
already used, repeated in the file), rows of one kind that repeat each other within their
accuracy class's distance (:mod:`assets.staging_duplicates`) and likely duplicates of
existing assets of the same kind within that distance (an STRtree over the registry's
points). Staged columns are kept compact (:mod:`assets.staging_columns`): a million
candidate rows must fit beside the commit's own needs."""
from __future__ import annotations

import re
import uuid as uuidlib
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import import_findings as F
from .bulk import BulkInsert
from .codes import scheme
from .commands import Command, Composite
from .errors import ValidationError, XiuCityError
from .i18n import QT_TRANSLATE_NOOP, translate
from .import_cleaning import clean_columns
from .import_report import ImportReport, count_skipped, store
from .kinds import KIND_NAMES, kind
from .photos import AddPhotos
from .progress import ensure
from .staging_columns import Coded, compact, map_values, take
from .staging_duplicates import close_repeats, radius, settle_repeat
from .store import now_iso, today

ON_DUPLICATE = ("skip", "update", "insert")


class BadDuplicateAction(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Unknown duplicate action {value}: use skip, update or insert.")


@dataclass
class Batch:
    """The candidate records of one kind."""

    kind: str
    rows: np.ndarray                 # row numbers as the user sees the file
    cleaned: dict[str, list]         # stored values per field (a list, or a Coded column)
    raw: dict[str, list]             # values as delivered (None where a row gave nothing); emptied
                                     # once add() has made its decisions
    x: np.ndarray
    y: np.ndarray
    codes: list                      # identifier to keep, or None to allocate
    mounts: list | None              # per row: [cleaned mount dict]; None when no row has any
    photos: list                     # per row: Photo or None
    action: np.ndarray               # "insert" | "update" | "skip"
    edits: dict = field(default_factory=dict)   # row index → EditAsset


@dataclass
class ImportCommit(Command):
    """One import as one transaction: photos, bulk inserts per kind, updates of duplicates,
    and the report. Undo removes what was inserted and restores what was updated."""

    inserts: list
    edits: list
    photos: AddPhotos
    report: ImportReport
    label = "import"

    def apply(self, tx) -> None:
        self.photos.apply(tx)
        for bulk in self.inserts:
            bulk.apply(tx)
        for edit in self.edits:
            edit.apply(tx)
        self.report.at, self.report.who, self.report.stored = now_iso(), tx.who, True
        store(tx.conn, self.report)

    def inverse(self) -> Command:
        return Composite([e.inverse() for e in reversed(self.edits)]
                         + [b.inverse() for b in reversed(self.inserts)] + [self.photos.inverse()], "undo_import")


class Staging:
    """Candidate records of one delivery, with findings, waiting to be committed."""

    def __init__(self, registry, *, source: str, layer: str | None = None, crs: str | None = None,
                 on_duplicate: str = "skip", allow_outside: bool = False, warnings=(), note: str | None = None):
        if on_duplicate not in ON_DUPLICATE:
            raise BadDuplicateAction(value=on_duplicate)
        self.registry = registry
        self.on_duplicate = on_duplicate
        self.allow_outside = allow_outside
        self.batches: list[Batch] = []
        self.findings: list[F.Finding] = []
        self._row_parts: list[np.ndarray] = []  # the row numbers read, per add/reject
        self.report_id = str(uuidlib.uuid4())
        self.source, self.layer, self.crs = source, layer, crs
        self.warnings = list(warnings)
        self.note = note
        self._area = registry.area()
        if self._area is None:
            self.warnings.append(translate(F.CONTEXT, QT_TRANSLATE_NOOP(
                "Import", "The registry has no area yet (no subdistricts): rows were not checked against it.")))
        self._code_rows: dict[str, int] = {}
        self._claimed: dict[str, int] = {}
        self._scheme = scheme(registry.code_scheme)
        self._organisations = registry.organisation_codes()

    @property
    def all_rows(self) -> np.ndarray:
        """The row numbers of every row read."""
        return np.concatenate(self._row_parts) if self._row_parts else np.empty(0, dtype=np.int64)

    # -- staging -----------------------------------------------------------------------
    def reject(self, rows, reason: str, **values) -> None:
        """Rows that cannot even become candidates (an unknown kind)."""
        self._row_parts.append(np.asarray(rows, dtype=np.int64))
        for row in rows:
            self.findings.append(F.finding(int(row), reason, **values))

    def add(self, kind_name: str, rows, values: dict[str, list], x, y, *, mounts=None, photos=None,
            position_issues: dict | None = None, row_errors: dict | None = None) -> Batch:
        """Stage rows of one kind: ``values`` are mapped columns (field → values as delivered,
        ``code`` included), ``x``/``y`` are in the registry's CRS (NaN for none),
        ``mounts`` per row a list of (device type, owner), ``position_issues`` ``{row index:
        (reason, values)}`` for geometries that are not points, ``row_errors`` ``{row index:
        XiuCityError}`` for rows that could not be mapped."""
        k = kind(kind_name)
        rows = np.asarray(rows, dtype=np.int64)
        n = len(rows)
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        self._row_parts.append(rows)
        blocked = np.zeros(n, dtype=bool)
        values = dict(values)
        codes = [(c.strip() or None) if type(c) is str else None if c is None else (str(c).strip() or None)
                 for c in values.pop("code", [None] * n)]
        cleaned, problems = clean_columns(k, values, n, organisations=self._organisations)
        self._positions(rows, x, y, blocked, position_issues or {})
        for i, found in problems.items():
            blocked[i] = True
            self.findings.extend(F.problem_finding(int(rows[i]), p) for p in found)
        for i, error in (row_errors or {}).items():
            blocked[i] = True
            self.findings.append(F.error_finding(int(rows[i]), error))
        stored_mounts = self._mounts(k, rows, mounts, blocked)
        codes, repeats = self._codes(rows, codes, cleaned, blocked)
        cleaned = {name: compact(col) for name, col in cleaned.items()}
        batch = Batch(kind_name, rows, cleaned, values, x, y, codes, stored_mounts,
                      list(photos) if photos is not None else [None] * n, np.full(n, "insert", dtype=object))
        batch.action[blocked] = "skip"
        self._repeats_in_file(batch, repeats)
        self._existing_codes(batch)
        self._near_duplicates(batch)
        batch.raw = {}  # the delivered values served the decisions above, all made now
        self.batches.append(batch)
        return batch

    def _repeats_in_file(self, batch: Batch, repeats: list[tuple[int, int, str]]) -> None:
        """Rows repeating an identifier or the place of an earlier row of the file."""
        where = {int(r): i for i, r in enumerate(batch.rows)} if repeats else {}
        for i, first_row, code in repeats:
            settle_repeat(self, batch, i, where.get(first_row), first_row, F.DUPLICATE_IN_FILE, F.REPEATED_CODE,
                          with_position=True, what=code)
        title = kind(batch.kind).item_title()
        for i, j, distance in close_repeats(batch, keep_repeats=self.on_duplicate == "insert"):
            settle_repeat(self, batch, i, j, int(batch.rows[j]), F.NEAR_DUPLICATE_IN_FILE,
                          F.TEXTS[F.NEAR_DUPLICATE_IN_FILE], with_position=False, kind=title, distance=distance)

    def _positions(self, rows, x, y, blocked, issues) -> None:
        limit = F.settings()["max_abs_coordinate"]
        for i, (reason, values) in issues.items():
            blocked[i] = True
            self.findings.append(F.finding(int(rows[i]), reason, **values))
        missing = (np.isnan(x) | np.isnan(y)) & ~blocked
        bad = ~missing & ~blocked & ~(np.isfinite(x) & np.isfinite(y) & (np.abs(x) < limit) & (np.abs(y) < limit))
        for i in np.flatnonzero(missing):
            self.findings.append(F.finding(int(rows[i]), F.NO_POSITION))
        for i in np.flatnonzero(bad):
            self.findings.append(F.finding(int(rows[i]), F.BAD_POSITION, x=f"{x[i]:g}", y=f"{y[i]:g}"))
        blocked |= missing | bad
        if self._area is None:
            return
        ok = np.flatnonzero(~blocked)
        inside = shapely.intersects_xy(self._area, x[ok], y[ok])
        for i in ok[~inside]:
            self.findings.append(F.finding(int(rows[i]), F.OUTSIDE_AREA, blocking=not self.allow_outside,
                                           x=float(x[i]), y=float(y[i])))
        if not self.allow_outside:
            blocked[ok[~inside]] = True

    def _mounts(self, k, rows, mounts, blocked) -> list:
        if not mounts or not k.has_mounts:
            return None
        memo: dict = {}
        out = []
        for i, items in enumerate(mounts):
            stored = []
            for device, owner in items or ():
                key = (device, owner)
                if key not in memo:
                    try:
                        memo[key] = self.registry.clean_mount({"device_type": device, "owner_code": owner})
                    except ValidationError as error:
                        memo[key] = error
                if isinstance(memo[key], ValidationError):
                    blocked[i] = True
                    self.findings.extend(F.problem_finding(int(rows[i]), p) for p in memo[key].problems)
                else:
                    stored.append(dict(memo[key]))
            out.append(stored)
        return out

    def _codes(self, rows, codes, cleaned, blocked) -> tuple[list, list]:
        """(identifiers kept, repeats). Malformed identifiers are replaced (kept in the
        remarks, summed up in one warning rather than a finding per row). A repeat is
        (row index, the row number that gave the identifier first, the identifier): the
        same delivered identifier, well-formed or not, in a later row still open."""
        remark = F.settings()["original_code_remark"]
        remarks = cleaned.get("remarks")
        if isinstance(remarks, Coded) and any(codes):
            remarks = cleaned["remarks"] = list(remarks)  # each row may get its own note
        length, region = self._scheme.length, self.registry.region
        numbers, open_rows = rows.tolist(), (~blocked).tolist()
        given = [i for i, code in enumerate(codes) if code is not None]
        opened = [i for i in given if open_rows[i]]
        seen = self._code_rows
        first_time = {codes[i]: numbers[i] for i in reversed(opened)}  # reversed: the first row wins
        repeats = []
        if len(first_time) == len(opened) and seen.keys().isdisjoint(first_time):
            seen.update(first_time)  # the usual delivery: every identifier new and once
        else:
            for i in opened:
                first = seen.setdefault(codes[i], numbers[i])
                if first != numbers[i]:
                    repeats.append((i, first, codes[i]))
        digits = length - len(region)
        well_formed = re.compile(f"{re.escape(region)}[0-9]{{{digits}}}").fullmatch if digits >= 0 else (lambda _: None)
        malformed = [i for i in given if not well_formed(codes[i])]
        out = list(codes)
        replaced = [codes[i] for i in malformed]
        for i in malformed:
            out[i] = None
        if remarks is not None:
            for i in malformed:
                note = remark.format(code=codes[i])
                remarks[i] = f"{remarks[i]}；{note}" if remarks[i] else note
        if replaced:
            self.warnings.append(translate(F.CONTEXT, F.NEW_CODES, count=len(replaced),
                                           examples="、".join(replaced[:3]), length=length))
        return out, repeats

    def _existing_codes(self, batch: Batch) -> None:
        wanted = {c: i for i, c in enumerate(batch.codes) if c is not None and batch.action[i] != "skip"}
        if not wanted:
            return
        found: dict[str, tuple[str, str]] = {}
        codes = list(wanted)
        for name in KIND_NAMES:
            for lo in range(0, len(codes), 500):
                chunk = codes[lo:lo + 500]
                for code, uuid in self.registry.conn.execute(
                        f'SELECT code, uuid FROM "{name}" WHERE code IN ({",".join("?" * len(chunk))})', chunk):
                    found[code] = (name, uuid)
        for code, (kind_name, uuid) in found.items():
            i = wanted[code]
            action = self.on_duplicate if kind_name == batch.kind else "skip"
            self._decide(batch, i, F.DUPLICATE_CODE, action, uuid, code=code, with_position=True)

    def _near_duplicates(self, batch: Batch) -> None:
        open_rows = np.flatnonzero(batch.action == "insert")
        existing = self.registry.points(batch.kind, columns=("uuid", "code"))
        if not len(open_rows) or not len(existing["fid"]):
            return
        reach = radius(batch, open_rows)
        ex, ey = existing["x"], existing["y"]
        keep = np.isfinite(ex) & np.isfinite(ey)
        tree_index = np.flatnonzero(keep)
        tree = shapely.STRtree(shapely.points(ex[keep], ey[keep]))
        px, py = batch.x[open_rows], batch.y[open_rows]
        pairs = tree.query(shapely.points(px, py), predicate="dwithin", distance=reach)
        if not pairs.shape[1]:
            return
        src, hit = pairs
        dist = np.hypot(px[src] - ex[tree_index[hit]], py[src] - ey[tree_index[hit]])
        order = np.lexsort((dist, src))           # nearest existing asset first for each row
        src, hit, dist = src[order], hit[order], dist[order]
        first = np.r_[True, src[1:] != src[:-1]]
        for s, h, d in zip(src[first], hit[first], dist[first]):
            i = int(open_rows[s])
            j = int(tree_index[h])
            self._decide(batch, i, F.DUPLICATE_POSITION, self.on_duplicate, existing["uuid"][j],
                         code=existing["code"][j], kind=kind(batch.kind).item_title(), distance=float(d))

    def _decide(self, batch: Batch, i: int, reason: str, action: str, uuid: str, *, with_position=False,
                **values) -> None:
        row = int(batch.rows[i])
        if action == "update" and uuid in self._claimed:
            batch.action[i] = "skip"
            self.findings.append(F.finding(row, F.DUPLICATE_IN_FILE, what=values["code"], first=self._claimed[uuid]))
            return
        self.findings.append(F.finding(row, reason, blocking=action == "skip", action=action, **values))
        batch.action[i] = action
        if action == "insert":
            batch.codes[i] = None  # the identifier belongs to the existing asset: allocate a new one
        elif action == "update":
            self._claimed[uuid] = row
            # only what the row gave: defaults must not overwrite what the registry knows
            changes = {name: batch.cleaned[name][i] for name, col in batch.raw.items()
                       if col[i] is not None and name in batch.cleaned and batch.cleaned[name][i] is not None}
            if batch.photos[i] is not None:
                changes["photo"] = batch.photos[i].ref
            if with_position:
                changes.update(x=float(batch.x[i]), y=float(batch.y[i]))
            edit = self.registry.edit_command(uuid, changes, action="import_update", note=self.note)
            if edit.after:
                batch.edits[i] = edit
            else:
                batch.action[i] = "skip"
                self.findings.append(F.finding(row, F.UNCHANGED, blocking=False, code=values["code"]))

    # -- outcome ------------------------------------------------------------------------
    def taken(self) -> set[int]:
        return {int(b.rows[i]) for b in self.batches for i in np.flatnonzero(b.action != "skip")}

    def report(self, dry_run: bool = False) -> ImportReport:
        inserted = sum(int((b.action == "insert").sum()) for b in self.batches)
        updated = sum(len(b.edits) for b in self.batches)
        findings = sorted(self.findings, key=lambda f: f.row)
        everything = self.all_rows
        taken = [b.rows[b.action != "skip"] for b in self.batches]
        left = np.setdiff1d(everything, np.concatenate(taken)) if taken else everything  # as arrays: 1M rows
        return ImportReport(
            report_id=self.report_id, source=self.source, layer=self.layer,
            kinds=[b.kind for b in self.batches], crs=self.crs, read=len(everything), imported=inserted,
            updated=updated, skipped=count_skipped(findings, set(), left.tolist()),
            findings=[f.to_dict() for f in findings], warnings=self.warnings, dry_run=dry_run)

    def command(self, progress=None) -> ImportCommit:
        inserts, edits, photos = [], [], []
        for b in self.batches:
            b.raw = {}  # the delivered values served the update decisions, already made
            # empty columns are a list per field of a million Nones each: let them go
            b.cleaned = {name: col for name, col in b.cleaned.items() if col.count(None) != len(col)}
            idx = np.flatnonzero(b.action == "insert")
            edits.extend(b.edits[i] for i in sorted(b.edits))
            photos.extend(b.photos[i] for i in sorted(b.edits) if b.photos[i] is not None)
            if not len(idx):
                continue
            everything = len(idx) == len(b.rows)
            pick = (lambda col: col) if everything else (lambda col: take(col, idx))
            defaults = kind(b.kind).defaults()
            # a column that is the kind's default throughout is filled by the bulk path itself
            columns = {name: pick(col) for name, col in b.cleaned.items()
                       if not (name in defaults and col.count(defaults[name]) == len(col))}
            if "init_date" in columns:
                columns["init_date"] = map_values(columns["init_date"], lambda v: v or today())
            codes = pick(b.codes)
            if any(codes):
                columns["code"] = codes
            chosen_photos = pick(b.photos)
            photos.extend(p for p in chosen_photos if p is not None)
            if any(p is not None for p in chosen_photos):
                columns["photo"] = [p.ref if p is not None else v
                                    for p, v in zip(chosen_photos, columns.get("photo", [None] * len(idx)))]
            mounts = [(j, m) for j, i in enumerate(idx.tolist()) for m in b.mounts[i]] if b.mounts else []
            inserts.append(BulkInsert(b.kind, columns, b.x[idx], b.y[idx], mounts, self.note, progress))
        return ImportCommit(inserts, edits, AddPhotos(photos), self.report())

    def commit(self, progress=None, *, undoable: bool = True) -> ImportReport:
        """Write everything taken in ONE transaction (nothing on any error); the report is
        stored with the registry and returned. When no row is taken nothing is written."""
        progress = ensure(progress)
        command = self.command(progress)
        report = command.report
        if report.imported or report.updated:
            self.registry.execute(command, undoable=undoable)
        return report
