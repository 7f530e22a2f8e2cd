"""final47d3 47d3-2: ``method="newton"`` ends at the cost's rounding floor (probe88 P88-3) also where a coefficient's
MLE is exactly 0.  Each row is given twice, with a covariate z = +1 and z = -1 and the same response, so the
likelihood is even in z's coefficient and (concave) has its maximum at exactly 0.  There the coefficient moves in
steps of 1e-19 around 1e-18 forever, never within 1e-8 of its own size, so the floor never fired: all the steps ran
and the fit at the MLE was reported with success=False.  Oracles: a hand-written NumPy IRLS, statsmodels' GLM fits
(statsmodels 0.14, tol=1e-14, recorded below), and 0 for z's coefficient by the symmetry."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.newton_rounding import negligible

#: statsmodels ``GLM(y, add_constant(X), family=Poisson() / Binomial()).fit(tol=1e-14).params`` of the data below:
#: intercept, the normal covariate, dollars, z.
STATSMODELS = {"poisson": [5.2325803778416752e-03, 1.9753029728967114e-01, 1.0207797301316581e-05, 2.8e-17],
               "logistic": [-7.7662509518077261e-01, 5.3802183998008768e-01, 1.9559176316722924e-05, -7.4e-18]}


def _mirrored(features: np.ndarray, response: np.ndarray) -> tuple:
    """Every row twice: with z = +1 and with z = -1."""
    rows = len(features)
    doubled = np.vstack([np.column_stack([features, np.ones(rows)]), np.column_stack([features, -np.ones(rows)])])
    return doubled, np.concatenate([response, response]).reshape(-1, 1)


def _data(family: str) -> tuple:
    if family == "poisson":
        rng = np.random.default_rng(12)
        features = np.column_stack([rng.normal(size=10000), rng.normal(40000, 15000, size=10000)])
        return _mirrored(features, rng.poisson(np.exp(0.2 * features[:, 0] + 1e-5 * features[:, 1])).astype(float))
    rng = np.random.default_rng(3)
    features = np.column_stack([rng.normal(size=5000), rng.normal(40000, 15000, size=5000)])
    odds = 0.5 * features[:, 0] + 2e-5 * (features[:, 1] - 40000)
    return _mirrored(features, (rng.random(5000) < 1 / (1 + np.exp(-odds))).astype(float))


def _irls(family: str, features: np.ndarray, response: np.ndarray, iterations: int = 40) -> np.ndarray:
    """The MLE (intercept first) by iteratively reweighted least squares in NumPy."""
    design, y = np.column_stack([np.ones(len(features)), features]), response.ravel()
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        eta = design @ theta
        mean = np.exp(eta) if family == "poisson" else 1 / (1 + np.exp(-eta))
        weight = mean if family == "poisson" else mean * (1 - mean)
        theta = theta + np.linalg.solve(design.T @ (weight[:, None] * design), design.T @ (y - mean))
    return theta


@pytest.mark.parametrize("family", ["poisson", "logistic"])
def test_newton_stops_at_the_floor_where_a_coefficient_is_exactly_zero(family):
    features, response = _data(family)
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((3, 1))), symopt.Variable("b", 0.0)
    eta = ops.bias_add(X @ W, b)
    mean_term = ops.exp(eta) if family == "poisson" else ops.softplus(eta)
    fit = symopt.minimize(ops.sum(mean_term - ops.hadamard(y, eta)), [W, b], data={X: features, y: response},
                          method="newton", steps=60)
    estimate = np.concatenate([[fit[b]], fit[W].ravel()])
    oracle = _irls(family, features, response)
    assert np.allclose(estimate[:3], oracle[:3], rtol=1e-9, atol=0)
    assert np.allclose(estimate[:3], STATSMODELS[family][:3], rtol=1e-8, atol=0)
    assert abs(estimate[3]) < 1e-15 and abs(oracle[3]) < 1e-15  # 0 by the symmetry
    assert fit.success, fit.message
    assert fit.message.startswith("converged to rounding")
    assert fit.steps <= 15  # the MLE is reached in 6-8 steps; main ran all 60


def test_an_entry_at_zero_is_negligible_where_its_gradient_would_pass_the_tol_test():
    """For a diagonal Hessian the bound tol·Σⱼ|(H⁻¹)ᵢⱼ| is tol/Hᵢᵢ: entry i's step counts as rounding exactly where
    its gradient gᵢ = Hᵢᵢdᵢ is within tol (by hand: H = diag(2, 4), tol = 1e-10, bound [5e-11, 2.5e-11])."""
    x, hessian = np.array([0.0, 1.0]), np.diag([2.0, 4.0])
    assert negligible(x, np.array([4.9e-11, 1e-9]), hessian, 1e-10)  # g = [9.8e-11, 4e-9]: 1e-9 <= 1e-8·|1|
    assert not negligible(x, np.array([5.1e-11, 1e-9]), hessian, 1e-10)  # g₀ = 1.02e-10 > tol
    assert not negligible(x, np.array([0.0, 2e-8]), hessian, 1e-10)  # 2e-8 > 1e-8·|1| and > 2.5e-11


def test_a_diverging_entry_whose_minimum_is_zero_is_no_floor():
    """1e12 + 1e-8·sqrt(1 + (w/s)²) + 1e-8·sqrt(1 + (v - 4)²), s = 1e-10, from (1.5s, 4): undamped Newton on the
    pseudo-Huber term diverges (w/s → -(w/s)³ by hand), every decrease below the cost's rounding, w's gradient
    exact and above tol, its steps of scale 1e-10 (an absolute bound would call them rounding), while v sits at
    its minimum.  The minimum is (0, 4): no success elsewhere."""
    w, v, s = *sympy.symbols("w v"), 1e-10
    cost = 1e12 + 1e-8 * sympy.sqrt(1 + (w / s)**2) + 1e-8 * sympy.sqrt(1 + (v - 4)**2)
    fit = symopt.minimize(cost, {w: 1.5 * s, v: 4.0}, method="newton", steps=40)
    assert not (fit.success and abs(float(fit.params[w]) / s) > 1e-3)
    assert "converged to rounding" not in fit.message
