"""Round 8, d-core: a-probe's findings about the core library, the display and the command line."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, UnsupportedOperationError


def test_sympy_functions_defined_on_matrices_keep_working_after_a_compile():
    """A1: symopt's guard of scalar functions refused SymPy's own transpose/adjoint/conjugate/re/im of any
    MatrixSymbol once anything was compiled (the expected values are plain SymPy's, printed without symopt)."""
    w = sympy.Symbol("w")
    symopt.compile(w ** 2, w)  # installs the guards
    A = sympy.MatrixSymbol("A", 3, 3)
    assert sympy.transpose(A) == A.T
    assert str(sympy.Adjoint(A) * A) == "Adjoint(A)*A"
    assert str(sympy.adjoint(A)) == "Adjoint(A)"
    assert str(sympy.conjugate(A)) == str(A.conjugate()) == "Adjoint(A.T)"
    assert str(sympy.re(A)) == "(1/2)*Adjoint(A.T) + (1/2)*A"
    assert str(sympy.im(A)) == "-(I/2)*(-Adjoint(A.T) + A)"
    W = symopt.Variable("W", 0.5, shape=(3, 1))
    with pytest.raises(ShapeError, match=r"use symopt\.ops\.exp\(z\)"):  # scalar functions are still refused
        sympy.exp(W)
    X = symopt.Placeholder("X", (None, 3))
    cost = ops.sum(ops.square(sympy.transpose(X @ W)))
    features = np.arange(6.0).reshape(2, 3)
    value, gradient = symopt.compile(cost, W)(X=features, W=np.full((3, 1), 0.5))
    z = features @ np.full((3, 1), 0.5)  # hand NumPy: J = Σ z², dJ/dW = 2 Xᵀ z
    assert value == pytest.approx(float(np.sum(z ** 2)))
    np.testing.assert_allclose(gradient, 2 * features.T @ z)
    with pytest.raises(UnsupportedOperationError, match="no derivative rule for Adjoint"):
        symopt.compile(ops.sum(X @ sympy.conjugate(W)), W)  # refused by name, not guessed


@pytest.mark.parametrize("dimension", [sympy.Symbol("n"), sympy.Symbol("N", integer=True), sympy.Symbol("m")])
def test_a_symbolic_dimension_other_than_the_batch_is_refused_naming_the_fix(dimension):
    """A3: MatrixSymbol('X', n, 3) asked for n ("missing inputs ['n']"), then refused it with a false message."""
    X, y = sympy.MatrixSymbol("X", dimension, 3), sympy.MatrixSymbol("y", dimension, 1)
    w = sympy.MatrixSymbol("w", 3, 1)
    J = ((X * w - y).T * (X * w - y))[0, 0] / dimension
    features, targets = np.arange(15.0).reshape(5, 3), np.ones((5, 1))
    expected = r"has the symbolic dimension .*symopt\.BATCH.*Placeholder\('[Xy]', \(None, [13]\)\)"
    for call in (lambda: symopt.compile(J, w), lambda: symopt.evaluate(J, {X: features, y: targets, w: np.ones((3, 1))}),
                 lambda: symopt.minimize(J, {w: np.zeros((3, 1))}, data={X: features, y: targets}, steps=1,
                                         progress=False)):
        with pytest.raises(ShapeError, match=expected):
            call()


def test_the_batch_dimension_in_a_sympy_matrix_symbol_reads_the_rows():
    X, y = sympy.MatrixSymbol("X", symopt.BATCH, 3), sympy.MatrixSymbol("y", symopt.BATCH, 1)
    w = sympy.MatrixSymbol("w", 3, 1)
    J = ((X * w - y).T * (X * w - y))[0, 0] / symopt.BATCH
    features, targets, point = np.arange(15.0).reshape(5, 3), np.ones((5, 1)), np.array([[0.1], [0.2], [0.3]])
    value, gradient = symopt.compile(J, w)(w=point, X=features, y=targets)
    residual = features @ point - targets  # hand NumPy: J = |Xw - y|²/m, dJ/dw = 2Xᵀ(Xw - y)/m
    assert value == pytest.approx(float(np.sum(residual ** 2)) / 5)
    np.testing.assert_allclose(gradient, 2 * features.T @ residual / 5)
