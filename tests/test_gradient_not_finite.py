"""A gradient that is not finite where the cost is (f-probe F12): ``sqrt`` of a sum of squares at 0 (a norm
penalty at the default zero start), ``w**(2/3)`` at 0.  The first update leaves the real numbers whatever the
learning rate, so the divergence says the gradient is the cause and names the generated line, instead of
advising a smaller learning rate; a divergence from a too-large learning rate keeps that advice."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
XS = np.random.default_rng(0).normal(size=(10, 2))
YS = XS @ np.array([[1.0], [0.0]])
NORM_PENALTY = ops.mean(ops.square(X @ W - y)) + 0.1 * sympy.sqrt(ops.sum(ops.square(W)))
RUNS = {"full batch": dict(steps=10), "adam": dict(steps=10, optimizer=symopt.Adam(0.1)),
        "mini-batches": dict(batch_size=5, epochs=2), "callback": dict(steps=10, callback=lambda *args: False)}


@pytest.mark.parametrize("run", RUNS)
def test_a_norm_penalty_at_zero_is_a_gradient_that_is_not_finite(run):
    with pytest.raises(DivergenceError, match=r"step 1: the gradient is not finite at W = \[\[0\], \[0\]\], where the "
                                              r"cost is [0-9.]+ \(dJ/dW: .*generated line: g_W = .*numpy\.sqrt"
                                              r".*The learning rate is not the cause") as caught:
        symopt.minimize(NORM_PENALTY, W, data={X: XS, y: YS}, **RUNS[run])
    np.testing.assert_array_equal(caught.value.result[W], np.zeros((2, 1)))
    assert "smaller learning rate" not in str(caught.value)


def test_a_scalar_power_below_one_at_zero():
    w = symopt.Variable("w", 0.0)
    with pytest.raises(DivergenceError, match=r"the gradient is not finite at w = 0, where the cost is 0 \(dJ/dw"):
        symopt.minimize(w ** sympy.Rational(2, 3) + w ** 2, w, steps=10)


def test_a_too_large_learning_rate_keeps_its_advice():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError, match="Try a smaller learning rate than 1.5"):
        symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(1.5), steps=3000)
