"""P59-10, P59-11: SymPy's LaTeX of symopt's matrix nodes keeps the grouping the math has.

Oracles: the expected LaTeX strings, written by hand from the formulas (-(XW + b) is not -XW + b; (ΣW)² is not ΣW²).
"""
import sympy
import pytest

import symopt
from symopt import ops
from symopt.nodes import elementwise, matadd

A, B = sympy.MatrixSymbol("A", 2, 1), sympy.MatrixSymbol("B", 2, 1)
SUM = r"\left(A + B\right)"


@pytest.mark.parametrize("body, expected", [
    (lambda x: symopt.sigmoid(-x), rf"\sigma\left(- {SUM}\right)"),
    (lambda x: sympy.exp(-x), rf"e^{{- {SUM}}}"),
    (lambda x: 1 - x, rf"1 - {SUM}"),
    (lambda x: 2 * x, rf"2 {SUM}"),
    (lambda x: x - 1, r"-1 + A + B"),
])
def test_a_negated_matrix_sum_keeps_its_parentheses(body, expected):
    assert sympy.latex(elementwise(body, matadd(A, B))) == expected


def test_the_logistic_gradient_shows_sigma_of_minus_the_whole_logits():
    X = symopt.Placeholder("X", shape=(None, 2))
    Y = symopt.Placeholder("Y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    b = symopt.Variable("b", 0.0, shape=(1, 1))
    gradient = symopt.grad(ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), Y), W)
    assert r"\sigma\left(- \left(X W + " in sympy.latex(gradient)


def test_a_power_of_a_sum_is_the_sum_in_parentheses_raised():
    W = symopt.Variable("W", [[1.0], [2.0], [3.0]])
    assert sympy.latex(ops.sum(W) ** 2) == r"\left(\sum_{i,j} \left(W\right)_{ij}\right)^{2}"
    assert sympy.latex(ops.sum(W)) == r"\sum_{i,j} \left(W\right)_{ij}"


def test_the_square_of_a_mean_does_not_read_as_a_mean_square():
    X = symopt.Placeholder("X", shape=(None, 3))
    W = symopt.Variable("W", [[1.0], [2.0], [3.0]])
    printed = sympy.latex(ops.sum(X @ W) ** 3)
    assert printed == r"\left(\sum_{i,j} \left(X W\right)_{ij}\right)^{3}"
