"""户外广告/牌匾: the size class follows from area and sides."""
from __future__ import annotations

import datetime as dt

from ..errors import Problem
from ..i18n import QT_TRANSLATE_NOOP
from .base import AssetKind


class Billboards(AssetKind):
    def size_class(self, area_m2: float | None, width_m: float | None, height_m: float | None) -> str | None:
        side = max([s for s in (width_m, height_m) if s is not None], default=None)
        if area_m2 is None and side is None:
            return None
        area = area_m2 if area_m2 is not None else 0.0
        side = side or 0.0
        if area >= self.setting("large_area_m2") or side >= self.setting("large_side_m"):
            return "large"
        if area > self.setting("medium_area_m2") or side >= self.setting("medium_side_m"):
            return "medium"
        return "small"

    def derive(self, values: dict) -> dict:
        if values.get("area_m2") is None and values.get("width_m") and values.get("height_m"):
            values["area_m2"] = round(values["width_m"] * values["height_m"], 2)
        if values.get("size_class") is None:
            size = self.size_class(values.get("area_m2"), values.get("width_m"), values.get("height_m"))
            if size:
                values["size_class"] = size
        if values.get("next_check") is None and values.get("last_check"):
            last = dt.date.fromisoformat(values["last_check"])
            values["next_check"] = (last + dt.timedelta(days=self.setting("check_interval_days"))).isoformat()
        return values

    def check_record(self, values: dict) -> list[Problem]:
        last, nxt = values.get("last_check"), values.get("next_check")
        if last and nxt and nxt < last:
            return [Problem("next_check", QT_TRANSLATE_NOOP(
                "Validation", "The next safety check cannot be before the last one."))]
        return []
