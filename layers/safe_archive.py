"""Unpacking delivered archives (.zip, .kmz) without trusting them.

An entry whose name climbs out of the target folder (``../``, an absolute path, a drive
letter) is refused, and so is an archive whose declared size or compression ratio is over
the limits in ``resources/import/archive_limits.toml`` (zip bombs). Sizes are checked
from the central directory before anything is written, and again while writing, because
the directory can lie.
"""
from __future__ import annotations

import shutil
import tempfile
import tomllib
import zipfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterator

import resources

from .sources.errors import (ArchiveRatioTooHigh, ArchiveTooLarge, SourceDamaged, UnsafeArchive)

MB = 1024 * 1024
_CHUNK = 1024 * 1024


@lru_cache(maxsize=1)
def limits() -> dict:
    with open(resources.path("import", "archive_limits.toml"), "rb") as f:
        return tomllib.load(f)


def _entry_is_unsafe(name: str) -> bool:
    text = name.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return True
    return any(part == ".." for part in PurePosixPath(text).parts)


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry name, decoded as GBK when the zip did not flag UTF-8 (Chinese Windows
    zips store names in the ANSI code page; Python then shows them as cp437)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def check_archive(path: str | Path) -> list[zipfile.ZipInfo]:
    """The entries of the zip at ``path`` after checking names and sizes, or raise."""
    path = str(path)
    lim = limits()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceDamaged(path=path, driver=Path(path).suffix.lstrip(".").upper() or "ZIP",
                            detail=str(exc)) from None
    for info in infos:
        if _entry_is_unsafe(info.filename):
            raise UnsafeArchive(path=path, entry=info.filename)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > lim["max_total_mb"] * MB or len(infos) > lim["max_entries"]:
        raise ArchiveTooLarge(path=path, size=round(total / MB), entries=len(infos),
                              limit=lim["max_total_mb"], max_entries=lim["max_entries"])
    if total > lim["ratio_min_uncompressed_mb"] * MB and total > lim["max_ratio"] * max(packed, 1):
        raise ArchiveRatioTooHigh(path=path, ratio=round(total / max(packed, 1)))
    return infos


def extract_to(path: str | Path, target: str | Path) -> list[Path]:
    """Extract the zip at ``path`` into the folder ``target``; return the files written.

    Every byte written is counted, so an archive that declares small sizes but inflates
    to more is stopped at the limit."""
    path = str(path)
    target = Path(target).resolve()
    infos = check_archive(path)
    budget = limits()["max_total_mb"] * MB
    written: list[Path] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for info in infos:
                name = _entry_name(info)
                dest = (target / name).resolve()
                if _entry_is_unsafe(name) or not dest.is_relative_to(target):
                    raise UnsafeArchive(path=path, entry=name)
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise ArchiveTooLarge(path=path, size=limits()["max_total_mb"], entries=len(infos),
                                                  limit=limits()["max_total_mb"],
                                                  max_entries=limits()["max_entries"])
                        out.write(chunk)
                written.append(dest)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise SourceDamaged(path=path, driver="ZIP", detail=str(exc)) from None
    return written


@contextmanager
def unpacked(path: str | Path) -> Iterator[Path]:
    """A temporary folder holding the archive's files, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="xiucity-import-"))
    try:
        extract_to(path, folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
