"""Core-API slips found by the independent probe: each gives a value or a typed error, never a raw one."""

import pytest
import sympy

import symopt
from symopt.errors import ShapeError


def test_leaky_relu_slope_defaults_to_tf1s_0_2():
    v = symopt.Variable("v", 2.0)
    assert symopt.leaky_relu(v) == symopt.leaky_relu(v, sympy.Rational(1, 5))
    assert symopt.leaky_relu(sympy.Integer(-5)) == -1


def test_a_parameter_may_be_named_self():
    compiled = symopt.compile(sympy.Symbol("self") ** 2, "self")
    assert compiled(self=2.0) == (4.0, 4.0)


@pytest.mark.parametrize("make", [lambda: symopt.Placeholder("Z", 3), lambda: symopt.Variable("W", 0.0, shape=3)])
def test_a_bare_number_as_a_shape_is_a_shape_error_with_the_fix(make):
    with pytest.raises(ShapeError, match=r"expected a tuple of sizes such as \(3,\).* Write shape=\(3,\)"):
        make()
