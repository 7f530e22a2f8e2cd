"""final40a F40a-1, -2, -3, -4, -7, -10, -11: the end-point check refuses a claimed success only on evidence (a cost
evaluation materially lower, after a move that is not rounding's), honours a user's tol=, keeps a resumed Newton run on
the uninterrupted trajectory, builds no symbolic Hessian of its own, and words the spectrum on one line.  Oracles: the
SVD (Eckart-Young), hand least squares, hand NumPy gradients; cost by counts of calls, never wall time."""

import re

import numpy as np
import pytest
import sympy
from scipy.optimize import minimize as scipy_minimize
from scipy.special import expit

import symopt
from symopt import end_point_checks, ops, second_order
from symopt.end_point_checks import CURVATURE_SEARCH_PRODUCTS, NEWTON_STEP_PRODUCTS

SCIPY = ["lbfgs", "bfgs", "trust-ncg"]


@pytest.mark.parametrize("method", SCIPY + ["newton-cg", "newton"])
def test_a_restart_from_an_exact_fit_keeps_its_success(method):  # F40a-2: J* = 0, Newton's step of rounding's size
    rng = np.random.default_rng(0)
    X, y, w = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("y", (None, 1)), symopt.Variable("w", np.zeros(5))
    design = rng.normal(size=(200, 5))
    target = (design @ np.arange(1, 6))[:, None]
    cost, data = ops.sum(ops.square(X @ w - y)), {X: design, y: target}
    first = symopt.minimize(cost, w, data=data, method=method)
    again = symopt.minimize(cost, {w: first[w]}, data=data, method=method)
    assert first.success and again.success, again.message
    hand = np.linalg.lstsq(design, target, rcond=None)[0].ravel()  # the oracle: least squares by hand
    np.testing.assert_allclose(np.ravel(again[w]), hand, atol=1e-6)


@pytest.mark.parametrize("method", SCIPY)
def test_a_factorization_at_its_global_minimum_is_no_saddle(method):  # F40a-3: the scaling symmetry (u, -v)
    rng = np.random.default_rng(0)
    M = rng.normal(size=(4, 1)) @ rng.normal(size=(1, 3)) + 0.1 * rng.normal(size=(4, 3))
    U, V = symopt.Variable("U", 0.3 * rng.normal(size=(4, 1))), symopt.Variable("V", 0.3 * rng.normal(size=(3, 1)))
    data = symopt.Placeholder("M", (4, 3))
    result = symopt.minimize(ops.sum(ops.square(U @ V.T - data)), [U, V], data={data: M}, method=method)
    singular = np.linalg.svd(M, compute_uv=False)
    assert result.success, result.message
    assert result.value == pytest.approx(np.sum(singular[1:] ** 2), rel=1e-6)  # Eckart-Young: the global minimum


@pytest.mark.parametrize("seed", range(6))
def test_a_product_parameterization_reaches_least_squares_with_success(seed):  # F40a-3: a*b*x, a flat valley
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 1))
    t = 2.0 * x + 0.3 * rng.normal(size=(100, 1))
    X, y = symopt.Placeholder("x", (None, 1)), symopt.Placeholder("y", (None, 1))
    start = np.random.default_rng(seed)
    a, b = symopt.Variable("a", start.uniform(0.5, 2)), symopt.Variable("b", start.uniform(0.5, 2))
    result = symopt.minimize(ops.sum(ops.square(a * b * X - y)), [a, b], data={X: x, y: t}, method="trust-ncg")
    hand = float(np.sum((t - x * (x.T @ t) / (x.T @ x)) ** 2))  # ordinary least squares by hand
    assert result.success, result.message
    assert result.value == pytest.approx(hand, rel=1e-9)


