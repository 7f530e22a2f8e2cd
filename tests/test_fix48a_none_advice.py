"""probe91 P91-7c: a None in data was told "Give a number for every entry (numpy.nan if a value is really missing)";
following it, minimize and evaluate refused the NaN ("contains NaN or infinity").  The advice now names what they
accept: impute the value or drop its row.  Oracle: the runs themselves, following each advice."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError


def _problem():
    X, y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
    a = symopt.Variable("a", 0.0)
    return ops.mean(ops.square(a * X - y)), a, X, y


def test_the_advice_for_a_none_is_one_the_run_accepts():
    cost, a, X, y = _problem()
    rows = np.array([[2.0], [None], [4.0]], dtype=object)
    with pytest.raises(FeedError, match=r"given None inside .*Give a number for every entry: impute a missing "
                       r"value, or drop its row") as refused:
        symopt.minimize(cost, a, data={X: rows, y: np.ones((3, 1))}, steps=2)
    assert "refuse NaN there too" in str(refused.value)
    with pytest.raises(FeedError, match="contains NaN"):  # what the old advice led to
        symopt.minimize(cost, a, data={X: np.array([[2.0], [np.nan], [4.0]]), y: np.ones((3, 1))}, steps=2)
    kept = [0, 2]  # the row dropped, and the same rows of y
    fit = symopt.minimize(cost, a, data={X: rows[kept].astype(float), y: np.ones((3, 1))[kept]}, method="lbfgs")
    assert fit[a] == pytest.approx((2 + 4) / (4 + 16))  # least squares a = Σxy/Σx², by hand
