"""Attribute filters as structured conditions, turned into parameterised SQL.

User-typed SQL never reaches the database: fields are checked against the kind's field
list and values are always bound parameters.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import XiuCityError
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP

OPERATORS = ("=", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startswith", "is null", "not null")


class FilterError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot filter on {field} {op}: {reason}")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str = "="
    value: object = None

    def to_dict(self) -> dict:
        return {"field": self.field, "op": self.op, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict) -> "Condition":
        return cls(data["field"], data.get("op", "="), data.get("value"))

    @classmethod
    def parse(cls, text: str) -> "Condition":
        """``owner_code=GDGS``, ``height_m>=8``, ``status!=removed`` (the CLI's ``--where``)."""
        for op in ("!=", ">=", "<=", "=", ">", "<", "~"):
            if op in text:
                field, value = text.split(op, 1)
                return cls(field.strip(), "contains" if op == "~" else op, value.strip())
        raise FilterError(field=text, op="", reason=QT_TRANSLATE_NOOP("Errors", "expected FIELD=VALUE"))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def to_sql(conditions, allowed_fields: set[str], alias: str = "") -> tuple[str, list]:
    """``(where_sql, params)`` for conditions joined with AND; ``("1", [])`` for none."""
    parts: list[str] = []
    params: list = []
    prefix = f"{alias}." if alias else ""
    for cond in conditions or ():
        if isinstance(cond, dict):
            cond = Condition.from_dict(cond)
        if cond.field not in allowed_fields:
            raise FilterError(field=cond.field, op=cond.op, reason=QT_TRANSLATE_NOOP("Errors", "no such field"))
        op = cond.op.lower()
        col = prefix + q(cond.field)
        if op in ("=", "!=", "<", "<=", ">", ">="):
            if cond.value is None:
                parts.append(f"{col} IS {'NOT ' if op == '!=' else ''}NULL")
            elif op == "!=":
                parts.append(f"({col} IS NULL OR {col} != ?)")
                params.append(cond.value)
            else:
                parts.append(f"{col} {op} ?")
                params.append(cond.value)
        elif op in ("in", "not in"):
            values = list(cond.value) if isinstance(cond.value, (list, tuple, set)) else str(cond.value).split(",")
            if not values:
                parts.append("0" if op == "in" else "1")
                continue
            marks = ",".join("?" * len(values))
            parts.append(f"{col} {'NOT IN' if op == 'not in' else 'IN'} ({marks})")
            params.extend(values)
        elif op == "contains":
            parts.append(f"{col} LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(str(cond.value))}%")
        elif op == "startswith":
            parts.append(f"{col} LIKE ? ESCAPE '\\'")
            params.append(f"{_escape_like(str(cond.value))}%")
        elif op == "is null":
            parts.append(f"{col} IS NULL")
        elif op == "not null":
            parts.append(f"{col} IS NOT NULL")
        else:
            raise FilterError(field=cond.field, op=cond.op, reason=QT_TRANSLATE_NOOP("Errors", "unknown operator"))
    return (" AND ".join(parts) or "1"), params
