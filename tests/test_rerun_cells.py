"""A notebook cell re-run after the cost was built makes a new symbol with the old name (f-probe F1): fed to
``evaluate`` or used to index a result, it is refused with a message that says so, never dropped in silence
(the old Variable's initial value would be used)."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError, FeedError


def test_evaluate_refuses_a_recreated_variable():
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    fresh = symopt.Variable("w", 0.0)
    with pytest.raises(FeedError, match="is another symbol than the expression's w"):
        symopt.evaluate(cost, {fresh: 1.0})  # was 25.0 (the old w's 0.0); hand: 16.0 with the right w
    assert symopt.evaluate(cost, {w: 1.0}) == 16.0
    assert symopt.evaluate(cost, {"w": 1.0}) == 16.0


def test_evaluate_refuses_a_recreated_matrix_variable():
    X, W = symopt.Placeholder("X", (None, 2)), symopt.Variable("W", 0.0, shape=(2, 1))
    J = symopt.ops.mean(symopt.ops.square(X @ W))
    W2 = symopt.Variable("W", 1.0, shape=(2, 1))
    with pytest.raises(FeedError, match="two symbols share the name 'W'"):
        symopt.evaluate(J, {X: np.ones((4, 2)), W2: np.ones((2, 1))})  # was 0.0; hand: 4.0
    assert symopt.evaluate(J, {X: np.ones((4, 2)), W: np.ones((2, 1))}) == 4.0


def test_the_training_dict_still_serves_evaluate():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", ())
    unused = symopt.Placeholder("u", ())
    result = symopt.minimize((w - x) ** 2, w, data={x: 3.0}, optimizer=symopt.GradientDescent(0.5), steps=1)
    assert symopt.evaluate((w - x) ** 2, {x: 3.0, unused: 1.0, **result.params}) == 0.0


def test_result_index_by_a_recreated_variable_says_so():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, steps=3)
    fresh = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match="is another symbol than the expression's w"):
        result[fresh]
    assert result["w"] == result[w]
