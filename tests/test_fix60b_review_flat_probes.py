"""final42b F42b-5, F42b-9: a flat direction is called an inflection only where the cost falls as an odd-order term
does, at short steps, above rounding.  Oracles: sympy on the cost's slice; numpy.linalg.lstsq for the exact fit."""

import numpy as np
import sympy

import symopt
from symopt import ops


def test_a_local_minimum_with_a_quartic_flat_direction_keeps_its_success():
    xs = sympy.Symbol("x", real=True)
    slice_ = xs ** 4 * (xs - sympy.Rational(1, 2)) * (xs - sympy.Rational(3, 2))
    grid = np.linspace(-0.49, 0.49, 981)
    assert all(float(slice_.subs(xs, t)) > 0 for t in grid if t != 0)  # the oracle: a strict local minimum at 0
    assert float(slice_.subs(xs, 1)) < 0  # a deeper basin one unit away
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    cost = x ** 4 * (x - sympy.Rational(1, 2)) * (x - sympy.Rational(3, 2)) + y ** 2
    for method in ("newton", "lbfgs", "trust-ncg"):
        result = symopt.minimize(cost, {x: 0.0, y: 0.0}, method=method)
        assert result.success, (method, result.message)
    result = symopt.minimize(cost, {x: 0.0, y: 0.0}, optimizer=symopt.GradientDescent(0.01), tol=1e-8, steps=10)
    assert result.success, result.message


def test_an_inflection_along_a_flat_direction_is_still_refused():
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    xs, ys = sympy.symbols("x y")
    assert sympy.diff((xs + ys) ** 3 + (xs - ys) ** 2, xs).subs({xs: 0, ys: 0}) == 0  # the oracle: stationary
    assert ((xs + ys) ** 3 + (xs - ys) ** 2).subs({xs: -1e-3, ys: -1e-3}) < 0
    result = symopt.minimize((x + y) ** 3 + (x - y) ** 2, {x: 0.0, y: 0.0}, method="newton")
    assert not result.success and "an inflection" in result.message


def test_a_restart_at_the_exact_fit_of_collinear_least_squares_keeps_its_success():
    X = symopt.Placeholder("X", shape=(None, 3))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    rng = np.random.default_rng(3)
    A = rng.normal(size=(30, 2))
    Xd = np.column_stack([A, A[:, 0] * 0.3 + A[:, 1] * 0.7])  # the third column collinear: a valley of minima
    yd = Xd @ np.array([[1.0], [2.0], [3.0]])
    fit = np.linalg.lstsq(Xd, yd, rcond=None)[0]  # the oracle: a global minimum (residual 0 to rounding)
    assert np.mean((Xd @ fit - yd) ** 2) < 1e-25
    cost = ops.mean(ops.square(X @ W - y))
    for method in ("newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"):
        result = symopt.minimize(cost, {W: fit}, data={X: Xd, y: yd}, method=method)
        assert result.success, (method, result.message)
    result = symopt.minimize(cost, {W: fit}, data={X: Xd, y: yd}, optimizer=symopt.GradientDescent(0.05), tol=1e-7,
                             steps=5)
    assert result.success, result.message
