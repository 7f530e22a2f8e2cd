"""A JAX run without data is planned: a repeated call (the lecture's, a learning-rate sweep) reuses its checked
step and one jitted loop, with the same numbers as the general path and as a hand loop.

Skipped where JAX is not installed (an optional extra).  64-bit JAX stays off in this process (as in the other
JAX tests); float64 is asked for inside ``jax.enable_x64(True)`` only.
"""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt.errors import BackendError, DivergenceError  # noqa: E402
from symopt.jax_loop import fixed_run_for  # noqa: E402
from symopt.jax_devices import Placement  # noqa: E402
from symopt import jax_run  # noqa: E402
from symopt.jax_step import jax_step_on_disk  # noqa: E402


def hand_lecture(lr: float, steps: int, dtype=np.float32):
    """GD on w**2 - 10 w + 25 from 0 in ``dtype``: the costs of every step, then the returned point's.  The rate is
    a float32 number cast to ``dtype``, as TF1's ``GradientDescentOptimizer`` converts it (docs/optimizers.md)."""
    w, lr, costs = dtype(0), dtype(np.float32(lr)), []
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run's overflow is the point
        for _ in range(steps + 1):
            costs.append(dtype(25) + w * w - dtype(10) * w)
            w = w - (dtype(2) * w - dtype(10)) * lr
    return costs


def lecture():
    w = symopt.Variable("w", 0.0)
    return w, w ** 2 - 10 * w + 25


def test_a_repeated_run_is_planned_once_and_a_learning_rate_sweep_traces_one_loop(monkeypatch):
    w, cost = lecture()
    made = []
    real = jax_run.jax_plan
    monkeypatch.setattr(jax_run, "jax_plan", lambda *a, **k: made.append(1) or real(*a, **k))
    rates = (0.01, 0.01, 0.02, 0.03, 0.01)
    results = [symopt.minimize(cost, w, optimizer=symopt.GradientDescent(lr), steps=300, backend="jax")
               for lr in rates]
    assert len(made) == 3  # one plan per rate: the repeated calls ran from theirs
    compiled = jax_step_on_disk(cost, [w], symopt.GradientDescent(0.01), [], "float32", None, None, None)
    assert fixed_run_for(compiled, Placement.of(None), ()).traces == 1  # the rate is an argument: no retrace
    for lr, result in zip(rates, results):
        expected = hand_lecture(lr, 300)
        np.testing.assert_allclose(result.history, expected[:-1], rtol=2e-6, atol=8e-6)  # 4 ulps of 25: the cost cancels near 0
        np.testing.assert_allclose(result.value, expected[-1], rtol=2e-6, atol=8e-6)
        assert result.steps == 300 and result.success and result.history.dtype == np.float64


OPTIMIZERS = (symopt.GradientDescent(0.05), symopt.Adam(0.1), symopt.KerasAdam(0.1), symopt.Nadam(0.1),
              symopt.RMSProp(0.1), symopt.Momentum(0.02, 0.9))


def test_a_planned_run_gives_the_stepwise_loops_numbers_bit_for_bit():
    """``tol=1e-30`` (never met) runs the other loop, the one that tests every step: same bits."""
    w, cost = lecture()
    for optimizer in OPTIMIZERS:
        planned = symopt.minimize(cost, w, optimizer=optimizer, steps=50, backend="jax")
        tested = symopt.minimize(cost, w, optimizer=optimizer, steps=50, backend="jax", tol=1e-30)
        np.testing.assert_array_equal(planned.history, tested.history)
        assert planned.value == tested.value and planned.params[w] == tested.params[w]
        assert planned.optimizer_state.keys() == tested.optimizer_state.keys()
        assert planned.optimizer_state or type(optimizer) is symopt.GradientDescent  # slots and Adam's step count
        for name in planned.optimizer_state:
            np.testing.assert_array_equal(planned.optimizer_state[name], tested.optimizer_state[name])


def test_one_planned_step_is_tf1s_float32_step():
    """The fresh optimizer state is opaque to XLA: folding the first step against known zeros moved Adam's first
    step an ulp (review final43m F43m-1).  The NumPy backend runs TF1's kernels (tests/test_optimizers_tf1.py)."""
    w, cost = lecture()
    for optimizer in OPTIMIZERS:
        jax_step = symopt.minimize(cost, w, optimizer=optimizer, steps=1, backend="jax")
        numpy_step = symopt.minimize(cost, w, optimizer=optimizer, steps=1, dtype="float32")
        assert np.float32(jax_step[w]) == np.float32(numpy_step[w]), type(optimizer).__name__


def test_a_float64_plan_made_inside_enable_x64_is_refused_after_it():
    """The plan is kept per 64-bit switch: outside ``jax.enable_x64(True)`` JAX would run it in float32."""
    w, cost = lecture()
    with jax.enable_x64(True):
        result = symopt.minimize(cost, w, steps=100, backend="jax", dtype="float64")
        np.testing.assert_allclose(result.history, hand_lecture(0.01, 100, np.float64)[:-1], rtol=1e-13)  # not 1e-7
    with pytest.raises(BackendError, match="jax_enable_x64"):
        symopt.minimize(cost, w, steps=100, backend="jax", dtype="float64")


def test_a_planned_run_that_overflows_raises_at_the_hand_loops_step():
    w, cost = lecture()
    expected = hand_lecture(1.5, 200)
    first = next(i for i, c in enumerate(expected) if not np.isfinite(c))  # float32 overflow
    for _ in range(2):  # the second call runs from the plan
        with pytest.raises(DivergenceError, match=f"step {first}") as raised:
            symopt.minimize(cost, w, optimizer=symopt.GradientDescent(1.5), steps=200, backend="jax")
        partial = raised.value.result
        assert partial.steps == first and not partial.success
        assert partial.value == 25.0 and partial.params[w] == 0.0  # the lowest cost: the start
