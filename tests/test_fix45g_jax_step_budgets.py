"""probe74 P74-3: another ``steps`` or ``tol`` does not recompile the JAX training loop.

``tol`` is a traced argument of the loop; the step count is one too where the loop tests a condition anyway (a
``tol`` run) and on the CPU, with the history rounded up to a power of two, so a sweep of step budgets compiles at most
once per power.  Traces are counted with the loops' ``traces`` counters; the numbers are checked against a hand
float32 NumPy loop of the same gradient descent (TF1's update, ``w -= g*lr``).
"""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt.jax_devices import Placement  # noqa: E402
from symopt.jax_loop import fixed_run_for, loop_for  # noqa: E402
from symopt.jax_step import jax_step_on_disk  # noqa: E402

LR = 0.05


def problem():
    """A fresh step (its loops counted from 0): ``J = (w - x)^2`` at ``x = 3`` from ``w = 0``."""
    w = symopt.Variable("w_fix45g_3", 0.0)
    x = symopt.Placeholder("x_fix45g_3")
    return w, x, (w - x)**2


def hand_run(steps: int, tol: float | None = None):
    """Gradient descent by hand in float32: the costs of the steps taken and the final ``w``; with ``tol``, stopping
    before the first step whose ``|g| <= tol``."""
    w, lr, costs = np.float32(0), np.float32(LR), []
    for _ in range(steps):
        gradient = np.float32(2) * (w - np.float32(3))
        if tol is not None and abs(gradient) <= np.float32(tol):
            break
        costs.append((w - np.float32(3)) ** 2)
        w = w - gradient * lr
    return costs, w


def run(w, x, cost, **options):
    return symopt.minimize(cost, w, data={x: 3.0}, optimizer=symopt.GradientDescent(LR), backend="jax", **options)


def step_of(w, x, cost):
    return jax_step_on_disk(cost, [w], symopt.GradientDescent(LR), [x], "float32", None, None, None)


def test_another_tol_or_step_budget_of_a_tol_run_traces_nothing_new():
    w, x, cost = problem()
    runs = [(600, 1e-2), (1000, 1e-3), (1000, 1e-4), (700, 1e-5), (900, 0.0)]  # budgets of one power of two
    results = [run(w, x, cost, steps=steps, tol=tol) for steps, tol in runs]
    assert loop_for(step_of(w, x, cost), Placement.of(None), (None,), True, False).traces == 1
    for (steps, tol), result in zip(runs, results):
        costs, final = hand_run(steps, tol)
        assert result.steps == len(costs)
        np.testing.assert_allclose(result.history, costs, rtol=1e-6, atol=2e-6)  # 2 ulps of the first cost, 9
        np.testing.assert_allclose(result.params[w], final, rtol=1e-6)


def test_step_budgets_trace_the_fixed_run_once_per_power_of_two():
    w, x, cost = problem()
    budgets = (100, 70, 128, 127, 200, 255, 3)  # costs arrays of 129, 129, 129, 129, 257, 257, 5 entries
    results = [run(w, x, cost, steps=steps) for steps in budgets]
    placement = Placement.of(None)
    on_cpu = placement.devices[0].platform == "cpu"  # elsewhere the step count stays static: one trace per budget
    assert fixed_run_for(step_of(w, x, cost), placement, (None,)).traces == (3 if on_cpu else len(set(budgets)))
    for steps, result in zip(budgets, results):
        costs, final = hand_run(steps)
        assert result.steps == steps and len(result.history) == steps
        np.testing.assert_allclose(result.history, costs, rtol=1e-6, atol=2e-6)  # 2 ulps of the first cost, 9
        np.testing.assert_allclose(result.params[w], final, rtol=1e-6)
        np.testing.assert_allclose(result.value, (final - np.float32(3)) ** 2, rtol=1e-6, atol=2e-6)


def test_a_budget_of_exactly_a_power_of_two_keeps_that_power_and_one_more(monkeypatch):
    """final45g 45g-2: 1024 steps filled and fetched a costs array of 2048 (the returned point's cost pushed the count
    past the power); it is 1025 long, and 1024 shares the compilation of every budget from 513 up."""
    w, x, cost = problem()
    placement = Placement.of(None)
    if placement.devices[0].platform != "cpu":
        pytest.skip("off the CPU the step count is static: an array of steps + 1 per budget")
    fixed = fixed_run_for(step_of(w, x, cost), placement, (None,))
    lengths, jitted = [], fixed.function

    def recording(*args, count, length):
        lengths.append(length)
        return jitted(*args, count=count, length=length)

    monkeypatch.setattr(fixed, "function", recording)
    results = [run(w, x, cost, steps=steps) for steps in (1024, 600)]
    assert lengths == [1025, 1025] and fixed.traces == 1
    for steps, result in zip((1024, 600), results):
        hand, final = hand_run(steps)
        assert len(result.history) == steps
        np.testing.assert_allclose(result.history, hand, rtol=1e-6, atol=2e-6)
        np.testing.assert_allclose(result.value, (final - np.float32(3)) ** 2, rtol=1e-6, atol=2e-6)
