"""Errors a user can meet, each with a message in the user's language.

A message is an English source text marked for translation plus values; ``str(error)``
gives it in the current language (Chinese by default).
"""
from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Errors"


class XiuCityError(Exception):
    """Base of every error XiuCity reports to a user."""

    text = QT_TRANSLATE_NOOP("Errors", "Something went wrong.")

    def __init__(self, text: str | None = None, **values: object):
        self.text = text or type(self).text
        self.values = values
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        # values marked QT_TRANSLATE_NOOP("Errors", ...) (reasons) are translated too
        values = {k: translate(CONTEXT, v, language=language) if isinstance(v, str) else v
                  for k, v in self.values.items()}
        return translate(CONTEXT, self.text, language=language, **values)

    def __str__(self) -> str:
        return self.message()


class Cancelled(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Cancelled by the user; nothing was changed.")


class RegistryError(XiuCityError):
    pass


class NotARegistry(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is not a XiuCity registry.")


class RegistryNotFound(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "Registry {path} does not exist.")


class RegistryCorrupt(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "Registry {path} is damaged and cannot be read: {detail}")


class RegistryBusy(RegistryError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The registry is busy: another program is writing to it. Try again in a moment."
    )


class RegistryReadOnly(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "The registry {path} is read-only; nothing was changed.")


class RegistryExists(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} already exists; choose another file name.")


class SchemaTooNew(RegistryError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The registry was made by a newer XiuCity (schema {found}); this one knows up to {known}."
    )


class AssetNotFound(RegistryError):
    text = QT_TRANSLATE_NOOP("Errors", "No asset {ref} in the registry.")


class ValidationError(XiuCityError):
    """One or more field values are not acceptable; ``problems`` lists them."""

    text = QT_TRANSLATE_NOOP("Errors", "Invalid values: {details}")

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        super().__init__(details="; ".join(p.message("en") for p in problems))

    def message(self, language: str | None = None) -> str:
        details = "；" if (language or "") != "en" else "; "
        return translate(
            CONTEXT, self.text, language=language,
            details=details.join(p.message(language) for p in self.problems),
        )


class Problem:
    """One validation problem: a field and a message."""

    def __init__(self, field: str, text: str, **values: object):
        self.field = field
        self.text = text
        self.values = values

    def message(self, language: str | None = None) -> str:
        return translate("Validation", self.text, language=language, field=self.field, **self.values)

    def __repr__(self) -> str:
        return f"Problem({self.field!r}, {self.message('en')!r})"
