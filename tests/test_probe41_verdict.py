"""probe41 P41-2: a SciPy method's claimed success at a point whose gradient is far from 0 is no success, with or
without ``tol``; SciPy called directly is the oracle for what the method claims, the gradient at the point for why
symopt refuses it.  Runs that SciPy and symopt agree on (Rosenbrock, Beale, bounds active at the solution) keep
their verdict."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize as scipy_minimize

import symopt

w = symopt.Variable("w", 0.0)
x, y = symopt.Variable("x", 1.0), symopt.Variable("y", 0.5)


def test_newton_cg_at_zero_curvature_is_no_success():
    claimed = scipy_minimize(lambda z: (z[0] ** 4 / 4 - z[0], np.array([z[0] ** 3 - 1])), [0.0], jac=True,
                             method="Newton-CG", hessp=lambda z, p: 3 * z[0] ** 2 * p)
    assert claimed.success and claimed.x[0] == 0.0  # SciPy's own verdict, at a gradient of -1
    result = symopt.minimize(w ** 4 / 4 - w, {w: 0.0}, method="newton-cg")
    assert result[w] == 0.0 and not result.success
    assert result.message == (
        "Newton-CG: Optimization terminated successfully; but it stopped where it started, and the largest "
        "|gradient| is 1 there, not near 0: SciPy claimed success at no minimum (Newton-CG stops so where the Hessian has no curvature along the gradient, as "
        "w**4/4 - w at w = 0). Check that the cost is bounded below (a linear cost has no minimum), then start "
        "elsewhere or use method='trust-ncg' or 'lbfgs'")
    advised = symopt.minimize(w ** 4 / 4 - w, {w: 0.0}, method="trust-ncg")
    assert advised.success and abs(advised[w] - 1.0) < 1e-6  # the advice finds the minimum w = 1


def test_newton_cg_stopping_near_the_minimum_of_a_badly_scaled_cost_keeps_its_success():  # final38a F38a-1
    rng = np.random.default_rng(4)
    features = rng.normal(size=(200, 5)) * 100 * np.array([1, 1, 0.01, 1, 1])  # an unscaled design
    targets = features @ rng.normal(size=(5, 1)) + rng.normal(size=(200, 1))

    def value_and_grad(z):
        residual = features @ z.reshape(5, 1) - targets
        return float(np.mean(residual ** 2)), (2 * features.T @ residual / 200).ravel()
    claimed = scipy_minimize(value_and_grad, np.zeros(5), jac=True, method="Newton-CG", options={"maxiter": 1000},
                             hessp=lambda z, p: (2 * features.T @ (features @ p) / 200))
    assert claimed.success and np.abs(value_and_grad(claimed.x)[1]).max() > 1e-3 * claimed.fun  # moved, |g| not tiny
    X, Y = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("Y", (None, 1))
    v = symopt.Variable("v", np.zeros((5, 1)))
    result = symopt.minimize(symopt.ops.mean(symopt.ops.square(X @ v - Y)), {v: np.zeros((5, 1))},
                             data={X: features, Y: targets}, method="newton-cg", dtype="float64")
    assert result.success and result.message == "Newton-CG: Optimization terminated successfully."
    np.testing.assert_allclose(result[v].ravel(), claimed.x, rtol=1e-9)


def test_newton_cg_stopping_flat_after_moving_is_no_success():  # final38b F38b-1: not where it started
    moved = symopt.minimize(w * x + (x - 1) ** 2, {w: 0.0, x: 0.0}, method="newton-cg")  # no minimum: dJ/dw = x
    assert moved[x] == 1.0 and not moved.success
    assert "but the cost has no curvature along the gradient there, and the largest |gradient| is 1" in moved.message
    start = -(0.5) ** (1 / 3)  # Newton-CG's first step lands at w = 0, where w**3 - 1 = -1 and the curvature 3w**2 = 0
    claimed = scipy_minimize(lambda z: (z[0] ** 4 / 4 - z[0], np.array([z[0] ** 3 - 1])), [start], jac=True,
                             method="Newton-CG", hessp=lambda z, p: 3 * z[0] ** 2 * p)
    assert claimed.success and abs(claimed.x[0]) < 1e-12  # SciPy's own verdict
    result = symopt.minimize(w ** 4 / 4 - w, {w: start}, method="newton-cg")
    assert abs(result[w]) < 1e-12 and not result.success


def test_a_linear_cost_under_newton_cg_is_no_success():
    result = symopt.minimize(x - y, [x, y], method="newton-cg")
    assert not result.success and "the largest |gradient| is 1 there" in result.message


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "newton-cg", "trust-ncg"])
@pytest.mark.parametrize("name", ["rosenbrock", "beale"])
def test_agreeing_runs_keep_their_verdict(method, name):
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
    cost, start = {"rosenbrock": ((1 - a) ** 2 + 100 * (b - a ** 2) ** 2, {a: -1.2, b: 1.0}),
                   "beale": ((1.5 - a + a * b) ** 2 + (2.25 - a + a * b ** 2) ** 2 + (2.625 - a + a * b ** 3) ** 2,
                             {a: 1.0, b: 1.0})}[name]
    result = symopt.minimize(cost, start, method=method)
    assert result.success, result.message
    assert "but" not in result.message


def test_bounds_active_at_the_solution_keep_their_success():
    # the minimum on the box [0, 1] is w = 1, where dJ/dw = -4 but the projected gradient is 0 (KKT)
    result = symopt.minimize((w - 3) ** 2, {w: 0.0}, method="lbfgs", bounds={w: (0, 1)})
    claimed = scipy_minimize(lambda z: ((z[0] - 3) ** 2, np.array([2 * (z[0] - 3)])), [0.0], jac=True,
                             method="L-BFGS-B", bounds=[(0, 1)])
    assert claimed.success and result.success and result[w] == claimed.x[0] == 1.0
    assert "but" not in result.message
