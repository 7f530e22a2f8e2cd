"""probe50 P50-1, P50-5, P50-7: a claimed minimum is checked with the exact Hessian, by tests that read neither the
parameters' units nor the cost's: a cost still falling far along Newton's direction (no finite minimizer: separation,
all-zero counts), a Newton step that predicts a real decrease (a parameter in small units), a Hessian that curves
down where a method moved and stopped (a saddle).  Oracles: hand NumPy costs, gradients and Newton iterations."""

import numpy as np
import pytest
import sympy
from scipy.optimize import minimize as scipy_minimize

import symopt
from symopt import ops

METHODS = ["newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"]


def _design(n=50, seed=1):
    rng = np.random.default_rng(seed)
    return np.column_stack([np.ones(n), rng.normal(size=n)])


def _symbols():
    return symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1)), symopt.Variable("b", np.zeros(2))


def _softplus(z):
    return np.logaddexp(0.0, z)


@pytest.mark.parametrize("method", METHODS)
def test_a_perfectly_separated_logit_has_no_finite_minimizer(method):  # P50-1
    X, y, b = _symbols()
    design = _design()
    labels = (design[:, 1] > 0).astype(float)
    result = symopt.minimize(ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: labels[:, None]}, method=method)
    assert not result.success  # was success=True at b1 = 536, 233, 303, 243 or 191: each method its own "optimum"
    assert "the cost has no finite minimizer" in result.message and "separation" in result.message
    assert "add a penalty such as 1e-3 * ops.sum(ops.square(b))" in result.message
    point = np.ravel(result[b])

    def hand_cost(coefficients):  # the oracle: the cost is still falling along the ray the run was on
        eta = design @ coefficients
        return float(np.sum(_softplus(eta) - labels * eta))
    assert hand_cost(point) == pytest.approx(result.value, rel=1e-9)
    assert hand_cost(10 * point) < hand_cost(point) * 1e-6


@pytest.mark.parametrize("method", METHODS)
def test_all_zero_poisson_counts_have_no_finite_minimizer(method):  # P50-1
    X, y, b = _symbols()
    design = _design()
    result = symopt.minimize(ops.sum(ops.exp(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: np.zeros((50, 1))}, method=method)
    assert not result.success and "the cost has no finite minimizer" in result.message
    intercept = np.ravel(result[b])[0]
    assert intercept < -10  # the run walked toward -inf; the hand cost is n·e^b0 there, falling with b0
    assert np.sum(np.exp(design @ (np.ravel(result[b]) - [100, 0]))) < result.value * 1e-40


def test_quasi_separation_is_caught_while_the_finite_coefficients_agree():  # P50-1 addendum
    rng = np.random.default_rng(3)
    n = 120
    x1 = rng.normal(size=n)
    dummy = (np.arange(n) < 20).astype(float)
    counts = rng.poisson(np.exp(0.5 + 0.25 * x1)) * (1 - dummy)  # the dummy's group has only zeros
    design = np.column_stack([np.ones(n), x1, dummy])
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros(3))
    result = symopt.minimize(ops.sum(ops.exp(X @ b) - ops.hadamard(y, X @ b)), b, data={X: design, y: counts[:, None]},
                             method="newton")
    assert not result.success and "the cost has no finite minimizer" in result.message
    kept = design[20:, :2]

    def hand(z):  # the oracle: the MLE of the other rows, where the dummy is 0
        eta = kept @ z
        return float(np.sum(np.exp(eta) - counts[20:] * eta)), kept.T @ (np.exp(eta) - counts[20:])
    oracle = scipy_minimize(hand, np.zeros(2), jac=True, method="BFGS", options={"gtol": 1e-12}).x
    np.testing.assert_allclose(np.ravel(result[b])[:2], oracle, atol=1e-7)


def test_an_ordinary_logit_still_converges_by_every_method():  # no false alarm on a minimum that exists
    X, y, b = _symbols()
    design = _design(200, seed=2)
    rng = np.random.default_rng(5)
    labels = (rng.random(200) < 1 / (1 + np.exp(-(0.3 + 1.5 * design[:, 1])))).astype(float)

    def hand(z):
        eta = design @ z
        return float(np.sum(_softplus(eta) - labels * eta)), design.T @ (1 / (1 + np.exp(-eta)) - labels)
    oracle = scipy_minimize(hand, np.zeros(2), jac=True, method="BFGS", options={"gtol": 1e-12}).x
    for method in METHODS:
        result = symopt.minimize(ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b,
                                 data={X: design, y: labels[:, None]}, method=method)
        assert result.success, (method, result.message)
        np.testing.assert_allclose(np.ravel(result[b]), oracle, atol=1e-4)


def test_an_exact_fit_least_squares_keeps_its_success():  # the minimum value is 0, reached at a finite point
    X, y, b = _symbols()
    design = _design(30, seed=4)
    targets = design @ [1.5, -2.0]
    for method in METHODS:
        result = symopt.minimize(ops.sum(ops.square(X @ b - y)), b, data={X: design, y: targets[:, None]},
                                 method=method)
        assert result.success, (method, result.message)
        np.testing.assert_allclose(np.ravel(result[b]), [1.5, -2.0], atol=1e-4)


