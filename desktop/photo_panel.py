"""The form's photo tab: the asset's photo as a thumbnail, full size on demand, and a
photo attached from a file (kept inside the registry, one undo step)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from assets.commands import Composite
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.photos import PREFIX, AddPhotos, photo

PHOTO_FILES = "*.jpg *.jpeg *.png *.tif *.tiff"


class NotAPhoto(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{path} is not a picture XiuCity can read; nothing was attached.")


class PhotoPanel(QWidget):
    """Shows ``asset``'s photo (the ``photo`` field refers to one stored in the registry).

    Signals
    -------
    attached(str)
        The uuid of the asset a photo was just attached to.
    """

    attached = Signal(str)

    def __init__(self, registry, undo_stack, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.undo_stack = undo_stack
        self._asset = None
        self._photo = None
        self.viewer: QDialog | None = None
        self.image = QLabel(self)
        self.image.setObjectName("photo_thumbnail")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the picture fits the space the form has; it never makes the form (or window) grow
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._pixmap = QPixmap()
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view_button = QPushButton(self.tr("View full size…"), self)
        self.view_button.clicked.connect(self.view_full_size)
        self.attach_button = QPushButton(self.tr("Attach photo…"), self)
        self.attach_button.clicked.connect(lambda: self.choose_file())
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        self.show_asset(None)

    def show_asset(self, asset) -> None:
        self._asset, self._photo = asset, None
        ref = (asset.values.get("photo") or "") if asset is not None else ""
        if ref.startswith(PREFIX):
            try:
                self._photo = photo(self.registry, ref)
            except XiuCityError as error:
                self.caption.setText(str(error))
        pixmap = QPixmap()
        if self._photo is not None:
            pixmap.loadFromData(self._photo.thumbnail or self._photo.data)
            taken = self._photo.taken_at or self.tr("time unknown")
            self.caption.setText(f"{self._photo.file_name}　{taken}")
        elif not ref.startswith(PREFIX):
            self.caption.setText(self.tr("No photo.") if not ref else ref)  # a path or note kept as text
        self._pixmap = pixmap
        self._fit()
        self.image.setText("" if not pixmap.isNull() else "📷")
        self.view_button.setEnabled(self._photo is not None)
        self.attach_button.setEnabled(asset is not None)

    def _fit(self) -> None:
        if self._pixmap.isNull():
            self.image.setPixmap(QPixmap())
            return
        size = self.image.size().boundedTo(self._pixmap.size())
        self.image.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def picture(self) -> QPixmap:
        """The thumbnail shown (before fitting it to the space)."""
        return self._pixmap

    def has_photo(self) -> bool:
        return self._photo is not None

    def view_full_size(self) -> QDialog | None:
        """The photo at its own size in a scrollable window."""
        if self._photo is None:
            return None
        pixmap = QPixmap()
        pixmap.loadFromData(self._photo.data)
        label = QLabel()
        label.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(label)
        self.viewer = QDialog(self)
        self.viewer.setWindowTitle(self._photo.file_name)
        QVBoxLayout(self.viewer).addWidget(scroll)
        self.viewer.resize(min(pixmap.width() + 40, 1200), min(pixmap.height() + 40, 900))
        self.viewer.show()
        return self.viewer

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach photo"), "",
                                              self.tr("Photos ({patterns})").format(patterns=PHOTO_FILES))
        if path:
            self.attach_file(path)

    def attach_file(self, path) -> bool:
        """Store the photo at ``path`` in the registry and refer the asset to it; one undo
        step. False (and the reason shown) when refused."""
        asset = self._asset
        if asset is None:
            return False
        try:
            from layers.photo_store import photo_from_file   # the import machinery: only when attaching
            stored = photo_from_file(Path(path))
            if stored.thumbnail is None:  # pillow could not read it: it would never show
                raise NotAPhoto(path=Path(path).name)
            edit = self.registry.edit_command(asset.uuid, {"photo": stored.ref}, action="attach_photo",
                                              note=Path(path).name)
            text = self.tr("Attach photo {name} to {code}").format(name=Path(path).name, code=asset.code)
            self.undo_stack.push_command(Composite([AddPhotos([stored]), edit], "attach_photo"), text)
        except XiuCityError as error:
            self.caption.setText(f"<span style='color:#b00020'>{error}</span>")
            return False
        self.attached.emit(asset.uuid)
        return True
