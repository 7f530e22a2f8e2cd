"""probe78 P78-2, P78-6: divergences the learning rate does not cause say what does, instead of advising a
smaller rate (or two contradictory causes). P78-5's 0·log(0) diagnosis was withdrawn (final45f 45f-1/2/3/5).

Oracles: NumPy float32/float64 arithmetic by hand (the gradient's square, float32's range),
``math.exp`` for the float64 cost, and TF 2.21 (``tf.compat.v1`` AdamOptimizer / RMSPropOptimizer on the same
cost give w = nan too: probe78 p10b.py), so the NaN itself is TF1's; only its explanation is checked here."""

import math

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError


@pytest.mark.parametrize("optimizer", [symopt.Adam(1e-6), symopt.RMSProp(1e-9)])
def test_an_overflowing_squared_gradient_is_named_not_the_learning_rate(optimizer):
    gradient = np.float32(1e20)  # d/dw of 1e20*|w - 3| at w = 0 is -1e20, finite in float32 ...
    with np.errstate(over="ignore"):
        assert np.isfinite(gradient) and gradient * gradient == np.inf  # ... and its square is not (max 3.4e38)
    w = symopt.Variable("w", 0.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(1e20 * sympy.Abs(w - 3), w, optimizer=optimizer, steps=100, dtype="float32")
    message = str(caught.value)
    assert "the gradient's square overflows float32: at w = 0 |dJ/dw| = 1e+20" in message
    assert "the learning rate is not the cause" in message and "smaller learning rate" not in message
    assert "clip_norm=" in message and 'dtype="float64"' in message
    assert caught.value.result[w] == 0.0


def test_an_overflowing_squared_gradient_in_float64_is_named_without_advising_float64():
    assert math.isinf(1e200 * 1e200) and math.isfinite(1e200)  # float64: |g| = 1e200 is finite, g*g is not
    w = symopt.Variable("w", 0.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(1e200 * sympy.Abs(w - 3), w, optimizer=symopt.RMSProp(1e-6), steps=100)
    message = str(caught.value)
    assert "the gradient's square overflows float64: at w = 0 |dJ/dw| = 1e+200" in message
    assert "RMSProp's slot ms" in message and "float64\")" not in message


def test_a_cost_past_float32s_range_at_the_start_names_float32():
    w = symopt.Variable("w", 0.0)
    with np.errstate(over="ignore"):
        assert np.exp(np.float32(95.0)) == np.inf  # float32 overflows ...
    expected = math.exp(95.0) - 100 * 95.0  # ... float64 does not: 1.81124e+41
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(sympy.exp(w) - 100 * w, {w: 95.0}, optimizer=symopt.GradientDescent(1e-3), steps=10,
                        dtype="float32")
    message = str(caught.value)
    assert f"the cost is inf in float32 at the starting point w = 95, where float64 computes {expected:.6g}" in message
    assert "largest number 3.4e+38" in message and 'dtype="float64"' in message
    assert "check the cost and the data" not in message


def test_data_past_float32s_range_gives_one_cause_not_the_step_size_too():
    x_data, y_data = np.array([[3e19], [1e19]]), np.array([[1e19], [2e19]])
    float64_cost = float(np.mean(y_data ** 2))  # at W = 0: (1e38 + 4e38)/2 = 2.5e38 < 3.4e38
    with np.errstate(over="ignore"):
        assert np.isinf(np.float32(2e19) ** 2)  # float32's square of y overflows
    X, y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(1, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: x_data, y: y_data},
                        optimizer=symopt.GradientDescent(1e-30), steps=5, dtype="float32")
    message = str(caught.value)
    assert f"where float64 computes {float64_cost:.6g}" in message
    assert "times that" not in message and "stable only for a learning rate" not in message


def test_a_cost_infinite_at_the_start_in_float64_quotes_no_stable_step_size():
    w = symopt.Variable("w", 0.0)
    assert math.isinf(1e300 * 1e10 ** 2)  # the oracle: the cost overflows float64 at the start
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(1e300 * w ** 2, {w: 1e10}, optimizer=symopt.GradientDescent(1.0), steps=10)
    assert "the learning rate is not the cause" in str(caught.value)
    assert "stable only for a learning rate" not in str(caught.value)


@pytest.mark.parametrize("backend_cost", ["square", "start"])
def test_the_jax_backend_names_the_same_causes(backend_cost):
    pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0)
    if backend_cost == "square":  # the float32 oracle of the first test: |g| = 1e20, g*g = inf
        run = dict(cost=1e20 * sympy.Abs(w - 3), initial=w, optimizer=symopt.Adam(1e-6))
        expected = "the gradient's square overflows float32"
    else:  # exp(95) = 1.8e41: inf in float32, finite in float64
        run = dict(cost=sympy.exp(w) - 100 * w, initial={w: 95.0}, optimizer=symopt.GradientDescent(1e-3))
        expected = f"where float64 computes {math.exp(95.0) - 9500:.6g}"
    with pytest.raises(DivergenceError, match="on the JAX backend") as caught:
        symopt.minimize(run["cost"], run["initial"], optimizer=run["optimizer"], steps=20, dtype="float32",
                        backend="jax")
    assert expected in str(caught.value) and "smaller learning rate" not in str(caught.value)
