"""DXF writer for design institutes using AutoCAD: one layer per kind (or per kind and
owner), a block per kind with ATTDEFs (code, subtype, owner, status), an INSERT with
ATTRIBs per feature, and a TEXT label with the code on a separate annotation layer.

ezdxf builds the drawing's skeleton (header, layers, text style, blocks) and writes it;
the model-space entities are streamed as DXF text in exactly the form ezdxf writes them
(INSERT, ATTRIB..., SEQEND, TEXT), with handles after ezdxf's $HANDSEED. Creating the
entities as ezdxf objects cost ~0.5 ms per feature (45 s for 100k) and reported no
progress while saving; tests read the result back with ezdxf and run its audit.

DXF stores no CRS, so coordinates must be projected metres (EPSG:4550/4529); export_layers
refuses a geographic CRS before this module is reached."""
from __future__ import annotations

import io
import re
from pathlib import Path

import ezdxf

from .context import WriteContext, with_extension
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
_EMPTY_ENTITIES = "  0\nSECTION\n  2\nENTITIES\n  0\nENDSEC\n"
_HANDSEED = re.compile(r"  9\n\$HANDSEED\n  5\n([0-9A-Fa-f]+)\n")


def cad_text(value) -> str:
    return "" if value is None else _CONTROL.sub(" ", str(value)).strip()


def cad_name(text: str) -> str:
    return _BAD_NAME.sub("_", cad_text(text)).strip() or "_"


class _Plan:
    """What one export layer draws: its block, attribute columns and CAD layer per row."""

    def __init__(self, layer: ExportLayer, opts: dict, by_owner: bool):
        self.layer = layer
        self.symbol = kind_symbol(layer.name)
        names = {f.name for f in layer.fields}
        fields = {tag: next((n for n in candidates if n in names), None)
                  for tag, candidates in opts["attributes"].items()}
        self.attributes = {tag: ([cad_text(v) for v in layer.column(f)] if f else [""] * len(layer))
                           for tag, f in fields.items()}
        self.block = cad_name(f"XC_{layer.name}")
        base = cad_name(layer.title or layer.name)
        owners = self.attributes.get("OWNER", [""] * len(layer))
        self.cad_layers = ([cad_name(f"{base}-{o or '未知'}") for o in owners] if by_owner
                           else [base] * len(layer))


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    opts = settings()["dxf"]
    path = with_extension(out_path, "dxf")
    by_owner = ctx.options.get("dxf_layer_by") == "owner"
    plans = [_Plan(layer, opts, by_owner) for layer in layers]
    doc = ezdxf.new(opts["version"], setup=False)
    doc.header["$INSUNITS"] = 6   # metres
    doc.styles.add(_TEXT_STYLE, font=_CJK_FONT)
    for plan in plans:
        _make_block(doc, plan.block, plan.symbol.get("dxf_block", plan.symbol["shape"]), opts["symbol_size"],
                    opts["text_height"], list(plan.attributes))
        for name in dict.fromkeys(plan.cad_layers):
            for layer_name in (name, name + _LABEL_LAYER_SUFFIX):
                if layer_name not in doc.layers:
                    doc.layers.add(layer_name, color=plan.symbol["dxf_colour"])
    skeleton = io.StringIO()
    doc.write(skeleton)
    text = skeleton.getvalue()
    seed = _HANDSEED.search(text)
    if _EMPTY_ENTITIES not in text or seed is None:
        raise ExportWriteFailed(path=str(path), detail="unexpected DXF skeleton from ezdxf")
    head, tail = text.split(_EMPTY_ENTITIES, 1)
    handles = _Handles(int(seed.group(1), 16))
    owner = doc.modelspace().block_record_handle
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            body = io.StringIO()
            body.write("  0\nSECTION\n  2\nENTITIES\n")
            for plan in plans:
                _write_entities(body, plan, ctx, opts, handles, owner)
            body.write("  0\nENDSEC\n")
            head = _HANDSEED.sub(f"  9\n$HANDSEED\n  5\n{handles.next:X}\n", head, count=1)
            f.write(head)
            f.write(body.getvalue())
            f.write(tail)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


class _Handles:
    def __init__(self, first: int):
        self.next = first

    def take(self) -> str:
        handle = f"{self.next:X}"
        self.next += 1
        return handle


def _write_entities(out, plan: _Plan, ctx: WriteContext, opts: dict, handles: _Handles, owner: str) -> None:
    layer = plan.layer
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    height = opts["text_height"]
    size = opts["symbol_size"]
    tags = list(plan.attributes.items())
    codes = plan.attributes.get("CODE", [""] * len(layer))
    xs, ys = x.tolist(), y.tolist()
    parts: list[str] = []
    for i in range(len(layer)):
        px, py = xs[i], ys[i]
        if px != px or py != py:
            continue   # no position: nothing to draw
        cad_layer = plan.cad_layers[i]
        insert = handles.take()
        parts.append(f"  0\nINSERT\n  5\n{insert}\n330\n{owner}\n100\nAcDbEntity\n  8\n{cad_layer}\n"
                     f"100\nAcDbBlockReference\n 66\n1\n  2\n{plan.block}\n"
                     f" 10\n{px:.{digits}f}\n 20\n{py:.{digits}f}\n 30\n0.0\n")
        for k, (tag, values) in enumerate(tags):
            ay = py - (k + 1) * height * 1.2
            parts.append(f"  0\nATTRIB\n  5\n{handles.take()}\n330\n{insert}\n100\nAcDbEntity\n  8\n{cad_layer}\n"
                         f"100\nAcDbText\n 10\n{px:.{digits}f}\n 20\n{ay:.{digits}f}\n 30\n0.0\n 40\n{height}\n"
                         f"  1\n{values[i]}\n  7\n{_TEXT_STYLE}\n100\nAcDbAttribute\n  2\n{tag}\n 70\n1\n")
        parts.append(f"  0\nSEQEND\n  5\n{handles.take()}\n330\n{insert}\n100\nAcDbEntity\n  8\n{cad_layer}\n")
        if codes[i]:
            tx, ty = f"{px + size:.{digits}f}", f"{py + size:.{digits}f}"
            parts.append(f"  0\nTEXT\n  5\n{handles.take()}\n330\n{owner}\n100\nAcDbEntity\n"
                         f"  8\n{cad_layer}{_LABEL_LAYER_SUFFIX}\n100\nAcDbText\n 10\n{tx}\n 20\n{ty}\n 30\n0.0\n"
                         f" 40\n{height}\n  1\n{codes[i]}\n  7\n{_TEXT_STYLE}\n 11\n{tx}\n 21\n{ty}\n 31\n0.0\n"
                         f"100\nAcDbText\n")
        if (i + 1) % _CHUNK == 0:
            out.write("".join(parts))
            parts = []
            ctx.advance(_CHUNK, layer.title)
    out.write("".join(parts))
    ctx.advance(len(layer) % _CHUNK, layer.title)


def _make_block(doc, name: str, shape: str, size: float, height: float, tags: list[str]) -> None:
    """A simple symbol drawn on layer 0 (so it takes the INSERT's layer colour) with one
    invisible ATTDEF per attribute tag."""
    if name in doc.blocks:
        return
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
