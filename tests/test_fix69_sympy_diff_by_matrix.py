"""P69-6: ``sympy.diff(J, W)`` of a scalar cost by a symopt matrix Variable was a silent ZeroMatrix (SymPy's matrix
calculus drops entries and reductions), which ``symopt.evaluate`` turned into zeros.  It is refused now, naming
``symopt.grad``; SymPy's matrix derivative of a matrix expression is left as it was.

Oracles: the NumPy gradient 2 Xᵀ(XW − y)/m of the mean squared error (hand NumPy) for what the advice gives, and the
textbook d(XW)/dW rule for the matrix case."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((3, 1)))

COSTS = {
    "mean squared error": ops.mean(ops.square(X @ W - y)),
    "l2 penalty": ops.l2_penalty(W),
    "sigmoid cross-entropy": ops.sigmoid_cross_entropy(X @ W, y),
    "entry of a product": ((X @ W - y).T @ (X @ W - y))[0, 0],
    "twice a sum": 2 * ops.sum(ops.square(W)),
}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_sympy_diff_of_a_scalar_by_a_matrix_variable_is_refused_naming_grad(name):
    with pytest.raises(UnsupportedOperationError, match=r"symopt\.grad\(cost, W\)"):
        sympy.diff(COSTS[name], W)
    with pytest.raises(UnsupportedOperationError, match="by the matrix W"):
        COSTS[name].diff(W)


def test_the_advised_gradient_is_the_numpy_one():
    rng = np.random.default_rng(0)
    Xs, ys, Ws = rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), rng.normal(size=(3, 1))
    gradient = symopt.evaluate(symopt.grad(COSTS["mean squared error"], W), {X: Xs, y: ys, W: Ws})
    np.testing.assert_allclose(np.asarray(gradient, dtype=float), 2 * Xs.T @ (Xs @ Ws - ys) / 5, rtol=1e-12)


def test_matrix_derivatives_and_unrelated_scalars_keep_sympys_answer():
    assert sympy.diff(X @ W, W) == X.T  # d(XW)/dW contracted as SymPy writes it
    w = symopt.Variable("w", 1.0)
    assert sympy.diff(w ** 2, W) == sympy.ZeroMatrix(3, 1)  # a scalar that does not read W
