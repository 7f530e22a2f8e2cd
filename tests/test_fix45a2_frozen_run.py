"""45a-2, 45a-3: the P78-1 verdict "no parameter moved ... g² overflows" fires only where g² at the start overflows
the parameters' float type.  A float32 start at its float32 minimum, an oscillating GD (w -> -w) and steps below
float32's rounding at w = 1e8 keep main's verdict, and no message names a learning rate of 0.

Oracles: hand arithmetic.  float32(0.1) is the float32 nearest 0.1, so no float32 point has a lower
1e6*(w - 0.1)**2 (its float32 cost is 0); GD(1.0) on w**2 is w -> w - 2w = -w; at w = 1e8 float32's spacing is 8,
so a step lr*g = 1e-10 * 2e8 = 0.02 rounds away; float32's largest g whose square is finite is sqrt(3.4e38)."""
import numpy as np
import pytest

import symopt

w = symopt.Variable("w", 0.0)


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(1e-7), symopt.Adam(1e-3)], ids=["gd", "adam"])
@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_float32_start_at_its_float32_minimum_keeps_its_success(optimizer, backend):
    if backend == "jax":
        pytest.importorskip("jax")
    start = np.float32(0.1)
    assert np.float32(1e6) * (start - np.float32(0.1)) ** 2 == 0.0  # the float32 cost is its least value
    result = symopt.minimize(1e6 * (w - 0.1) ** 2, {w: start}, optimizer=optimizer, steps=20, dtype="float32",
                             backend=backend)
    assert result.success, result.message
    assert "no parameter moved" not in result.message


def test_a_warm_restart_at_an_exact_least_squares_fit_keeps_its_success():
    rng = np.random.default_rng(0)
    data = 100.0 * rng.normal(size=(50, 3))
    exact = np.array([[1.1], [-2.3], [0.7]])  # not float32 numbers: the start is rounded
    X = symopt.Placeholder("X", (None, 3))
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((3, 1)))
    residual = X @ W - y
    cost = symopt.ops.mean(symopt.ops.square(residual))
    result = symopt.minimize(cost, {W: exact.astype(np.float32)}, data={X: data, y: data @ exact},
                             optimizer=symopt.GradientDescent(1e-6), steps=20, dtype="float32")
    assert np.max(np.abs(exact.astype(np.float32) - exact)) < 1e-7  # the start is the fit to float32 rounding
    assert result.success, result.message


def test_an_oscillating_gradient_descent_is_not_called_frozen():
    points = [1.0]
    for _ in range(10):
        points.append(points[-1] - 1.0 * 2 * points[-1])  # hand GD: w -> -w, every update -2w, never 0
    assert points[-1] == 1.0 and all(abs(p) == 1.0 for p in points)
    result = symopt.minimize(w**2, {w: 1.0}, optimizer=symopt.GradientDescent(1.0), steps=10)
    assert "no parameter moved" not in result.message and "learning rate of 0" not in result.message


def test_steps_below_float32_rounding_are_not_called_an_overflow():
    start = np.float32(1e8)
    assert np.spacing(start) == 8.0 and start - np.float32(1e-10 * 2e8) == start  # the step rounds away
    result = symopt.minimize((w - 1) ** 2, {w: start}, optimizer=symopt.GradientDescent(1e-10), steps=10,
                             dtype="float32")
    assert "overflows" not in result.message and "clip_norm" not in result.message


def test_an_overflowing_square_still_gets_the_verdict_without_a_learning_rate_of_0():
    assert np.isinf(np.float32(2e19) * np.float32(2e19)) and np.sqrt(np.finfo(np.float32).max) < 2e19
    result = symopt.minimize(2e19 * (w - 3), {w: 0.0}, optimizer=symopt.Adagrad(0.1), steps=5, dtype="float32")
    assert not result.success and "no parameter moved in 5 steps" in result.message
    assert "learning rate of 0" not in result.message
