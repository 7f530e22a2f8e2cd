"""probe46 P46-3: ``evaluate`` of a list of outputs (``evaluate([cost, acc], data)``, the list ``symopt.grad(cost, [W,
b])``) was a bare ``TypeError: unhashable type: 'list'``, a dict of outputs was read as an input to feed, and
``compile`` of a tuple of costs said "no derivative rule for Tuple".  Several outputs now come back in the structure
they are given in, each as ``evaluate`` of it alone; a tuple, list or dict given as a cost is a ConfigurationError.
Oracle: hand NumPy."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

rng = np.random.default_rng(3)
X_VALUE, Y_VALUE = rng.normal(size=(5, 3)), rng.normal(size=(5, 1))
W_VALUE, B_VALUE = rng.normal(size=(3, 1)), rng.normal(size=(1, 1))


def _model():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", W_VALUE), symopt.Variable("b", B_VALUE)
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - y))
    return X, y, W, b, cost, {X: X_VALUE, y: Y_VALUE, W: W_VALUE, b: B_VALUE}


def _hand():
    residual = X_VALUE @ W_VALUE + B_VALUE - Y_VALUE
    return np.mean(residual ** 2), 2 * X_VALUE.T @ residual / 5, 2 * np.sum(residual) / 5


def test_a_list_of_outputs_is_a_list_of_values():
    X, y, W, b, cost, data = _model()
    cost_value, gradient_W, gradient_b = _hand()
    values = symopt.evaluate([cost, ops.sum(X @ W)], data)
    assert isinstance(values, list) and len(values) == 2
    assert np.isclose(values[0], cost_value, rtol=1e-14)
    assert np.isclose(values[1], np.sum(X_VALUE @ W_VALUE), rtol=1e-14)
    gradients = symopt.evaluate(symopt.grad(cost, [W, b]), data)
    assert isinstance(gradients, list)
    assert np.allclose(gradients[0], gradient_W, rtol=1e-13) and gradients[0].shape == (3, 1)
    assert np.isclose(gradients[1], gradient_b, rtol=1e-13)  # a 1 x 1 matrix is its number, as evaluate of it alone


def test_a_dict_of_outputs_is_a_dict_with_the_same_keys():
    X, y, W, b, cost, data = _model()
    cost_value, gradient_W, gradient_b = _hand()
    gradients = symopt.evaluate(symopt.grad(cost, {W: W_VALUE, b: B_VALUE}), data)
    assert list(gradients) == [W, b]
    assert np.allclose(gradients[W], gradient_W, rtol=1e-13) and np.isclose(gradients[b], gradient_b, rtol=1e-13)
    named = symopt.evaluate({"cost": cost, "nested": [cost, (W,)]}, data)
    assert np.isclose(named["cost"], cost_value, rtol=1e-14)
    assert np.isclose(named["nested"][0], cost_value, rtol=1e-14) and np.array_equal(named["nested"][1][0], W_VALUE)


def test_each_value_is_what_evaluate_of_it_alone_gives():
    v, w = symopt.Variable("v", 0.0, shape=(3,)), symopt.Variable("w", 3.0)
    feed = {v: np.arange(3.0), w: 3.0}
    values = symopt.evaluate((v, w ** 2, w), feed)
    assert isinstance(values, tuple)
    assert values[0].shape == (3,) and np.array_equal(values[0], symopt.evaluate(v, feed))
    assert values[1:] == (9.0, 3.0)
    Pair = namedtuple("Pair", "square root")
    assert symopt.evaluate(Pair(w ** 2, w), feed) == Pair(9.0, 3.0)


def test_an_empty_structure_is_refused():
    with pytest.raises(ConfigurationError, match="expected an expression, or a tuple, list or dict of expressions, "
                                                 "to evaluate; given an empty list"):
        symopt.evaluate([], {})


@pytest.mark.parametrize("make", [tuple, list, lambda items: dict(enumerate(items)), lambda items: sympy.Tuple(*items)])
@pytest.mark.parametrize("call", [lambda c, w: symopt.compile(c, w), lambda c, w: symopt.grad(c, w),
                                  lambda c, w: symopt.minimize(c, w, steps=1)])
def test_several_costs_given_as_one_are_refused(make, call):
    w = symopt.Variable("w", 1.0)
    with pytest.raises(ConfigurationError, match=r"expected one scalar cost; given a \w+ of 2 expressions\. symopt "
                                                 r"differentiates and trains one cost: write their sum .* "
                                                 r"symopt\.evaluate\(\(cost, accuracy\), data\)"):
        call(make([w ** 2, w]), w)


def test_outputs_of_mixed_dtypes_each_come_back_as_evaluated_alone():
    """final39b F39b-3: one program for all outputs summed float64 data in float32 beside a float32 input."""
    X32 = symopt.Placeholder("X32", (None, 3), dtype="float32")
    Xd, v = symopt.Placeholder("Xd", (None, 3)), symopt.Variable("v", 0.1)
    data = {X32: np.full((2, 3), 0.1), Xd: np.full((2, 3), 0.1), v: 0.1}
    outputs = [symopt.ops.sum(X32), symopt.ops.sum(Xd), v * 3 + sympy.Rational(1, 3)]
    for together, alone in zip(symopt.evaluate(outputs, data), (symopt.evaluate(o, data) for o in outputs)):
        assert type(together) is type(alone) and together == alone
