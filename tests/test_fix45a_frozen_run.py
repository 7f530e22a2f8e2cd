"""probe78 P78-1: a full-batch first-order run whose parameters never moved although the gradient is far from 0
(Adagrad's accumulator g² overflowed: every step lr·g/sqrt(inf) is 0) reported success=True, "stopped after N steps";
it is now success=False, the message naming the overflow and clip_norm, while a run that starts at its minimum (the
same frozen costs, gradient 0) and ordinary runs keep their success.  The check costs ordinary runs no evaluation.

Oracle: hand NumPy in float32 (TF1's Adagrad: acc = 0.1 + g², step lr·g/sqrt(acc)): g = 1e20 gives acc = inf and a
step of exactly 0, so w stays 0 (TF 2.21's AdagradOptimizer gives the same w = 0 and cost 3e20: probe78)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import second_order

w = symopt.Variable("w", 0.0)


def test_an_overflowed_accumulator_is_no_success(count_calls):
    with np.errstate(over="ignore"):
        accumulator = np.float32(0.1) + np.float32(1e20) * np.float32(1e20)
    assert np.isinf(accumulator) and np.float32(0.1) * np.float32(1e20) / np.sqrt(accumulator) == 0.0  # the oracle
    calls = count_calls(second_order.Problem, "value_and_grad")
    result = symopt.minimize(1e20 * sympy.Abs(w - 3), w, optimizer=symopt.Adagrad(0.1), steps=20, dtype="float32")
    assert float(result.params[w]) == 0.0 and not result.success
    assert "no parameter moved in 20 steps" in result.message and "clip_norm=1.0" in result.message
    assert len(calls) == 1  # one float64 gradient at the start


def test_the_jax_backend_gives_the_same_verdict():
    pytest.importorskip("jax")
    result = symopt.minimize(1e20 * sympy.Abs(w - 3), w, optimizer=symopt.Adagrad(0.1), steps=20, dtype="float32",
                             backend="jax")
    assert float(result.params[w]) == 0.0 and not result.success and "no parameter moved" in result.message
    assert "once g² overflows the float type" in result.message and "clip_norm=1.0" in result.message


def test_clipping_the_same_run_trains_and_keeps_its_success():
    result = symopt.minimize(1e20 * sympy.Abs(w - 3), w, optimizer=symopt.Adagrad(0.1), steps=20, dtype="float32",
                             clip_norm=1.0)
    assert result.success and float(result.params[w]) > 0.0


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(0.1), symopt.Adagrad(0.1)], ids=["gd", "adagrad"])
def test_a_start_at_the_minimum_and_an_ordinary_run_keep_their_success(optimizer, count_calls):
    at_minimum = symopt.minimize((w - 3) ** 2 + 1, {w: 3.0}, optimizer=optimizer, steps=10)
    assert at_minimum.success and float(at_minimum.params[w]) == 3.0 and set(at_minimum.history) == {1.0}
    calls = count_calls(second_order.Problem, "value_and_grad")
    ordinary = symopt.minimize((w - 3) ** 2, {w: 0.0}, optimizer=optimizer, steps=10)
    assert ordinary.success and calls == []  # no evaluation for a run whose costs changed
