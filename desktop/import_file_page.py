"""Step 1 of the import wizard: the delivered file, its layer, and overrides for its text
encoding, coordinate system and asset kind."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWizardPage)

from assets.errors import XiuCityError
from assets.kinds import KIND_NAMES, kind
from layers.sources import list_layers

CRS_CHOICES = ("EPSG:4550", "EPSG:4529", "EPSG:4490", "EPSG:4326", "gcj02")
ENCODINGS = ("UTF-8", "GBK", "GB18030")
FROM_COLUMN = "__column__"


class ImportFilePage(QWizardPage):
    """File and layer; complete once a readable file with a layer is chosen.

    Its texts keep the wizard's translation context ("ImportWizard")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("ImportWizard", "File and layer"))
        self.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "Choose the delivered file; override its encoding or coordinate system if needed."))
        self.path_edit = QLineEdit(self)
        self.path_edit.editingFinished.connect(lambda: self.set_file(self.path_edit.text()))
        browse = QPushButton(QCoreApplication.translate("ImportWizard", "Browse…"), self)
        browse.clicked.connect(self.choose_file)
        self.layer_box = QComboBox(self)
        self.encoding_box = QComboBox(self)
        self.encoding_box.addItem(QCoreApplication.translate("ImportWizard", "Detect automatically"), None)
        for e in ENCODINGS:
            self.encoding_box.addItem(e, e)
        self.crs_box = QComboBox(self)
        self.crs_box.addItem(QCoreApplication.translate("ImportWizard", "From the file"), None)
        for c in CRS_CHOICES:
            self.crs_box.addItem(QCoreApplication.translate("ImportWizard", "GCJ-02 (Amap/Tencent)")
                                 if c == "gcj02" else c, c)
        self.kind_box = QComboBox(self)
        for name in KIND_NAMES:
            self.kind_box.addItem(kind(name).title(), name)
        self.kind_box.addItem(QCoreApplication.translate("ImportWizard", "From a column of the file"), FROM_COLUMN)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("ImportWizard", "File"), row)
        form.addRow(QCoreApplication.translate("ImportWizard", "Layer"), self.layer_box)
        form.addRow(QCoreApplication.translate("ImportWizard", "Text encoding"), self.encoding_box)
        form.addRow(QCoreApplication.translate("ImportWizard", "Coordinate system"), self.crs_box)
        form.addRow(QCoreApplication.translate("ImportWizard", "Asset kind"), self.kind_box)
        self.file_error = QLabel(self)
        self.file_error.setWordWrap(True)
        self.file_error.setStyleSheet("color: #b00020")
        form.addRow("", self.file_error)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text()) and self.layer_box.count() > 0

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("ImportWizard", "Choose a delivered file"), "",
            QCoreApplication.translate("ImportWizard", "Delivered files (*.csv *.xlsx *.xls *.shp *.zip *.gpkg *.kml *.kmz *.dxf *.geojson);;All files (*)"))  # noqa: E501
        if path:
            self.set_file(path)

    def set_file(self, path) -> bool:
        """Choose ``path``; fill the layer picker. False (with the reason shown) on bad input."""
        self.path_edit.setText(str(path))
        self.layer_box.clear()
        self.file_error.clear()
        try:
            layers = list_layers(path)
        except XiuCityError as error:
            self.file_error.setText(str(error))
            self.completeChanged.emit()
            return False
        for name in layers or [None]:
            self.layer_box.addItem(name or QCoreApplication.translate("ImportWizard", "(the only layer)"), name)
        self.completeChanged.emit()
        return True

    def set_kind(self, name: str | None) -> None:
        """``None`` means "from a column of the file"."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(name or FROM_COLUMN))

    def set_crs(self, crs: str | None) -> None:
        self.crs_box.setCurrentIndex(self.crs_box.findData(crs))

    def kind_name(self) -> str | None:
        data = self.kind_box.currentData()
        return None if data == FROM_COLUMN else data

    def path(self) -> str:
        return self.path_edit.text()
