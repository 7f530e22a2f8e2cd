"""``Z.applyfunc(f)`` (docs/functions.md) works at every shape and for every one-argument function (p-probe P10):
SymPy called ``f`` on a (1, 1) matrix itself, where symopt's operators refuse a matrix (``Max(b, 0.5)``,
``b*exp(b)``: raw ValueError / NotImplementedError), and refused ``symopt.leaky_relu`` (a second argument with a
default).  Values and gradients are checked against NumPy written by hand."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

CASES = {
    "max": (lambda t: sympy.Max(t, 0.5), lambda v: np.maximum(v, 0.5), lambda v: (v > 0.5).astype(float)),
    "t exp t": (lambda t: t * sympy.exp(t), lambda v: v * np.exp(v), lambda v: (1 + v) * np.exp(v)),
    "square plus one": (lambda t: t ** 2 + 1, lambda v: v ** 2 + 1, lambda v: 2 * v),
    "leaky_relu": (symopt.leaky_relu, lambda v: np.where(v > 0, v, 0.2 * v), lambda v: np.where(v > 0, 1.0, 0.2)),
}


@pytest.mark.parametrize("shape", [(1, 1), (2, 1), (2, 3)])
@pytest.mark.parametrize("name", list(CASES))
def test_applyfunc_values_and_gradients_at_every_shape(name, shape):
    function, value, derivative = CASES[name]
    start = np.linspace(-1.5, 2.0, int(np.prod(shape))).reshape(shape)
    b = symopt.Variable("b", start)
    cost = ops.sum(b.applyfunc(function))
    got_value, got_gradient = symopt.compile(cost, b)(b=start)
    assert got_value == pytest.approx(value(start).sum(), rel=1e-12)
    np.testing.assert_allclose(got_gradient, derivative(start), rtol=1e-12)


def test_applyfunc_of_a_product_with_leaky_relu_matches_numpy():
    X, W = symopt.Placeholder("X", (None, 2)), symopt.Variable("W", 0.0, shape=(2, 1))
    features, weights = np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, -1.0]]), np.array([[0.7], [0.2]])
    z = features @ weights
    value = symopt.evaluate(ops.sum((X @ W).applyfunc(symopt.leaky_relu)), {X: features, W: weights})
    assert value == pytest.approx(np.where(z > 0, z, 0.2 * z).sum(), rel=1e-12)


def test_a_function_of_two_arguments_is_refused_with_the_fix():
    b = symopt.Variable("b", 0.0, shape=(2, 1))
    with pytest.raises(UnsupportedOperationError, match=r"one argument.*lambda v: atan2\(v, c\)"):
        b.applyfunc(sympy.atan2)
