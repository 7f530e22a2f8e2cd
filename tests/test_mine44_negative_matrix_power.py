"""A negative integer matrix power (SymPy folds ``S.I @ S.I`` into ``S**(-2)``): the refusal names the form that
computes it, ``Inverse(S @ S)``, and that form is right (probe73 P73-4: the advice was ``S @ S``)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

S = symopt.Variable("S", [[2.0, 0.5], [0.25, 1.5]])


def test_the_refusal_names_the_inverse_of_the_product_which_computes_it():
    with pytest.raises(UnsupportedOperationError, match=r"sympy.Inverse\(S @ S\)"):
        symopt.compile(sympy.Trace(S.I @ S.I), S)
    value, gradient = symopt.compile(sympy.Trace(sympy.Inverse(S @ S)), S)(S=np.array([[2.0, 0.5], [0.25, 1.5]]))
    A = np.array([[2.0, 0.5], [0.25, 1.5]])
    inverse = np.linalg.inv(A)
    assert value == pytest.approx(np.trace(inverse @ inverse))  # NumPy on the matrix as written
    assert gradient == pytest.approx(-2 * np.linalg.matrix_power(inverse, 3).T)  # d tr(S^-2)/dS = -2 (S^-3)^T
