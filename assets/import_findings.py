"""What staging finds wrong with a delivered row, in words a surveyor understands.

A finding belongs to one row (numbered as the user sees the file: the header is row 1),
has a reason (the key the report counts skipped rows by) and a message marked for
translation in the ``Import`` context. A *blocking* finding keeps the row out of the
registry; the others are notes (a new identifier allocated, a row updated instead of
inserted)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import resources

from .errors import Problem
from .i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Import"

# reasons (stable keys: the report's "skipped by reason" and scripts use them)
OUTSIDE_AREA = "outside_area"
NO_POSITION = "no_position"
BAD_POSITION = "bad_position"
NOT_A_POINT = "not_a_point"
UNKNOWN_VALUE = "unknown_value"
MISSING_REQUIRED = "missing_required"
INVALID_VALUE = "invalid_value"
DUPLICATE_POSITION = "duplicate_position"
DUPLICATE_CODE = "duplicate_code"
DUPLICATE_IN_FILE = "duplicate_in_file"
NEAR_DUPLICATE_IN_FILE = "near_duplicate_in_file"
UNKNOWN_KIND = "unknown_kind"
NO_MATCH = "no_match"
UNCHANGED = "unchanged"
WRONG_GEOMETRY = "wrong_geometry"

TEXTS = {
    OUTSIDE_AREA: QT_TRANSLATE_NOOP("Import", "Row {row}: the position ({x:.1f}, {y:.1f}) lies outside the registry's area."),
    NO_POSITION: QT_TRANSLATE_NOOP("Import", "Row {row}: no position (empty or unreadable coordinates)."),
    BAD_POSITION: QT_TRANSLATE_NOOP("Import", "Row {row}: the coordinates are not a real place ({x}, {y})."),
    NOT_A_POINT: QT_TRANSLATE_NOOP("Import", "Row {row}: the geometry is a {geometry}, not a point."),
    UNKNOWN_KIND: QT_TRANSLATE_NOOP("Import", "Row {row}: unknown asset kind “{value}”."),
    DUPLICATE_POSITION: QT_TRANSLATE_NOOP(
        "Import", "Row {row}: probably the same {kind} as {code}, {distance:.2f} m away ({action})."),
    DUPLICATE_CODE: QT_TRANSLATE_NOOP("Import", "Row {row}: identifier {code} is already in the registry ({action})."),
    DUPLICATE_IN_FILE: QT_TRANSLATE_NOOP("Import", "Row {row}: repeats {what} of row {first}; skipped."),
    NEAR_DUPLICATE_IN_FILE: QT_TRANSLATE_NOOP(
        "Import", "Row {row}: probably the same {kind} as row {first}, {distance:.2f} m away ({action})."),
    NO_MATCH: QT_TRANSLATE_NOOP("Import", "Row {row}: no {kind} within {metres} m of the photo; not attached."),
    WRONG_GEOMETRY: QT_TRANSLATE_NOOP("Import", "Row {row}: the geometry is a {geometry}; this layer needs {expected}."),
    UNCHANGED: QT_TRANSLATE_NOOP("Import", "Row {row}: {code} already holds these values; nothing to update."),
}

# what happens to a duplicate, as shown inside the messages above
ACTIONS = {
    "skip": QT_TRANSLATE_NOOP("Import", "skipped"),
    "update": QT_TRANSLATE_NOOP("Import", "updated"),
    "insert": QT_TRANSLATE_NOOP("Import", "inserted as a new asset"),
    "merge": QT_TRANSLATE_NOOP("Import", "its values were merged into that row"),
}

# a repeated identifier within one file, with what was done about it
REPEATED_CODE = QT_TRANSLATE_NOOP("Import", "Row {row}: repeats identifier {what} of row {first} ({action}).")

# a report warning, not a finding per row: whole ledgers carry a utility's own numbering
NEW_CODES = QT_TRANSLATE_NOOP(
    "Import", "{count} rows carry numbers that are not {length}-digit registry identifiers (e.g. {examples}); they get new identifiers and keep their numbers in the remarks.")  # noqa: E501

_VALIDATION_TEXT = QT_TRANSLATE_NOOP("Import", "Row {row}: {problem}")

# Validation texts (assets.fields / assets.kinds) sorted into the report's reasons
_UNKNOWN_TEXTS = ("{label}: unknown value {value}.", "{label}: unknown organisation {value}.")
_REQUIRED_TEXTS = ("{label} is required.",)


@dataclass
class Finding:
    row: int
    reason: str
    blocking: bool
    text: str
    values: dict = field(default_factory=dict)

    def message(self, language: str | None = None) -> str:
        values = {k: translate(CONTEXT, ACTIONS[v], language=language) if k == "action" else v
                  for k, v in self.values.items()}
        if "problem" in values:
            values["problem"] = values["problem"].message(language)
        return translate(CONTEXT, self.text, language=language, row=self.row, **values)

    def to_dict(self, language: str | None = None) -> dict:
        return {"row": self.row, "reason": self.reason, "blocking": self.blocking,
                "message": self.message(language)}


def finding(row: int, reason: str, blocking: bool = True, **values) -> Finding:
    return Finding(row, reason, blocking, TEXTS[reason], values)


def problem_finding(row: int, problem: Problem) -> Finding:
    """A validation problem of a row as a blocking finding with its reason."""
    if problem.text in _UNKNOWN_TEXTS:
        reason = UNKNOWN_VALUE
    elif problem.text in _REQUIRED_TEXTS:
        reason = MISSING_REQUIRED
    else:
        reason = INVALID_VALUE
    return Finding(row, reason, True, _VALIDATION_TEXT, {"problem": problem})


def error_finding(row: int, error, reason: str = INVALID_VALUE) -> Finding:
    """A XiuCityError met while mapping one row (an unknown device type in the mounts)."""
    return Finding(row, reason, True, _VALIDATION_TEXT, {"problem": _ErrorText(error)})


class _ErrorText:
    def __init__(self, error):
        self.error = error

    def message(self, language: str | None = None) -> str:
        return self.error.message(language)


@lru_cache(maxsize=1)
def settings() -> dict:
    """``resources/import/staging.toml``: thresholds of the staging area."""
    with open(resources.path("import", "staging.toml"), "rb") as f:
        return tomllib.load(f)
