"""Errors met while reading a delivered file; each tells the user what to do next."""
from __future__ import annotations

from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP


class SourceError(XiuCityError):
    """A delivered file cannot be read as asked."""

    text = QT_TRANSLATE_NOOP("Errors", "Cannot read {path}: {detail}")


class SourceNotFound(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} does not exist.")


class UnsupportedSource(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is not a kind of file XiuCity can import.")


class SourceDamaged(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is damaged or not a valid {driver} file: {detail}")

    DETAIL_LIMIT = 200

    def __init__(self, text: str | None = None, **values: object):
        # a reader library's own message can quote kilobytes of the damaged bytes
        # (zipfile repeats a whole header): one line, cut short, is what a user can read
        detail = values.get("detail")
        if isinstance(detail, str):
            line = detail.strip().splitlines()[0] if detail.strip() else detail
            values["detail"] = line if len(line) <= self.DETAIL_LIMIT else line[:self.DETAIL_LIMIT] + "…"
        super().__init__(text, **values)


class EmptyArchive(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "The archive {path} holds no file XiuCity can import.")


class UnsafeArchive(SourceError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The archive {path} has an entry that points outside its folder ({entry}); it was not opened.")


class ArchiveTooLarge(SourceError):
    # one literal per source string, so pyside6-lupdate finds it whole
    text = QT_TRANSLATE_NOOP("Errors", "The archive {path} would unpack to {size} MB in {entries} files, over the limit of {limit} MB / {max_entries} files; it was not opened.")  # noqa: E501


class ArchiveRatioTooHigh(SourceError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The archive {path} is compressed {ratio}:1, which looks like a zip bomb; it was not opened.")


class LayerChoiceNeeded(SourceError):
    """The file holds several layers; ``layers`` lists them for the user to pick one."""

    text = QT_TRANSLATE_NOOP("Errors", "{path} holds several layers ({layers}); choose one.")

    def __init__(self, path: str, layers: list[str]):
        self.layers = list(layers)
        super().__init__(path=path, layers=", ".join(self.layers))


class LayerNotFound(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} has no layer {layer}; it has: {layers}.")



class NoLayers(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} holds no layers to import.")


class ColumnNotFound(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} has no column {column}; it has: {columns}.")


class EncodingMismatch(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} cannot be decoded as {encoding}; choose another encoding.")


class UnknownCRS(SourceError):
    text = QT_TRANSLATE_NOOP("Errors", "{crs} is not a coordinate system XiuCity knows.")


class UnsafeXML(SourceError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "{path} declares XML entities, which XiuCity does not expand for safety; it was not opened.")
