"""Close pairs on the grid agree with checking every pair, wherever the points are."""
import numpy as np
from hypothesis import given, settings, strategies as st

from assets.point_pairs import close_pairs


def brute(x, y, distance):
    found = set()
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if np.isfinite([x[i], y[i], x[j], y[j]]).all() and np.hypot(x[i] - x[j], y[i] - y[j]) <= distance:
                found.add((i, j))
    return found


coordinate = st.one_of(st.floats(-5, 5), st.floats(-1e7, 1e7), st.sampled_from([0.0, 0.5, 1.0, np.nan, np.inf]))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(coordinate, coordinate), max_size=40), st.sampled_from([0.0, 0.3, 0.5, 1.0, 2.5, 1e9]))
def test_same_pairs_as_checking_every_pair(points, distance):
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    first, second = close_pairs(x, y, distance)
    pairs = list(zip(first.tolist(), second.tolist()))
    assert len(pairs) == len(set(pairs)), "a pair reported twice"
    assert set(pairs) == brute(x, y, distance)


def test_a_double_shot_among_a_town_of_covers():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(500_000, 510_000, 20_000), rng.uniform(4_450_000, 4_460_000, 20_000)
    x[7], y[7] = x[12_345] + 0.3, y[12_345] - 0.2
    first, second = close_pairs(x, y, 0.5)
    assert (7, 12_345) in set(zip(first.tolist(), second.tolist()))
    assert np.all(np.hypot(x[first] - x[second], y[first] - y[second]) <= 0.5)
