"""A constant explicit matrix beside a matrix expression is told SymPy's own constant or a Placeholder, never a
trainable Variable (probe57 P57-2)."""

import numpy
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

M = symopt.Variable("M", 0.0, shape=(2, 2))


@pytest.mark.parametrize("constant, named", [
    (sympy.eye(2), r"sympy.Identity\(2\)"),
    (sympy.ImmutableMatrix([[1, 0], [0, 1]]), r"sympy.Identity\(2\)"),
    (sympy.zeros(2), r"sympy.ZeroMatrix\(2, 2\)"),
    (3 * sympy.ones(2), r"3\*sympy.OneMatrix\(2, 2\)"),
    (sympy.Matrix([[1, 2], [3, 4]]), r"symopt.Placeholder\('C', \(2, 2\)\) and feed these numbers"),
    (sympy.Matrix([[5]]), r"one number: write symopt.ops.bias_add\(z, -5\)"),  # M - [[5]]: final41d F41d-5
])
def test_constant_matrix_is_told_its_constant_form(constant, named):
    with pytest.raises(UnsupportedOperationError, match=named) as caught:
        M - constant
    assert "symopt.Variable('W'" not in str(caught.value)


def test_the_named_form_gives_the_right_numbers():
    A = numpy.array([[1.0, 2.0], [3.0, 5.0]])
    value, gradient = symopt.compile(ops.sum(ops.square(M - sympy.Identity(2))), M)(M=A)
    assert float(value) == numpy.sum((A - numpy.eye(2)) ** 2)  # hand NumPy
    assert numpy.array_equal(gradient, 2 * (A - numpy.eye(2)))


def test_matrix_of_parameter_expressions_keeps_its_advice():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(UnsupportedOperationError, match=r"symopt.Variable\('W', initial_value, shape=\(2, 2\)\)"):
        M - sympy.Matrix([[w, 0], [0, w]])
