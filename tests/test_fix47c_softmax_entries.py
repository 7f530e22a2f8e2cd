"""probe85 P85-1: an entry of ops.softmax / ops.log_softmax / ops.LogSumExp (and of an expression holding one) is
an element of the whole reduction, not a bare NotImplementedError.  Oracles: hand NumPy softmax (JAX's
softmax(W, 1)[0, 1] = 0.24472848, log_softmax(W, 1)[0, 1] = -1.4076059 at W = arange(6).reshape(2, 3)) and the
softmax's Jacobian p_k (e_k - p)."""

import numpy as np
import pytest

import symopt
from symopt import ops

W0 = np.arange(6.0).reshape(2, 3)


def numpy_softmax(z):
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@pytest.fixture
def W():
    return symopt.Variable("W", W0)


def test_softmax_entry_value_and_gradient(W):
    value, slope = symopt.compile(ops.softmax(W, axis=1)[0, 1], W)(W=W0)
    p = numpy_softmax(W0)[0]
    assert value == pytest.approx(0.24472848, rel=1e-7)
    np.testing.assert_allclose(slope, [p[1] * (np.eye(3)[1] - p), [0, 0, 0]], rtol=1e-12, atol=1e-15)


def test_log_softmax_entry_stays_finite_at_large_logits(W):
    assert symopt.compile(ops.log_softmax(W, axis=1)[0, 1], W)(W=W0)[0] == pytest.approx(-1.4076059, rel=1e-7)
    value, slope = symopt.compile(ops.log_softmax(W, axis=1)[0, 1], W)(W=1000 * W0)
    assert value == pytest.approx(-1000.0)  # 1000 - 2000 - log(1 + e**-1000 + e**-2000)
    np.testing.assert_allclose(slope, [[0, 1, -1], [0, 0, 0]], atol=1e-15)  # e_1 - softmax(row 0)


def test_entries_of_expressions_holding_a_reduction(W):
    assert symopt.evaluate(ops.LogSumExp(W, 1)[1, 0]) == pytest.approx(np.log(np.exp(W0[1]).sum()))
    product = symopt.evaluate((ops.softmax(W, axis=1) @ W.T)[0, 1])
    assert product == pytest.approx((numpy_softmax(W0) @ W0.T)[0, 1])
    assert symopt.evaluate(ops.log_softmax(W, axis=1).T[2, 1]) == pytest.approx(np.log(numpy_softmax(W0))[1, 2])
