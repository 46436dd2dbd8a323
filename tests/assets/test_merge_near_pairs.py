"""Pairs within reach: one radius gives exactly the pairs checking every pair gives; a
radius per point (the two-tier search used when few points reach far) gives all of them,
and beyond them only pairs within the common reach."""
import numpy as np
import pytest

from assets.merge_candidates import near_pairs


def every_pair(xy, radius):
    r = np.broadcast_to(np.asarray(radius, dtype=float), (len(xy),))
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    i, j = np.nonzero(np.triu(d <= np.maximum(r[:, None], r[None, :]), k=1))
    return set(zip(i.tolist(), j.tolist()))


@pytest.mark.parametrize("seed", range(6))
def test_radius_per_point_finds_the_same_pairs_as_checking_all(seed):
    rng = np.random.default_rng(seed)
    n = 600
    xy = rng.uniform(0, 300, (n, 2))
    xy[5] = xy[6]                                   # two poles at one spot
    radius = rng.choice([0.0, 2.0, 8.0, 20.0], n)
    far = rng.random(n) < 0.1                       # a few signs reach 50 m
    radius[far] = 50.0
    if seed == 0:
        xy[1] = xy[0] + [20.0, 0.0]                 # exactly the common reach apart
    i, j, dist = near_pairs(xy, radius)
    found = list(zip(i.tolist(), j.tolist()))
    assert len(found) == len(set(found)), "a pair found twice"
    assert all(a < b for a, b in found)
    assert set(found) >= every_pair(xy, radius)
    common = np.unique(radius)[-2]
    assert set(found) - every_pair(xy, radius) <= every_pair(xy, common)
    assert np.allclose(dist, np.hypot(*(xy[j] - xy[i]).T))


def test_one_radius_and_many_far_points_use_one_search():
    rng = np.random.default_rng(9)
    xy = rng.uniform(0, 100, (300, 2))
    i, j, _ = near_pairs(xy, 12.0)
    assert set(zip(i.tolist(), j.tolist())) == every_pair(xy, 12.0)
    radius = np.where(rng.random(300) < 0.6, 30.0, 5.0)   # most reach far
    i, j, _ = near_pairs(xy, radius)
    assert set(zip(i.tolist(), j.tolist())) == every_pair(xy, 30.0)   # one search at the far reach
