"""CSV and Excel ledgers (台账): rows of text or cell values, coordinates in columns.

CSV text is decoded by :func:`layers.encoding.text_encoding` (BOM, then UTF-8, then
GB18030 as Excel on Chinese Windows writes it). Values stay text: codes such as "0101" or
16-digit identifiers must keep their leading zeros. Excel cells keep openpyxl's types.
A title row above the header (a merged "XX井盖台账" cell) is skipped.

Both are read as a stream, a chunk of rows at a time, into columns (a million-row ledger
as row dicts would be gigabytes); a column's repeated values share one object."""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
from itertools import chain, islice
from pathlib import Path

from assets.progress import check_cancelled, ensure
from layers import encoding as enc

from .errors import EncodingMismatch, LayerNotFound, SourceDamaged
from .table import QT_TRANSLATE_NOOP, SourceTable, warn

_CHUNK = 50_000           # rows turned into columns at a time
_INTERN_LIMIT = 10_000    # distinct values kept per column before interning stops paying
_ENCODING_HEAD = 1 << 20
_SAMPLE = 1_000           # rows looked at to tell a column of distinct values
_SNIFF_CHARS = 16_384     # the sniffer is regex-heavy: a bounded sample keeps it fast
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


def _header_index(rows: list) -> int:
    """The first of the leading rows with at least two filled cells (skips title rows)."""
    for i, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if sum(c not in (None, "") for c in cells) >= 2:
            return i
    return 0


def _filled(cells) -> bool:
    return any(c not in (None, "") for c in cells)


def _cell_values(part: tuple, memo: dict) -> list:
    """One column of a chunk as stored values: text stripped (empty → None), other cell
    values as they are. A column that repeats its values (owners, materials) keeps one
    object per distinct value, shared across chunks through ``memo``."""
    kinds = set(map(type, part))
    kinds.discard(type(None))
    sample = part[:_SAMPLE]
    few = len(kinds) <= 1 and len(set(sample)) * 2 <= len(sample)  # one type: 1, 1.0 and True would share a key
    distinct = set(part) if few else ()
    if not distinct or len(distinct) * 2 > len(part):
        return [(v.strip() or None) if type(v) is str else v for v in part]
    table = memo if len(memo) < _INTERN_LIMIT else {}
    for v in distinct:
        if v not in table:
            table[v] = (v.strip() or None) if type(v) is str else v
    return list(map(table.__getitem__, part))


def _table_from_rows(rows, table: SourceTable, progress, *, where=None, filled=_filled) -> None:
    """Fill ``table`` from an iterator of cell lists into columns, a chunk of rows at a
    time. ``where()`` tells how far the reading is, in the units of the progress total;
    ``filled(cells)`` whether a row holds anything."""
    rows = iter(rows)
    head = [list(r) for r in islice(rows, _HEADER_SEARCH_ROWS)]
    start = _header_index(head)
    if start:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The first {count} rows look like a title and were skipped; row {row} is the header."),
            count=start, row=start + 1))
    header = head[start] if head else []
    while header and header[-1] in (None, ""):
        header = header[:-1]
    table.columns = _clean_header(list(header), table.warnings)
    width = len(table.columns)
    columns: list[list] = [[] for _ in range(width)]
    memos: list[dict] = [{} for _ in range(width)]
    n = extra = 0
    body = chain(head[start + 1:], rows)
    while True:
        chunk = list(islice(body, _CHUNK))
        if not chunk:
            break
        chunk = list(filter(filled, chunk))
        extra += sum(1 for r in chunk if len(r) > width and _filled(r[width:]))
        if any(len(r) != width for r in chunk):
            chunk = [list(r[:width]) + [None] * (width - len(r)) for r in chunk]
        for column, memo, part in zip(columns, memos, zip(*chunk)):
            column.extend(_cell_values(part, memo))
        n += len(chunk)
        progress.advance(where() if where else n)
        check_cancelled(progress)
    table.set_columns(dict(zip(table.columns, columns)), n)
    if extra:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} rows have more values than there are columns; the extra values were ignored."),
            count=extra))


