"""A sympy.Matrix of a parameter's expressions in a sum: the refusal's advice keeps the entries (a multiple of
Identity, or the matrix immutable inside MatAdd), and each advised form computes the model as written (probe73
P73-7: the only advice was a new Variable W, another model)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.7)
S = symopt.Placeholder("S", (2, 2))


def test_a_multiple_of_the_identity_is_advised_and_computes_as_written():
    with pytest.raises(UnsupportedOperationError, match=r"write \(w\)\*sympy.Identity\(2\)"):
        S + sympy.Matrix([[w, 0], [0, w]])
    value, slope = symopt.compile(sympy.log(sympy.Determinant(S + w * sympy.Identity(2))), w)(w=0.7, S=np.eye(2))
    assert value == pytest.approx(np.log(np.linalg.det(1.7 * np.eye(2))))  # NumPy on the matrix as written
    assert slope == pytest.approx(2 / 1.7)  # d/dw log (1 + w)^2


def test_another_matrix_is_advised_immutable_inside_matadd():
    M = [[w, 1], [0, w]]
    with pytest.raises(UnsupportedOperationError, match=r"sympy.MatAdd\(other, sympy.ImmutableMatrix\(M\)\)"):
        S + sympy.Matrix(M)
    cost = sympy.log(sympy.Determinant(sympy.MatAdd(S, sympy.ImmutableMatrix(M))))
    value, _ = symopt.compile(cost, w)(w=0.7, S=np.eye(2))
    assert value == pytest.approx(np.log(np.linalg.det(np.eye(2) + [[0.7, 1.0], [0.0, 0.7]])))
