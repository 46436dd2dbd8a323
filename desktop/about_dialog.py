"""Help → About XiuCity: the version, the libraries underneath (what a support call asks
for first) and where the user's own files are."""
from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox

from .user_folders import data_folder


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def about_text() -> str:
    import fiona
    import pyproj
    lines = [
        "<h3>" + QCoreApplication.translate("About", "XiuCity (绣城) {version}").format(version=_version("xiucity")) + "</h3>",
        "<p>" + QCoreApplication.translate("About", "The street-asset registry of 岫岩满族自治县: manholes, poles, boxes, billboards, "
                            "public toilets and street trees.") + "</p>",
        "<p>" + QCoreApplication.translate("About", "Qt {qt} · GDAL {gdal} · PROJ {proj} · Python {python}").format(
            qt=qVersion(), gdal=fiona.__gdal_version__, proj=pyproj.proj_version_str,
            python=".".join(map(str, __import__("sys").version_info[:3]))) + "</p>",
        "<p>" + QCoreApplication.translate("About", "Your data folder (demo town, your export profiles): {folder}").format(
            folder=data_folder()) + "</p>",
    ]
    return "".join(lines)


def show_about(parent) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, QCoreApplication.translate("About", "About XiuCity"), about_text(),
                      QMessageBox.StandardButton.Close, parent)
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.open()
    return box
