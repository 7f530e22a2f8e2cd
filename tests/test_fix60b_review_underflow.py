"""final42b F42b-1, F42b-2, F42b-12: the underflow verdict needs the cost's scale itself below the run dtype's range
(there and one reach away), not any harmless underflow, and reads values, not NumPy's flags.  Oracles:
numpy.linalg.lstsq (the exact fit), the float types' limits from numpy.finfo, math.exp."""

import math
import warnings

import numpy as np
import pytest

import symopt
from symopt import ops


def weighted_fit():
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    t = symopt.Placeholder("t", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    Xd = np.random.default_rng(0).normal(size=(20, 2))
    yd = Xd @ np.array([[2.0], [-3.0]])
    cost = ops.mean(ops.hadamard(ops.square(X @ W - y), ops.sigmoid(t)))  # sigmoid(800) = 1: exp(-800) underflows
    return cost, W, {X: Xd, y: yd, t: np.full((20, 1), 800.0)}, np.linalg.lstsq(Xd, yd, rcond=None)[0]


@pytest.mark.parametrize("method", ["newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"])
def test_an_exact_fit_with_a_harmless_underflow_keeps_its_success(method):
    cost, W, data, fit = weighted_fit()
    assert np.allclose(fit.ravel(), [2.0, -3.0])  # the oracle: the start is the exact fit
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(cost, {W: np.array([[2.0], [-3.0]])}, data=data, method=method)
    assert result.success, result.message
    assert np.allclose(result[W].ravel(), fit.ravel())


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(0.1), symopt.Adam(0.01)])
def test_a_first_order_run_at_an_exact_fit_with_a_harmless_underflow_keeps_its_success(optimizer):
    cost, W, data, fit = weighted_fit()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(cost, {W: np.array([[2.0], [-3.0]])}, data=data, optimizer=optimizer, tol=1e-8,
                                 steps=20)
    assert result.success, result.message


def test_a_scalar_cost_that_underflows_in_math_exp_is_no_success():
    assert 0 < 4 * math.exp(-740.0) < np.finfo(float).tiny  # the oracle: a subnormal cost, math.exp silent
    a = symopt.Placeholder("a")
    w = symopt.Variable("w", 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(symopt.ops.exp(-740 * a) * (w - 2) ** 2, {w: 0.0}, data={a: 1.0}, method="newton")
    assert float(result[w]) == 0.0  # not the minimum, 2
    assert not result.success and "smallest normal number" in result.message


def test_a_float32_run_on_data_below_float32s_range_is_no_success():
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1), dtype="float32")
    Xd = np.random.default_rng(1).normal(size=(20, 2)) * 1e-20
    yd = Xd @ np.array([[2.0], [-3.0]])
    fit = np.linalg.lstsq(Xd / 1e-20, yd / 1e-20, rcond=None)[0].ravel()
    assert np.allclose(fit, [2.0, -3.0]) and np.mean(yd ** 2) < np.finfo(np.float32).tiny  # the oracle
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: Xd, y: yd}, optimizer=symopt.Adam(0.1),
                                 tol=1e-10, steps=100)
    assert not result.success and "float32's smallest normal number" in result.message


def test_a_zero_initialized_network_at_an_exact_fit_keeps_its_success():
    X = symopt.Placeholder("X", shape=(None, 4))
    y = symopt.Placeholder("y", shape=(None, 1))
    W1 = symopt.Variable("W1", 0.0, shape=(4, 8))
    W2 = symopt.Variable("W2", 0.0, shape=(8, 1))
    Xd = np.random.default_rng(0).normal(size=(50, 4))
    assert np.mean((np.tanh(Xd @ np.zeros((4, 8))) @ np.zeros((8, 1))) ** 2) == 0.0  # the oracle: a zero cost, >= 0
    cost = ops.mean(ops.square(ops.tanh(X @ W1) @ W2 - y))
    result = symopt.minimize(cost, {W1: np.zeros((4, 8)), W2: np.zeros((8, 1))}, data={X: Xd, y: np.zeros((50, 1))},
                             optimizer=symopt.Adam(0.01), steps=10, tol=1e-8)
    assert result.success, result.message
