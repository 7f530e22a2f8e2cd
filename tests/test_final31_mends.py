"""Two bare TypeErrors the final read of stop 31 found: a (None, None) Placeholder fed a vector, and a 0-d array
given as data; both are symopt's typed errors now."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError


def test_a_vector_fed_to_a_placeholder_of_two_free_axes_is_a_shape_error():
    X = symopt.Placeholder("X2free", (None, None))
    w = symopt.Variable("w_free", 0.0)
    f = symopt.compile(ops.sum(X) * w, w)
    with pytest.raises(ShapeError, match="expected shape"):
        f(w_free=1.0, X2free=np.ones(5))


def test_a_zero_dimensional_array_as_data_is_a_feed_error():
    w = symopt.Variable("w_data", 0.0)
    with pytest.raises(FeedError, match="data: expected a mapping"):
        symopt.minimize((w - 3) ** 2, w, data=np.array(2.0), steps=1)
