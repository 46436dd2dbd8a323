"""行道树: heritage grade follows from age; a vacant site has no tree measurements."""
from __future__ import annotations

from ..errors import Problem
from ..i18n import QT_TRANSLATE_NOOP
from ..vocabularies import vocabulary
from .base import AssetKind

HERITAGE_SUBTYPE = "0401"


class Trees(AssetKind):
    def heritage_grade(self, age_years: int | None) -> str:
        if age_years is None:
            return "none"
        graded = [e for e in vocabulary("heritage_grade").entries if "min_age" in e.extra]
        for entry in sorted(graded, key=lambda e: -e.extra["min_age"]):
            if age_years >= entry.extra["min_age"]:
                return entry.code
        return "none"

    def derive(self, values: dict) -> dict:
        if values.get("age_years") is not None and values.get("heritage_grade") in (None, "none"):
            values["heritage_grade"] = self.heritage_grade(values["age_years"])
        if values.get("heritage_grade") not in (None, "none") and values.get("subtype") == "0402":
            values["subtype"] = HERITAGE_SUBTYPE
        return values

    def check_record(self, values: dict) -> list[Problem]:
        if values.get("vacant") and any(values.get(k) for k in ("dbh_cm", "species")):
            return [Problem("vacant", QT_TRANSLATE_NOOP(
                "Validation", "A vacant planting site has no tree: clear species and trunk diameter."))]
        return []
