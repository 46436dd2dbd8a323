"""CSV and Excel ledgers (台账): rows of text or cell values, coordinates in columns.

CSV text is decoded by :func:`layers.encoding.text_encoding` (BOM, then UTF-8, then
GB18030 as Excel on Chinese Windows writes it). Values stay text: codes such as "0101" or
16-digit identifiers must keep their leading zeros. Excel cells keep openpyxl's types.
A title row above the header (a merged "XX井盖台账" cell) is skipped."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from assets.progress import check_cancelled, ensure
from layers import encoding as enc

from .errors import EncodingMismatch, LayerNotFound, SourceDamaged
from .table import QT_TRANSLATE_NOOP, SourceTable, warn

_STEP = 1000
_HEADER_SEARCH_ROWS = 20
_DELIMITERS = ",;\t|"


def _clean_header(cells: list, warnings: list[str]) -> list[str]:
    """Header cells as unique, single-line names ("Column with a\\nline break" → one line;
    an empty header becomes column_3; a repeated one gets _2)."""
    names: list[str] = []
    broken = False
    for i, cell in enumerate(cells, start=1):
        text = "" if cell is None else str(cell)
        if "\n" in text or "\r" in text:
            broken = True
        name = " ".join(text.split()) or f"column_{i}"
        base, n = name, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    if broken:
        warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "Some column headers contained line breaks; they were joined into one line.")))
    return names


def _header_index(rows: list[list]) -> int:
    """The first of the leading rows with at least two filled cells (skips title rows)."""
    for i, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if sum(c not in (None, "") for c in cells) >= 2:
            return i
    return 0


def _table_from_cells(cells: list[list], table: SourceTable, progress, value=lambda v: v) -> None:
    cells = [c for c in cells]
    start = _header_index(cells)
    if start:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The first {count} rows look like a title and were skipped; row {row} is the header."),
            count=start, row=start + 1))
    header = cells[start] if cells else []
    while header and header[-1] in (None, ""):
        header = header[:-1]
    table.columns = _clean_header(list(header), table.warnings)
    width = len(table.columns)
    extra = 0
    progress.set_total(len(cells) - start - 1)
    for n, raw in enumerate(cells[start + 1:], start=1):
        if all(c in (None, "") for c in raw):
            continue
        if any(c not in (None, "") for c in raw[width:]):
            extra += 1
        padded = list(raw[:width]) + [None] * (width - len(raw))
        table.rows.append({k: value(v) for k, v in zip(table.columns, padded)})
        if n % _STEP == 0:
            check_cancelled(progress)
            progress.advance(n)
    if extra:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} rows have more values than there are columns; the extra values were ignored."),
            count=extra))


def _text_value(v):
    if v is None:
        return None
    text = v.strip()
    return text or None


def read_csv(path: Path, *, encoding: str | None = None, shown: str | None = None, progress=None) -> SourceTable:
    progress = ensure(progress)
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceDamaged(path=shown, driver="CSV", detail=str(exc)) from None
    codec, source = enc.text_encoding(data, encoding)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if source == enc.USER:
            raise EncodingMismatch(path=shown, encoding=codec) from None
        text = data.decode(codec, errors="replace")
    table = SourceTable(path=shown, layer=None, driver="CSV", columns=[], rows=[], geometries=[],
                        encoding=codec, encoding_source=source)
    if text.startswith("\ufeff"):
        text = text[1:]
    if source == enc.DETECTED and codec != "UTF-8":
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The file does not say its text encoding; {encoding} was detected. Check the names."),
            encoding=codec))
    if "\ufffd" in text and source != enc.USER:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "Some characters could not be decoded as {encoding} and were replaced."), encoding=codec))
    dialect = _dialect(text)
    try:
        cells = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True))
    except csv.Error as exc:
        cells = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=False))
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The file has unbalanced quotes ({detail}); values after that point may be merged. Check the last rows."),
            detail=str(exc)))
    if not any(any(c.strip() for c in row) for row in cells):
        raise SourceDamaged(path=shown, driver="CSV", detail=QT_TRANSLATE_NOOP("Errors", "the file is empty"))
    _table_from_cells(cells, table, progress, _text_value)
    return table


def _dialect(text: str):
    sample = text[:16384]  # the sniffer is regex-heavy: a bounded sample keeps it fast
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def xlsx_sheets(path: Path) -> list[str]:
    return _open_book(path, str(path)).sheetnames


def _open_book(path: Path, shown: str):
    import openpyxl
    from layers.safe_archive import check_archive
    check_archive(path)  # a workbook is a zip: refuse bombs before openpyxl inflates it
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SourceDamaged(path=shown, driver="XLSX", detail=str(exc) or type(exc).__name__) from None


def read_xlsx(path: Path, *, layer: str | None = None, shown: str | None = None, progress=None) -> SourceTable:
    """The sheet ``layer`` (default: the first sheet with data) of an Excel workbook."""
    progress = ensure(progress)
    shown = shown or str(path)
    book = _open_book(path, shown)
    try:
        names = book.sheetnames
        if layer is not None and layer not in names:
            raise LayerNotFound(path=shown, layer=layer, layers=", ".join(names))
        table = SourceTable(path=shown, layer=None, driver="XLSX", columns=[], rows=[], geometries=[])
        for name in [layer] if layer else names:
            cells = [list(r) for r in book[name].iter_rows(values_only=True)]
            if any(any(c not in (None, "") for c in r) for r in cells):
                break
        table.layer = name if names else None
        if layer is None and names:
            others = [n for n in names if n != name and (book[n].max_row or 0) > 1]
            if others:
                table.warnings.append(warn(QT_TRANSLATE_NOOP(
                    "Import", "The workbook has other sheets with data ({sheets}); only {sheet} was read."),
                    sheets=", ".join(others), sheet=name))
        _table_from_cells(cells if names else [], table, progress,
                          lambda v: (v.strip() or None) if isinstance(v, str) else v)
        return table
    finally:
        book.close()
