"""probe41 P41-3: a NaN that is the overflow of a cost falling without bound (``x**2 - y**2`` under Newton-CG:
inf - inf after -6e305) gets the "unbounded below" advice a first-order run gives, not "an indeterminate form ...
write the cost with its limit there".  Oracle: the costs recorded before the NaN, and x**2 - y**2 = inf - inf at
the last iterate in NumPy."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.errors import DivergenceError

x, y = symopt.Variable("x", 1.0), symopt.Variable("y", 0.5)


def test_an_overflowing_saddle_is_unbounded_below_not_an_indeterminate_form():
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(x ** 2 - y ** 2, {x: 1.0, y: 0.5}, method="newton-cg")
    history = caught.value.result.history
    assert np.isnan(history[-1]) and np.all(np.diff(history[-6:-1]) < 0) and history[-2] < -1e300
    message = str(caught.value)
    assert "indeterminate form" not in message and "with its limit" not in message
    assert ", after falling without bound (last finite costs " in message
    assert message.endswith("its terms overflowed to inf, and inf - inf is nan. The cost has no minimum along the "
                            "steps taken (it is unbounded below), so no method helps. Check the cost: is it bounded "
                            "below? A log-likelihood is maximized, so minimize its negative; else add regularization, "
                            "or keep the parameters in a box (method='lbfgs', bounds=). error.result holds the best "
                            "parameters seen.")
    with np.errstate(over="ignore", invalid="ignore"):  # the iterate named: both squares overflow
        assert np.isnan(np.float64(2.69336e155) ** 2 - np.float64(6.34082e155) ** 2)
