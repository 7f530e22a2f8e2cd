"""``evaluate`` gives a rank-1 Variable or Placeholder back in its declared shape (probe16 Z8, addendum): it came back
as the (n, 1) column symopt computes in, so ``result == target`` with a (n,) target broadcast to (n, n)."""

import numpy as np

import symopt


def test_a_rank_one_symbol_is_evaluated_in_its_declared_shape():
    th = symopt.Variable("th", np.zeros(3))
    y = symopt.Placeholder("y", (None,))
    got = symopt.evaluate(th, {th: np.array([1.0, 2.0, 3.0])})
    assert got.shape == (3,) and np.array_equal(got, [1.0, 2.0, 3.0])
    assert symopt.evaluate(th).shape == (3,)  # the initial value
    labels = np.array([0.0, 1.0, 1.0, 0.0])
    assert symopt.evaluate(y, {y: labels}).shape == (4,)
    assert np.array_equal(symopt.evaluate(y, {y: labels}) == labels, [True] * 4)


def test_an_expression_of_a_rank_one_symbol_stays_a_column_as_documented():
    th, X = symopt.Variable("th", np.zeros(3)), symopt.Placeholder("X", (None, 3))
    got = symopt.evaluate(X @ th, {X: np.eye(3), th: np.array([1.0, 2.0, 3.0])})
    assert got.shape == (3, 1) and np.array_equal(got.ravel(), [1.0, 2.0, 3.0])
