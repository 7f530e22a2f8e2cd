"""symopt.hessian / hvp / jacobian against sympy.diff and finite differences of the compiled gradient."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, UnsupportedOperationError
from symopt.hessian import HessianVectorProduct, evaluate_hessian

a, b, c = sympy.symbols("a b c", real=True)
rng = np.random.default_rng(7)
X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
w = symopt.Variable("w", np.zeros((3, 1)))
X_DATA = rng.normal(size=(20, 3))
Y_DATA = (rng.random((20, 1)) > 0.5).astype(float)
W_POINT = rng.normal(size=(3, 1))


def _finite_difference_hessian(cost, wrt, point: dict, data: dict, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the compiled gradient, one column per parameter entry."""
    f = symopt.compile(cost, wrt)
    x0 = np.concatenate([np.ravel(point[p]) for p in wrt])
    sizes = [np.size(point[p]) for p in wrt]

    def gradient(x):
        pieces = np.split(x, np.cumsum(sizes)[:-1])
        values = {p: (piece.reshape(np.shape(point[p])) if np.ndim(point[p]) else float(piece[0]))
                  for p, piece in zip(wrt, pieces)}
        _, g = f({**values, **data})
        return np.concatenate([np.ravel(gi) for gi in g])
    columns = []
    for k in range(x0.size):
        e = np.zeros_like(x0)
        e[k] = eps
        columns.append((gradient(x0 + e) - gradient(x0 - e)) / (2 * eps))
    return np.column_stack(columns)


def test_scalar_hessian_is_sympy_diff_and_symmetric():
    cost = a ** 2 * b + sympy.exp(a * b) + sympy.sin(c) * a
    H = symopt.hessian(cost, [a, b, c])
    assert isinstance(H, sympy.ImmutableMatrix) and H.shape == (3, 3)
    for i, p in enumerate([a, b, c]):
        for j, q in enumerate([a, b, c]):
            assert sympy.simplify(H[i, j] - sympy.diff(cost, p, q)) == 0
    point = {a: 0.3, b: -0.7, c: 1.1}
    assert np.allclose(evaluate_hessian(cost, [a, b, c], point), _finite_difference_hessian(cost, [a, b, c], point, {}),
                       atol=1e-6)


def test_least_squares_hessian_is_a_matrix_expression():
    cost = ops.sum(ops.square(X * w - y))
    H = symopt.hessian(cost, w)
    assert isinstance(H, sympy.MatrixExpr) and str(H) == "2*X.T*X"
    assert np.allclose(symopt.evaluate(H, {X: X_DATA}), 2 * X_DATA.T @ X_DATA)


def test_logistic_hessian_is_a_compiled_hessian_vector_product():
    cost = ops.sigmoid_cross_entropy(X * w, y) + 0.5 * ops.sum(ops.square(w))
    H = symopt.hessian(cost, w)
    assert isinstance(H, HessianVectorProduct)
    assert "def hvp(" in H.source
    values = {X: X_DATA, y: Y_DATA, w: W_POINT}
    p = 1 / (1 + np.exp(-X_DATA @ W_POINT))
    exact = X_DATA.T @ (X_DATA * (p * (1 - p))) / len(X_DATA) + np.eye(3)
    v = rng.normal(size=(3, 1))
    assert np.allclose(H(v, values), exact @ v, rtol=1e-12)
    assert np.allclose(evaluate_hessian(cost, [w], values), exact, rtol=1e-12)
    assert np.allclose(evaluate_hessian(cost, [w], values),
                       _finite_difference_hessian(cost, [w], {w: W_POINT}, {X: X_DATA, y: Y_DATA}), atol=1e-6)


def test_hvp_of_several_parameters_matches_finite_differences():
    b0 = symopt.Variable("b0", 0.0)
    cost = ops.sigmoid_cross_entropy(X * w + b0 * sympy.OneMatrix(X.shape[0], 1), y)
    product = symopt.hvp(cost, [w, b0])
    point = {w: W_POINT, b0: 0.4}
    full = _finite_difference_hessian(cost, [w, b0], point, {X: X_DATA, y: Y_DATA})
    v = (rng.normal(size=(3, 1)), 0.7)
    hv_w, hv_b = product(v, {**point, X: X_DATA, y: Y_DATA})
    expected = full @ np.concatenate([np.ravel(v[0]), [v[1]]])
    assert np.allclose(np.concatenate([np.ravel(hv_w), [hv_b]]), expected, atol=1e-6)


def test_jacobian():
    J = symopt.jacobian([a * b, a + b ** 2, sympy.exp(a)], [a, b])
    assert J == sympy.ImmutableMatrix([[b, a], [1, 2 * b], [sympy.exp(a), 0]])
    A = sympy.MatrixSymbol("A", 4, 3)
    assert symopt.jacobian(A * w, w) == A
    assert symopt.jacobian(A * w + 3 * A * w, w).doit() == 4 * A
    with pytest.raises(UnsupportedOperationError, match="list of scalar expressions"):
        symopt.jacobian(ops.sigmoid(A * w), w)
    with pytest.raises(ShapeError, match="scalar cost"):
        symopt.hessian(X * w, w)
