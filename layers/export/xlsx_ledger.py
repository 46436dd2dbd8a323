"""The Excel ledger (台账): one sheet per kind named with its Chinese title, bold frozen
header, column widths that fit Chinese (CJK characters count double), dates as real Excel
dates, identifiers as TEXT cells (``@``) so a 16-17 digit 标识码 never shows as 2.10323E+15,
coordinates as numbers.

The SpreadsheetML is written directly into the zip (xlsx_parts.py has the fixed parts):
openpyxl, even in write-only mode, took 10x as long as ogr2ogr for 100k rows
(tests/benchmarks/bench_export.py). Tests read the files back with openpyxl."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from . import xlsx_parts as P
from .context import WriteContext, with_extension
from .csv_table import coordinate_headers
from .errors import ExportWriteFailed
from .table import ExportLayer
from .target import settings

_CHUNK = 5_000
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
# Excel refuses these in cell text (XML 1.0 control characters)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)   # serial 1 = 1900-01-01 with Lotus's leap-year bug


def display_width(text: str) -> int:
    """Width in Excel characters: East Asian wide/full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_names(layers: list[ExportLayer], limit: int) -> list[str]:
    out: list[str] = []
    for layer in layers:
        base = _BAD_SHEET.sub("_", layer.title or layer.name).strip("'")[:limit] or layer.name[:limit]
        name, n = base, 1
        while name.casefold() in (o.casefold() for o in out):
            n += 1
            name = f"{base[:limit - len(str(n)) - 1]}_{n}"
        out.append(name)
    return out


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    opts = settings()["xlsx"]
    path = with_extension(out_path, "xlsx")
    names = sheet_names(layers, opts["sheet_name_chars"])
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
            book.writestr("[Content_Types].xml", P.content_types(len(layers)))
            book.writestr("_rels/.rels", P.root_rels())
            book.writestr("xl/workbook.xml", P.workbook(names))
            book.writestr("xl/_rels/workbook.xml.rels", P.workbook_rels(len(layers)))
            book.writestr("xl/styles.xml", P.styles(opts["date_format"]))
            for i, layer in enumerate(layers, start=1):
                with book.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as raw:
                    _write_sheet(lambda text: raw.write(text.encode("utf-8")), layer, ctx, opts)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


def _text_cell(ref: str, value: str, style: int) -> str:
    value = escape(_CONTROL.sub("", value))
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr" s="{style}"><is><t{space}>{value}</t></is></c>'


def _write_sheet(write, layer: ExportLayer, ctx: WriteContext, opts: dict) -> None:
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    values = layer.columns()
    headers = [f.title or f.name for f in layer.fields] + coordinate_headers(ctx.target)
    kinds = [f.type for f in layer.fields] + ["real", "real"]
    columns = [values[f.name] for f in layer.fields]
    columns.append([None if v != v else round(v, digits) for v in x.tolist()])
    columns.append([None if v != v else round(v, digits) for v in y.tolist()])
    letters = [column_letter(i) for i in range(1, len(headers) + 1)]
    write(P.sheet_head(_widths(headers, kinds, columns, opts)))
    write('<row r="1">' + "".join(_text_cell(f"{c}1", h, P.STYLE_HEADER) for c, h in zip(letters, headers))
          + "</row>")
    cells = [_cell_writer(kind) for kind in kinds]
    n = len(layer)
    for start in range(0, n, _CHUNK):
        end = min(start + _CHUNK, n)
        rows = []
        for i in range(start, end):
            r = i + 2
            row = "".join(cell(f"{c}{r}", column[i]) for cell, c, column in zip(cells, letters, columns)
                          if column[i] is not None)
            rows.append(f'<row r="{r}">{row}</row>')
        write("".join(rows))
        ctx.advance(end - start, layer.title)
    write(P.SHEET_TAIL)


def _cell_writer(kind: str):
    """A function (cell reference, value) -> cell XML for one column type."""
    if kind == "text":
        return lambda ref, v: _text_cell(ref, v, P.STYLE_TEXT)
    if kind == "date":
        return lambda ref, v: f'<c r="{ref}" s="{P.STYLE_DATE}"><v>{(v - _EXCEL_EPOCH).days}</v></c>'
    if kind == "boolean":
        return lambda ref, v: _text_cell(ref, "是" if v else "否", P.STYLE_DEFAULT)
    if kind == "real":
        return lambda ref, v: f'<c r="{ref}"><v>{v!r}</v></c>'
    return lambda ref, v: f'<c r="{ref}"><v>{v}</v></c>'


def _widths(headers, kinds, columns, opts) -> list[float]:
    sample = opts["width_sample_rows"]
    widths = []
    for header, kind, column in zip(headers, kinds, columns):
        widest = display_width(header)
        if kind == "date":
            widest = max(widest, 10)
        for value in column[:sample]:
            if value is not None:
                widest = max(widest, display_width(str(value)))
        widths.append(min(max(widest + opts["padding"], opts["min_width"]), opts["max_width"]))
    return widths
