"""Collects generated assets per kind as columns, ready for the registry's bulk path."""
from __future__ import annotations

import numpy as np


class Collector:
    def __init__(self):
        self._chunks: dict[str, list] = {}
        self._counts: dict[str, int] = {}
        self._mounts: dict[str, list] = {}

    def add(self, kind: str, x, y, mounts=None, per_row_mounts=None, **columns) -> np.ndarray:
        """Add points with column values (arrays, or scalars for all). ``mounts``: mount
        dicts every new point carries; ``per_row_mounts``: a list of mount lists. Returns
        the new rows' indexes within the kind."""
        x = np.atleast_1d(np.asarray(x, dtype=float))
        y = np.atleast_1d(np.asarray(y, dtype=float)) + 0 * x
        n = len(x)
        start = self._counts.get(kind, 0)
        if n == 0:
            return np.arange(start, start)
        self._chunks.setdefault(kind, []).append((x, y, columns, n))
        self._counts[kind] = start + n
        rows = np.arange(start, start + n)
        store = self._mounts.setdefault(kind, [])
        if mounts:
            store.extend((int(r), dict(m)) for r in rows for m in mounts)
        if per_row_mounts is not None:
            store.extend((int(r), dict(m)) for r, ms in zip(rows, per_row_mounts) for m in ms)
        return rows

    def count(self, kind: str | None = None) -> int:
        if kind:
            return self._counts.get(kind, 0)
        return sum(self._counts.values())

    def kinds(self) -> list[str]:
        return list(self._chunks)

    def build(self, kind: str, transform) -> tuple[dict, np.ndarray, np.ndarray, list]:
        """(columns, x, y, mounts) with coordinates passed through ``transform(x, y)``."""
        chunks = self._chunks.get(kind, [])
        names = sorted({c for _, _, cols, _ in chunks for c in cols})
        columns = {}
        for name in names:
            parts: list = []
            for _, _, cols, n in chunks:
                value = cols.get(name)
                if isinstance(value, np.ndarray):
                    parts.extend(value.tolist())  # plain Python values, converted in C
                elif isinstance(value, (list, tuple)):
                    parts.extend(value)
                else:
                    parts.extend([value.item() if isinstance(value, np.generic) else value] * n)
            columns[name] = parts
        x = np.concatenate([c[0] for c in chunks]) if chunks else np.empty(0)
        y = np.concatenate([c[1] for c in chunks]) if chunks else np.empty(0)
        tx, ty = transform(x, y)
        return columns, tx, ty, self._mounts.get(kind, [])