def _mean_logit():
    rng = np.random.default_rng(0)
    X, y, w = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("y", (None, 1)), symopt.Variable("w", np.zeros(5))
    design = rng.normal(size=(500, 5))
    labels = (rng.random(500) < expit(design @ [1, -1, 0.5, 0, 2])).astype(float)
    return ops.mean(ops.softplus(X @ w) - ops.hadamard(y, X @ w)), w, {X: design, y: labels[:, None]}, design, labels


@pytest.mark.parametrize("method", SCIPY)
@pytest.mark.parametrize("tol", [1e-1, 1e-2, 1e-3])
def test_a_users_tol_that_held_keeps_its_success(method, tol):  # F40a-7: no far-step test under a user's tol
    cost, w, data, design, labels = _mean_logit()
    result = symopt.minimize(cost, w, data=data, method=method, tol=tol)
    hand = design.T @ (expit(design @ np.ravel(result[w])) - labels) / len(labels)  # the gradient by hand
    assert result.success, result.message
    assert np.max(np.abs(hand)) <= tol * (1 + 1e-6)


def _counting(monkeypatch):
    counts = {"hess": 0, "gradients": 0, "symbolic": 0}
    hess, gradient, symbolic = second_order.Problem.hess, second_order.Problem.value_and_grad, second_order.code_hessian

    def counting_hess(self, x):
        counts["hess"] += 1
        return hess(self, x)

    def counting_gradient(self, x):
        counts["gradients"] += 1
        return gradient(self, x)

    def counting_symbolic(*args, **kwargs):
        counts["symbolic"] += 1
        return symbolic(*args, **kwargs)
    monkeypatch.setattr(second_order.Problem, "hess", counting_hess)
    monkeypatch.setattr(second_order.Problem, "value_and_grad", counting_gradient)
    monkeypatch.setattr(second_order, "code_hessian", counting_symbolic)
    return counts


def test_newton_with_a_users_tol_stops_at_it_forming_one_hessian_a_step(monkeypatch):  # F40a-4
    w = symopt.Variable("w", 1.0)
    counts = _counting(monkeypatch)
    result = symopt.minimize(w ** 4, {w: 1.0}, method="newton", tol=1e-6)
    hand, steps = 1.0, 0
    while 4 * hand ** 3 > 1e-6:  # Newton on w**4 by hand: w -> w - 4w³/12w² = 2w/3
        hand, steps = 2 * hand / 3, steps + 1
    assert result.success and result.steps == steps == 13 and result[w] == pytest.approx(hand, rel=1e-12)
    assert counts["hess"] == steps + 1  # one Hessian a step, and the one where the test passed
    counts["hess"] = 0
    own = symopt.minimize(w ** 4, {w: 1.0}, method="newton")  # Newton's own tol goes on past the gradient test
    assert own.success and counts["hess"] == own.steps + 1  # still once a step (was twice where the test passed)


@pytest.mark.parametrize("cost", ["w**4", "w**6", "w**4 + 1e-9*w**2"])
def test_a_resumed_newton_run_is_the_uninterrupted_one_bit_for_bit(cost, tmp_path):  # F40a-10, default tol
    w = symopt.Variable("w", 1.0)
    expression = sympy.sympify(cost, locals={"w": w})
    whole = symopt.minimize(expression, {w: 1.0}, method="newton")
    path = tmp_path / "run.ckpt"
    symopt.minimize(expression, {w: 1.0}, method="newton", steps=10, checkpoint=path)
    rest = symopt.minimize(expression, {w: 1.0}, method="newton", resume_from=path)
    assert whole.success and rest.success
    assert rest.steps == whole.steps and rest[w] == whole[w]
    np.testing.assert_array_equal(rest.history, whole.history)


