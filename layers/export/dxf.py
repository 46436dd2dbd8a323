"""DXF writer (ezdxf) for design institutes using AutoCAD: one layer per kind (or per kind
and owner), a block per kind with ATTDEFs (code, subtype, owner, status), an INSERT with
ATTRIBs per feature, and a TEXT label with the code on a separate annotation layer.

DXF stores no CRS, so coordinates must be projected metres (EPSG:4550/4529); export_layers
refuses a geographic CRS before this module is reached."""
from __future__ import annotations

import re
from pathlib import Path

import ezdxf
from ezdxf.enums import TextEntityAlignment

from .context import WriteContext, remove_existing, with_extension
from .errors import ExportWriteFailed
from .styles import kind_symbol
from .table import ExportLayer
from .target import settings

_CHUNK = 5_000
_TEXT_STYLE = "XC_CJK"
# AutoCAD shows Chinese with a TrueType font; SimSun is on every Chinese Windows
_CJK_FONT = "simsun.ttc"
# characters AutoCAD does not allow in layer and block names
_BAD_NAME = re.compile(r'[<>/\\":;?*|=`,]')
_LABEL_LAYER_SUFFIX = "_注记"
# a line break inside a DXF string value would end the value early and corrupt the file
_CONTROL = re.compile(r"[\x00-\x1f]+")


def cad_text(value) -> str:
    return "" if value is None else _CONTROL.sub(" ", str(value)).strip()


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    opts = settings()["dxf"]
    path = with_extension(out_path, "dxf")
    doc = ezdxf.new(opts["version"], setup=False)
    doc.header["$INSUNITS"] = 6   # metres
    doc.styles.add(_TEXT_STYLE, font=_CJK_FONT)
    msp = doc.modelspace()
    by_owner = ctx.options.get("dxf_layer_by") == "owner"
    for layer in layers:
        _write_layer(doc, msp, layer, ctx, opts, by_owner)
    auditor = doc.audit()
    if auditor.has_errors:
        raise ExportWriteFailed(path=str(path), detail="; ".join(str(e.message) for e in auditor.errors[:5]))
    remove_existing(path)
    try:
        doc.saveas(path)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


def cad_name(text: str) -> str:
    return _BAD_NAME.sub("_", cad_text(text)).strip() or "_"


def _attribute_fields(layer: ExportLayer, opts: dict) -> dict[str, str | None]:
    names = {f.name for f in layer.fields}
    return {tag: next((n for n in candidates if n in names), None)
            for tag, candidates in opts["attributes"].items()}


def _write_layer(doc, msp, layer: ExportLayer, ctx: WriteContext, opts: dict, by_owner: bool) -> None:
    symbol = kind_symbol(layer.name)
    size = opts["symbol_size"]
    height = opts["text_height"]
    attrs = _attribute_fields(layer, opts)
    block_name = cad_name(f"XC_{layer.name}")
    if block_name not in doc.blocks:
        _make_block(doc, block_name, symbol.get("dxf_block", symbol["shape"]), size, height, list(attrs))
    base_layer = cad_name(layer.title or layer.name)
    values = {tag: (layer.column(field) if field else [None] * len(layer)) for tag, field in attrs.items()}
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    made: set[str] = set()
    owners = values.get("OWNER", [None] * len(layer))
    xs, ys = x.tolist(), y.tolist()
    for start in range(0, len(layer), _CHUNK):
        end = min(start + _CHUNK, len(layer))
        for i in range(start, end):
            px, py = xs[i], ys[i]
            if px != px or py != py:
                continue   # no position: nothing to draw
            name = base_layer if not by_owner else cad_name(f"{base_layer}-{owners[i] or '未知'}")
            if name not in made:
                _make_layer(doc, name, symbol["dxf_colour"])
                made.add(name)
            point = (round(px, digits), round(py, digits))
            ref = msp.add_blockref(block_name, point, dxfattribs={"layer": name})
            for k, (tag, column) in enumerate(values.items()):
                text = cad_text(column[i])
                ref.add_attrib(tag, text, insert=(point[0], point[1] - (k + 1) * height * 1.2),
                               dxfattribs={"layer": name, "height": height, "style": _TEXT_STYLE,
                                           "flags": ezdxf.const.ATTRIB_INVISIBLE})
            code = values.get("CODE", [None] * len(layer))[i]
            if code:
                msp.add_text(cad_text(code), height=height, dxfattribs={
                    "layer": name + _LABEL_LAYER_SUFFIX, "style": _TEXT_STYLE}
                ).set_placement((point[0] + size, point[1] + size), align=TextEntityAlignment.LEFT)
                if name + _LABEL_LAYER_SUFFIX not in made:
                    _make_layer(doc, name + _LABEL_LAYER_SUFFIX, symbol["dxf_colour"])
                    made.add(name + _LABEL_LAYER_SUFFIX)
        ctx.advance(end - start, layer.title)


def _make_layer(doc, name: str, colour: int) -> None:
    if name not in doc.layers:
        doc.layers.add(name, color=colour)


def _make_block(doc, name: str, shape: str, size: float, height: float, tags: list[str]) -> None:
    """A simple symbol drawn on layer 0 (so it takes the INSERT's layer colour) with one
    invisible ATTDEF per attribute tag."""
    block = doc.blocks.new(name=name)
    r = size / 2
    attribs = {"layer": "0"}
    if shape in ("circle", "cross_circle"):
        block.add_circle((0, 0), r, dxfattribs=attribs)
        if shape == "cross_circle":
            block.add_line((-r, 0), (r, 0), dxfattribs=attribs)
            block.add_line((0, -r), (0, r), dxfattribs=attribs)
    elif shape == "square":
        block.add_lwpolyline([(-r, -r), (r, -r), (r, r), (-r, r)], close=True, dxfattribs=attribs)
    elif shape == "diamond":
        block.add_lwpolyline([(0, -r), (r, 0), (0, r), (-r, 0)], close=True, dxfattribs=attribs)
    elif shape == "triangle":
        block.add_lwpolyline([(-r, -r), (r, -r), (0, r)], close=True, dxfattribs=attribs)
    else:  # star and anything unknown: a circle with a cross, readable at any scale
        block.add_circle((0, 0), r, dxfattribs=attribs)
        block.add_line((-r, -r), (r, r), dxfattribs=attribs)
        block.add_line((-r, r), (r, -r), dxfattribs=attribs)
    for k, tag in enumerate(tags):
        block.add_attdef(tag, insert=(0, -(k + 1) * height * 1.2), text="",
                         dxfattribs={"height": height, "style": _TEXT_STYLE, "layer": "0",
                                     "flags": ezdxf.const.ATTRIB_INVISIBLE, "prompt": tag})
