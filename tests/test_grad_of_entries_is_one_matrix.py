"""probe10 T12: ``symopt.grad`` of a cost that reads single entries was a sum of one-hot explicit matrices
(``Matrix([[0], [3]]) + Matrix([[2*V[0, 0]], [0]])``); it is the one explicit matrix of those entries."""

import numpy as np
import sympy

import symopt


def test_entries_read_one_by_one_give_one_explicit_gradient_matrix():
    V = symopt.Variable("V", 1.0, shape=(2, 1))
    gradient = symopt.grad(V[0, 0] ** 2 + 3 * V[1, 0], V)
    assert isinstance(gradient, sympy.MatrixBase)
    assert gradient == sympy.ImmutableMatrix([[2 * V[0, 0]], [3]])


def test_the_lectures_cost_with_respect_to_its_data():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", (3, 1))
    gradient = symopt.grad(x[0, 0] * w**2 + x[1, 0] * w + x[2, 0], x)
    assert gradient == sympy.ImmutableMatrix([[w**2], [w], [1]])
    np.testing.assert_array_equal(np.array(gradient.subs(w, 2.0), dtype=float), [[4.0], [2.0], [1.0]])
