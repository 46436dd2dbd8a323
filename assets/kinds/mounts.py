"""Mounts: the devices on a pole (by height band) or in a cabinet (by compartment).
Not an asset kind of their own on the map, but validated the same way."""
from __future__ import annotations

from functools import cached_property

from ..fields import Field
from .base import AssetKind


class Mounts(AssetKind):
    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(Field.from_spec(s) for s in self.spec["fields"])

    def defaults(self) -> dict:
        return {f.name: f.default for f in self.fields if f.default is not None}
