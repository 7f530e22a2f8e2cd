"""The end-point Hessian check (probe50 P50-1, P50-5, P50-7) past DENSE_CHECK_SIZE entries of a Hessian symopt applies
only as products: a bounded search (conjugate gradients on H d = ∇J, a Lanczos search for negative curvature), not one
Hessian-vector product per entry.  Counts of products, never wall time; oracles: hand NumPy Hessians and SciPy."""

import re

import numpy as np
import pytest
from scipy.optimize import minimize as scipy_minimize
from scipy.special import expit

import symopt
from symopt import end_point_checks, ops, second_order
from symopt.end_point_checks import CURVATURE_SEARCH_PRODUCTS, DENSE_CHECK_SIZE, NEWTON_STEP_PRODUCTS

BUDGET = NEWTON_STEP_PRODUCTS + CURVATURE_SEARCH_PRODUCTS
SIZE = 30  # past DENSE_CHECK_SIZE


def _logit(design, labels):
    X, y = symopt.Placeholder("X", (None, design.shape[1])), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros((design.shape[1], 1)))
    return ops.sum(ops.softplus(X @ b) - ops.hadamard(y, X @ b)), b, {X: design, y: labels[:, None]}


def _design(rows=300, seed=3):
    rng = np.random.default_rng(seed)
    return np.column_stack([np.ones(rows), rng.normal(size=(rows, SIZE - 1))])


def _hand_logit(design, labels):
    def value_and_grad(z):
        eta = design @ z
        return float(np.sum(np.logaddexp(0.0, eta) - labels * eta)), design.T @ (expit(eta) - labels)
    return value_and_grad


def _hand_hessian(design, z):
    p = expit(design @ z)
    return design.T @ (design * (p * (1 - p))[:, None])


@pytest.fixture
def counted(monkeypatch):
    """Counts Problem.hessp and Problem.hess calls; ``counted.check = False`` turns the end-point check off."""
    class Counts:
        products = dense = gradients = 0
        check = True
    counts = Counts()
    product, dense, check = second_order.Problem.hessp, second_order.Problem.hess, end_point_checks.newton_check
    gradient = second_order.Problem.value_and_grad

    def counting_gradient(self, x):
        counts.gradients += 1
        return gradient(self, x)
    monkeypatch.setattr(second_order.Problem, "value_and_grad", counting_gradient)

    def counting_product(self, x, p):
        counts.products += 1
        return product(self, x, p)

    def counting_dense(self, x):
        counts.dense += 1
        return dense(self, x)
    monkeypatch.setattr(second_order.Problem, "hessp", counting_product)
    monkeypatch.setattr(second_order.Problem, "hess", counting_dense)
    monkeypatch.setattr(end_point_checks, "newton_check", lambda *a, **k: check(*a, **k) if counts.check else None)
    return counts


@pytest.mark.parametrize("method", ["lbfgs", "bfgs", "newton-cg", "trust-ncg"])
def test_the_check_of_a_converged_logit_costs_at_most_its_budget_of_products(method, counted):
    design = _design()
    rng = np.random.default_rng(5)
    labels = (rng.random(300) < 1 / (1 + np.exp(-design @ (rng.normal(size=SIZE) * 0.5)))).astype(float)
    cost, b, data = _logit(design, labels)
    counted.check = False
    symopt.minimize(cost, b, data=data, method=method)
    unchecked, unchecked_gradients = counted.products, counted.gradients
    counted.products, counted.gradients, counted.check = 0, 0, True
    result = symopt.minimize(cost, b, data=data, method=method)
    assert SIZE > DENSE_CHECK_SIZE and result.success, result.message
    products, gradients = counted.products - unchecked, counted.gradients - unchecked_gradients
    # a matrix parameter's product compiles as one matrix expression, whichever method ran; besides, the start's
    # cost and Newton's point and its escape probe: a few gradient calls (scalar parameters take central differences,
    # two gradient calls a product: tests/test_final40a_end_point_evidence.py)
    assert 0 < products <= BUDGET and gradients <= 4  # was SIZE products: one per column of the dense Hessian
    assert counted.dense == 0
    oracle = scipy_minimize(_hand_logit(design, labels), np.zeros(SIZE), jac=True, method="BFGS",
                            options={"gtol": 1e-10}).x
    np.testing.assert_allclose(np.ravel(result[b]), oracle, atol=1e-3)


