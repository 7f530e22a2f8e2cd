"""Generated NumPy code against hand-written NumPy (review probe72): the same numbers, fewer array passes.

Speed is never asserted here: the structure of the source is (no negated copy of the data, one exponential)."""

import numpy as np

import symopt
from symopt import ops


def test_a_difference_with_data_subtracts_in_place_without_a_negated_copy():
    """P72-9: ``X @ W - y`` was printed ``t1 += -y`` (``-y`` a fresh array of the data's size every call)."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    f = symopt.compile(ops.mean(ops.square(X @ W - y)) / 2, [W])
    assert "-y" not in f.source.replace(" ", "")
    assert "t1 -= y" in f.source
    rng = np.random.default_rng(0)
    Xv, yv, Wv = rng.normal(size=(7, 3)), rng.normal(size=(7, 1)), rng.normal(size=(3, 1))
    value, (gradient,) = f({W: Wv, X: Xv, y: yv})
    residual = Xv @ Wv - yv  # hand NumPy
    np.testing.assert_allclose(value, 0.5 * np.vdot(residual, residual) / 7, rtol=1e-14)
    np.testing.assert_allclose(gradient, Xv.T @ residual / 7, rtol=1e-14)
