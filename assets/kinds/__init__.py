"""The six asset kinds, registered in one table: name → kind object.

Adding a kind: a ``resources/kinds/<name>.toml`` file, a module here if the data cannot
say everything, and one line in ``_CLASSES``."""
from __future__ import annotations

from functools import lru_cache

from .base import AssetKind, load_toml
from .billboards import Billboards
from .boxes import Boxes
from .manholes import Manholes
from .mounts import Mounts
from .poles import Poles
from .toilets import Toilets
from .trees import Trees

_CLASSES: dict[str, type[AssetKind]] = {
    "manholes": Manholes,
    "poles": Poles,
    "boxes": Boxes,
    "billboards": Billboards,
    "toilets": Toilets,
    "trees": Trees,
}

KIND_NAMES: tuple[str, ...] = tuple(_CLASSES)


@lru_cache(maxsize=None)
def kind(name: str) -> AssetKind:
    """The kind called ``name`` (its table name, e.g. ``"poles"``)."""
    try:
        cls = _CLASSES[name]
    except KeyError:
        raise KeyError(f"unknown asset kind {name!r}; known: {', '.join(KIND_NAMES)}") from None
    return cls.load(name)


def all_kinds() -> list[AssetKind]:
    return [kind(n) for n in KIND_NAMES]


def find_kind(text: str) -> AssetKind | None:
    """The kind named by its table name or its Chinese or English label."""
    wanted = str(text).strip().casefold()
    for k in all_kinds():
        names = {k.name, k.spec["label"], k.spec["label_en"], k.spec["item_label"], k.spec["item_label_en"]}
        if wanted in {n.casefold() for n in names}:
            return k
    return None


@lru_cache(maxsize=1)
def mount_kind() -> Mounts:
    """The devices on poles and in cabinets, validated like a kind of their own."""
    return Mounts.load("mounts")


def mount_fields():
    return mount_kind().fields


__all__ = ["AssetKind", "load_toml", "KIND_NAMES", "kind", "all_kinds", "find_kind", "mount_fields", "mount_kind"]
