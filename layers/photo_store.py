"""Geotagged photos into the registry: as new points (``import_file`` on a folder, with
the photo attached to each), or attached to the nearest existing asset within a distance
(:func:`attach_photos`). The bytes and a thumbnail go into the registry's ``photos``
table (:mod:`assets.photos`), so the file moves as one unit."""
from __future__ import annotations

import io
import mimetypes
import uuid as uuidlib
from pathlib import Path

import numpy as np
import shapely

from assets import import_findings as F
from assets.i18n import QT_TRANSLATE_NOOP, translate
from assets.import_report import ImportReport, count_skipped
from assets.kinds import KIND_NAMES, kind as get_kind
from assets.photos import AddPhotos, Photo
from assets.progress import check_cancelled, ensure
from assets.staging import ImportCommit

from .importer import registry_points, resolve_kind
from .sources import read_source
from .sources.errors import SourceDamaged, SourceError


class NotAPhotoFolder(SourceError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "{path} is a file; attaching photos needs a folder of geotagged photos (.jpg).")


def thumbnail(data: bytes, size: int | None = None) -> bytes | None:
    """A small JPEG of the photo (None when pillow cannot read it)."""
    from PIL import Image, ImageOps, UnidentifiedImageError
    size = size or F.settings()["photos"]["thumbnail_px"]
    try:
        with Image.open(io.BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img).convert("RGB")
            img.thumbnail((size, size))
            out = io.BytesIO()
            img.save(out, "JPEG", quality=80)
            return out.getvalue()
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def photo_from_file(path: Path, taken_at=None) -> Photo:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceDamaged(path=str(path), driver="JPEG", detail=str(exc)) from None
    mime = mimetypes.guess_type(str(path))[0] or "image/jpeg"
    taken = taken_at.isoformat(sep=" ") if hasattr(taken_at, "isoformat") else taken_at
    return Photo(str(uuidlib.uuid4()), Path(path).name, taken, mime, data, thumbnail(data))


def attach_photos(registry, folder, *, kind: str | None = None, within: float | None = None,
                  crs=None, dry_run: bool = False, progress=None) -> ImportReport:
    """Attach each geotagged photo in ``folder`` to the nearest asset (of ``kind``, or of
    any kind) within ``within`` metres; photos with nothing near are reported, not lost.
    One transaction; nothing is written on ``dry_run`` or on any error."""
    progress = ensure(progress)
    within = float(within if within is not None else F.settings()["photos"]["attach_within_m"])
    if Path(folder).is_file():  # a ledger has no photo files to attach
        raise NotAPhotoFolder(path=str(folder))
    table = read_source(folder, crs=crs, progress=progress)
    x, y, issues = registry_points(table, registry)
    kinds = [resolve_kind(kind)] if kind else list(KIND_NAMES)
    # nearest asset among the chosen kinds: one tree per kind, the closest answer wins
    best = np.full(len(x), np.inf)
    target: list = [None] * len(x)
    ok = np.isfinite(x) & np.isfinite(y)
    for name in kinds:
        pts = registry.points(name, columns=("uuid", "code"))
        keep = np.isfinite(pts["x"])
        if not keep.any() or not ok.any():
            continue
        tree = shapely.STRtree(shapely.points(pts["x"][keep], pts["y"][keep]))
        index = np.flatnonzero(keep)
        rows = np.flatnonzero(ok)
        found, dist = tree.query_nearest(shapely.points(x[rows], y[rows]), max_distance=within,
                                         return_distance=True, all_matches=False)
        for (r, h), d in zip(found.T, dist):
            i = int(rows[r])
            if d < best[i]:
                best[i] = d
                target[i] = (name, pts["uuid"][index[h]], pts["code"][index[h]])
        check_cancelled(progress)
    findings, edits, photos, taken = [], [], [], set()
    kind_label = get_kind(kinds[0]).item_title() if len(kinds) == 1 else translate(
        "Import", QT_TRANSLATE_NOOP("Import", "asset"))
    claimed: dict[str, int] = {}
    for i, row in enumerate(table.rows):
        number = i + 1
        if i in issues:
            findings.append(F.finding(number, issues[i][0], **issues[i][1]))
        elif not ok[i]:
            findings.append(F.finding(number, F.NO_POSITION))
        elif target[i] is None:
            findings.append(F.finding(number, F.NO_MATCH, kind=kind_label, metres=f"{within:g}"))
        elif target[i][1] in claimed:
            findings.append(F.finding(number, F.DUPLICATE_IN_FILE, what=target[i][2], first=claimed[target[i][1]]))
        else:
            _, uuid, code = target[i]
            claimed[uuid] = number
            photo = photo_from_file(Path(row["photo"]), row.get("taken_at"))
            edit = registry.edit_command(uuid, {"photo": photo.ref}, action="attach_photo",
                                         note=Path(row["photo"]).name)
            edits.append(edit)
            photos.append(photo)
            taken.add(number)
    rows = list(range(1, len(table.rows) + 1))
    report = ImportReport(report_id=str(uuidlib.uuid4()), source=str(table.path), kinds=kinds,
                          crs="EPSG:4326", read=len(rows), updated=len(edits),
                          skipped=count_skipped(findings, taken, rows),
                          findings=[f.to_dict() for f in findings], warnings=table.warnings, dry_run=dry_run)
    if edits and not dry_run:
        registry.execute(ImportCommit([], edits, AddPhotos(photos), report))
    return report