@pytest.mark.parametrize("method", ["lbfgs", "trust-ncg"])
def test_a_separated_logit_past_the_dense_size_has_no_finite_minimizer(method):  # P50-1
    design = _design()
    labels = (design[:, 1] > 0).astype(float)
    cost, b, data = _logit(design, labels)
    result = symopt.minimize(cost, b, data=data, method=method)
    assert not result.success and "the cost has no finite minimizer" in result.message
    point = np.ravel(result[b])
    hand = _hand_logit(design, labels)
    assert hand(point)[0] == pytest.approx(result.value, rel=1e-9)
    assert hand(10 * point)[0] < hand(point)[0] * 1e-6  # the oracle: the cost still falls along the run's ray


def test_a_covariate_in_small_units_past_the_dense_size_is_no_success(counted):  # P50-5
    design = _design(500, seed=15)
    rng = np.random.default_rng(15)
    design[:, 1] = rng.uniform(0, 4e-6, size=500)  # a concentration in mol/L
    labels = (rng.random(500) < 1 / (1 + np.exp(-(-1 + 6e5 * design[:, 1])))).astype(float)
    cost, b, data = _logit(design, labels)
    result = symopt.minimize(cost, b, data=data, method="lbfgs")
    assert not result.success and counted.dense == 0
    found = re.search(r"predicts a further decrease of at least ([0-9.e+-]+) on a cost of", result.message)
    point = np.ravel(result[b])
    value, gradient = _hand_logit(design, labels)(point)
    exact = gradient @ np.linalg.solve(_hand_hessian(design, point), gradient) / 2  # Newton's decrease by hand
    assert 1e-6 * value < float(found.group(1)) <= exact * (1 + 1e-6)  # CG's partial decrease: a lower bound
    scaled = design * np.r_[1, 1e6, np.ones(SIZE - 2)]
    optimum = scipy_minimize(_hand_logit(scaled, labels), np.zeros(SIZE), jac=True, method="BFGS",
                             options={"gtol": 1e-8})
    assert result.value - optimum.fun > 1  # it did stop far from the minimum


@pytest.mark.parametrize("method", ["lbfgs", "bfgs", "newton-cg", "trust-ncg"])
def test_a_saddle_across_a_symmetric_subspace_past_the_dense_size_is_found(method):  # P50-7
    b = symopt.Variable("b", np.zeros((SIZE, 1)))
    well, bowl, target = (symopt.Placeholder(name, (SIZE, 1)) for name in ("well", "bowl", "target"))
    mask = np.zeros((SIZE, 1))
    mask[0] = 1.0
    weights = np.linspace(0.5, 3.0, SIZE)[:, None] * (1 - mask)
    cost = ops.sum(ops.hadamard(bowl, ops.square(b - target))) + \
        ops.sum(ops.hadamard(well, ops.power(b, 4) / 4 - ops.square(b) / 2))
    result = symopt.minimize(cost, b, data={well: mask, bowl: weights, target: np.ones((SIZE, 1))}, method=method)
    assert np.ravel(result[b])[0] == 0.0  # dJ/db0 = b0**3 - b0 is 0 on b0 = 0: the run never leaves it
    np.testing.assert_allclose(np.ravel(result[b])[1:], 1.0, atol=1e-4)
    assert not result.success
    found = re.search(r"has curvature vᵀHv/vᵀv = ([0-9.e+-]+), where the largest found is ([0-9.e+-]+)\)",
                      result.message)
    hand = np.diag(np.r_[-1.0, 2 * np.ravel(weights)[1:]])  # the oracle: the Hessian by hand, b0 = 0, the rest 1
    smallest, largest = np.linalg.eigvalsh(hand)[[0, -1]]
    assert smallest <= float(found.group(1)) < 0 and 0 < float(found.group(2)) <= largest * (1 + 1e-4)
