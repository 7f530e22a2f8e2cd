"""probe85 P85-2: the forms a refused negative matrix power suggests name the same matrix: typed as written they equal
the inverse of the power, checked against numpy.linalg.inv at a random point."""

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

A = sympy.MatrixSymbol("A", 3, 3)
I = sympy.Identity(3)
VALUE = np.random.default_rng(0).normal(size=(3, 3))


@pytest.mark.parametrize("base, numeric", [(A + 3 * I, VALUE + 3 * np.eye(3)), (A.T @ A + I, VALUE.T @ VALUE + np.eye(3)),
                                           (A, VALUE)])
def test_suggested_forms_are_the_inverse_of_the_power(base, numeric):
    with pytest.raises(UnsupportedOperationError) as refusal:
        symopt.compile(ops.sum(base**-2), [A])
    message = str(refusal.value)
    names = {"A": A, "I": I, "sympy": sympy, "symopt": symopt}
    expected = np.linalg.inv(numeric) @ np.linalg.inv(numeric)  # the oracle: NumPy's inverse, squared
    inverse_of_product = re.search(r"product, (sympy\.Inverse\(.*?\)), or", message).group(1)
    product_of_inverses = re.search(r"as (symopt\.ops\.matmul\(.*\)); use", message).group(1)
    assert "symopt.ops.power(S, p)" in message
    for suggestion in (inverse_of_product, product_of_inverses):
        matrix = sympy.Matrix(eval(suggestion, names).subs(A, sympy.Matrix(VALUE)).doit())
        np.testing.assert_allclose(np.array(matrix.evalf(), dtype=float), expected, rtol=1e-9, atol=1e-12)