@pytest.mark.parametrize("size", [5, 25])
def test_the_check_builds_no_symbolic_hessian_for_scalar_variables(monkeypatch, size):  # F40a-1
    rng = np.random.default_rng(0)
    ws = [symopt.Variable(f"w{i}", 0.0) for i in range(size)]
    rows = 80  # more than 2·25 rows: random labels are not separable (Cover), so the fit has a finite minimizer
    Z, labels = rng.normal(size=(rows, size)), (rng.random(rows) < 0.5).astype(float)
    etas = [sum(float(Z[r, i]) * ws[i] for i in range(size)) for r in range(rows)]
    cost = sum(sympy.log(1 + sympy.exp(eta)) - float(label) * eta for eta, label in zip(etas, labels))
    counts = _counting(monkeypatch)
    checked = end_point_checks.newton_check
    monkeypatch.setattr(end_point_checks, "newton_check", lambda *a, **k: None)
    plain = symopt.minimize(cost, ws, method="lbfgs")
    unchecked, counts["gradients"] = counts["gradients"], 0
    monkeypatch.setattr(end_point_checks, "newton_check", checked)
    result = symopt.minimize(cost, ws, method="lbfgs")
    assert result.success and plain.success and counts["symbolic"] == 0 and counts["hess"] == 0
    products = size if size <= end_point_checks.DENSE_CHECK_SIZE else NEWTON_STEP_PRODUCTS + CURVATURE_SEARCH_PRODUCTS
    assert counts["gradients"] - unchecked <= 2 * products + 4  # two gradient calls a product, and a few probes
    def hand(z):  # the logit by hand, and its minimum by SciPy's BFGS on it
        return float(np.sum(np.logaddexp(0.0, Z @ z) - labels * (Z @ z))), Z.T @ (expit(Z @ z) - labels)
    optimum = scipy_minimize(hand, np.zeros(size), jac=True, method="BFGS", options={"gtol": 1e-10})
    assert hand(np.array([result[w] for w in ws]))[0] == pytest.approx(result.value, rel=1e-12)
    assert result.value == pytest.approx(optimum.fun, rel=1e-7)


def test_a_long_spectrum_is_one_line_of_its_smallest_eigenvalues():  # F40a-11
    rng = np.random.default_rng(0)
    size = 60
    design = np.column_stack([np.ones(200), rng.normal(size=(200, size - 1))])
    labels = (design[:, 1] > 0).astype(float)
    X, y, b = symopt.Placeholder("X", (None, size)), symopt.Placeholder("y", (None, 1)), \
        symopt.Variable("b", np.zeros((size, 1)))
    cost = ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b))
    for method in ["newton", "lbfgs"]:
        result = symopt.minimize(cost, b, data={X: design, y: labels[:, None]}, method=method)
        assert not result.success and "no finite minimizer" in result.message
        assert "\n" not in result.message and "the smallest" in result.message and len(result.message) < 900


def test_a_saddle_is_called_one_only_where_the_cost_falls_along_its_direction():
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    # from (1, 0) the run moves along x to the saddle (0, 0) (no gradient across y = 0); along y the cost falls as
    # -y²/2 + y⁴: materially lower a step away (the hand cost there is the message's)
    result = symopt.minimize(x ** 2 - y ** 2 / 2 + y ** 4, {x: 1.0, y: 0.0}, method="lbfgs")
    assert not result.success and result[y] == 0.0
    found = re.search(r"a step of ([0-9.e+-]+) from it lowers the cost from ([0-9.e+-]+) to ([0-9.e+-]+), and the "
                      r"Hessian curves down there \(its smallest eigenvalue -1", result.message)
    step, here, lower = map(float, found.groups())
    assert lower == pytest.approx(-step ** 2 / 2 + step ** 4, rel=1e-4)
    assert lower < here - 1e-6 * step ** 2  # 1e-6 of the probe's quadratic term |λ| step², λ = -1 (final46e 46e-1)
    # a curve of minima (x*y - 1)**2: the Hessian at a minimum is positive semidefinite, no refusal
    flat = symopt.minimize((x * y - 1) ** 2, {x: 2.0, y: 0.3}, method="trust-ncg")
    assert flat.success and flat[x] * flat[y] == pytest.approx(1.0, abs=1e-6)
