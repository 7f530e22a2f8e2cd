"""A slice's adjoint R^T V C^T is written into zeros (``place``) also where two gradients share it (a bias-add
then a column slice): the identity block used to become a temporary, ``numpy.eye(3, 2).T``, of O(k·n) memory."""

import numpy as np

import symopt
from symopt import ops


def test_a_shared_slice_adjoint_is_placed_not_multiplied():
    X = symopt.Placeholder("X_place", (None, 4))
    y = symopt.Placeholder("y_place", (None, 2))
    W = symopt.Variable("W_place", 0.0, shape=(4, 3))
    b = symopt.Variable("b_place", 0.0, shape=(1, 3))
    f = symopt.compile(ops.mean(ops.square(ops.bias_add(X @ W, b)[:, :2] - y)), [W, b])
    assert "eye(" not in f.source and f.source.count("place(") == 2
    rng = np.random.default_rng(0)
    data, targets = rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    weights, bias = rng.normal(size=(4, 3)), rng.normal(size=(1, 3))
    value, (dW, db) = f({W: weights, b: bias, X: data, y: targets})
    residual = (data @ weights + bias)[:, :2] - targets
    assert np.isclose(value, (residual ** 2).sum() / 10)
    np.testing.assert_allclose(dW, np.c_[data.T @ residual / 5, np.zeros(4)])
    np.testing.assert_allclose(db, np.c_[residual.sum(axis=0, keepdims=True) / 5, np.zeros((1, 1))])
