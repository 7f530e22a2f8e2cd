"""probe50 P50-3: a line search's trial point where exp overflows (a Poisson regression on a covariate in dollars)
is told from an edge of the cost's domain: the message names the overflow and advises rescaling the data or
method='newton'/'trust-ncg', not bounds= or a rewrite for a domain the cost does not have."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError


def _poisson_in_dollars():
    rng = np.random.default_rng(13)
    n = 2000
    income, age = rng.normal(50_000, 15_000, size=n), rng.uniform(20, 70, size=n)
    design = np.column_stack([np.ones(n), income, age])
    counts = rng.poisson(np.exp(-1 + 2e-5 * income + 0.01 * age)).astype(float)
    return design, counts


@pytest.mark.parametrize("method", ["lbfgs", "bfgs"])
def test_an_overflowing_trial_is_named_an_overflow_with_the_rescaling_advice(method):
    design, counts = _poisson_in_dollars()
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros(3))
    cost = ops.sum(ops.exp(X @ b) - ops.hadamard(y, X @ b))
    with pytest.raises(symopt.errors.DivergenceError) as caught:
        symopt.minimize(cost, b, data={X: design, y: counts[:, None]}, method=method)
    message = str(caught.value)
    assert "a point the method tried without taking: NumPy reports overflow in exp (generated line: " in message
    assert "an overflow of a finite argument, not an edge of the cost's domain; then it stopped at b = [0, 0, 0], " \
           "where the largest gradient entry is 8.13e+07, not a minimum." in message
    assert "Rescale or standardize the data" in message and "or run method='newton' or 'trust-ncg'" in message
    assert "domain boundary" not in message and "bounds=" not in message and "log(w**2 + eps)" not in message
    gradient = design.T @ (1.0 - counts)  # the oracle by hand: the gradient at b = 0 and exp at that first trial
    assert np.max(np.abs(gradient)) == pytest.approx(8.13e7, rel=1e-3)
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(design @ [1.6e-05, 1.0, 0.00084])).any()  # exp(50 000): finite argument, inf value
    found = symopt.minimize(cost, b, data={X: design, y: counts[:, None]}, method="trust-ncg")
    z = np.array([np.log(counts.mean()), 0.0, 0.0])
    for _ in range(50):  # the minimum exists: hand Newton on the same likelihood
        mu = np.exp(design @ z)
        z = z - np.linalg.solve(design.T @ (design * mu[:, None]), design.T @ (mu - counts))
    assert found.success
    np.testing.assert_allclose(np.ravel(found[b]), z, rtol=1e-6)


def test_a_trial_at_the_edge_of_the_domain_keeps_the_domain_message():
    lam = symopt.Variable("L", 1.0)
    with pytest.raises(symopt.errors.DivergenceError) as caught:
        symopt.minimize(25 * lam - 10 * sympy.log(lam), lam, method="lbfgs")
    assert "overflow" not in str(caught.value) and "bounds=" in str(caught.value)


def test_newton_cg_stopping_far_from_the_fit_on_dollars_is_no_success():  # P50-5: was success=True 14 SEs off
    design, counts = _poisson_in_dollars()
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros(3))
    result = symopt.minimize(ops.sum(ops.exp(X @ b) - ops.hadamard(y, X @ b)), b,
                             data={X: design, y: counts[:, None]}, method="newton-cg")
    z = np.array([np.log(counts.mean()), 0.0, 0.0])
    for _ in range(50):  # the oracle: hand Newton, and the hand cost at both points
        mu = np.exp(design @ z)
        z = z - np.linalg.solve(design.T @ (design * mu[:, None]), design.T @ (mu - counts))
    eta = design @ np.ravel(result[b])
    assert np.sum(np.exp(eta) - counts * eta) - np.sum(np.exp(design @ z) - counts * (design @ z)) > 100
    assert not result.success and "predicts a further decrease of" in result.message


def test_a_cost_falling_to_minus_infinity_or_with_no_data_is_not_told_to_standardize_covariates():
    """final40a F40a-5: a -inf trial (a cost unbounded below) and an overflow of a cost that reads no data were
    both told that "data on very different scales" made the step long."""
    w = symopt.Variable("w_f40a5", 0.0)
    with pytest.raises(DivergenceError, match=r"the cost is -inf at .*: the cost is unbounded below in the direction "
                                              r"taken, so it has no minimum there") as caught:
        symopt.minimize((w - 1) ** 2 - sympy.exp(w), w, method="newton-cg")
    assert "covariate" not in str(caught.value)
    with pytest.raises(DivergenceError, match=r"an overflow of a finite argument.*too long for the cost's curvature"):
        symopt.minimize(sympy.cosh(10 * w) - 1e6 * w, w, method="newton-cg")
