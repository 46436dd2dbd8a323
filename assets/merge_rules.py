"""Rules for pole and box merge planning, loaded from ``resources/rules/merge.toml``.

Every number lives in the rules file with its source; this module only reads, merges
overrides and validates, so a bad value is reported before any planning starts.

Examples
--------
>>> rules = load_rules(overrides={"devices": {"traffic_sign": {"max_move_m": 40}}})
>>> rules.device("traffic_sign").max_move_m
40.0
>>> rules.device("vehicle_signal").anchor
True
"""
from __future__ import annotations

import copy
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import resources

from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP
from .kinds import kind
from .vocabularies import vocabulary


class MergeRulesError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Merge rules {source}: {detail}")


class MergeRulesNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Merge rules file {path} cannot be read: {detail}")


@dataclass(frozen=True)
class DeviceRule:
    """How one device type may be moved onto an integrated pole."""

    type: str
    max_move_m: float
    max_across_m: float
    bands: tuple[str, ...]
    anchor: bool = False
    defer: bool = False


@dataclass(frozen=True)
class BoxRules:
    combine_powered_with_passive: bool
    max_move_m: float
    compartments_per_cabinet: int
    owners_per_cabinet: int
    host_penalty_m: dict


@dataclass(frozen=True)
class MergeRules:
    """Validated merge rules. ``raw`` keeps the merged TOML for reports."""

    never_merge_structures: frozenset[str]
    never_merge_height_m: float
    host_penalty_m: dict
    new_pole_candidates: bool
    new_pole_subtype: str
    new_pole_max_group: int
    min_integrated_height_m: float
    road_snap_m: float
    band_order: tuple[str, ...]
    band_capacity: dict
    devices: dict
    spacing_m: dict
    boxes: BoxRules
    costs: dict
    source: str
    raw: dict

    def device(self, device_type: str) -> DeviceRule:
        """The rule for ``device_type``; unknown types fall back to ``other``."""
        return self.devices.get(device_type) or self.devices["other"]

    def max_reach_m(self) -> float:
        return max(r.max_move_m for r in self.devices.values())

    def band_mask(self, device_type: str) -> int:
        """Bit mask of the bands a device may use (bit i = ``band_order[i]``)."""
        mask = 0
        for band in self.device(device_type).bands:
            mask |= 1 << self.band_order.index(band)
        return mask

    def pole_penalty(self, subtype: str, *, anchor: bool = False, new: bool = False,
                     spacing: bool = False) -> float:
        """Host preference penalty; ``spacing``: the penalty of a spacing-critical pole
        (see :mod:`assets.merge_spacing`)."""
        table = self.host_penalty_m
        if new:
            return float(table.get("new", 0.0))
        if spacing:
            return float(table.get("spacing", table.get("other", 0.0)))
        if anchor:
            return float(table.get("anchor", 0.0))
        return float(table.get(subtype, table.get("other", 0.0)))


