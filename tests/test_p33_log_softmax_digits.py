"""probe33 P33-7: ``ops.log_softmax``, ``ops.softmax`` and ``ops.softmax_cross_entropy`` keep float64's digits at
large logits.

They printed ``z - logsumexp(z)``, whose ``logsumexp`` adds the maximum ``c`` back after the shifted sum, so every
log-probability carried an error of ulp(c): 5e-14 relative at logits of 1000, 1e-10 at 1e6.  The sum now prints as
the runtime's ``log_softmax`` (TF1's kernel, ``(z - c) - log(sum(exp(z - c)))``).  Oracle: mpmath at 50 digits.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import symopt
from symopt import ops

Z = symopt.Variable("Z", np.zeros((1, 2)))
EPS = float(np.finfo(np.float64).eps)


def _log_softmax(row) -> list[float]:
    with mpmath.workdps(50):
        values = [mpmath.mpf(v) for v in row]
        total = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in values))
        return [float(v - total) for v in values]


@pytest.mark.parametrize("row", [[1000.0, 999.0], [1e6, 1e6 - 0.3], [-1000.0, -1003.5], [3.0, -2.0]])
def test_log_softmax_and_softmax_are_exact_to_a_few_ulp(row):
    logits = np.array([row])
    expected = _log_softmax(row)
    got = symopt.evaluate(ops.log_softmax(Z), {Z: logits})[0]
    # an ulp of log(sum(exp(z - c))) near 1 (the kernel's own rounding, scipy's too); was 1.1e-13 at 1000, 1e-10 at 1e6
    np.testing.assert_allclose(got, expected, rtol=4 * EPS, atol=2 * EPS)
    probabilities = symopt.evaluate(ops.softmax(Z), {Z: logits})[0]
    np.testing.assert_allclose(probabilities, np.exp(expected), rtol=4 * EPS, atol=0)


def test_softmax_cross_entropy_value_and_gradient():
    X = symopt.Placeholder("X", (None, 1))
    Y = symopt.Placeholder("Y", (None, 2))
    W = symopt.Variable("W", np.array([[1.0, 0.999]]))
    cost = ops.softmax_cross_entropy(X @ W, Y)
    compiled = symopt.compile(cost, W)
    assert "    t2 = log_softmax_and_softmax(t1, axis=1, out=t1)\n" in compiled.source  # the runtime kernel (fix45d)
    value, gradient = compiled(W=np.array([[1.0, 0.999]]), X=np.array([[1000.0]]), Y=np.array([[1.0, 0.0]]))
    log_p = _log_softmax([1000.0, 999.0])
    assert value == pytest.approx(-log_p[0], rel=4 * EPS, abs=0)  # was 0.3132616875182066, 5e-14 off
    slope = [1000.0 * (np.exp(log_p[0]) - 1.0), 1000.0 * np.exp(log_p[1])]  # x (softmax - y)
    np.testing.assert_allclose(gradient[0], slope, rtol=8 * EPS, atol=0)
