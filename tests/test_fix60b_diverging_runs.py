"""probe64 P64-9: a first-order run whose cost grew by orders of magnitude without overflowing is no success
("stopped after 500 steps" read as one).  Oracle: the same updates by hand in NumPy (TF1's Momentum:
acc = acc*mu + g, w -= lr*acc; gradient descent: w -= lr*g)."""

import numpy as np
import pytest

import symopt
from symopt import ops


def momentum_by_hand(lr, mu, steps):
    w, acc, costs = 0.0, 0.0, []
    for _ in range(steps):
        costs.append((w - 3) ** 2)
        acc = acc * mu + 2 * (w - 3)
        w -= lr * acc
    return costs + [(w - 3) ** 2]


def test_momentum_above_one_is_a_diverging_run():
    costs = momentum_by_hand(float(np.float32(0.01)), 1.5, 500)  # TF1 casts lr to float32 first (DESIGN.md)
    assert costs[-1] > 1e150 and np.all(np.diff(costs[-11:]) > 0)  # the oracle: 9 -> 8.7e155, still finite
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Momentum(0.01, 1.5), steps=500)
    assert not result.success
    assert result.value == pytest.approx(costs[-1], rel=1e-9)
    assert f"the cost grew from 9 to {costs[-1]:.6g}" in result.message and "diverging" in result.message


def test_gradient_descent_past_the_stable_rate_is_a_diverging_run_and_its_panel_says_so():
    b = 1.0
    for _ in range(60):
        b -= 0.5 * 20 * b  # the oracle: b is multiplied by -9 a step (lr 0.5 > 2/λ_max = 0.1)
    assert 10 * b ** 2 > 1e115
    w, v = symopt.Variable("w", 1.0), symopt.Variable("v", 1.0)
    cost = w ** 2 + 10 * v ** 2
    result = symopt.minimize(cost, {w: 1.0, v: 1.0}, optimizer=symopt.GradientDescent(0.5), steps=60)
    assert not result.success and "diverging" in result.message
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    from symopt.plot import method_paths
    figure = method_paths(cost, {w: 1.0, v: 1.0}, {"GD": symopt.GradientDescent(0.5)}, steps=60)
    assert figure.axes[0].get_title().startswith("GD (diverged)")


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(0.1), symopt.Momentum(0.1, 0.9), symopt.Adam(0.5)])
def test_converging_runs_keep_their_success(optimizer):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=200)
    assert result.success and abs(float(result[w]) - 3.0) < 0.1  # the minimizer w = 3


def test_a_noisy_mini_batch_run_keeps_its_success():
    X = symopt.Placeholder("X", shape=(None, 1))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(1, 1))
    rng = np.random.default_rng(0)
    Xd = rng.normal(size=(200, 1))
    yd = 2 * Xd + rng.normal(size=(200, 1))
    result = symopt.minimize(symopt.ops.mean(symopt.ops.square(X @ W - y)), W, data={X: Xd, y: yd},
                             optimizer=symopt.GradientDescent(0.1), batch_size=10, epochs=5, seed=0)
    assert result.success
    assert abs(float(result[W][0, 0]) - float(np.linalg.lstsq(Xd, yd, rcond=None)[0][0, 0])) < 0.3


def test_the_jax_backend_gives_the_same_verdict():
    pytest.importorskip("jax")
    costs = momentum_by_hand(float(np.float32(0.01)), 1.5, 60)
    assert costs[-1] > 1e6 * costs[0] and costs[-1] < float(np.finfo(np.float32).max)  # grown, finite in float32
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Momentum(0.01, 1.5), steps=60, backend="jax")
    assert not result.success and "the run is diverging" in result.message


# final42b F42b-4, F42b-3: an oscillating divergence, and a diverging mini-batch run.
def test_an_oscillating_divergence_is_no_success():
    costs = np.array(momentum_by_hand(float(np.float32(0.05)), 1.1, 800))
    assert costs[-1] > 1e30 * costs[0]  # the oracle: 9 -> 1.2e34 ...
    assert not np.all(np.diff(costs[-11:]) > 0)  # ... not rising at each of its last 10 steps
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Momentum(0.05, 1.1), steps=800)
    assert np.isclose(result.value, costs[-1], rtol=1e-3)
    assert not result.success and "the run is diverging" in result.message


def test_a_diverging_mini_batch_run_is_no_success():
    X = symopt.Placeholder("X", shape=(None, 1))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(1, 1))
    Xd = np.random.default_rng(0).normal(size=(200, 1))
    cost = ops.mean(ops.square(X @ W - y))
    result = symopt.minimize(cost, W, data={X: Xd, y: 2 * Xd}, optimizer=symopt.Momentum(0.01, 1.5), epochs=125,
                             batch_size=50, seed=0)
    assert result.history[-1] > 1e100 * result.history[0]  # momentum 1.5 > 1: growth at every rate (by its roots)
    assert not result.success and "the run is diverging" in result.message
