"""What every asset kind has: its table, fields, subtypes and validation."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property

import resources

from ..errors import Problem, ValidationError
from ..fields import Field, coerce_problem
from ..i18n import QT_TRANSLATE_NOOP, pick_label
from ..vocabularies import Vocabulary, make_entries


def load_toml(*parts: str) -> dict:
    with open(resources.path(*parts), "rb") as f:
        return tomllib.load(f)


@dataclass
class AssetKind:
    """One asset kind, defined by ``resources/kinds/<name>.toml``.

    Subclasses in this package add what data cannot say (derived values, checks that
    relate several fields)."""

    name: str
    spec: dict

    @classmethod
    def load(cls, name: str) -> "AssetKind":
        return cls(name, load_toml("kinds", f"{name}.toml"))

    # -- identity -------------------------------------------------------------------
    @property
    def table(self) -> str:
        return self.name

    def title(self, language: str | None = None) -> str:
        return pick_label(self.spec, language)

    def item_title(self, language: str | None = None) -> str:
        return pick_label({"label": self.spec["item_label"], "label_en": self.spec["item_label_en"]}, language)

    @property
    def confirmable(self) -> bool:
        return bool(self.spec.get("confirmable"))

    @property
    def has_mounts(self) -> bool:
        return bool(self.spec.get("has_mounts"))

    @property
    def default_accuracy(self) -> str:
        return self.spec.get("default_accuracy", "B")

    def setting(self, key: str, default=None):
        """A number from the kind file (thresholds, spacings), never a literal in code."""
        return self.spec.get(key, default)

    # -- fields ---------------------------------------------------------------------
    @cached_property
    def subtypes(self) -> Vocabulary:
        return Vocabulary(f"{self.name}.subtype", "小类", "Subtype", make_entries(self.spec["subtypes"]))

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        common = load_toml("kinds", "common.toml")["fields"]
        return tuple(Field.from_spec(s) for s in common + self.spec.get("fields", []))

    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def field(self, name: str) -> Field:
        return self.field_map[name]

    @property
    def editable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.system)

    def defaults(self) -> dict:
        values = {f.name: f.default for f in self.fields if f.default is not None}
        values["accuracy"] = self.default_accuracy
        return values

    # -- validation -----------------------------------------------------------------
    def clean(self, values: dict, *, partial: bool = False, organisations: set[str] | None = None) -> dict:
        """Coerce and validate ``values``; return the stored form or raise ValidationError.

        ``partial`` validates only the fields given (an update); otherwise required fields
        must be present. Unknown field names are an error, not silently dropped."""
        problems: list[Problem] = []
        cleaned: dict = {}
        if not partial:
            values = {**self.defaults(), **{k: v for k, v in values.items() if v is not None}}
        for name, raw in values.items():
            f = self.field_map.get(name)
            if f is None:
                problems.append(Problem(name, QT_TRANSLATE_NOOP("Validation", "{name} is not a field of {kind}."),
                                        name=name, kind=self.title()))
                continue
            try:
                value = f.coerce(raw)
            except (TypeError, ValueError):
                problems.append(coerce_problem(f, raw))
                continue
            if f.type == "vocab" and value is not None and (vocab := f.vocabulary()) is not None and value not in vocab:
                entry = vocab.lookup(value)  # accept a label for a code
                value = entry.code if entry else value
            if f.type == "subtype" and value is not None and value not in self.subtypes:
                entry = self.subtypes.lookup(value)
                value = entry.code if entry else value
            cleaned[name] = value
        if not problems:
            cleaned = self.derive(cleaned)
        fields = [self.field_map[n] for n in cleaned] if partial else [f for f in self.fields if not f.system]
        for f in fields:
            value = cleaned.get(f.name)
            problem = f.check(value)
            if problem:
                problems.append(problem)
            elif f.type == "subtype" and value is not None and value not in self.subtypes:
                problems.append(Problem(f.name, QT_TRANSLATE_NOOP("Validation", "{label}: unknown value {value}."),
                                        label=f.title(), value=value))
            elif f.type == "org" and value is not None and organisations is not None and value not in organisations:
                problems.append(Problem(f.name, QT_TRANSLATE_NOOP("Validation", "{label}: unknown organisation {value}."),
                                        label=f.title(), value=value))
        problems.extend(self.check_record(cleaned))
        if problems:
            raise ValidationError(problems)
        return cleaned

    def check_record(self, values: dict) -> list[Problem]:
        """Checks across fields; kinds override."""
        return []

    def derive(self, values: dict) -> dict:
        """Fill values that follow from others; kinds override."""
        return values
