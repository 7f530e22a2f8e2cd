"""probe88 P88-4: BFGS's "precision loss" and trust-ncg's "A bad approximation caused failure to predict improvement"
at a logistic regression's MLE (written as a sum, income in dollars) came back as success=False with SciPy's bare
message; they are rounding stops (the cost no longer resolves a decrease) and get L-BFGS-B's verdict: converged to
rounding near a minimum (by the gradient there), a failure far from one.  Oracle: the MLE by a hand-written NumPy
Newton-Raphson (statsmodels' Logit agrees with it)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.method_checks import ROUNDING_STOPS, scipy_gradient_verdict
from symopt.second_order import Problem


def _data(rows=2000):
    rng = np.random.default_rng(25)
    features = np.column_stack([rng.normal(size=rows), rng.normal(35, 10, rows), rng.lognormal(10, 1, rows)])
    z = 0.5 * features[:, 0] + 0.03 * (features[:, 1] - 35) + 2e-5 * (features[:, 2] - 3e4) - 0.5
    labels = (rng.random(rows) < 1 / (1 + np.exp(-z))).astype(float).reshape(-1, 1)
    return features, labels


def _newton_raphson(features, labels, iterations=30):
    """The logistic MLE (intercept first) by Newton-Raphson in NumPy."""
    design = np.column_stack([np.ones(len(features)), features])
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-design @ theta))
        theta = theta + np.linalg.solve(design.T @ ((p * (1 - p))[:, None] * design), design.T @ (labels.ravel() - p))
    return theta


@pytest.mark.parametrize("method, words", [("bfgs", "precision loss"), ("trust-ncg", "trust region shrank")])
def test_a_rounding_stop_at_the_mle_is_converged(method, words):
    features, labels = _data()
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((3, 1))), symopt.Variable("b", 0.0)
    eta = ops.bias_add(X @ W, b)
    fit = symopt.minimize(ops.sum(ops.softplus(eta) - ops.hadamard(y, eta)), [W, b], data={X: features, y: labels},
                          method=method, steps=200)
    oracle = _newton_raphson(features, labels)
    assert np.allclose(np.concatenate([[fit[b]], fit[W].ravel()]), oracle, rtol=1e-6, atol=0)
    assert fit.success
    assert words in fit.message and "converged to rounding" in fit.message


class _Result(dict):
    """SciPy's OptimizeResult as the verdict reads it."""

    __getattr__ = dict.__getitem__


@pytest.mark.parametrize("stop", sorted(ROUNDING_STOPS))
def test_a_rounding_stop_far_from_a_minimum_is_a_failure(stop):
    """At ``w = 0`` on ``(w - 3)**2`` the gradient is -6 (sympy.diff): no minimum, whatever SciPy's stop says."""
    w = symopt.Variable("w", 0.0)
    problem, start = Problem.build((w - 3) ** 2, {w: 0.0}, None, None)
    result = _Result(x=start, success=True, message=ROUNDING_STOPS[stop])
    message, success = scipy_gradient_verdict(problem, result, None, None, start + 1)
    assert not success and ("gave up" in message or "still lowers the cost beyond its rounding" in message)


@pytest.mark.parametrize("method", ["trust-ncg", "bfgs", "newton-cg"])
def test_a_constant_added_to_the_cost_makes_no_far_stop_a_rounding_one(method):
    """final47b 47b-1, 47b-2: |x - 1| + 10|y - x**2| + 1e5 has its minimum 1e5 at (1, 1) (both terms 0, by hand);
    SciPy stops about 2 above it, |gradient| ~ 20.  That is no rounding stop, however large the constant, and a
    refusal does not also call it converged."""
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    cost = sympy.Abs(x - 1) + 10 * sympy.Abs(y - x**2) + 1e5
    fit = symopt.minimize(cost, {x: -1.2, y: 1.0}, method=method)
    assert fit.value > 1e5 + 1  # the oracle's minimum is 1e5: the stop is far from it
    assert fit.success is False and "converged to rounding" not in fit.message


@pytest.mark.parametrize("constant, start, method", [(1e12, (1e-3, 1e-6), "newton-cg"), (1e14, (1.0, 1e-3), "bfgs"),
                                                     (1e14, (1.0, 1e-3), "trust-ncg")])
def test_a_stop_beside_a_saddle_of_an_unbounded_cost_is_no_rounding_success(constant, start, method):
    """final47b 47b-12: C + 1e-3*(x**2 - y**2) has no minimum (sympy: Hessian diag(2e-3, -2e-3); J(1, 100) is
    C - 10, which float64 resolves at C = 1e14); a SciPy stop there is no success."""
    X, Y = sympy.symbols("X Y")
    oracle = constant + sympy.Rational(1, 1000) * (X**2 - Y**2)
    assert np.array(sympy.hessian(oracle, (X, Y)), dtype=float).tolist() == [[2e-3, 0.0], [0.0, -2e-3]]
    assert float(oracle.subs({X: 1, Y: 100})) < float(oracle.subs({X: 1, Y: sympy.Rational(1, 1000)}))
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    fit = symopt.minimize(constant + 1e-3 * (x**2 - y**2), {x: start[0], y: start[1]}, method=method)
    assert fit.success is False
