"""Shapefile (dBASE) field names: at most 10 bytes in the file's encoding, unique without
regard to case, cut on a character boundary so no Chinese character is split."""
from __future__ import annotations


def cut_to_bytes(text: str, limit: int, encoding: str) -> str:
    """The longest prefix of ``text`` whose encoding fits in ``limit`` bytes."""
    out = ""
    size = 0
    for ch in text:
        n = len(ch.encode(encoding, errors="replace"))
        if size + n > limit:
            break
        out += ch
        size += n
    return out


def short_names(names: list[str], encoding: str, limit: int = 10) -> list[str]:
    """Names cut to ``limit`` bytes and made unique by a numeric suffix (``_1``, ``_2``...)."""
    taken: set[str] = set()
    out = []
    for name in names:
        candidate = cut_to_bytes(name.strip() or "field", limit, encoding)
        n = 0
        while candidate.casefold() in taken or not candidate:
            n += 1
            suffix = f"_{n}"
            candidate = cut_to_bytes(name, limit - len(suffix), encoding) + suffix
        taken.add(candidate.casefold())
        out.append(candidate)
    return out
