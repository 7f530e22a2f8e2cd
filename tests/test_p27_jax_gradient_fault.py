"""probe27 P27-6: on the JAX backend a gradient that is not finite where the cost is (``sqrt`` at 0) was blamed on
the learning rate ("Try a smaller learning rate than 0.01"), while the NumPy backend says "the learning rate is not
the cause".  Now the JAX backend gives the NumPy backend's diagnosis (computed by the NumPy step at the point of the
lowest cost), full-batch and mini-batch alike.  Oracle: the NumPy backend's message on the same run, and sympy's
derivative at the point (``zoo``); a cost that grows without bound still gets the learning-rate advice."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

pytest.importorskip("jax")


def _message(cost, wrt, **options):
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, wrt, **options)
    return str(caught.value)


def test_sqrt_at_zero_on_jax_says_the_gradient_not_the_learning_rate():
    w = symopt.Variable("w_p27_jax", 0.0)
    cost = sympy.sqrt(w) + (w - 3) ** 2
    assert sympy.diff(cost, w).subs(w, 0) == sympy.zoo and cost.subs(w, 0) == 9
    on_jax = _message(cost, w, steps=5, backend="jax")
    on_numpy = _message(cost, w, steps=5)
    assert "smaller learning rate" not in on_jax
    assert on_jax == on_numpy.replace("at step 1:", "at step 1 on the JAX backend:")
    assert "the gradient is not finite at w_p27_jax = 0, where the cost is 9" in on_jax


@pytest.mark.parametrize("options", [{"steps": 5}, {"epochs": 2, "batch_size": 2, "shuffle": False}])
def test_a_norm_penalty_at_zero_on_jax_matches_numpy(options):
    W = symopt.Variable("W_p27_jax", np.zeros((2, 1)))
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    cost = ops.sum(ops.square(X @ W - y)) + sympy.sqrt(ops.sum(ops.square(W)))
    data = {X: np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), y: np.array([[1.0], [2.0], [3.0]])}
    on_jax = _message(cost, W, data=data, backend="jax", **options)
    on_numpy = _message(cost, W, data=data, **options)
    assert on_jax == on_numpy.replace("at step 1:", "at step 1 on the JAX backend:")
    assert "The learning rate is not the cause" in on_jax and "dJ/dW_p27_jax" in on_jax
    rows = slice(2, 3) if "batch_size" in options else slice(None)  # the batch of step 1 in order (row 2), or all
    assert f"where the cost is {float(np.sum(data[y][rows] ** 2)):g} (" in on_jax  # the cost at W = 0 by hand


def test_a_growing_cost_on_jax_still_gets_the_learning_rate_advice():
    w = symopt.Variable("w_p27_grow", 1.0)
    message = _message(w ** 4, w, steps=50, optimizer=symopt.GradientDescent(10.0), backend="jax")
    assert "smaller learning rate than 10.0" in message and "gradient is not finite" not in message
