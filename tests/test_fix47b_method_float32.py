"""probe90 P90-1: a ``method=`` run without ``dtype=`` follows the documented rule of every run: the program is
float32 when a symbol it reads (a Variable or a Placeholder) is declared float32, so dtype=None and dtype="float32"
solve one problem, and ``result.value`` is the cost at the float32 parameters returned.  Oracle: the least-squares
cost by hand in NumPy float32 at the returned parameters."""

import numpy as np
import pytest

import symopt
from symopt import ops


def _data():
    rng = np.random.default_rng(0)
    features = rng.integers(0, 256, size=(64, 3)).astype(np.uint8)
    return features, features.astype(float) @ np.array([[0.01], [-0.02], [0.005]])


def _hand_cost(features, targets, weights):
    """mean((X w - y)**2) in float32, as the float32 program computes it."""
    residual = features.astype(np.float32) @ weights - targets.astype(np.float32)
    return float(np.mean(residual ** 2, dtype=np.float32))


@pytest.mark.parametrize("method", ["lbfgs", "newton"])
def test_a_declared_float32_variable_makes_the_run_float32(method):
    features, targets = _data()
    runs = []
    for dtype in (None, "float32"):
        X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
        w = symopt.Variable("w", np.zeros((3, 1)), shape=(3, 1), dtype="float32")
        fit = symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data={X: features, y: targets}, method=method,
                              dtype=dtype)
        runs.append((fit.params[w], fit.value))
    (unset, unset_value), (asked, asked_value) = runs
    assert unset.dtype == np.float32 and np.array_equal(unset, asked) and unset_value == asked_value
    assert unset_value == pytest.approx(_hand_cost(features, targets, unset), rel=1e-6)


def test_a_declared_float32_placeholder_returns_float32_parameters():
    features, targets = _data()
    X, y = symopt.Placeholder("X", (None, 3), dtype="float32"), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((3, 1)), shape=(3, 1))
    fit = symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data={X: features, y: targets}, method="lbfgs")
    assert fit.params[w].dtype == np.float32
    assert fit.value == pytest.approx(_hand_cost(features, targets, fit.params[w]), rel=1e-6)
