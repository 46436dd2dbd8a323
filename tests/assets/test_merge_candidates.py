"""The barrier index agrees with shapely on which moves cross a road or river."""
import numpy as np
import shapely

from assets.merge_candidates import Barriers


def test_crossing_matches_shapely_on_random_moves():
    rng = np.random.default_rng(11)
    # Long diagonal roads, a winding river and short kinks, in GK metres (large offsets).
    origin = np.array([41500000.0, 4460000.0])
    barriers = [origin + rng.uniform(0, 500, (int(rng.integers(2, 7)), 2)) for _ in range(12)]
    bars = Barriers(barriers)
    a = origin + rng.uniform(0, 500, (4000, 2))
    b = a + rng.uniform(-80, 80, (4000, 2))
    b[:50] = a[:50]  # no move at all
    union = shapely.union_all([shapely.LineString(c) for c in barriers])
    expected = shapely.intersects(shapely.linestrings(np.stack([a, b], axis=1)), union)
    expected[:50] = False
    got = bars.crossing(a, b)
    assert got.sum() > 500
    assert (got == expected).all()


def test_touching_and_collinear_moves_count_as_crossing():
    bars = Barriers([np.array([[0.0, 0.0], [100.0, 0.0]])])
    a = np.array([[10.0, 5.0], [10.0, 0.0], [-10.0, 0.0], [110.0, 0.0], [10.0, 5.0]])
    b = np.array([[10.0, -5.0], [10.0, 9.0], [5.0, 0.0], [120.0, 0.0], [20.0, 5.0]])
    assert bars.crossing(a, b).tolist() == [True, True, True, False, False]


def test_road_direction_is_taken_from_the_nearest_line():
    bars = Barriers([np.array([[0.0, 0.0], [100.0, 0.0]]), np.array([[50.0, -50.0], [50.0, 50.0]])])
    d = bars.direction(np.array([[10.0, 5.0], [48.0, 30.0], [10.0, 500.0]]), 25.0)
    assert np.allclose(np.abs(d[0]), [1, 0]) and np.allclose(np.abs(d[1]), [0, 1])
    assert np.isnan(d[2]).all()


def test_clearance_never_exceeds_the_distance_to_the_nearest_barrier():
    rng = np.random.default_rng(5)
    origin = np.array([500000.0, 4460000.0])
    barriers = [origin + rng.uniform(0, 400, (int(rng.integers(2, 6)), 2)) for _ in range(8)]
    bars = Barriers(barriers)
    pts = origin + rng.uniform(-50, 450, (3000, 2))
    union = shapely.union_all([shapely.LineString(c) for c in barriers])
    exact = shapely.distance(shapely.points(pts), union)
    got = bars.clearance(pts)
    assert (got <= exact + 1e-9).all()
    cells = np.floor(pts / bars.clear_cell)
    edge = np.minimum(pts - cells * bars.clear_cell, (cells + 1) * bars.clear_cell - pts).min(axis=1)
    near = exact <= edge  # the nearest barrier is in the own cell: the bound is the distance
    assert np.allclose(got[near], exact[near])
    assert np.isinf(Barriers([]).clearance(pts[:3])).all()
    # and the pre-filtered crossing test agrees with the full one
    b = pts + rng.uniform(-60, 60, pts.shape)
    c = bars.clearance(b)
    assert (bars.crossing_near(pts, b, got, c) == bars.crossing(pts, b)).all()
