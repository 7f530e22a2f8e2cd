"""probe50 P50-6: tol= with an optimizer whose update adds a penalty the cost does not hold (ProximalGradientDescent,
ProximalAdagrad and Ftrl with l1/l2, AdamW's decoupled weight decay) is refused before the first step: tol= tests the
cost's gradient, and the penalized minimum is not where that gradient is 0 (a warm start at the OLS fit 'converged'
at step 0 and returned OLS as the lasso fit).  Oracle: hand NumPy ISTA for the lasso."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError


def _lasso_problem():
    rng = np.random.default_rng(14)
    n = 300
    design = rng.normal(size=(n, 4))
    targets = design @ [1.5, 0, -0.7, 0] + rng.normal(size=n)
    X, y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros(4))
    return ops.sum(ops.square(X @ b - y)) / (2 * n), b, {X: design, y: targets[:, None]}, design, targets


def test_tol_with_an_l1_proximal_step_is_refused_and_the_lasso_without_it_is_right():
    cost, b, data, design, targets = _lasso_problem()
    ols = np.linalg.lstsq(design, targets, rcond=None)[0]
    assert np.max(np.abs(design.T @ (design @ ols - targets) / 300)) < 1e-6  # the cost's gradient test holds at OLS
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize(cost, {b: ols}, data=data, optimizer=symopt.ProximalGradientDescent(0.5, l1=0.1), steps=3000,
                        tol=1e-6)
    assert str(caught.value).startswith(
        "tol= with ProximalGradientDescent(l1=0.1): tol= stops once every |gradient of the cost| <= tol, but this "
        "optimizer's update adds a penalty the cost does not hold (l1=0.1)")
    assert "or drop tol= and give steps=" in str(caught.value)
    fit = symopt.minimize(cost, b, data=data, optimizer=symopt.ProximalGradientDescent(0.5, l1=0.1), steps=3000)
    z = np.zeros(4)
    for _ in range(3000):  # the oracle: ISTA by hand, the same step and threshold
        z = z - 0.5 * design.T @ (design @ z - targets) / 300
        z = np.sign(z) * np.maximum(np.abs(z) - 0.05, 0.0)
    np.testing.assert_allclose(np.ravel(fit[b]), z, atol=1e-12)
    assert z[1] == 0.0 and z[3] == 0.0 and abs(z[0] - ols[0]) > 0.05  # shrunk, with exact zeros: not OLS


@pytest.mark.parametrize("optimizer, shown", [
    (symopt.ProximalAdagrad(0.5, l1=0.1), "ProximalAdagrad(l1=0.1)"),
    (symopt.ProximalGradientDescent(0.5, l2=0.2), "ProximalGradientDescent(l2=0.2)"),
    (symopt.Ftrl(0.5, l1=0.1, l2=0.3), "Ftrl(l1=0.1, l2=0.3)"),
    (symopt.AdamW(0.01, weight_decay=0.5), "AdamW(weight_decay=0.5)"),
    ("adamw", "AdamW(weight_decay=0.01)")])
def test_tol_beside_any_penalty_the_update_adds_is_refused(optimizer, shown):
    cost, b, data, _, _ = _lasso_problem()
    with pytest.raises(ConfigurationError, match=rf"^tol= with {shown.replace('(', '[(]').replace(')', '[)]')}: ") \
            as refused:
        symopt.minimize(cost, b, data=data, optimizer=optimizer, steps=10, tol=1e-6)
    zero = ", ".join(f"{setting.split('=')[0]}=0" for setting in shown[shown.index("(") + 1:-1].split(", "))
    assert f"(..., {zero}) keeps tol=" in str(refused.value)  # the fix (final40a F40a-9: AdamW's default decay)


@pytest.mark.parametrize("optimizer", [symopt.ProximalGradientDescent(0.5), symopt.AdamW(0.05, weight_decay=0.0),
                                       symopt.Ftrl(0.5)])
def test_without_a_penalty_tol_still_tests_the_cost(optimizer):
    cost, b, data, design, targets = _lasso_problem()
    result = symopt.minimize(cost, b, data=data, optimizer=optimizer, steps=20000, tol=1e-6)
    ols = np.linalg.lstsq(design, targets, rcond=None)[0]
    assert result.success and "converged" in result.message
    np.testing.assert_allclose(np.ravel(result[b]), ols, atol=1e-4)