def _deep_merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class _Checker:
    """Reads values out of the merged TOML, failing with one clear message each."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, detail: str):
        raise MergeRulesError(source=self.source, detail=f"{where}: {detail}")

    def number(self, table: dict, key: str, where: str, *, low=0.0, high=1e6, default=None) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{where}.{key}", f"expected a number, got {value!r}")
        if not math.isfinite(value) or not (low <= value <= high):
            self.fail(f"{where}.{key}", f"{value!r} is outside {low}..{high}")
        return float(value)

    def integer(self, table: dict, key: str, where: str, *, low=1, high=1000) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
            self.fail(f"{where}.{key}", f"expected a whole number {low}..{high}, got {value!r}")
        return value

    def flag(self, table: dict, key: str, where: str, default: bool = False) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", f"expected true or false, got {value!r}")
        return value

    def table(self, data: dict, key: str, where: str = "") -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            self.fail(f"{where}{key}", "missing table")
        return value

    def penalties(self, table: dict, where: str) -> dict:
        out = {}
        for key, value in table.items():
            out[str(key)] = self.number(table, key, where, low=0.0, high=1e4)
        return out

    def cost_range(self, table: dict, key: str) -> tuple[float, float]:
        value = table.get(key)
        if (not isinstance(value, list) or len(value) != 2
                or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value)
                or not 0 <= value[0] <= value[1]):
            self.fail(f"costs.{key}", f"expected [low, high] with 0 <= low <= high, got {value!r}")
        return float(value[0]), float(value[1])


def _device_rules(check: _Checker, devices: dict, band_order: tuple[str, ...]) -> dict:
    known = set(vocabulary("device_type").codes())
    out = {}
    for code, spec in sorted(devices.items()):
        where = f"devices.{code}"
        if code not in known:
            check.fail(where, f"unknown device type; known: {', '.join(sorted(known))}")
        if not isinstance(spec, dict):
            check.fail(where, "expected a table")
        move = check.number(spec, "max_move_m", where, high=1000.0)
        across = check.number(spec, "max_across_m", where, high=1000.0, default=move)
        bands = spec.get("bands")
        if not isinstance(bands, list) or not bands or any(b not in band_order for b in bands):
            check.fail(f"{where}.bands", f"expected a list of bands from {list(band_order)}, got {bands!r}")
        out[code] = DeviceRule(
            type=code, max_move_m=move, max_across_m=min(across, move), bands=tuple(bands),
            anchor=check.flag(spec, "anchor", where), defer=check.flag(spec, "defer", where),
        )
    if "other" not in out:
        check.fail("devices.other", "a rule for device type 'other' is required (the fallback)")
    return out


def load_rules(path: str | Path | None = None, overrides: dict | None = None) -> MergeRules:
    """Load and validate merge rules.

    Parameters
    ----------
    path : the TOML file; default ``resources/rules/merge.toml``.
    overrides : nested dict merged over the file (e.g. a registry's own settings).

    Raises
    ------
    MergeRulesNotFound : the file cannot be read or is not TOML.
    MergeRulesError : a value is missing or out of range.
    """
    path = Path(path) if path is not None else resources.path("rules", "merge.toml")
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MergeRulesNotFound(path=str(path), detail=str(exc)) from None
    if overrides:
        if not isinstance(overrides, dict):
            raise MergeRulesError(source=str(path), detail="overrides must be a table")
        data = _deep_merge(data, overrides)
    check = _Checker(str(path))

    poles = check.table(data, "poles")
    structures = set(vocabulary("pole_structure").codes())
    never = poles.get("never_merge_structures", [])
    if not isinstance(never, list) or any(s not in structures for s in never):
        check.fail("poles.never_merge_structures", f"expected codes from {sorted(structures)}, got {never!r}")
    subtypes = set(kind("poles").subtypes.codes())
    new_subtype = poles.get("new_pole_subtype", "0701")
    if new_subtype not in subtypes:
        check.fail("poles.new_pole_subtype", f"unknown pole subtype {new_subtype!r}")

    bands = check.table(data, "bands")
    band_order = tuple(bands.get("order", ()))
    known_bands = set(vocabulary("band").codes())
    if not band_order or any(b not in known_bands for b in band_order) or len(set(band_order)) != len(band_order):
        check.fail("bands.order", f"expected distinct bands from {sorted(known_bands)}, got {list(band_order)!r}")
    capacity_table = check.table(bands, "capacity", "bands.")
    capacity = {b: check.integer(capacity_table, b, "bands.capacity", low=0, high=50) for b in band_order}

    spacing = check.table(data, "spacing_m")
    road_classes = set(vocabulary("road_class").codes())
    for key in spacing:
        if key not in road_classes:
            check.fail(f"spacing_m.{key}", f"unknown road class; known: {sorted(road_classes)}")
    spacing_m = {k: check.number(spacing, k, "spacing_m", low=1.0, high=500.0) for k in sorted(spacing)}

    box = check.table(data, "boxes")
    compartments = check.integer(box, "compartments_per_cabinet", "boxes", high=12)
    owners = check.integer(box, "owners_per_cabinet", "boxes", high=12)
    if owners > compartments:
        check.fail("boxes.owners_per_cabinet", "cannot exceed compartments_per_cabinet (one compartment per owner)")
    box_rules = BoxRules(
        combine_powered_with_passive=check.flag(box, "combine_powered_with_passive", "boxes"),
        max_move_m=check.number(box, "max_move_m", "boxes", high=1000.0),
        compartments_per_cabinet=compartments, owners_per_cabinet=owners,
        host_penalty_m=check.penalties(box.get("host_penalty_m", {}), "boxes.host_penalty_m"),
    )
    costs_table = check.table(data, "costs")
    costs = {k: check.cost_range(costs_table, k) for k in
             ("box_relocation", "new_integrated_pole", "host_upgrade", "move_device", "remove_pole")}

    return MergeRules(
        never_merge_structures=frozenset(never),
        never_merge_height_m=check.number(poles, "never_merge_height_m", "poles", low=1.0, high=100.0),
        host_penalty_m=check.penalties(poles.get("host_penalty_m", {}), "poles.host_penalty_m"),
        new_pole_candidates=check.flag(poles, "new_pole_candidates", "poles"),
        new_pole_subtype=new_subtype,
        new_pole_max_group=check.integer(poles, "new_pole_max_group", "poles", low=2, high=10000),
        min_integrated_height_m=check.number(poles, "min_integrated_height_m", "poles", high=100.0, default=8.0),
        road_snap_m=check.number(poles, "road_snap_m", "poles", high=500.0, default=25.0),
        band_order=band_order, band_capacity=capacity,
        devices=_device_rules(check, check.table(data, "devices"), band_order),
        spacing_m=spacing_m, boxes=box_rules, costs=costs, source=str(path), raw=data,
    )
