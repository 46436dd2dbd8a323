"""What a host can hold: height bands of an integrated pole, or owners of a cabinet.

Both models give the solver in :mod:`assets.merge_cover` the same small interface: a
per-host state, ``fits``/``add``/``remove`` for one item, a lower bound, and the rows
an integer program needs.
"""
from __future__ import annotations

import math
from typing import Protocol

import numpy as np


class CapacityModel(Protocol):
    def new_state(self): ...
    def fits(self, state, key) -> bool: ...
    def try_add(self, state, key) -> bool: ...
    def add(self, state, key) -> None: ...
    def remove(self, state, key) -> None: ...
    def flexibility(self, key) -> int: ...
    def bound(self, keys) -> int: ...
    def slots(self, key) -> list: ...
    def milp_rows(self, cols, n_hosts: int, nx: int) -> tuple[list, list]: ...
    def assign_slots(self, host_of, keys, over) -> list: ...
    def fit_together(self, keys, group, n_groups) -> np.ndarray: ...


class BandCapacity:
    """Devices by height band. A key is the tuple of band indices a device may use,
    preferred first. A set of devices fits a host exactly when Hall's condition holds:
    for every set of bands T, the devices that can only use bands in T number at most
    the capacity of T. With four bands that is 15 counters per host."""

    def __init__(self, capacity: list[int]):
        self.capacity = list(capacity)
        full = (1 << len(capacity)) - 1
        self.cap = [sum(c for b, c in enumerate(capacity) if t >> b & 1) for t in range(full + 1)]
        self.full = full
        self._supersets: dict[tuple, list[int]] = {}
        self._masks: dict[tuple, int] = {}

    def _sup(self, key: tuple) -> list[int]:
        sup = self._supersets.get(key)
        if sup is None:
            mask = 0
            for b in key:
                mask |= 1 << b
            sup = [t for t in range(1, self.full + 1) if t & mask == mask] if mask else []
            self._supersets[key] = sup
        return sup

    def new_state(self) -> list[int]:
        return [0] * (self.full + 1)

    def fits(self, state, key) -> bool:
        cap = self.cap
        sup = self._sup(key)
        if not sup:
            return False
        for t in sup:
            if state[t] >= cap[t]:
                return False
        return True

    def add(self, state, key) -> None:
        for t in self._sup(key):
            state[t] += 1

    def try_add(self, state, key) -> bool:
        """``fits`` then ``add`` in one call (the solver's innermost step)."""
        sup = self._supersets.get(key) or self._sup(key)
        if not sup:
            return False
        cap = self.cap
        for t in sup:
            if state[t] >= cap[t]:
                return False
        for t in sup:
            state[t] += 1
        return True

    def remove(self, state, key) -> None:
        for t in self._sup(key):
            state[t] -= 1

    def flexibility(self, key) -> int:
        return len(key)

    def bound(self, keys) -> int:
        # state[t]: devices that can only use bands in t (Hall); each needs cap[t] seats.
        state = [0] * (self.full + 1)
        anywhere = 0
        for k in keys:
            sup = self._sup(k)
            if not sup:
                anywhere += 1
            for t in sup:
                state[t] += 1
        cap = self.cap
        return max((-(-(state[t] + anywhere) // cap[t]) for t in range(1, self.full + 1) if cap[t]), default=0)

    def fit_together(self, keys, group, n_groups) -> np.ndarray:
        """For each group of items (``group[i]`` in ``0..n_groups-1``): do all its items fit
        one host? Hall's condition on counts per band mask, for all groups at once."""
        masks = np.fromiter((self._mask(k) for k in keys), dtype=np.int64, count=len(keys))
        counts = np.zeros((n_groups, self.full + 1))
        np.add.at(counts, (np.asarray(group, dtype=np.int64), masks), 1)
        t = np.arange(self.full + 1)
        within = (t[:, None] & t[None, :]) == t[:, None]      # within[m, t]: mask m inside set t
        load = counts @ within
        return (counts[:, 0] == 0) & (load[:, 1:] <= np.asarray(self.cap[1:])).all(axis=1)

    def _mask(self, key: tuple) -> int:
        mask = self._masks.get(key)
        if mask is None:
            mask = 0
            for b in key:
                mask |= 1 << b
            self._masks[key] = mask
        return mask

    def slots(self, key) -> list:
        return list(key)

    def milp_rows(self, cols, n_hosts, nx):
        by_hb: dict[tuple[int, int], list[int]] = {}
        for k, (_, h, b) in enumerate(cols):
            by_hb.setdefault((h, b), []).append(k)
        rows = []
        for (h, b), ks in sorted(by_hb.items()):
            terms = [(k, 1.0) for k in ks] + [(nx + h, -float(self.capacity[b]))]
            rows.append((terms, 0.0))
        return [], rows

    def assign_slots(self, host_of, keys, over) -> list:
        """A band for every item: augmenting-path matching per host, trying each
        device's preferred band first. Items in ``over`` get their first band."""
        # Usual case first: every device's preferred band has room on its host, which is
        # what the matching below gives then too (it tries preferred bands first).
        load: dict[tuple, int] = {}
        capacity = self.capacity
        for i, h in enumerate(host_of):
            if keys[i] and i not in over:
                hb = (h, keys[i][0])
                n = load[hb] = load.get(hb, 0) + 1
                if n > capacity[hb[1]]:
                    break
        else:
            return [k[0] if k else None for k in keys]
        slot_of: list = [None] * len(keys)
        members: dict[int, list[int]] = {}
        for i, h in enumerate(host_of):
            if i in over:
                slot_of[i] = keys[i][0] if keys[i] else None
            else:
                members.setdefault(h, []).append(i)
        for h, items in members.items():
            items.sort(key=lambda i: (len(keys[i]), i))
            holder: dict[tuple[int, int], int] = {}  # (band, seat) -> item

            def place(i, seen) -> bool:
                for b in keys[i]:
                    for seat in range(self.capacity[b]):
                        if (b, seat) in seen:
                            continue
                        seen.add((b, seat))
                        other = holder.get((b, seat))
                        if other is None or place(other, seen):
                            holder[(b, seat)] = i
                            slot_of[i] = b
                            return True
                return False

            for i in items:
                if not place(i, set()):
                    slot_of[i] = keys[i][0]
        return slot_of


class OwnerCapacity:
    """Compartments of an integrated cabinet: one per owner, at most ``owners`` owners.
    A key is the owner (``None`` counts as one unknown owner)."""

    def __init__(self, owners: int):
        self.owners = owners

    def new_state(self) -> dict:
        return {}

    def fits(self, state, key) -> bool:
        return key in state or len(state) < self.owners

    def try_add(self, state, key) -> bool:
        if key in state or len(state) < self.owners:
            state[key] = state.get(key, 0) + 1
            return True
        return False

    def add(self, state, key) -> None:
        state[key] = state.get(key, 0) + 1

    def remove(self, state, key) -> None:
        state[key] -= 1
        if not state[key]:
            del state[key]

    def flexibility(self, key) -> int:
        return 1

    def bound(self, keys) -> int:
        distinct = len(set(keys))
        return math.ceil(distinct / self.owners) if distinct else 0

    def slots(self, key) -> list:
        return [key]

    def milp_rows(self, cols, n_hosts, nx):
        # z[h, o] = owner o has a compartment in host h.
        pairs = sorted({(h, "" if o is None else o, o is None) for _, h, o in cols})
        index = {(h, o, none): nx + n_hosts + j for j, (h, o, none) in enumerate(pairs)}
        rows = []
        for k, (_, h, o) in enumerate(cols):
            rows.append(([(k, 1.0), (index[(h, "" if o is None else o, o is None)], -1.0)], 0.0))
        per_host: dict[int, list[int]] = {}
        for (h, o, none), var in index.items():
            per_host.setdefault(h, []).append(var)
        for h, zs in sorted(per_host.items()):
            rows.append(([(z, 1.0) for z in zs] + [(nx + h, -float(self.owners))], 0.0))
        return pairs, rows

    def assign_slots(self, host_of, keys, over) -> list:
        return list(keys)

    def fit_together(self, keys, group, n_groups) -> np.ndarray:
        """For each group of items: at most ``owners`` distinct owners (``None`` is one)."""
        owner_no: dict = {}
        codes = np.fromiter((owner_no.setdefault(("", True) if k is None else (k, False), len(owner_no))
                             for k in keys), dtype=np.int64, count=len(keys))
        pairs = np.unique(np.asarray(group, dtype=np.int64) * max(len(owner_no), 1) + codes)
        distinct = np.bincount(pairs // max(len(owner_no), 1), minlength=n_groups)
        return distinct <= self.owners
