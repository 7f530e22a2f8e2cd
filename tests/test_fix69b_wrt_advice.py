"""Review final44e of fix69: the wrt advice (F44e-7, F44e-8) is advice that runs and keeps the user's other
entries; wrt.py's messages moved to wrt_messages.py (F44e-1).

Oracle: the advised call itself (it must run), and NumPy's mean squared error for its value."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, NoGradientError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((2, 1)))
b = symopt.Variable("b", 0.0)
XS, YS = np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]]), np.array([[1.0], [2.0], [3.0]])
COST = ops.mean(ops.square(X @ W - y)) + b ** 2


def test_f44e7_every_placeholder_in_wrt_is_named_and_the_input_advice_keeps_the_parameters():
    with pytest.raises(ConfigurationError) as raised:
        symopt.minimize(COST, [W, X, y], data={X: XS, y: YS}, method="lbfgs")
    message = str(raised.value)
    assert "drop X, y from it: wrt=[W]" in message and "data={X: ..., y: ...}" in message
    assert "wrt={X: start, y: start, W: value} and method='lbfgs' or 'bfgs', or optimizer= and steps=" in message


def test_f44e7_the_advised_input_optimisation_runs():
    with pytest.raises(ConfigurationError, match=r"wrt=\{X: start, W: value, b: value\} and method='lbfgs'"):
        symopt.minimize(COST, [X, W, b], data={y: YS}, method="lbfgs")
    result = symopt.minimize(COST, {X: XS, W: np.zeros((2, 1)), b: 0.0}, data={y: YS},
                             optimizer=symopt.GradientDescent(0.01), steps=5)
    assert np.isfinite(result.value) and result.value < np.mean(np.square(YS))  # the cost at the start


@pytest.mark.parametrize("as_dict", [True, False])
def test_f44e8_a_same_process_twin_is_named_and_the_other_entries_kept(as_dict):
    W_again = symopt.Variable("W", np.zeros((2, 1)))  # a notebook cell that made W run again
    wrt = {W_again: np.zeros((2, 1)), b: 0.0} if as_dict else [W_again, b]
    advised = "wrt={'W': value, b: value}" if as_dict else "wrt=['W', b]"
    with pytest.raises(NoGradientError, match="made at two times") as raised:
        symopt.minimize(COST, wrt, data={X: XS, y: YS}, method="lbfgs")
    assert advised in str(raised.value) and "identically zero" not in str(raised.value)
    assert symopt.minimize(COST, {"W": np.zeros((2, 1)), b: 0.0}, data={X: XS, y: YS}, method="lbfgs").success
