"""How an elementwise map prints: a map inside a map's body, and a body that is one call of its entry."""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.nodes import Elementwise


def test_a_map_inside_a_map_keeps_its_own_variable():
    x, w = symopt.Placeholder("x", (3, 1)), symopt.Variable("w", 0.5)
    t = sympy.Dummy("t", real=True)
    outer = Elementwise(sympy.Lambda(t, t * ops.sum(ops.exp(w * x))), x)
    assert str(outer) == "x*sum(exp(w*x))"


def test_a_map_of_one_call_prints_its_argument_once_and_right():
    """A body that is one call prints ``numpy.exp(w*x)``; a body SymPy prints as an expression of its entry
    (``sinc(v)`` is ``numpy.sinc(v/numpy.pi)``) keeps the argument parenthesized (review7 R7-1: ``w*x + y/numpy.pi``)."""
    x, y = symopt.Placeholder("x", (3, 1)), symopt.Placeholder("y", (3, 1))
    w = symopt.Variable("w", 0.3)
    X, Y = np.array([[0.3], [0.7], [1.1]]), np.array([[0.2], [0.5], [1.3]])
    cases = [(sympy.sinc, lambda v: np.sinc(v / np.pi)), (sympy.acot, lambda v: np.arctan(1 / v)),
             (sympy.coth, lambda v: 1 / np.tanh(v)), (sympy.exp, np.exp), (sympy.tanh, np.tanh)]
    for function, numpy_function in cases:
        value = symopt.evaluate(ops.sum((w * x + y).applyfunc(function)), {w: 0.3, x: X, y: Y})
        assert np.isclose(value, np.sum(numpy_function(0.3 * X + Y)), rtol=1e-14), function
    assert "numpy.exp(w*x)" in symopt.compile(ops.mean(ops.exp(w * x)), w).source
