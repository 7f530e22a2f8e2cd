"""derive on costs that read single entries ``W[i, j]`` of a matrix parameter (an independent probe's K15: the display
said dJ/dW = 0, or left the entries' terms out, while grad and compile were right).  The gradient shown is the
matrix of the entries' adjoints (plus what steps reading W whole pass to it), checked against symopt.grad and
against NumPy numbers written here by hand."""

import numpy as np
import sympy as sp

import symopt
from symopt import ops
from symopt.display import derive
from symopt.nodes import ElementSum


def _same(shown, expected):
    explicit = [sp.Matrix(sp.sympify(m).as_explicit()).doit() for m in (shown, expected)]
    return (explicit[0] - explicit[1]).applyfunc(lambda entry: sp.simplify(sp.expand(entry))) == sp.zeros(
        *explicit[0].shape)


def test_entries_of_a_column_give_the_matrix_of_their_adjoints():
    V = symopt.Variable("V", 1.0, shape=(2, 1))
    cost = V[0, 0] ** 2 + 3 * V[1, 0]
    derivation = derive(cost, V, at={V: np.array([[1.0], [2.0]])})
    assert str(derivation).splitlines()[-5:] == [
        "  dJ/dV[0,0] = dJ/du · du/dV[0,0] = 2·V[0,0] = 2",
        "  dJ/dV[1,0] = 3",
        "  dJ/dV = [[2·V[0,0]], [3]] = [[2], [3]]",
        "gradient",
        "  dJ/dV = [[2·V[0,0]], [3]] = [[2], [3]]"]
    assert _same(derivation.gradient[V], symopt.grad(cost, [V])[0])


def test_a_sympy_learners_least_squares_written_with_entries():
    X, y, W = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("y", 3, 1), sp.MatrixSymbol("W", 2, 1)
    residual = X * W - y
    assert _same(derive((W.T * W)[0, 0], W).gradient[W], 2 * W)
    assert _same(derive((residual.T * residual)[0, 0], W).gradient[W], 2 * X.T * residual)


def test_entries_and_the_whole_matrix_together():
    W = symopt.Variable("W", 1.0, shape=(2, 2))
    cost = W[0, 1] * W[1, 0] + ElementSum(W)
    derivation = derive(cost, W, at={W: np.array([[1.0, 2.0], [3.0, 4.0]])})
    lines = str(derivation).splitlines()
    assert "  u = sum(W) = 10" in lines and "  J = u + v = 16" in lines
    assert lines[-1] == "  dJ/dW = 𝟙 + [[0, W[1,0]], [W[0,1], 0]] = [[1, 4], [3, 1]]"
    assert _same(derivation.gradient[W], symopt.grad(cost, [W])[0])


def test_matrix_steps_and_an_entry():
    X, W = symopt.Placeholder("X", (2, 2)), symopt.Variable("W", 1.0, shape=(2, 1))
    cost = ops.sum(ops.square(X @ W)) + W[0, 0] ** 2
    derivation = derive(cost, W)
    assert "  dW = Xᵀ·du + [[2·W[0,0]·dq], [0]]" in str(derivation).splitlines()  # q = W[0,0]², no step w
    assert _same(derivation.gradient[W], symopt.grad(cost, [W])[0])
