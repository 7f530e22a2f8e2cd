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
