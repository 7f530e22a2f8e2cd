"""(1, 1) matrices and scalar functions of matrix reductions: values and gradients against JAX-free NumPy oracles.

SymPy's own constructors once rewrote these (an elementwise ``Abs`` of a (1, 1) product became a product of
matrix ``Abs`` calls; ``Abs`` of a cross-entropy rebuilt its matrix as a scalar). The random-expression oracle
(``tests/test_oracle.py``) no longer steps around them; these are the minimal cases.
"""

import numpy as np
import sympy

import symopt
from symopt import ops


def _central(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        g[i] = (f(x + step) - f(x - step)) / (2 * h)
    return g


def test_elementwise_abs_of_a_one_by_one_product_is_an_elementwise_node():
    A = symopt.Variable("A", np.array([[1.0, -2.0]]))
    B = symopt.Variable("B", np.array([[1.0], [3.0]]))
    cost = ops.sum(ops.abs(-2 * (A @ B)))
    a, b = np.array([[1.0, -2.0]]), np.array([[1.0], [3.0]])
    value, (ga, gb) = symopt.compile(cost, [A, B])(A=a, B=b)
    assert value == 10.0
    np.testing.assert_allclose(ga, [[-2.0, -6.0]])
    np.testing.assert_allclose(gb, [[-2.0], [4.0]])


def test_elementwise_functions_of_one_by_one_matrices_match_finite_differences():
    A = symopt.Variable("A", np.array([[0.3, -0.7]]))
    B = symopt.Variable("B", np.array([[0.5], [0.2]]))
    a, b = np.array([[0.3, -0.7]]), np.array([[0.5], [0.2]])
    for op, numpy_op in ((ops.abs, np.abs), (ops.tanh, np.tanh), (ops.exp, np.exp), (ops.relu, lambda z: np.maximum(z, 0))):
        cost = ops.sum(op(3 * (A @ B) + 1 * sympy.OneMatrix(1, 1)))
        value, (ga, _) = symopt.compile(cost, [A, B])(A=a, B=b)
        reference = lambda x: float(numpy_op(3 * (x @ b) + 1).sum())  # noqa: E731
        assert np.isclose(value, reference(a))
        np.testing.assert_allclose(ga, _central(reference, a), rtol=1e-6, atol=1e-8)


def test_abs_of_a_cross_entropy_keeps_its_matrix():
    X = symopt.Placeholder("X", (None, 2))
    Y = symopt.Placeholder("Y", (None, 2))
    W = symopt.Variable("W", np.ones((2, 2)))
    cost = sympy.Abs(ops.softmax_cross_entropy(X + X @ W, Y, axis=0)) + 1
    rng = np.random.default_rng(0)
    x, y, w = rng.normal(size=(3, 2)), np.eye(2)[[0, 1, 0]], rng.normal(size=(2, 2))

    def reference(w):
        z = x + x @ w
        log_p = z - (np.log(np.exp(z - z.max(0)).sum(0)) + z.max(0))
        return abs(-(y * log_p).sum() / 2) + 1  # classes along axis 0: the 2 columns are the examples

    value, gradient = symopt.compile(cost, W)(W=w, X=x, Y=y)
    assert np.isclose(value, reference(w))
    np.testing.assert_allclose(gradient, _central(reference, w), rtol=1e-6, atol=1e-8)


def test_a_batch_size_no_input_carries_is_a_shape_error_naming_the_fix():
    import pytest

    from symopt.errors import ShapeError
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.ones((2, 1)))
    b = symopt.Variable("b", np.ones((1, 1)))
    cost = ops.sum(X @ W - X @ W + sympy.OneMatrix(X.shape[0], 1) @ b)
    with pytest.raises(ShapeError, match="no input of the program has a dimension m: the data that carried it "
                                         "cancelled out"):
        symopt.compile(cost, [b])

