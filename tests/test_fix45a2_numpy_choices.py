"""45a-1, 45a-6, 45a-12: numpy.clip/numpy.where of SymPy scalars are refused only where NumPy would compare a symopt
symbol now; the advice keeps every bound; shape queries walk nothing.

Oracles: plain NumPy (an object array built from a numeric mask), NumPy's clip of numbers, Python's recursion limit
(a 200-layer expression is deeper than SymPy's recursive free_symbols can walk)."""

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
x = sympy.Symbol("x")


@pytest.mark.parametrize("choice", [x, w, sympy.Piecewise((x, x > 0), (0, True))], ids=["symbol", "variable", "pw"])
def test_a_numeric_mask_chooses_symbolic_entries_as_numpy_does(choice):
    mask = np.array([True, False])
    got = np.where(mask, choice, 0)
    assert got.dtype == object and got[0] == choice and got[1] == 0
    assert list(np.where(np.array([1.0, -1.0]) > 0, x, -x)) == [x, -x]


def test_a_plain_sympy_condition_is_not_called_a_symopt_symbol():
    with pytest.raises(TypeError) as raised:
        np.where(x > 0, x, 0)  # SymPy's own "cannot determine truth value of Relational"
    assert "symopt Variable" not in str(raised.value)


def test_a_symbolic_condition_with_numeric_branches_names_numpy_where():
    with pytest.raises(UnsupportedOperationError, match=r"numpy\.where\(w > 0, 1\.0, 0\.0\)") as raised:
        np.where(w > 0, 1.0, 0.0)
    advice = re.search(r"write (.*) for it", str(raised.value)).group(1)
    spelled = sympy.sympify(advice, locals={"sympy": sympy, "w": w})
    for point in (-1.0, 2.0):
        assert float(spelled.subs(w, point)) == float(np.where(point > 0, 1.0, 0.0))


def test_one_argument_where_is_not_spelled_as_a_piecewise():
    with pytest.raises(UnsupportedOperationError, match="indices of nonzero entries") as raised:
        np.where(w)
    assert "None" not in str(raised.value)


@pytest.mark.parametrize("make, bounds", [(lambda: np.clip(w, [0], [1]), "[0], [1]"),
                                          (lambda: np.clip(w, np.zeros(3), 1), "[0. 0. 0.], 1"),
                                          (lambda: np.clip(w, 0, True), "0, True")])
def test_clip_advice_names_bounds_that_are_not_one_number(make, bounds):
    with pytest.raises(UnsupportedOperationError) as raised:
        make()
    message = str(raised.value)
    assert f"the bounds given ({bounds}) are not single numbers" in message
    assert "write w for it" not in message and "sympy.Min(w, 1)" not in message


def test_shape_queries_of_a_deep_expression_walk_nothing():
    layers = [symopt.Variable(f"v{i}", 0.1) for i in range(200)]
    expression = layers[0]
    for i in range(1, 200):
        expression = sympy.tanh(expression * layers[i] + layers[i - 1] ** 2)
    with pytest.raises(RecursionError):
        expression.free_symbols  # the oracle: too deep for a recursive walk
    assert np.ndim(expression) == 0 and np.shape(expression) == () and np.size(expression) == 1
