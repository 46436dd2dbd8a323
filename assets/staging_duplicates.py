"""Rows of one delivery that repeat each other: the same identifier twice, or two rows of
one kind closer than their accuracy class allows (a surveyor's double shot, a ledger
pasted twice). The first row stays; what happens to a repeat follows the import's
duplicate action, as for likely duplicates of existing assets:

- ``skip`` (the default): the repeat is left out;
- ``insert``: the repeat becomes an asset of its own (with a new identifier when it
  repeated one);
- ``update``: what the repeat gives is merged into the first row (a later correction),
  and the repeat itself is left out.

Every repeat is a finding, counted in the report under its reason."""
from __future__ import annotations

import numpy as np

from . import import_findings as F
from .kinds import kind
from .point_pairs import close_pairs
from .staging_columns import Coded
from .vocabularies import vocabulary


def accuracy_metres() -> dict[str, float]:
    return {e.code: float(e.extra.get("metres", 0.0)) for e in vocabulary("accuracy").entries}


def radius(batch, index: np.ndarray) -> np.ndarray:
    """Per row at ``index``: the distance within which another point is the same asset
    (its accuracy class's, else the kind's default class's)."""
    metres = accuracy_metres()
    default = metres.get(kind(batch.kind).default_accuracy, 1.0)
    accuracy = batch.cleaned.get("accuracy")
    if not accuracy:
        return np.full(len(index), default)
    if isinstance(accuracy, Coded):
        per_value = np.array([metres.get(v, default) for v in accuracy.values])
        return per_value[accuracy.codes[index]]
    return np.array([metres.get(accuracy[i], default) for i in index.tolist()])


def close_repeats(batch, keep_repeats: bool) -> list[tuple[int, int, float]]:
    """(repeat, first, distance) as row indexes of ``batch`` for open rows that lie within
    their accuracy distance of an earlier open row of the batch: the nearest earlier row
    that is itself kept (all are kept when ``keep_repeats``)."""
    open_rows = np.flatnonzero(batch.action == "insert")
    if len(open_rows) < 2:
        return []
    reach = radius(batch, open_rows)
    px, py = batch.x[open_rows], batch.y[open_rows]
    first, later = close_pairs(px, py, float(reach.max()))
    if not len(first):
        return []
    dist = np.hypot(px[later] - px[first], py[later] - py[first])
    near = dist <= reach[later]
    first, later, dist = first[near], later[near], dist[near]
    order = np.lexsort((dist, first, later))  # by later row, then nearest, then earliest
    repeats: dict[int, tuple[int, float]] = {}
    for b, a, d in zip(later[order].tolist(), first[order].tolist(), dist[order].tolist()):
        if b in repeats or (a in repeats and not keep_repeats):
            continue  # already placed, or its candidate is itself left out
        repeats[b] = (a, d)
    return [(int(open_rows[b]), int(open_rows[a]), d) for b, (a, d) in sorted(repeats.items())]


def settle_repeat(staging, batch, i: int, j: int | None, first_row: int, reason: str, text: str, *,
                  with_position: bool, **values) -> None:
    """Apply the duplicate action to row index ``i`` repeating row ``first_row`` (index
    ``j`` in ``batch``, or None when it is in another kind's batch: then always skipped)."""
    action = staging.on_duplicate if j is not None else "skip"
    row = int(batch.rows[i])
    if action == "insert":
        staging.findings.append(F.Finding(row, reason, False, text, {**values, "first": first_row,
                                                                     "action": "insert"}))
        if batch.codes[i] is not None and batch.codes[i] == batch.codes[j]:
            batch.codes[i] = None  # the identifier stays with the first row: allocate a new one
        return
    batch.action[i] = "skip"
    if action == "update":
        _merge(batch, i, j, with_position)
        action = "merge"
    staging.findings.append(F.Finding(row, reason, True, text, {**values, "first": first_row, "action": action}))


def _merge(batch, i: int, j: int, with_position: bool) -> None:
    """What row ``i`` gave (not its defaults) overwrites row ``j``'s values."""
    for name, col in batch.raw.items():
        if col[i] is not None and name in batch.cleaned and batch.cleaned[name][i] is not None:
            batch.cleaned[name][j] = batch.cleaned[name][i]
    if batch.photos[i] is not None:
        batch.photos[j] = batch.photos[i]
    if batch.mounts is not None and batch.mounts[i]:
        batch.mounts[j] = batch.mounts[i]
    if with_position:
        batch.x[j], batch.y[j] = batch.x[i], batch.y[i]
