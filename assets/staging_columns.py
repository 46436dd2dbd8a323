"""Compact columns for the staging area: a million staged rows hold some twenty fields,
most of them one value throughout (a default, or nothing) or a handful of values (owners,
materials). As Python lists each costs 8 MB of pointers; as :class:`Coded` one byte a row.

>>> col = Coded.constant("intact", 3)
>>> col[1] = "damaged"
>>> list(col), col.count("intact"), col[0:2]
(['intact', 'damaged', 'intact'], 2, ['intact', 'damaged'])

The helpers :func:`compact`, :func:`take` and :func:`map_values` accept plain lists too, so
the code that stages and commits need not care which kind of column it holds."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_MAX_VALUES = 65_535     # distinct values a Coded column holds (uint16 positions)
_SAMPLE = 2_000          # rows looked at before a column is judged worth compacting


class Coded(Sequence):
    """A column of few distinct values: a small integer per row, each value once."""

    __slots__ = ("codes", "values", "_objects")

    def __init__(self, codes: np.ndarray, values: list):
        self.codes = codes
        self.values = list(values)
        self._objects = None

    @classmethod
    def constant(cls, value, n: int) -> "Coded":
        return cls(np.zeros(n, dtype=np.uint8), [value])

    def __len__(self) -> int:
        return len(self.codes)

    def objects(self) -> np.ndarray:
        """The values as a numpy object array (for taking many rows at once)."""
        if self._objects is None or len(self._objects) != len(self.values):
            self._objects = np.empty(len(self.values), dtype=object)
            for i, v in enumerate(self.values):
                self._objects[i] = v
        return self._objects

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.objects()[self.codes[i]].tolist()
        return self.values[self.codes[i]]

    def __setitem__(self, i, value) -> None:
        for j, v in enumerate(self.values):
            if v is value or (type(v) is type(value) and v == value):
                self.codes[i] = j
                return
        self.values.append(value)
        if len(self.values) > np.iinfo(self.codes.dtype).max + 1:
            self.codes = self.codes.astype(np.uint16 if len(self.values) <= _MAX_VALUES + 1 else np.int64)
        self.codes[i] = len(self.values) - 1

    def __iter__(self):
        return iter(self.objects()[self.codes].tolist())

    def _positions(self, value) -> list[int]:
        return [j for j, v in enumerate(self.values) if v is value or v == value]

    def count(self, value) -> int:
        positions = self._positions(value)
        if not positions:
            return 0
        if len(positions) == 1:
            return int(np.count_nonzero(self.codes == positions[0]))
        return int(np.isin(self.codes, positions).sum())

    def __contains__(self, value) -> bool:
        return self.count(value) > 0

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Sequence, np.ndarray)) else NotImplemented

    __hash__ = None


def compact(column):
    """``column`` as a :class:`Coded` column when its values are of one type and few,
    else unchanged."""
    if isinstance(column, Coded) or not isinstance(column, list) or not column:
        return column
    sample = column[:_SAMPLE]
    if len(set(map(_key, sample))) * 4 > len(sample):
        return column  # mostly distinct values (remarks, names): nothing to gain
    kinds = set(map(type, column))
    kinds.discard(type(None))
    if len(kinds) > 1:
        return column  # 1, 1.0 and True would share a position
    try:
        positions = {v: i for i, v in enumerate(dict.fromkeys(column))}
    except TypeError:  # unhashable values
        return column
    if len(positions) > _MAX_VALUES:
        return column
    dtype = np.uint8 if len(positions) <= 256 else np.uint16
    codes = np.fromiter(map(positions.__getitem__, column), dtype=dtype, count=len(column))
    return Coded(codes, list(positions))


def _key(value):
    try:
        hash(value)
        return value
    except TypeError:
        return id(value)


def take(column, index: np.ndarray):
    """The values of ``column`` at the row positions ``index``, as the same kind of column."""
    if isinstance(column, Coded):
        return Coded(column.codes[index], column.values)
    if isinstance(column, np.ndarray):
        return column[index]
    return [column[i] for i in np.asarray(index).tolist()]


def map_values(column, convert):
    """``convert`` applied to every value (once per distinct value of a Coded column)."""
    if isinstance(column, Coded):
        return Coded(column.codes, [convert(v) for v in column.values])
    return [convert(v) for v in column]
