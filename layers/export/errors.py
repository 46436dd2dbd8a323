"""Errors an export can meet, in words a user can act on."""
from __future__ import annotations

from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP


class ExportError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Export failed: {detail}")


class UnknownFormat(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Unknown export format {fmt}; known formats: {known}.")


class BadExportTable(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Layer {layer} cannot be exported: {detail}")


class UnsupportedCrs(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "{format} cannot be written in {crs}: {reason}")


class GcjNotDeclarable(UnsupportedCrs):
    # one literal per message: pyside6-lupdate does not join adjacent string literals
    text = QT_TRANSLATE_NOOP("Errors", "{format} cannot hold GCJ-02 coordinates: the file would claim they are WGS84. Use KML, KMZ, CSV or Excel for GCJ-02.")  # noqa: E501


class NeedsGeographicCrs(UnsupportedCrs):
    text = QT_TRANSLATE_NOOP("Errors", "{format} holds longitude/latitude only; choose EPSG:4326, EPSG:4490 or GCJ-02 instead of {crs}.")  # noqa: E501


class NeedsProjectedCrs(UnsupportedCrs):
    text = QT_TRANSLATE_NOOP("Errors", "{format} needs a projected CRS in metres such as EPSG:4550 or EPSG:4529, not {crs}: a DXF drawing stores no CRS.")  # noqa: E501


class UnsupportedEncoding(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "{format} cannot be written in encoding {encoding}; use one of: {known}.")


class NotEncodable(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Layer {layer}: the text {value} cannot be written in {encoding}; choose UTF-8.")


class UnknownOption(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Export option {option}={value} is not known; known options: {known}.")


class ExportWriteFailed(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Could not write {path}: {detail}")


class ProfileError(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "Export profile {profile} is not valid: {detail}")


class ProfileNotFound(ExportError):
    text = QT_TRANSLATE_NOOP("Errors", "No export profile called {profile}; known profiles: {known}.")


class ProfileNameInvalid(ProfileError):
    text = QT_TRANSLATE_NOOP("Errors", "“{profile}” cannot name a profile: use letters, digits and _ only.")


class ProfileExists(ProfileError):
    text = QT_TRANSLATE_NOOP("Errors", "You already have a profile called {profile} ({path}); choose another name.")
