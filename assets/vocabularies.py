"""Vocabularies: coded values with Chinese and English labels, loaded from
``resources/vocabularies.toml``."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import resources

from .i18n import pick_label


@dataclass(frozen=True)
class Entry:
    code: str
    label: str
    label_en: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def text(self, language: str | None = None) -> str:
        return pick_label({"label": self.label, "label_en": self.label_en}, language)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    label_en: str
    entries: tuple[Entry, ...]

    def codes(self) -> list[str]:
        return [e.code for e in self.entries]

    def get(self, code: str) -> Entry | None:
        for entry in self.entries:
            if entry.code == code:
                return entry
        return None

    def __contains__(self, code: object) -> bool:
        return any(e.code == code for e in self.entries)

    def lookup(self, text: str) -> Entry | None:
        """An entry whose code, Chinese or English label is ``text`` (case-insensitive)."""
        wanted = str(text).strip().casefold()
        for entry in self.entries:
            if wanted in (entry.code.casefold(), entry.label.casefold(), entry.label_en.casefold()):
                return entry
        return None

    def text(self, code: str | None, language: str | None = None) -> str:
        entry = self.get(code) if code is not None else None
        return entry.text(language) if entry else (code or "")


def make_entries(records: list[dict]) -> tuple[Entry, ...]:
    out = []
    for rec in records:
        extra = {k: v for k, v in rec.items() if k not in ("code", "label", "label_en")}
        out.append(Entry(str(rec["code"]), rec["label"], rec.get("label_en", rec["label"]), extra))
    return tuple(out)


@lru_cache(maxsize=1)
def all_vocabularies() -> dict[str, Vocabulary]:
    with open(resources.path("vocabularies.toml"), "rb") as f:
        data = tomllib.load(f)
    return {
        name: Vocabulary(name, spec["label"], spec.get("label_en", spec["label"]), make_entries(spec["entries"]))
        for name, spec in data.items()
    }


def vocabulary(name: str) -> Vocabulary:
    try:
        return all_vocabularies()[name]
    except KeyError:
        raise KeyError(f"unknown vocabulary {name!r}") from None
