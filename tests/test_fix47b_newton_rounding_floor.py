"""probe88 P88-3: ``method="newton"`` on a Poisson GLM written as a sum, with a covariate in dollars, reaches the MLE
in a few steps; then the gradient's income entry is rounding noise (dollars times 20 000 rows times 1e-16),
never below Newton's absolute tol 1e-10.  The run ends as converged to rounding there, not after every step with
success=False.  Oracle: the MLE by a hand-written NumPy IRLS (statsmodels' GLM fit, which agrees with it)."""

import numpy as np
import sympy

import symopt
from symopt import ops


def _data(rows=20000):
    rng = np.random.default_rng(12)
    features = np.column_stack([rng.normal(size=rows), rng.normal(40000, 15000, size=rows), rng.integers(0, 2, rows)])
    counts = rng.poisson(np.exp(0.2 * features[:, 0] + 1e-5 * features[:, 1] - 0.3 * features[:, 2]))
    return features, counts.astype(float).reshape(-1, 1)


def _irls(features, counts, iterations=30):
    """Poisson regression's MLE (intercept first) by iteratively reweighted least squares in NumPy."""
    design = np.column_stack([np.ones(len(features)), features])
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        mean = np.exp(design @ theta)
        theta = theta + np.linalg.solve(design.T @ (mean[:, None] * design), design.T @ (counts.ravel() - mean))
    return theta


def _fit(features, counts, steps):
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((3, 1))), symopt.Variable("b", 0.0)
    eta = ops.bias_add(X @ W, b)
    fit = symopt.minimize(ops.sum(ops.exp(eta) - ops.hadamard(y, eta)), [W, b], data={X: features, y: counts},
                          method="newton", steps=steps)
    return fit, np.concatenate([[fit[b]], fit[W].ravel()])


def test_newton_stops_at_the_rounding_floor_of_a_sum_form_glm():
    features, counts = _data()
    fit, estimate = _fit(features, counts, steps=100)
    oracle = _irls(features, counts)
    assert np.allclose(estimate, oracle, rtol=1e-9, atol=0)
    assert fit.success
    assert fit.steps <= 15  # the MLE is reached in ~6 steps; the old loop ran all 100
    assert fit.message.startswith("converged to rounding")


def test_a_cost_the_offset_hides_still_converges_by_the_gradient():
    """``1e8 + (w - 1)**4``: every step's decrease is below the cost's rounding, but each Newton step shrinks the
    gradient (by 8/27): not a floor.  Newton reaches the tol test at ``|w - 1| <= (1e-10/4)**(1/3)``."""
    w = symopt.Variable("w", 0.0)
    fit = symopt.minimize(1e8 + (w - 1) ** 4, w, method="newton", steps=100)
    assert fit.success and fit.message.startswith("converged: every |gradient| <= 1e-10")
    assert abs(fit[w] - 1) <= (1e-10 / 4) ** (1 / 3)


def test_a_diverging_newton_run_under_a_large_constant_is_no_rounding_floor():
    """final47b 47b-8: 1e12 + 1e-8*sqrt(1 + (w - 4)**2) from w = 5.5: undamped Newton on the pseudo-Huber term
    diverges (w - 4 -> -(w - 4)**3, by hand: 1.5 -> -3.4 -> 38.4); every decrease is below the cost's rounding, yet
    the gradient 1e-8*(w - 4)/sqrt(1 + (w - 4)**2) is exact, not noise.  The minimum is w = 4: no success elsewhere."""
    w = symopt.Variable("w", 5.5)
    fit = symopt.minimize(1e12 + 1e-8 * sympy.sqrt(1 + (w - 4) ** 2), w, method="newton", steps=50)
    assert not (fit.success and abs(float(fit.params[w]) - 4) > 1e-3)
    assert "converged to rounding" not in fit.message


def test_a_diverging_run_of_a_small_scale_parameter_is_not_converged():
    """final47b2 47b2-4: the floor's step bound was absolute (1e-8 of 1 + |x|), so a parameter of scale 1e-10 took
    steps of its own scale and met it: 1e12 + 1e-8*sqrt(1 + (w/s - 4)**2) ended at w/s = 42.4 (the minimum is 4, by
    hand) as "converged to rounding", success=True."""
    w, scale = sympy.Symbol("w"), 1e-10
    cost = 1e12 + 1e-8 * sympy.sqrt(1 + (w / scale - 4) ** 2)
    result = symopt.minimize(cost, {w: 5.5e-10}, method="newton", steps=50)
    assert not (result.success and "converged to rounding" in result.message)
