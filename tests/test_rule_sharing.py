"""A learning-rate sweep builds its step once (probe65 P65-1: every value was a new derivation, compile and disk
file, with the same source): another optimizer of the same rule takes the step with its own hyperparameters, and a
value that changes the rule (no L1 term, Ftrl's power -0.5) still gets its own step."""

from __future__ import annotations

import numpy as np

import symopt
from symopt import fused, ops


def regression():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((3, 1)))
    rng = np.random.default_rng(0)
    data = {X: rng.normal(size=(20, 3)), y: rng.normal(size=(20, 1))}
    return ops.mean(ops.square(X @ W - y)), W, data


def hand(data, step, steps: int) -> np.ndarray:
    """Full-batch descent on mean((XW - y)^2) with ``step(W, g)``, float64."""
    X, y = data.values()
    W = np.zeros((3, 1))
    for _ in range(steps):
        W = step(W, 2 * X.T @ (X @ W - y) / len(X))
    return W


def test_a_learning_rate_sweep_builds_one_step_and_each_run_uses_its_own_rate(monkeypatch):
    cost, W, data = regression()
    builds = []
    real = fused.build_step
    monkeypatch.setattr(fused, "build_step", lambda *a, **k: builds.append(1) or real(*a, **k))
    for lr in (0.01, 0.05, 0.1, 0.2):
        result = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(lr), steps=30)
        rate = float(np.float32(lr))  # TF1: a Python-float rate is a float32 tensor cast to float64
        np.testing.assert_allclose(result[W], hand(data, lambda w, g: w - rate * g, 30), rtol=1e-12, atol=1e-14)
    assert len(builds) == 1


def test_values_that_change_the_rule_get_their_own_step(monkeypatch):
    cost, W, data = regression()
    builds = []
    real = fused.build_step
    monkeypatch.setattr(fused, "build_step", lambda *a, **k: builds.append(1) or real(*a, **k))
    for l1 in (0.0, 0.05, 0.1):  # without l1 the rule has no shrinkage: two rules, two builds
        result = symopt.minimize(cost, W, data=data, optimizer=symopt.ProximalGradientDescent(0.1, l1=l1), steps=20)
        lr, shrink = float(np.float32(0.1)), float(np.float32(0.1)) * float(np.float32(l1))

        def proximal(w, g):
            w = w - lr * g
            return np.sign(w) * np.maximum(np.abs(w) - shrink, 0)  # docs/optimizers.md, l2 = 0
        np.testing.assert_allclose(result[W], hand(data, proximal, 20), rtol=1e-12, atol=1e-14)
    assert len(builds) == 2
    ftrl = [fused.rule_key(symopt.Ftrl(0.1, learning_rate_power=p)) for p in (-0.5, -0.6, -0.7)]
    assert ftrl[0] != ftrl[1] == ftrl[2]  # -0.5 is a square root in the rule; other powers one power
