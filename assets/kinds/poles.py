"""杆件: poles carry mounts; some poles are never merged."""
from __future__ import annotations

from ..errors import Problem
from ..i18n import QT_TRANSLATE_NOOP
from .base import AssetKind

INTEGRATED_SUBTYPE = "0701"


class Poles(AssetKind):
    def check_record(self, values: dict) -> list[Problem]:
        problems = []
        if values.get("structure") == "integrated" and values.get("subtype") not in (None, INTEGRATED_SUBTYPE):
            problems.append(Problem("structure", QT_TRANSLATE_NOOP(
                "Validation", "An integrated pole must have the subtype 综合杆 ({code})."), code=INTEGRATED_SUBTYPE))
        return problems

    def derive(self, values: dict) -> dict:
        if values.get("subtype") == INTEGRATED_SUBTYPE and values.get("structure") in (None, "ordinary"):
            values["structure"] = "integrated"
        if values.get("abandoned") and values.get("status") in (None, "intact"):
            values["status"] = "abandoned"
        return values
