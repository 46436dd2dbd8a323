"""The small ``<out>.meta.json`` written beside every export: what, when, from which
registry and profile, CRS, format, encoding and a sha256 per file, so a department can
check it received what was sent."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from .table import ExportLayer

SIDECAR_SUFFIX = ".meta.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(out_path: Path) -> Path:
    return out_path.with_name(out_path.name + SIDECAR_SUFFIX)


def write_sidecar(out_path: Path, *, fmt: str, layers: list[ExportLayer], paths: list[Path],
                  checksums: dict[str, str], crs: str, encoding: str | None,
                  metadata: dict | None) -> Path:
    metadata = dict(metadata or {})
    base = out_path.parent
    document = {
        "format": fmt,
        "written_at": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "crs": crs,
        "encoding": encoding,
        "registry": metadata.pop("registry", None),
        "profile": metadata.pop("profile", None),
        "filter": metadata.pop("filter", None),
        "layers": [{"name": layer.name, "title": layer.title, "count": len(layer),
                    "fields": [{"name": f.name, "title": f.title, "type": f.type} for f in layer.fields]}
                   for layer in layers],
        "files": [{"path": _relative(p, base), "sha256": checksums[str(p)], "bytes": p.stat().st_size}
                  for p in paths],
    }
    if metadata:
        document["extra"] = metadata
    path = sidecar_path(out_path)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)
