"""final42g F42g-5: an object array with an entry that float32 makes 0 is refused as the same numbers in a float64
array or a list are, not summed silently.  Oracle: NumPy, float32(1e-50) is 0 while 1e-50 is not."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError


@pytest.mark.parametrize("entries", [
    np.array([[1, 1e-50], [3, 4]], dtype=object),
    np.array([[1, np.float64(-1e-50)], [3, 4]], dtype=object),
])
def test_an_object_array_entry_float32_makes_0_is_refused(entries):
    assert np.float32(entries[0, 1]) == 0 and entries[0, 1] != 0  # the oracle: float32 loses it
    X = symopt.Placeholder("X", (None, 2))
    with pytest.raises(FeedError, match=r"given -?1e-50, which float32 would make 0.*index \[0, 1\]"):
        symopt.evaluate(ops.sum(X), {X: entries}, dtype="float32")


def test_an_object_array_of_ordinary_numbers_still_runs():
    X = symopt.Placeholder("X", (None, 2))
    entries = np.array([[1, 0.5], [3, 0]], dtype=object)
    assert symopt.evaluate(ops.sum(X), {X: entries}, dtype="float32") == 4.5  # by hand
