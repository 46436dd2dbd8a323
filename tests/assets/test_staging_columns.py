"""Compact staging columns behave as the lists they replace."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from assets.staging_columns import Coded, compact, map_values, take

VALUES = st.sampled_from([None, "0105", "0107", "cast_iron", "GDGS"])


@given(st.lists(VALUES, min_size=1, max_size=300), st.data())
def test_coded_column_matches_a_list(values, data):
    column = compact(list(values))
    assert isinstance(column, Coded) or len(set(values)) * 4 > min(len(values), 2000)
    assert len(column) == len(values) and list(column) == values
    for v in (None, "0105", "GDGS", "other"):
        assert column.count(v) == values.count(v) and (v in column) == (v in values)
    i = data.draw(st.integers(0, len(values) - 1))
    assert column[i] == values[i] and column[i:i + 3] == values[i:i + 3]
    new = data.draw(st.sampled_from(["0105", "破损", None]))
    column[i] = new
    values[i] = new
    assert list(column) == values
    index = np.array(data.draw(st.lists(st.integers(0, len(values) - 1), max_size=20)), dtype=np.int64)
    assert list(take(column, index)) == [values[j] for j in index]
    assert list(map_values(column, lambda v: v or "-")) == [v or "-" for v in values]


def test_constant_column_grows_past_a_byte():
    column = Coded.constant(None, 1000)
    for i in range(300):
        column[i] = f"remark {i}"
    assert column[299] == "remark 299" and column[300] is None and column.count(None) == 700


def test_distinct_or_mixed_values_stay_lists():
    remarks = [f"第{i}号" for i in range(1000)]
    assert compact(remarks) is remarks
    mixed = [1, 1.0, True, None] * 10  # equal as keys, different as values
    assert compact(mixed) is mixed