def _small_units():
    rng = np.random.default_rng(15)
    n = 500
    concentration = rng.uniform(0, 4e-6, size=n)
    design = np.column_stack([np.ones(n), concentration])
    labels = (rng.random(n) < 1 / (1 + np.exp(-(-1 + 6e5 * concentration)))).astype(float)
    return design, labels


@pytest.mark.parametrize("method", ["lbfgs", "trust-ncg", "newton-cg"])
def test_a_covariate_in_small_units_is_no_success_far_from_the_optimum(method):  # P50-5
    design, labels = _small_units()
    X, y, b = _symbols()
    result = symopt.minimize(ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: labels[:, None]}, method=method)
    scaled = design * [1, 1e6]  # the oracle: hand Newton on the covariate in micromol/L, scaled back

    def hand(z):
        eta = scaled @ z
        return float(np.sum(_softplus(eta) - labels * eta)), scaled.T @ (1 / (1 + np.exp(-eta)) - labels)
    optimum = scipy_minimize(hand, np.zeros(2), jac=True, method="BFGS", options={"gtol": 1e-10})
    assert result.value - optimum.fun > 18  # it stopped near the intercept-only fit (LR statistic off by 38)
    assert not result.success
    assert "predicts a further decrease of 18.5 on a cost of 341.077" in result.message
    assert "Rescale the data (standardize the covariates), run method='newton'" in result.message
    newton = symopt.minimize(ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: labels[:, None]}, method="newton")
    assert newton.success
    np.testing.assert_allclose(np.ravel(newton[b]), optimum.x * [1, 1e6], rtol=1e-6)


def test_newton_does_not_stop_at_its_start_on_a_cost_in_small_units():  # P50-5: weights of 1e-12
    rng = np.random.default_rng(1)
    design = _design(100)
    counts = rng.poisson(np.exp(0.3 + 0.5 * design[:, 1])).astype(float)
    X, y, b = _symbols()
    weights = symopt.Placeholder("w", (None, 1))
    cost = ops.sum(ops.hadamard(weights, ops.exp(X @ b) - ops.hadamard(y, X @ b)))
    result = symopt.minimize(cost, b, data={X: design, y: counts[:, None], weights: np.full((100, 1), 1e-12)},
                             method="newton")
    z = np.zeros(2)
    for _ in range(30):  # the oracle: hand Newton on the unweighted Poisson likelihood (the same minimizer)
        mu = np.exp(design @ z)
        z = z - np.linalg.solve(design.T @ (design * mu[:, None]), design.T @ (mu - counts))
    assert result.success and result.steps > 0  # was "converged ... after 0 steps" at b = 0
    np.testing.assert_allclose(np.ravel(result[b]), z, rtol=1e-7)


@pytest.mark.parametrize("method", ["lbfgs", "trust-ncg", "newton-cg", "bfgs"])
def test_a_run_that_moved_onto_a_saddle_is_no_success(method):  # P50-7
    u, v = symopt.Variable("u", 0.0), symopt.Variable("v", 0.0)
    result = symopt.minimize((u - 1) ** 2 + v ** 4 / 4 - v ** 2 / 2, [u, v], method=method)
    assert result[u] == pytest.approx(1.0, abs=1e-4) and result[v] == 0.0  # dJ/dv = 0 on v = 0: never left
    # the oracle: the Hessian by hand, diag(2, 3v**2 - 1) = diag(2, -1) there
    assert not result.success
    assert "the Hessian curves down there (its smallest eigenvalue -1, 1 of 2 negative): a maximum or a saddle" \
        in result.message


def test_the_far_newton_step_is_read_inside_a_box_too():  # P50-5 with bounds= (Newton's point inside the box)
    design, labels = _small_units()
    X, y, b = _symbols()
    result = symopt.minimize(ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: labels[:, None]}, method="lbfgs", bounds={b: (-10, 1e7)})
    assert not result.success and "predicts a further decrease of 18.5" in result.message


def test_a_minimum_on_a_bound_keeps_its_success():  # no false alarm: Newton's free step would leave the box
    u, v = symopt.Variable("u", 1.0), symopt.Variable("v", 1.0)
    result = symopt.minimize((u + 1) ** 2 + (v - 2) ** 2 + u * v / 10, [u, v], method="lbfgs", bounds={u: (0, None)})
    # the oracle by hand: u = 0 on its bound (dJ/du = 2 + v/10 > 0 there), v = 2 minimizing (v - 2)**2
    assert result.success and result[u] == 0.0 and result[v] == pytest.approx(2.0, abs=1e-6)


@pytest.mark.parametrize("method", ["newton", "lbfgs"])
def test_a_scalar_cost_falling_to_its_infimum_names_its_own_penalty(method):  # exp(-w): inf 0 at w = +inf
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(sympy.exp(-w), w, method=method)
    assert not result.success and result[w] > 10 and np.exp(-(result[w] + 100)) < np.exp(-result[w])  # hand NumPy
    assert result.message.endswith("add a penalty such as 1e-3 * w**2 to the cost, or bound the parameters "
                                   "(method='lbfgs' with bounds=)")  # no "(Newton's own tol = 1e-10)" after it
