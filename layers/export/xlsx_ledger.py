"""The Excel ledger (台账): one sheet per kind named with its Chinese title, bold frozen
header, column widths that fit Chinese (CJK characters count double), dates as real Excel
dates, identifiers as TEXT cells (``@``) so a 16-17 digit 标识码 never shows as 2.10323E+15,
coordinates as numbers.

openpyxl's write-only mode streams rows instead of holding every cell object."""
from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .context import WriteContext, remove_existing, with_extension
from .csv_table import coordinate_headers
from .errors import ExportWriteFailed
from .table import ExportLayer
from .target import settings

_CHUNK = 2_000
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
# Excel refuses these in cell text (XML 1.0 control characters)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def display_width(text: str) -> int:
    """Width in Excel characters: East Asian wide/full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    book = Workbook(write_only=True)
    try:
        for layer, name in zip(layers, sheet_names(layers, opts["sheet_name_chars"])):
            _write_sheet(book.create_sheet(name), layer, ctx, opts)
    except BaseException:
        # finish the half-streamed sheets so their temporary files close now, not at exit
        for sheet in book.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()
        raise
    remove_existing(path)
    try:
        book.save(path)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return [path]


def _write_sheet(sheet, layer: ExportLayer, ctx: WriteContext, opts: dict) -> None:
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    values = layer.columns()
    headers = [f.title or f.name for f in layer.fields] + coordinate_headers(ctx.target)
    kinds = [f.type for f in layer.fields] + ["real", "real"]
    columns = [values[f.name] for f in layer.fields]
    columns.append([None if v != v else round(v, digits) for v in x.tolist()])
    columns.append([None if v != v else round(v, digits) for v in y.tolist()])
    for c, column in enumerate(columns[:-2]):
        if kinds[c] == "text":
            columns[c] = [None if v is None else _CONTROL.sub("", v) for v in column]
    _set_widths(sheet, headers, kinds, columns, opts)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center")
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cell.alignment = centre
        header_cells.append(cell)
    sheet.append(header_cells)
    # One styled cell per text/date column, reused for every row: a write-only sheet
    # serialises each row as it is appended, and making 100k styled cells was most of
    # the time.
    templates = []
    for kind in kinds:
        cell = None
        if kind in ("text", "date"):
            cell = WriteOnlyCell(sheet)
            cell.number_format = "@" if kind == "text" else opts["date_format"]
        templates.append(cell)
    yes_no = {True: "是", False: "否"}
    n = len(layer)
    for start in range(0, n, _CHUNK):
        end = min(start + _CHUNK, n)
        for i in range(start, end):
            row = []
            for kind, template, column in zip(kinds, templates, columns):
                value = column[i]
                if value is None:
                    row.append(None)
                elif template is not None:
                    template.value = value
                    row.append(template)
                elif kind == "boolean":
                    row.append(yes_no[value])
                else:
                    row.append(value)
            sheet.append(row)
        ctx.advance(end - start, layer.title)


def _set_widths(sheet, headers, kinds, columns, opts) -> None:
    sample = opts["width_sample_rows"]
    for c, (header, kind, column) in enumerate(zip(headers, kinds, columns), start=1):
        widest = display_width(header)
        if kind == "date":
            widest = max(widest, 10)
        for value in column[:sample]:
            if value is not None:
                widest = max(widest, display_width(str(value)))
        width = min(max(widest + opts["padding"], opts["min_width"]), opts["max_width"])
        sheet.column_dimensions[get_column_letter(c)].width = width
