"""Keep the translation catalogue complete.

Scans the code for translatable strings — ``QT_TRANSLATE_NOOP(ctx, text)``,
``translate(ctx, text)``, ``tr(text)`` in the command line (context ``CLI``) and
``self.tr(text)`` in Qt classes (context = the class name) — and merges them into
``resources/translations/xiucity_zh_CN.ts`` (Qt Linguist format), keeping existing
translations and marking new messages unfinished.

    python tools/translations.py update   # add new strings, mark vanished ones
    python tools/translations.py check    # exit 1 if any message lacks a translation
"""
from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assets", "layers", "desktop")
TS = ROOT / "resources" / "translations" / "xiucity_zh_CN.ts"


def _const(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(root: Path = ROOT) -> dict[tuple[str, str], str]:
    """(context, source) → 'file:line' of every translatable string."""
    found: dict[tuple[str, str], str] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            _walk(tree, path.relative_to(root), None, found)
    return found


def _walk(node, path, cls, found) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            _walk(child, path, child.name, found)
            continue
        if isinstance(child, ast.Call):
            _call(child, path, cls, found)
        _walk(child, path, cls, found)


def _call(call: ast.Call, path, cls, found) -> None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    args = call.args
    where = f"{path}:{call.lineno}"
    if name in ("QT_TRANSLATE_NOOP", "translate") and len(args) >= 2:
        ctx, text = _const(args[0]), _const(args[1])
        if ctx and text:
            found.setdefault((ctx, text), where)
    elif name == "tr" and args and _const(args[0]):
        if isinstance(func, ast.Attribute) and cls:
            found.setdefault((cls, _const(args[0])), where)
        elif isinstance(func, ast.Name) and str(path).startswith("desktop/cli"):
            found.setdefault(("CLI", _const(args[0])), where)
        elif isinstance(func, ast.Name) and cls:  # `tr = self.tr` then tr("...")
            found.setdefault((cls, _const(args[0])), where)


def load(ts: Path = TS) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(context, source) → (translation, type) from a .ts file."""
    out = {}
    if not ts.exists():
        return out
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            t = message.find("translation")
            out[(name, message.findtext("source"))] = (t.text if t is not None else None,
                                                       t.get("type") if t is not None else "unfinished")
    return out


def write(entries: dict, where: dict, ts: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="zh_CN")
    by_context: dict[str, list] = {}
    for (ctx, src), value in entries.items():
        by_context.setdefault(ctx, []).append((src, value))
    for ctx in sorted(by_context):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for src, (text, kind) in sorted(by_context[ctx]):
            m = ET.SubElement(c, "message")
            if (ctx, src) in where:
                file, line = where[(ctx, src)].rsplit(":", 1)
                ET.SubElement(m, "location", filename=f"../../{file}", line=line)
            ET.SubElement(m, "source").text = src
            t = ET.SubElement(m, "translation")
            t.text = text
            if kind:
                t.set("type", kind)
    ET.indent(root)
    ts.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def update(ts: Path = TS) -> tuple[int, int]:
    where = extract()
    old = load(ts)
    merged = {}
    for key in where:
        text, kind = old.get(key, (None, "unfinished"))
        merged[key] = (text, None if text and kind != "vanished" and kind != "unfinished" else
                       ("unfinished" if not text else None))
    for key, (text, kind) in old.items():
        if key not in where and text:
            merged[key] = (text, "vanished")
    write(merged, where, ts)
    missing = sum(1 for k in where if not merged[k][0])
    return len(where), missing


def missing(ts: Path = TS) -> list[tuple[str, str]]:
    old = load(ts)
    return sorted(k for k in extract() if not (old.get(k, (None, None))[0]) or old[k][1] == "unfinished")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        total, untranslated = update()
        print(f"{total} messages, {untranslated} without translation")
    else:
        gaps = missing()
        for ctx, src in gaps:
            print(f"{ctx}: {src}")
        print(f"{len(gaps)} messages without translation")
        sys.exit(1 if gaps else 0)