def read_csv(path: Path, *, encoding: str | None = None, shown: str | None = None, progress=None) -> SourceTable:
    """A CSV ledger, decoded and parsed as a stream: the file is never held whole, as
    bytes or as text."""
    progress = ensure(progress)
    shown = shown or str(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(_ENCODING_HEAD)  # text_encoding looks at a sample of this
    except OSError as exc:
        raise SourceDamaged(path=shown, driver="CSV", detail=str(exc)) from None
    codec, source = enc.text_encoding(head, encoding)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise EncodingMismatch(path=shown, encoding=codec) from None
    notes: list[str] = []
    if source == enc.DETECTED and codec != "UTF-8":
        notes.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The file does not say its text encoding; {encoding} was detected. Check the names."),
            encoding=codec))
    errors, strict = "strict", True
    while True:  # at most three rounds: as it is, with replaced characters, without strict quotes
        table = SourceTable(path=shown, layer=None, driver="CSV", columns=[], rows=[], geometries=[],
                            encoding=codec, encoding_source=source, warnings=list(notes))
        try:
            first = _parse_csv(path, codec, errors, strict, table, progress, size)
            break
        except UnicodeDecodeError:
            if source == enc.USER:
                raise EncodingMismatch(path=shown, encoding=codec) from None
            errors = "replace"
            notes.append(warn(QT_TRANSLATE_NOOP(
                "Import", "Some characters could not be decoded as {encoding} and were replaced."), encoding=codec))
        except csv.Error as exc:
            if not strict:
                raise SourceDamaged(path=shown, driver="CSV", detail=str(exc)) from None
            strict = False
            notes.append(warn(QT_TRANSLATE_NOOP(
                "Import", "The file has unbalanced quotes ({detail}); values after that point may be merged. Check the last rows."),
                detail=str(exc)))
    if not any(str(c or "").strip() for c in first) and all(
            col.count(None) == len(col) for col in table.column_values.values()):
        raise SourceDamaged(path=shown, driver="CSV", detail=QT_TRANSLATE_NOOP("Errors", "the file is empty"))
    return table


def _parse_csv(path: Path, codec: str, errors: str, strict: bool, table: SourceTable, progress, size: int) -> list:
    """Parse into ``table``; returns the first row's cells (to tell an empty file)."""
    first: list = []
    with open(path, "rb") as raw, io.TextIOWrapper(raw, encoding=codec, errors=errors, newline="") as text:
        dialect = _dialect(text.read(_SNIFF_CHARS))
        text.seek(0)
        reader = csv.reader(text, dialect=dialect, strict=strict)
        for row in reader:
            if row:
                if row[0].startswith("\ufeff"):  # a BOM the chosen codec kept
                    row[0] = row[0][1:]
                first.extend(row)
                break
        progress.set_total(size)
        # csv gives text cells only: a row is filled when any cell is not ""
        _table_from_rows(chain([first], reader), table, progress, where=raw.tell, filled=any)
    return first


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text, delimiters=_DELIMITERS)
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
        name, lead, rest = None, [], iter(())
        for name in [layer] if layer else names:
            rest, lead = iter(book[name].iter_rows(values_only=True)), []
            for cells in rest:  # the first sheet with data
                lead.append(cells)
                if _filled(cells):
                    break
            else:
                continue
            break
        table.layer = name if names else None
        if layer is None and names:
            others = [n for n in names if n != name and (book[n].max_row or 0) > 1]
            if others:
                table.warnings.append(warn(QT_TRANSLATE_NOOP(
                    "Import", "The workbook has other sheets with data ({sheets}); only {sheet} was read."),
                    sheets=", ".join(others), sheet=name))
        progress.set_total((book[name].max_row or 0) if names else 0)
        _table_from_rows(chain(lead, rest), table, progress)
        return table
    finally:
        book.close()
