"""probe85 P85-6: ``evaluate`` of a declared ``(1, 1)`` Variable or Placeholder keeps its declared shape (as a ``(1,)``
one does), so its value is accepted back as that symbol's value; a scalar cost and a 1 x 1 matrix expression still
evaluate to a number.  Oracle: the values given (0.3, 2.0) and hand arithmetic."""

import numpy as np
import pytest

import symopt
from symopt import ops


def test_a_one_by_one_variable_keeps_its_shape_and_is_taken_back():
    b = symopt.Variable("b", np.full((1, 1), 0.3))
    W, X = symopt.Variable("W", np.ones((2, 1))), symopt.Placeholder("X", (None, 2))
    value = symopt.evaluate(b)
    assert value.shape == (1, 1) and value[0, 0] == 0.3
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b)))
    data = np.ones((3, 2))
    assert symopt.compile(cost, [W, b])(X=data, W=np.ones((2, 1)), b=value)[0] == pytest.approx(2.3**2)
    result = symopt.minimize(cost, {W: np.ones((2, 1)), b: value}, data={X: data}, steps=1)
    assert np.shape(result[b]) == (1, 1)


def test_a_one_by_one_placeholder_keeps_its_shape():
    x = symopt.Placeholder("x", (1, 1))
    assert symopt.evaluate(x, {x: [[2.0]]}).shape == (1, 1)


def test_scalar_results_stay_numbers():
    W = symopt.Variable("W", np.ones((2, 1)))
    assert np.ndim(symopt.evaluate(W.T @ W)) == 0 and symopt.evaluate(W.T @ W) == 2.0  # 1 + 1
    assert np.ndim(symopt.evaluate(ops.sum(W))) == 0 and symopt.evaluate(ops.sum(W)) == 2.0
