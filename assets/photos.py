"""Photos kept inside the registry, so the file moves as one unit (no folder of pictures
to lose on the way to another office). Each photo is a row of the ``photos`` attribute
table with the original bytes and a small thumbnail; an asset's ``photo`` field refers
to it as ``photo:<uuid>``."""
from __future__ import annotations

from dataclasses import dataclass

from . import geopackage as gpkg
from .commands import Command
from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP
from .store import Transaction

TABLE = "photos"
PREFIX = "photo:"


class PhotoNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The registry holds no photo {ref}.")


@dataclass
class Photo:
    uuid: str
    file_name: str
    taken_at: str | None
    mime: str
    data: bytes
    thumbnail: bytes | None = None

    @property
    def ref(self) -> str:
        """What an asset's ``photo`` field holds."""
        return PREFIX + self.uuid


def ensure_table(conn) -> None:
    """Create the ``photos`` table on first use (inside the caller's transaction)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
        return
    gpkg.add_attribute_table(
        conn, TABLE, "uuid TEXT NOT NULL UNIQUE, file_name TEXT, taken_at TEXT, mime TEXT, "
        "data BLOB NOT NULL, thumbnail BLOB", "照片", "Photos of assets, kept inside the registry")
    gpkg.set_column_titles(conn, TABLE, {
        "uuid": ("照片UUID", "Photo UUID"), "file_name": ("文件名", "File name"),
        "taken_at": ("拍摄时间", "Taken at"), "mime": ("类型", "Type"), "data": ("照片", "Photo"),
        "thumbnail": ("缩略图", "Thumbnail")})


@dataclass
class AddPhotos(Command):
    """Store photos (part of an import's transaction); undone by deleting them."""

    photos: list
    label = "add_photos"

    def apply(self, tx: Transaction) -> None:
        if not self.photos:
            return
        ensure_table(tx.conn)
        tx.conn.executemany(
            f"INSERT INTO {TABLE} (uuid, file_name, taken_at, mime, data, thumbnail) VALUES (?,?,?,?,?,?)",
            [(p.uuid, p.file_name, p.taken_at, p.mime, p.data, p.thumbnail) for p in self.photos])
        tx.record(self.label, None, None, None, None, {"photos": [p.uuid for p in self.photos]})

    def inverse(self) -> Command:
        return DeletePhotos([p.uuid for p in self.photos], self.photos)


@dataclass
class DeletePhotos(Command):
    uuids: list
    photos: list
    label = "delete_photos"

    def apply(self, tx: Transaction) -> None:
        if not self.uuids:
            return
        tx.conn.executemany(f"DELETE FROM {TABLE} WHERE uuid = ?", [(u,) for u in self.uuids])
        tx.record(self.label, None, None, None, {"photos": list(self.uuids)}, None)

    def inverse(self) -> Command:
        return AddPhotos(self.photos)


def photo(registry, ref: str) -> Photo:
    """A stored photo by ``photo:<uuid>`` or its uuid."""
    uuid = ref[len(PREFIX):] if str(ref).startswith(PREFIX) else str(ref)
    conn = registry.conn
    row = None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
        row = conn.execute(f"SELECT uuid, file_name, taken_at, mime, data, thumbnail FROM {TABLE} WHERE uuid = ?",
                           (uuid,)).fetchone()
    if row is None:
        raise PhotoNotFound(ref=ref)
    return Photo(*row)


def photo_count(registry) -> int:
    conn = registry.conn
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
        return 0
    return conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
