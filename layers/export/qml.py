"""A QGIS style (QML) for an exported layer: categorized symbols by the layer's style field
(status by default) with the colours of resources/export_symbols.toml, and Chinese field aliases,
so a GeoPackage opens styled and readable in QGIS."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .styles import categories, kind_symbol, rgb
from .table import ExportLayer

# QGIS SimpleMarker shape names for the shapes export_symbols.toml uses
_QGIS_SHAPES = {"circle": "circle", "square": "square", "triangle": "triangle", "diamond": "diamond",
                "star": "star", "cross_circle": "cross_fill"}


def _option(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, "Option", name=name, type="QString", value=value)
    ET.SubElement(parent, "prop", k=name, v=value)   # the pre-3.26 form, read by older QGIS


def _symbol(parent: ET.Element, name: str, shape: str, colour: str, size_mm: float) -> None:
    symbol = ET.SubElement(parent, "symbol", type="marker", name=name, alpha="1",
                           clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"})
    options = ET.SubElement(layer, "Option", type="Map")
    r, g, b = rgb(colour)
    for key, value in (("color", f"{r},{g},{b},255"), ("name", _QGIS_SHAPES.get(shape, "circle")),
                       ("outline_color", "35,35,35,255"), ("outline_style", "solid"),
                       ("outline_width", "0.2"), ("outline_width_unit", "MM"),
                       ("size", str(size_mm)), ("size_unit", "MM"), ("angle", "0")):
        _option(options, key, value)


def layer_qml(layer: ExportLayer, style_values=None) -> str:
    """``style_values``: the distinct values of the style field in first appearance order,
    when the caller knows them without reading every row."""
    symbol = kind_symbol(layer.name)
    root = ET.Element("qgis", version="3.22.0", styleCategories="Symbology|Fields|Labeling")
    cats = categories(layer, style_values)
    by = layer.style_field
    if by is None:
        renderer = ET.SubElement(root, "renderer-v2", type="singleSymbol", symbollevels="0",
                                 forceraster="0", enableorderby="0")
        symbols = ET.SubElement(renderer, "symbols")
        _symbol(symbols, "0", symbol["shape"], cats[0].colour, symbol["size_mm"])
    else:
        renderer = ET.SubElement(root, "renderer-v2", type="categorizedSymbol", attr=by, symbollevels="0",
                                 forceraster="0", enableorderby="0")
        categories_el = ET.SubElement(renderer, "categories")
        symbols = ET.SubElement(renderer, "symbols")
        for i, cat in enumerate(cats):
            ET.SubElement(categories_el, "category", render="true", symbol=str(i),
                          value="" if cat.value is None else cat.value, label=cat.label)
            _symbol(symbols, str(i), symbol["shape"], cat.colour, symbol["size_mm"])
    aliases = ET.SubElement(root, "aliases")
    for i, f in enumerate(layer.fields):
        ET.SubElement(aliases, "alias", field=f.name, index=str(i), name=f.title)
    ET.SubElement(root, "layerGeometryType").text = "0"
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")
