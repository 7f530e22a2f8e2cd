"""review final35 F35-8: ops.power(2, W) (a number base, a matrix exponent) said "the exponent W and the base 2
differ in shape ... Transpose one of them with .T", advice a number cannot follow; the shape check is for two
matrices, and a number base gets the message that names ops.exp and applyfunc, as before b6f5a5c."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError

W = symopt.Variable("W", np.ones((2, 2)))


@pytest.mark.parametrize("base", [2, 2.5, sympy.Symbol("s")])
def test_a_number_base_with_a_matrix_exponent_names_exp_and_applyfunc(base):
    with pytest.raises(ShapeError) as error:
        ops.power(base, W)
    message = str(error.value)
    assert "SymPy has no entrywise" in message and "applyfunc" in message and "symopt.ops.exp(z)" in message
    assert "Transpose" not in message


def test_two_matrices_of_transposed_shapes_are_told_to_transpose():
    with pytest.raises(ShapeError, match=r"differ in shape.*Transpose one of them with \.T"):
        ops.power(symopt.Variable("V", np.ones((2, 3))), symopt.Variable("U", np.ones((3, 2))))


def test_two_matrices_of_other_shapes_are_told_to_give_one_shape():
    with pytest.raises(ShapeError, match=r"differ in shape.*Give them one shape\.$"):
        ops.power(symopt.Variable("V", np.ones((2, 3))), W)


def test_a_matrix_to_a_matrix_of_its_shape_is_entrywise():
    base = np.array([[1.0, 2.0], [3.0, 4.0]])
    exponent = np.array([[2.0, 0.5], [1.0, 3.0]])
    V = symopt.Variable("V", base)
    E = symopt.Placeholder("E", (2, 2))
    value = symopt.evaluate(ops.sum(ops.power(V, E)), {E: exponent})
    assert value == pytest.approx(float(np.sum(base ** exponent)), rel=1e-15)
