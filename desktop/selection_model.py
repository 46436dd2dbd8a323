"""The selection the map, the attribute table and the form share.

One object per window: views call :meth:`AssetSelection.set` when the user selects
something and listen to ``changed`` to follow selections made elsewhere. Fids are kept per
kind as sorted numpy arrays, so selecting a whole 1M-row table stays cheap.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

_EMPTY = np.empty(0, dtype=np.int64)


def _as_fids(fids) -> np.ndarray:
    if isinstance(fids, (int, np.integer)):
        fids = [fids]
    return np.unique(np.asarray(list(fids) if not isinstance(fids, np.ndarray) else fids, dtype=np.int64))


class AssetSelection(QObject):
    """A set of ``(kind, fid)`` plus the focused asset (``current``).

    Signals
    -------
    changed
        Emitted once after every change of the selected set or of the current asset.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._fids: dict[str, np.ndarray] = {}
        self._current: tuple[str, int] | None = None

    # -- changing -----------------------------------------------------------------------
    def set(self, kind: str, fids, current: int | None = None) -> None:
        """Replace the whole selection by ``fids`` of ``kind``; ``current`` (a fid) becomes
        the focused asset, else the first fid if the old focus is not among them."""
        new = _as_fids(fids)
        selected = {kind: new} if new.size else {}
        focus = self._pick_current(selected, kind, current)
        self._replace(selected, focus)

    def add(self, kind: str, fids) -> None:
        """Add ``fids`` of ``kind`` to the selection (shift/ctrl-click)."""
        new = _as_fids(fids)
        if not new.size:
            return
        selected = dict(self._fids)
        selected[kind] = np.union1d(selected.get(kind, _EMPTY), new)
        focus = self._current or (kind, int(new[0]))
        self._replace(selected, focus)

    def remove(self, kind: str, fids) -> None:
        gone = _as_fids(fids)
        selected = dict(self._fids)
        if kind in selected:
            left = np.setdiff1d(selected[kind], gone, assume_unique=True)
            if left.size:
                selected[kind] = left
            else:
                del selected[kind]
        focus = self._current if self._current and self._contains(selected, *self._current) else None
        self._replace(selected, focus)

    def clear(self) -> None:
        self._replace({}, None)

    def set_current(self, kind: str, fid: int) -> None:
        """Focus one asset; it joins the selection if it was not in it."""
        if self.contains(kind, fid):
            if self._current != (kind, int(fid)):
                self._current = (kind, int(fid))
                self.changed.emit()
        else:
            self.set(kind, [fid], current=fid)

    # -- reading ------------------------------------------------------------------------
    def items(self) -> set[tuple[str, int]]:
        return {(k, int(f)) for k, fids in self._fids.items() for f in fids}

    def current(self) -> tuple[str, int] | None:
        """The focused asset ``(kind, fid)``, shown in the form; None when nothing is selected."""
        return self._current

    def kinds(self) -> list[str]:
        return list(self._fids)

    def fids(self, kind: str) -> np.ndarray:
        """Selected fids of one kind, sorted."""
        return self._fids.get(kind, _EMPTY)

    def contains(self, kind: str, fid: int) -> bool:
        return self._contains(self._fids, kind, fid)

    def __len__(self) -> int:
        return int(sum(f.size for f in self._fids.values()))

    # -- internals ----------------------------------------------------------------------
    @staticmethod
    def _contains(selected: dict, kind: str, fid: int) -> bool:
        fids = selected.get(kind)
        if fids is None or not fids.size:
            return False
        i = int(np.searchsorted(fids, fid))
        return i < fids.size and fids[i] == fid

    def _pick_current(self, selected: dict, kind: str, current: int | None):
        if current is not None and self._contains(selected, kind, current):
            return kind, int(current)
        if self._current and self._contains(selected, *self._current):
            return self._current
        fids = selected.get(kind)
        return (kind, int(fids[0])) if fids is not None and fids.size else None

    def _replace(self, selected: dict, focus) -> None:
        same = (selected.keys() == self._fids.keys()
                and all(np.array_equal(selected[k], self._fids[k]) for k in selected))
        if same and focus == self._current:
            return  # views echo selections back; stop the echo here
        self._fids = selected
        self._current = focus
        self.changed.emit()
