"""The demo town: a deterministic (seeded) generator of a plausible 岫岩 county town in
the registry's CRS around 123.28°E 40.29°N, used for demos, tests and benchmarks.

>>> town, assets = generate("small", seed=1)
>>> 1500 < assets.count() < 2600
True
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

import resources

from ..progress import ensure
from .along_roads import heritage_trees, manholes, overhead_poles, shop_signs, street_lights, toilets, trees
from .collector import Collector
from .intersections import crossing, roadside_boxes
from .layout import Town, area_features, make_town


@lru_cache(maxsize=1)
def config() -> dict:
    with open(resources.path("demo_town.toml"), "rb") as f:
        return tomllib.load(f)


def _generate_at(scale: float, seed: int, target: int | None = None) -> tuple[Town, Collector]:
    cfg = config()
    rng = np.random.default_rng(seed)
    town = make_town(cfg, scale, rng)
    c = Collector()
    for road in town.roads:
        street_lights(c, town, road, cfg, rng)
        trees(c, town, road, cfg, rng)
        manholes(c, town, road, cfg, rng)
        overhead_poles(c, town, road, cfg, rng)
        shop_signs(c, town, road, cfg, rng)
        roadside_boxes(c, town, road, cfg, rng)
    horizontal = [r for r in town.roads if r.horizontal]
    vertical = [r for r in town.roads if not r.horizontal]
    for h in horizontal:
        for v in vertical:
            crossing(c, town, h, v, cfg, rng)
    share = (target or c.count()) / cfg["sizes"]["county"]
    toilets(c, town, cfg, rng, max(3, round(cfg["toilets"]["county_count"] * share)))
    heritage_trees(c, town, cfg, rng, max(1, round(cfg["trees"]["heritage_count"] * share)))
    return town, c


@lru_cache(maxsize=8)
def _count_at_unit_scale(seed: int) -> int:
    return _generate_at(1.0, seed)[1].count()


def target_count(size: str | int) -> int:
    sizes = config()["sizes"]
    if isinstance(size, str) and size in sizes:
        return int(sizes[size])
    return int(size)


def generate(size: str | int = "county", seed: int | None = None) -> tuple[Town, Collector]:
    """The town and its assets (local coordinates) for a size name or a target count."""
    seed = config()["default_seed"] if seed is None else int(seed)
    target = target_count(size)
    scale = float(np.sqrt(target / _count_at_unit_scale(seed)))
    town, assets = _generate_at(scale, seed, target)
    if abs(assets.count() - target) > 0.05 * target:  # one correction: density is not uniform
        scale *= float(np.sqrt(target / assets.count()))
        town, assets = _generate_at(scale, seed, target)
    return town, assets


def origin(crs: int) -> tuple[float, float]:
    lon, lat = config()["centre_lonlat"]
    return Transformer.from_crs(4490, crs, always_xy=True).transform(lon, lat)


def build_demo(path, size: str | int = "county", seed: int | None = None, *, crs: int = 4550,
               overwrite: bool = False, progress=None, generated: tuple[Town, Collector] | None = None):
    """Create a registry at ``path`` holding the demo town; returns the open Registry.
    ``generated`` passes a town made earlier by :func:`generate` (benchmarks time the
    writing alone)."""
    from ..registry import Registry
    progress = ensure(progress)
    town, assets = generated or generate(size, seed)
    ox, oy = origin(crs)
    shift = lambda geom: shapely.transform(geom, lambda a: a + [ox, oy])  # noqa: E731
    registry = Registry.create(Path(path), crs=crs, overwrite=overwrite)
    try:
        registry.set_reference("roads", [(shift(r.line()), {"name": r.name, "road_class": r.road_class,
                                                            "width_m": r.width}) for r in town.roads])
        registry.set_reference("rivers", [(shift(town.river), {"name": town.river_name})])
        subdistricts, communities, grids = area_features(town, config())
        for layer, feats in (("subdistricts", subdistricts), ("communities", communities), ("grids", grids)):
            registry.set_reference(layer, [(shift(g), a) for g, a in feats])
        total = assets.count()
        progress.set_total(total)
        done = 0
        for kind_name in assets.kinds():
            columns, x, y, mounts = assets.build(kind_name, lambda a, b: (a, b))
            columns.update(_area_codes(town, x, y))
            sub = _Offset(progress, done)
            registry.bulk_insert(kind_name, columns, x + ox, y + oy, mounts=mounts, undoable=False,
                                 note="demo town", progress=sub)
            done += len(x)
            progress.advance(done)
    except BaseException:
        registry.close()
        Path(path).unlink(missing_ok=True)
        raise
    return registry


def _area_codes(town: Town, x, y) -> dict:
    subs = config()["subdistricts"]["entries"]
    i, j = town.cell_of(x, y)
    s = town.cell_subdistrict[j, i]
    cm = town.cell_community[j, i]
    n = town.cell_number[j, i]
    sub_codes = np.array([e["code"] for e in subs], dtype=object)[s]
    comm = [f"{a}{b + 1:03d}" for a, b in zip(sub_codes, cm)]
    return {"subdistrict_code": list(sub_codes), "community_code": comm,
            "grid_code": [f"{a}{b:03d}" for a, b in zip(comm, n)]}


class _Offset:
    """Progress of one layer reported as part of the whole."""

    def __init__(self, parent, offset: int):
        self.parent, self.offset = parent, offset

    def set_total(self, total):
        pass

    def advance(self, done, message=None):
        self.parent.advance(self.offset + done, message)

    def cancelled(self):
        return self.parent.cancelled()
