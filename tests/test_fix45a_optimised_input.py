"""final44e F44e-7: an input with a batch dimension optimised as a parameter (``wrt={X: start}``, as the
Placeholder-in-wrt advice says) runs with method='lbfgs'/'bfgs' and comes back in the start's shape; the Hessian
methods refuse it before anything runs; the advice and the missing-Variable advice keep the dict form.

Oracle: hand NumPy. With W held, mean((X W - y)²) over X is minimised by moving each row of the start along W
(its gradient's only direction): X = X0 + (y - X0 W) Wᵀ / (Wᵀ W), the projection of the start onto XW = y."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.ones((2, 1)))
XS, YS, WS = np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]]), np.array([[1.0], [2.0], [3.0]]), np.array([[1.0], [2.0]])
COST = ops.mean(ops.square(X @ W - y))
PROJECTED = XS + (YS - XS @ WS) @ WS.T / (WS.T @ WS).item()


@pytest.mark.parametrize("method", ["lbfgs", "bfgs"])
def test_f44e7_a_batch_input_is_optimised_by_a_gradient_method(method):
    result = symopt.minimize(COST, {X: XS}, data={y: YS, W: WS}, method=method)
    assert result.success and result.params[X].shape == (3, 2)
    np.testing.assert_allclose(result.params[X], PROJECTED, atol=1e-8)


def test_f44e7_bounds_and_float32_keep_the_start_shape():
    bounded = symopt.minimize(COST, {X: XS}, data={y: YS, W: WS}, method="lbfgs", bounds={X: (np.zeros((3, 2)), 5.0)})
    assert bounded.params[X].shape == (3, 2) and bounded.params[X].min() >= 0.0
    np.testing.assert_allclose(bounded.params[X] @ WS, YS, atol=1e-6)  # on the solution set X W = y
    single = symopt.minimize(COST, {X: XS}, data={y: YS, W: WS}, method="lbfgs", dtype="float32")
    assert single.params[X].dtype == np.float32 and single.params[X].shape == (3, 2)


def test_f44e7_a_first_order_tol_stop_checks_its_end_point():
    result = symopt.minimize(COST, {X: XS}, data={y: YS, W: WS}, optimizer=symopt.GradientDescent(0.1), steps=2000,
                             tol=1e-9)
    assert result.success
    np.testing.assert_allclose(result.params[X], PROJECTED, atol=1e-8)


@pytest.mark.parametrize("method", ["newton", "newton-cg", "trust-ncg"])
def test_f44e7_hessian_methods_refuse_a_batch_input_before_running(method):
    calls = []
    with pytest.raises(ConfigurationError, match=r"fixed shape; given X of shape \(None, 2\).*method='lbfgs'"):
        symopt.minimize(COST, {X: XS}, data={y: YS, W: WS}, method=method, callback=lambda *a: calls.append(a))
    assert calls == []


def test_f44e7_the_missing_variable_advice_keeps_the_start_of_an_input():
    with pytest.raises(FeedError, match=r"wrt=\{X: start, W: value\}"):
        symopt.minimize(COST, {X: XS}, data={y: YS}, method="lbfgs")
