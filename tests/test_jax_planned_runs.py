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
from symopt.jax_run import jax_step_on_disk  # noqa: E402
from symopt.run_setup import SETUP  # noqa: E402


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


def test_a_repeated_run_is_planned_once_and_a_learning_rate_sweep_traces_one_loop():
    w, cost = lecture()
    hits = SETUP.hits
    results = [symopt.minimize(cost, w, optimizer=symopt.GradientDescent(lr), steps=300, backend="jax")
               for lr in (0.01, 0.01, 0.02, 0.03, 0.01)]
    assert SETUP.hits - hits >= 2  # the repeated lr=0.01 calls found their plan
    compiled = jax_step_on_disk(cost, [w], symopt.GradientDescent(0.01), [], "float32", None, None, None)
    assert fixed_run_for(compiled, Placement.of(None), ()).traces == 1  # the rate is an argument: no retrace
    for lr, result in zip((0.01, 0.01, 0.02, 0.03, 0.01), results):
        expected = hand_lecture(lr, 300)
        np.testing.assert_allclose(result.history, expected[:-1], rtol=2e-6, atol=8e-6)  # 4 ulps of 25: the cost cancels near 0
        np.testing.assert_allclose(result.value, expected[-1], rtol=2e-6, atol=8e-6)
        assert result.steps == 300 and result.success and result.history.dtype == np.float64


def test_a_planned_run_gives_the_general_paths_numbers_bit_for_bit():
    """devices=1 runs the general path (one device named: not planned): same loop body, same bits."""
    w, cost = lecture()
    for optimizer in (symopt.GradientDescent(0.05), symopt.Adam(0.1), symopt.Momentum(0.02, 0.9)):
        planned = symopt.minimize(cost, w, optimizer=optimizer, steps=50, backend="jax")
        general = symopt.minimize(cost, w, optimizer=optimizer, steps=50, backend="jax", devices=1)
        np.testing.assert_array_equal(planned.history, general.history)
        assert planned.value == general.value and planned.params[w] == general.params[w]
        assert planned.optimizer_state.keys() == general.optimizer_state.keys()
        assert planned.optimizer_state or type(optimizer) is symopt.GradientDescent  # slots and Adam's step count
        for name in planned.optimizer_state:
            np.testing.assert_array_equal(planned.optimizer_state[name], general.optimizer_state[name])


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
