"""probe66 P66-2: a first-order run whose ``tol`` test held after some steps at a saddle, or on the way to a minimizer at
infinity, claimed success; its end point now gets the check a ``method=`` run's gets (symopt.end_point_checks), on
both backends, bounded by counts.  Oracles: sympy.hessian's eigenvalues at the returned point and the cost sympy or
hand NumPy gives a step away; numpy.linalg.lstsq for a good run that keeps its success."""

import importlib

import numpy as np
import pytest
import sympy

import symopt
from symopt import end_point_checks, ops, second_order

minimize_module = importlib.import_module("symopt.minimize")  # the module, not the function symopt exports


def _saddle():
    x, y = symopt.Variable("x", 1.0), symopt.Variable("y", 0.0)
    return x ** 2 + y ** 4 / 4 - y ** 2 / 2, [x, y]


def _sympy_eigenvalues(point):
    xs, ys = sympy.symbols("x y")
    hessian = sympy.hessian(xs ** 2 + ys ** 4 / 4 - ys ** 2 / 2, (xs, ys)).subs({xs: point[0], ys: point[1]})
    return sorted(float(value) for value in hessian.eigenvals(multiple=True))


@pytest.mark.parametrize("backend", ["numpy", "jax"])
@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(0.01), symopt.Adam(0.01)], ids=["gd", "adam"])
def test_a_run_that_moved_to_a_saddle_is_no_success(backend, optimizer):
    if backend == "jax":
        pytest.importorskip("jax")
    cost, (x, y) = _saddle()
    result = symopt.minimize(cost, [x, y], optimizer=optimizer, steps=20000, tol=1e-6, backend=backend)
    point = (float(result.params[x]), float(result.params[y]))
    assert result.steps > 0 and abs(point[0]) < 1e-5 and point[1] == 0.0  # it moved, along y = 0
    assert _sympy_eigenvalues(point)[0] == pytest.approx(-1.0)  # the oracle: a saddle, the minima at y = ±1 (-1/4)
    assert float((sympy.Rational(1, 100) ** 4 / 4 - sympy.Rational(1, 100) ** 2 / 2)) < result.value - 1e-5
    assert not result.success
    assert result.message.startswith("converged: every |gradient| <= 1e-06 after ")
    assert "a maximum or a saddle point, not a minimum" in result.message


def test_a_vector_run_to_a_saddle_is_no_success_and_its_check_is_a_bounded_search(monkeypatch):
    """25 entries, past DENSE_CHECK_SIZE: the check spends at most its bounded search of gradient differences."""
    size = 25
    start = np.zeros(size)
    start[:-1] = 1.0
    th = symopt.Variable("th", start)
    cost = sum(th[i, 0] ** 2 for i in range(size - 1)) + th[size - 1, 0] ** 4 / 4 - th[size - 1, 0] ** 2 / 2
    calls = {"gradients": 0}
    value_and_grad = second_order.Problem.value_and_grad

    def counting(self, x):
        calls["gradients"] += 1
        return value_and_grad(self, x)
    monkeypatch.setattr(second_order.Problem, "value_and_grad", counting)
    result = symopt.minimize(cost, th, optimizer=symopt.GradientDescent(0.1), steps=1000, tol=1e-8)
    end = np.ravel(result.params[th])
    # the oracle: by hand, the Hessian is diag(2, ..., 2, 3 t**2 - 1), -1 at t = 0; t = 0.01 lowers the cost
    assert end[-1] == 0.0 and 3 * end[-1] ** 2 - 1 == -1.0
    assert float(np.sum(end[:-1] ** 2) + 0.01 ** 4 / 4 - 0.01 ** 2 / 2) < result.value - 1e-5
    assert not result.success and "a maximum or a saddle point" in result.message
    budget = end_point_checks.NEWTON_STEP_PRODUCTS + end_point_checks.CURVATURE_SEARCH_PRODUCTS
    # two gradients a product (central differences), the value at both points, and the saddle's probes (SADDLE_STEPS)
    assert calls["gradients"] <= 2 * budget + 2 + 2 * len(end_point_checks.SADDLE_STEPS)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_run_toward_a_minimizer_at_infinity_is_no_success(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    cost = sympy.log(1 + sympy.exp(-x)) + (y - 1) ** 2
    result = symopt.minimize(cost, [x, y], optimizer=symopt.Adam(0.1), steps=100000, tol=1e-4, backend=backend)
    end = float(result.params[x])
    assert result.steps > 0 and end > 5
    assert np.log1p(np.exp(-(end + 100))) < np.log1p(np.exp(-end)) / 2  # the oracle: the cost still falls far out
    assert not result.success and "no finite minimizer" in result.message


def test_a_good_run_keeps_its_success():
    rng = np.random.default_rng(0)
    design = rng.normal(size=(200, 3))
    targets = design @ np.array([[1.0], [2.0], [-1.0]]) + 0.1 * rng.normal(size=(200, 1))
    X, t = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("t", (None, 1))
    W = symopt.Variable("W", np.zeros((3, 1)))
    result = symopt.minimize(ops.mean(ops.square(X @ W - t)), W, data={X: design, t: targets},
                             optimizer=symopt.GradientDescent(0.1), steps=10000, tol=1e-6)
    assert result.success and result.message.startswith("converged")
    assert np.allclose(result.params[W], np.linalg.lstsq(design, targets, rcond=None)[0], atol=1e-5)


def test_a_run_without_tol_is_not_checked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("checked")
    monkeypatch.setattr(minimize_module, "tol_stop_verdict", refuse)
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, steps=1000)
    assert result.success and abs(float(result.params[w]) - 5.0) < 1e-6  # the lecture's minimum, by hand
