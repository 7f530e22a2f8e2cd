"""Review 45d-1: a float32 program reading the larger or smaller of the batch size and a number (``Max(m, 2)``,
``Min(m, 7)``: SymPy's Max and Min are no ``Function``) computes and returns float32 like ``sqrt(m)`` (P76-2).
Oracle: hand NumPy in float32 (the loss's float32 sum times the factor)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

rng = np.random.default_rng(1)
XD = rng.normal(size=(5, 3)).astype(np.float32)
W0 = rng.normal(size=(3, 2)).astype(np.float32)
X = symopt.Placeholder("X", (None, 3), dtype="float32")
W = symopt.Variable("W", W0, dtype="float32")


@pytest.mark.parametrize("factor, expected", [(1 / sympy.Max(symopt.BATCH, 2), 1 / 5),
                                              (sympy.Min(symopt.BATCH, 7), 5.0)], ids=["1/Max(m,2)", "Min(m,7)"])
def test_max_and_min_of_the_batch_size_keep_float32(factor, expected):
    f = symopt.compile(ops.sum(ops.square(X @ W)) * factor, W)
    value, gradient = f(W=W0, X=XD)
    assert type(value) is np.float32 and gradient.dtype == np.float32, f.source
    z = XD @ W0
    np.testing.assert_allclose(value, np.float32(expected) * (z ** 2).sum(), rtol=1e-6)
    np.testing.assert_allclose(gradient, np.float32(2 * expected) * XD.T @ z, rtol=1e-6)
