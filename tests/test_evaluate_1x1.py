"""core6 task 3(b): ``evaluate`` of a cost written as a 1 x 1 matrix is a number, as ``compile`` returns its value."""

import numpy as np

import symopt


def test_a_1x1_matrix_cost_evaluates_to_the_number_compile_returns():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.5, shape=(2, 1))
    data = {X: np.arange(6.0).reshape(3, 2), y: np.ones((3, 1)), W: np.array([[1.0], [-2.0]])}
    residual = X @ W - y
    cost = residual.T @ residual
    value = symopt.evaluate(cost, data)
    expected = float(np.sum((data[X] @ data[W] - data[y]) ** 2))
    assert np.ndim(value) == 0 and value == expected
    assert value == symopt.compile(cost, W)(data)[0]
    one_example = {X: np.ones((1, 2)), W: data[W]}
    assert symopt.evaluate(X @ W, one_example).shape == (1, 1)  # predictions keep their shape, m = 1 included
