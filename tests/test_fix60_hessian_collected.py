"""probe64 P64-1: the Hessian of x.T @ x is 2*I (docs/second_order.md), not the uncollected I + I.

Oracle: sympy.hessian of the same cost written entry by entry, sum of x_i**2, is 2 times the identity.
"""

import numpy as np
import sympy

import symopt


def test_the_hessian_of_a_squared_norm_is_two_times_the_identity():
    x = symopt.Variable("x", np.zeros(3))
    hessian = symopt.hessian((x.T @ x)[0, 0], x)
    entries = sympy.symbols("x0:3")
    expected = sympy.hessian(sum(e ** 2 for e in entries), entries)  # 2 on the diagonal
    assert sympy.ImmutableMatrix(hessian.as_explicit()) == expected
    assert str(hessian) == "2*I"


def test_the_quadratic_form_keeps_its_documented_halves():
    x = symopt.Variable("x", np.zeros(3))
    A = symopt.Placeholder("A", (3, 3))
    assert str(symopt.hessian((x.T @ A @ x)[0, 0] / 2, x)) == "(1/2)*A + (1/2)*A.T"
