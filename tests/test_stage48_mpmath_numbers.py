"""probe91 P91-7a, final48c 48c-6: an mpmath real is read by value wherever a number is (a learning rate, clip_norm,
clip_value, tol, a schedule's arguments), as a Decimal or Fraction is.  Oracle: the lecture's gradient descent by
hand (the rate a float32 number, as TF1's optimizers take it)."""

import numpy as np
import pytest

import symopt

mpmath = pytest.importorskip("mpmath")


def test_clip_limits_tol_and_schedule_arguments_take_mpmath_numbers():
    w = symopt.Variable("w", 0.0)
    cost, rate = w**2 - 10*w + 25, mpmath.mpf("0.1")
    step = float(np.float32(0.1))  # |gradient| = |2w - 10| >= 9 on these 5 steps: clipped to 1, each step moves 0.1
    for limit in ({"clip_norm": mpmath.mpf(1)}, {"clip_value": mpmath.mpf(1)}):
        result = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(rate), steps=5, **limit)
        assert float(result[w]) == pytest.approx(5 * step, rel=1e-12)
    stopped = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(rate), steps=500, tol=mpmath.mpf("1e-3"))
    assert stopped.success and abs(2 * float(stopped[w]) - 10) <= 1e-3
    schedule = symopt.ExponentialDecay(0.1, mpmath.mpf(10), 0.5)
    decayed = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(schedule), steps=1)
    assert float(decayed[w]) == pytest.approx(10 * step, rel=1e-6)  # step 0: rate 0.1 · 0.5**0, gradient -10
