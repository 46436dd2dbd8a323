"""Errors the map canvas reports to a user."""
from __future__ import annotations

from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP


class MapError(XiuCityError):
    """Base of map-canvas errors."""


class SymbologyInvalid(MapError):
    text = QT_TRANSLATE_NOOP("Errors", "The symbology file {path} is invalid: {detail}")


class MapExportFailed(MapError):
    text = QT_TRANSLATE_NOOP("Errors", "Could not write the map to {path}: {detail}")


class MapExportFormat(MapError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot export the map as {suffix}; choose a .png or .pdf file.")


class PointDataInvalid(MapError):
    text = QT_TRANSLATE_NOOP("Errors", "The points given to the map layer are invalid: {detail}")


class ShapeDataInvalid(MapError):
    text = QT_TRANSLATE_NOOP("Errors", "The lines or areas given to the map layer are invalid: {detail}")
