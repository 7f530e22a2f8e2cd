"""probe60 P60-2: a gradient or Hessian-vector product whose square SciPy cannot form in float64 is symopt's typed
DivergenceError, naming the quantity and the iteration, for every SciPy method; before, trust-ncg raised SciPy's bare
ValueError, Newton-CG blamed a "not positive definite" Hessian and L-BFGS-B said "ABNORMAL".  Oracle: the same
products by hand in NumPy overflow."""

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

SCIPY_METHODS = ["lbfgs", "bfgs", "newton-cg", "trust-ncg"]


@pytest.mark.parametrize("method", SCIPY_METHODS)
def test_a_gradient_whose_square_overflows_is_refused_before_scipy(method):
    w = symopt.Variable("w", 1.0)
    gradient = 2e300 * 1.0  # d(1e300 w²)/dw at w = 1, by hand
    with np.errstate(over="ignore"):
        assert np.isinf(np.float64(gradient) ** 2)  # the oracle: ‖∇J‖² overflows float64
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(sympy.Float(1e300) * w ** 2, {w: 1.0}, method=method)
    message = str(caught.value)
    assert "‖∇J‖² overflows float64 at w = 1 (iteration 0)" in message
    assert "2e+300" in message and "rescale the data or the cost" in message and "method='newton'" in message
    assert caught.value.result[w] == 1.0 and not caught.value.result.success


@pytest.mark.parametrize("method", SCIPY_METHODS)
def test_least_squares_on_data_of_scale_1e150_is_refused_with_the_overflow(method):
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    Xd = np.random.default_rng(1).normal(size=(20, 2)) * 1e150
    yd = Xd @ np.array([[2.0], [-3.0]])
    with np.errstate(over="ignore"):
        gradient = 2 / 20 * Xd.T @ (Xd @ np.zeros((2, 1)) - yd)  # by hand at the start
        assert np.all(np.isfinite(gradient)) and np.isinf(float(gradient.ravel() @ gradient.ravel()))
    with pytest.raises(DivergenceError, match=r"‖∇J‖² overflows float64 at W = \[\[0\], \[0\]\] \(iteration 0\)"):
        symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: Xd, y: yd}, method=method)


@pytest.mark.parametrize("method", ["newton-cg", "trust-ncg"])
def test_a_hessian_vector_product_that_overflows_is_refused_before_scipy(method):
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    Xd = np.random.default_rng(1).normal(size=(20, 2)) * 1e150
    yd = np.random.default_rng(2).normal(size=(20, 1))
    with np.errstate(over="ignore"):
        gradient = 2 / 20 * Xd.T @ (-yd)  # by hand: finite, and its square too
        product = 2 / 20 * Xd.T @ (Xd @ gradient)  # H g, conjugate gradients' first product: overflows
        assert np.isfinite(float(gradient.ravel() @ gradient.ravel())) and not np.all(np.isfinite(product))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DivergenceError) as caught:
            symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: Xd, y: yd}, method=method)
    message = str(caught.value)
    assert "overflows float64 at W = [[0], [0]] (iteration 0)" in message and "pᵀHp" in message
    assert np.array_equal(caught.value.result[W], np.zeros((2, 1)))


@pytest.mark.parametrize("method", SCIPY_METHODS)
def test_a_large_but_representable_gradient_still_runs(method):
    w = symopt.Variable("w", 1.0)
    result = symopt.minimize(sympy.Float(1e100) * (w - 2) ** 2, {w: 1.0}, method=method)  # ‖∇J‖² = 4e200: fine
    assert result.success and abs(result[w] - 2.0) < 1e-6  # the exact minimizer, w = 2
