"""检查井/井盖: the cover's inscription suggests the subtype and owner."""
from __future__ import annotations

from .base import AssetKind


class Manholes(AssetKind):
    def subtype_for_inscription(self, inscription: str) -> str | None:
        """The subtype whose usual inscription appears in ``inscription`` (电力 → 0105)."""
        text = (inscription or "").strip()
        if not text:
            return None
        best = None
        for entry in self.subtypes.entries:
            mark = entry.extra.get("inscription")
            if mark and mark in text and (best is None or len(mark) > len(best[1])):
                best = (entry.code, mark)
        return best[0] if best else None

    def settlement(self, height_diff_mm: float | None) -> str:
        """'ok', 'watch' (beyond acceptance tolerance) or 'repair' (beyond the repair limit)."""
        if height_diff_mm is None:
            return "ok"
        diff = abs(height_diff_mm)
        if diff > self.setting("settlement_repair_mm"):
            return "repair"
        if diff > self.setting("settlement_tolerance_mm"):
            return "watch"
        return "ok"

    def derive(self, values: dict) -> dict:
        if not values.get("subtype") and values.get("inscription"):
            subtype = self.subtype_for_inscription(values["inscription"])
            if subtype:
                values["subtype"] = subtype
        return values
