"""probe60 P60-3: a cost that underflows to (nearly) 0 everywhere is no verified minimum, while a cost that is exactly 0
at a true minimum still is.  Oracle: numpy.linalg.lstsq on the same data (the exact fit [2, -3])."""

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

METHODS = ["newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"]


def least_squares(scale):
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    rng = np.random.default_rng(1)
    Xd = rng.normal(size=(20, 2)) * scale
    yd = Xd @ np.array([[2.0], [-3.0]])
    return ops.mean(ops.square(X @ W - y)), W, {X: Xd, y: yd}, Xd, yd


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("scale", [1e-165, 1e-160])
def test_a_cost_below_float64s_range_is_no_success(method, scale):
    cost, W, data, Xd, yd = least_squares(scale)
    exact = np.linalg.lstsq(Xd, yd, rcond=None)[0].ravel()
    assert np.allclose(exact, [2.0, -3.0])  # the oracle: an exact fit exists
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(cost, W, data=data, method=method)
    assert np.abs(result[W].ravel() - exact).max() > 1  # the start, W = 0: no minimum
    assert not result.success
    assert "underflowed" in result.message and "smallest normal number" in result.message
    assert "Rescale the data" in result.message


@pytest.mark.parametrize("method", ["newton", "lbfgs"])
def test_the_advice_works_rescaled_data_give_the_fit(method):
    cost, W, data, Xd, yd = least_squares(1e-165)
    factor = np.max(np.abs(Xd))  # one factor for X and y: the weights are unchanged
    result = symopt.minimize(cost, W, data={symbol: value / factor for symbol, value in data.items()}, method=method)
    assert result.success
    assert np.allclose(result[W].ravel(), np.linalg.lstsq(Xd, yd, rcond=None)[0].ravel(), atol=1e-4)


@pytest.mark.parametrize("method", METHODS)
def test_a_genuine_zero_cost_minimum_is_still_a_success(method):
    w = symopt.Variable("w", 5.0)
    result = symopt.minimize((w - 5) ** 2, {w: 5.0}, method=method)  # exactly 0 at its minimum: no underflow
    assert result.success and result[w] == 5.0 and result.value == 0.0
    v = symopt.Variable("v", 0.0)
    result = symopt.minimize(v ** 4, {v: 0.0}, method=method)  # flat (H = 0) but exact
    assert result.success and result[v] == 0.0


@pytest.mark.parametrize("method", METHODS)
def test_a_perfect_fit_started_at_the_fit_is_still_a_success(method):
    cost, W, data, Xd, yd = least_squares(1.0)
    exact = np.linalg.lstsq(Xd, yd, rcond=None)[0]
    result = symopt.minimize(cost, {W: np.array([[2.0], [-3.0]])}, data=data, method=method)
    assert result.success
    assert np.allclose(result[W], exact, atol=1e-12)


def test_a_first_order_run_stopped_by_tol_on_an_underflowed_cost_is_no_success():
    cost, W, data, Xd, yd = least_squares(1e-165)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(cost, W, data=data, optimizer=symopt.Adam(0.1), steps=10, tol=1e-10)
    assert result.steps == 0 and np.abs(result[W].ravel() - [2.0, -3.0]).max() > 1  # lstsq's fit is [2, -3]
    assert not result.success and "underflowed" in result.message and "Rescale the data" in result.message


def test_a_first_order_run_stopped_by_tol_at_an_exact_zero_keeps_its_success():
    w = symopt.Variable("w", 5.0)
    result = symopt.minimize((w - 5) ** 2, w, optimizer=symopt.Adam(0.1), steps=10, tol=1e-10)
    assert result.steps == 0 and result.success and result.value == 0.0
