"""final45f 45f-1..45f-10: a divergence's message names only a cause that happened; where it cannot tell, it says
what main said (the generic divergence advice, DivergenceError for a run that diverged).

Oracles: hand NumPy gradient descent on the stable logistic loss (``np.logaddexp``), NumPy float32/float64
arithmetic by hand, mpmath for the correctly rounded ``2/e^800``."""

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError
from symopt.nodes import elementwise
from symopt.second_order import stable_step_size


def non_separable_data():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 2))
    y = ((x[:, :1] + x[:, 1:] + rng.normal(scale=1.5, size=(40, 1))) > 0).astype(float)
    return x, y


def hand_descent(x, y, lr, steps):
    """Costs of hand gradient descent on the stable logistic loss (float64)."""
    w, costs = np.zeros((2, 1)), []
    for _ in range(steps):
        z = x @ w
        costs.append(float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))))
        with np.errstate(over="ignore"):
            w = w - lr * x.T @ (1 / (1 + np.exp(-z)) - y) / len(x)
    return costs


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_too_large_rate_on_non_separable_logistic_data_is_told_to_lower_it(dtype):
    x_data, y_data = non_separable_data()
    calm, wild = hand_descent(x_data, y_data, 1.0, 300), hand_descent(x_data, y_data, 1e4, 300)
    assert all(b <= a + 1e-12 for a, b in zip(calm, calm[1:])) and calm[-1] < 0.6  # lr 1 trains: the rate is the cause
    assert wild[1] > 100 * wild[0]  # lr 1e4 throws the logits far in one step
    X, y = symopt.Placeholder("X", (40, 2)), symopt.Placeholder("y", (40, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    ones, a = sympy.OneMatrix(40, 1), ops.sigmoid(X @ W)
    cost = ops.mean(-(ops.hadamard(y, ops.log(a)) + ops.hadamard(ones - y, ops.log(ones - a))))
    with pytest.raises(DivergenceError) as caught:  # what a learning-rate sweep catches
        symopt.minimize(cost, W, data={X: x_data, y: y_data}, optimizer=symopt.GradientDescent(1e4), steps=300,
                        dtype=dtype)
    message = str(caught.value)
    assert "smaller learning rate" in message
    assert "separable" not in message and "the learning rate is not the cause" not in message


def test_a_guarded_x_log_x_is_not_blamed_for_a_nan_elsewhere():
    with np.errstate(all="ignore"):  # the oracle: the NaN is 0 * exp(800) = 0 * inf; the Piecewise term is 0
        assert np.isnan(0.0 * np.exp(800.0))
        assert np.where(np.zeros(2) > 0, 0 * np.log(np.zeros(2)), 0).tolist() == [0.0, 0.0]
    U, V, W = (symopt.Variable(n, 0.0, shape=(2, 1)) for n in "UVW")
    t = sympy.Symbol("t")
    xlogx = sympy.Lambda(t, sympy.Piecewise((t * sympy.log(t), t > 0), (0, True)))
    cost = ops.sum(ops.hadamard(U, ops.exp(W))) + ops.sum(elementwise(xlogx, V)) + ops.sum(ops.square(W))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, {U: np.zeros((2, 1)), V: np.zeros((2, 1)), W: np.full((2, 1), 800.0)},
                        optimizer=symopt.GradientDescent(1e-3), steps=5)
    assert "Piecewise" not in str(caught.value) and "log of 0" not in str(caught.value)


def test_a_float32_underflow_at_the_start_is_not_called_an_overflow():
    w32 = np.float32(110)
    with np.errstate(all="ignore"):  # the oracle: exp(-110) rounds to 0 in float32, then log(0) = -inf
        assert np.exp(-w32) == 0 and np.isinf(-np.log(np.exp(-w32) + np.exp(-2 * w32)))
    assert np.isfinite(-np.log(np.exp(-110.0) + np.exp(-220.0)))
    w = symopt.Variable("w", 0.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(-sympy.log(sympy.exp(-w) + sympy.exp(-2 * w)), {w: 110.0},
                        optimizer=symopt.GradientDescent(1e-3), steps=3, dtype="float32")
    message = str(caught.value)
    assert "which rounds to 0" in message and 'dtype="float64"' in message
    assert "stay below" not in message


def test_a_float32_gradient_past_float32s_range_is_not_called_its_squares_overflow():
    pytest.importorskip("jax")
    with np.errstate(over="ignore"):  # the oracle: the cost 2*2e38*0.1 = 4e37 is finite, the gradient 4e38 is not
        assert 2 * 2e38 * 0.1 < np.finfo(np.float32).max
        assert np.isinf(np.float32(2) * np.float32(2e38))
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", ())
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(2 * x * sympy.Abs(w - 3), {w: 2.9}, data={x: 2e38}, optimizer=symopt.Adam(1e-3), steps=50,
                        dtype="float32", backend="jax")
    assert "square overflows" not in str(caught.value)


def test_stable_step_size_of_an_overflowing_hessian_is_the_rounded_zero():
    assert float(2 / mpmath.exp(800)) == 0.0  # the oracle: 2/e^800 = 7e-348 rounds to 0 in float64
    w = symopt.Variable("w", 1.0)
    with np.errstate(over="ignore"):
        assert stable_step_size(sympy.exp(w), [w], {w: 800.0}) == 0.0
