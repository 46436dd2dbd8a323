"""Field definitions and value validation, driven by the kind files in ``resources/kinds``."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import Problem
from .i18n import QT_TRANSLATE_NOOP, pick_label
from .vocabularies import Vocabulary, vocabulary

SQL_TYPES = {
    "text": "TEXT", "integer": "INTEGER", "real": "REAL", "date": "DATE",
    "boolean": "BOOLEAN", "vocab": "TEXT", "org": "TEXT", "subtype": "TEXT",
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    label_en: str
    type: str
    vocab: str | None = None
    required: bool = False
    system: bool = False
    default: object = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    max_length: int | None = None
    pattern: str | None = None

    @classmethod
    def from_spec(cls, spec: dict) -> "Field":
        known = {k: spec[k] for k in cls.__dataclass_fields__ if k in spec}
        if known["type"] not in SQL_TYPES:
            raise ValueError(f"field {spec['name']}: unknown type {known['type']!r}")
        return cls(**known)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    def title(self, language: str | None = None) -> str:
        return pick_label({"label": self.label, "label_en": self.label_en}, language)

    def vocabulary(self) -> Vocabulary | None:
        return vocabulary(self.vocab) if self.vocab else None

    def coerce(self, value: object) -> object:
        """Bring a value a user or file gave into the stored form, or raise ValueError."""
        if value is None or (isinstance(value, str) and value.strip() == ""):
            return None
        if self.type in ("text", "vocab", "org", "subtype"):
            return str(value).strip()
        if self.type == "integer":
            if isinstance(value, bool):
                raise ValueError(value)
            number = float(value)
            if not number.is_integer():
                raise ValueError(value)
            return int(number)
        if self.type == "real":
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(value)
            return number
        if self.type == "boolean":
            if isinstance(value, bool):
                return value
            text = str(value).strip().casefold()
            if text in ("1", "true", "yes", "y", "是", "有", "t"):
                return True
            if text in ("0", "false", "no", "n", "否", "无", "f"):
                return False
            raise ValueError(value)
        if self.type == "date":
            if isinstance(value, dt.datetime):
                return value.date().isoformat()
            if isinstance(value, dt.date):
                return value.isoformat()
            text = str(value).strip()
            for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
                try:
                    return dt.datetime.strptime(text, fmt).date().isoformat()
                except ValueError:
                    continue
            raise ValueError(value)
        raise ValueError(value)

    def check(self, value: object) -> Problem | None:
        """A problem with an already coerced value, or None."""
        label = self.title()
        if value is None:
            if self.required:
                return Problem(self.name, QT_TRANSLATE_NOOP("Validation", "{label} is required."), label=label)
            return None
        if self.type == "vocab":
            vocab = self.vocabulary()
            if vocab is not None and value not in vocab:
                return Problem(self.name, QT_TRANSLATE_NOOP("Validation", "{label}: unknown value {value}."),
                               label=label, value=value)
        if self.type in ("integer", "real"):
            if self.min is not None and value < self.min or self.max is not None and value > self.max:
                return Problem(self.name, QT_TRANSLATE_NOOP("Validation", "{label} must be between {min} and {max}."),
                               label=label, min=self.min, max=self.max)
        if self.type == "text":
            if self.max_length is not None and len(value) > self.max_length:
                return Problem(self.name, QT_TRANSLATE_NOOP("Validation", "{label} is longer than {n} characters."),
                               label=label, n=self.max_length)
            if self.pattern and not re.fullmatch(self.pattern, value):
                return Problem(self.name, QT_TRANSLATE_NOOP("Validation", "{label} has the wrong format: {value}."),
                               label=label, value=value)
        return None


def coerce_problem(field: Field, value: object) -> Problem:
    return Problem(field.name, QT_TRANSLATE_NOOP("Validation", "{label}: cannot read {value!r}."),
                   label=field.title(), value=value)
