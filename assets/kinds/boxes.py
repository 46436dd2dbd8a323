"""箱体: powered and passive cabinets; the subtype says which unless the survey does."""
from __future__ import annotations

from .base import AssetKind

INTEGRATED_SUBTYPE = "0713"


class Boxes(AssetKind):
    def derive(self, values: dict) -> dict:
        if values.get("powered") is None and values.get("subtype"):
            entry = self.subtypes.get(values["subtype"])
            if entry is not None and "powered" in entry.extra:
                values["powered"] = bool(entry.extra["powered"])
        return values
