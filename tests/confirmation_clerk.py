"""What a utility clerk does with a package: open it in a spreadsheet program (openpyxl
here), pick 是/否/不确定 in the decision column, maybe write a comment, save a copy."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from layers import package_format as fmt


def rows(path) -> list[list]:
    ws = load_workbook(path)[fmt.SHEET]
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def fill(path, out, answer, comments: dict | None = None, edit=None) -> Path:
    """``answer(code) → '是'/'否'/'不确定'/None`` for each row; ``edit(wb)`` may do more."""
    wb = load_workbook(path)
    ws = wb[fmt.SHEET]
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, fmt.CODE + 1).value
        if code is None:
            continue
        ws.cell(r, fmt.DECISION + 1).value = answer(code)
        if comments and code in comments:
            ws.cell(r, fmt.COMMENT + 1).value = comments[code]
    if edit:
        edit(wb)
    wb.save(out)
    return Path(out)


def snapshot(reg) -> tuple:
    """Everything a received package could change."""
    states = tuple(reg.conn.execute(
        "SELECT 'm', ownership, owner_code, count(*) FROM manholes GROUP BY 2, 3 UNION ALL "
        "SELECT 'p', ownership, owner_code, count(*) FROM poles GROUP BY 2, 3 UNION ALL "
        "SELECT 'b', ownership, owner_code, count(*) FROM boxes GROUP BY 2, 3 ORDER BY 1, 2, 3").fetchall())
    history = reg.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    claims = reg.conn.execute("SELECT count(*) FROM confirmation_claims").fetchone()[0]
    receipts = reg.conn.execute("SELECT count(*) FROM confirmation_receipts").fetchone()[0]
    return states, history, claims, receipts
