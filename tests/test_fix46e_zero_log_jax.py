"""P78-5 on the JAX backend: the same 0*log(0) diagnosis as on NumPy, and a too-large rate keeps its advice
(final45f 45f-1).  Oracle: hand NumPy, as in tests/test_fix46e_zero_log.py."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

pytest.importorskip("jax")


def _course_loss(x, y):
    X, Y = symopt.Placeholder("X", x.shape), symopt.Placeholder("y", y.shape)
    W = symopt.Variable("W", 0.0, shape=(x.shape[1], 1))
    ones, a = sympy.OneMatrix(x.shape[0], 1), ops.sigmoid(X @ W)
    return ops.mean(-(ops.hadamard(Y, ops.log(a)) + ops.hadamard(ones - Y, ops.log(ones - a)))), W, {X: x, Y: y}


def test_zero_times_log_zero_after_a_descent_on_the_jax_backend():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] + x[:, 1:] > 0).astype(float)  # separable: the logits grow at every rate
    cost, W, data = _course_loss(x, y)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(5.0), steps=3000, dtype="float32",
                        backend="jax")
    w = np.asarray(caught.value.result[W], dtype=float)
    z = x @ w  # oracle: the stable cost at the best point is small and finite (hand NumPy)
    assert np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) < 0.1
    message = str(caught.value)
    assert "on the JAX backend" in message and "log of 0" in message and "at its entry (23, 0)" in message
    assert "Try a smaller learning rate than 5.0" in message and "not the cause" not in message  # final46e 46e-2


def test_a_too_large_rate_on_the_jax_backend_keeps_the_learning_rate_advice():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 2))
    y = ((x[:, :1] + x[:, 1:] + rng.normal(scale=1.5, size=(40, 1))) > 0).astype(float)
    cost, W, data = _course_loss(x, y)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(1e4), steps=300, backend="jax")
    assert "Try a smaller learning rate than 10000.0" in str(caught.value) and "log of 0" not in str(caught.value)


def test_a_batch_of_every_example_is_a_full_batch_run_on_the_jax_backend():
    """final46e 46e-8: batch_size=40 of 40 rows is the full-batch run (the same NaN at step 40)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] + x[:, 1:] > 0).astype(float)
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    ones, a = sympy.OneMatrix(Y.shape[0], 1), ops.sigmoid(X @ W)
    cost = ops.mean(-(ops.hadamard(Y, ops.log(a)) + ops.hadamard(ones - Y, ops.log(ones - a))))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data={X: x, Y: y}, optimizer=symopt.GradientDescent(5.0), batch_size=40,
                        epochs=3000, dtype="float32", backend="jax")
    assert "log of 0" in str(caught.value) and "Try a smaller learning rate than 5.0" in str(caught.value)
