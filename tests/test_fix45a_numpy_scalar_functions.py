"""probe69 P69-3 (scalar part): ``numpy.clip(w, 0, 1)`` and ``numpy.where(w > 0, w, 0)`` of a symopt scalar are
refused naming the NumPy function called and the SymPy expression to write, where the message was about "the truth
value (if, and/or, max, min)" the user never wrote.

Oracle: NumPy itself. The advised SymPy expression, with w replaced by numbers, equals ``numpy.clip`` /
``numpy.where`` of those numbers; NumPy functions of SymPy numbers (no symbols) still give NumPy's own answers."""

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
POINTS = [-2.0, 0.0, 0.25, 1.0, 3.0]


def _advice(make) -> str:
    with pytest.raises(UnsupportedOperationError) as raised:
        make()
    return re.search(r"write (.*) for it", str(raised.value)).group(1)


@pytest.mark.parametrize("make, numpy_call, called", [
    (lambda: np.clip(w, 0, 1), lambda v: np.clip(v, 0, 1), r"numpy\.clip\(w, 0, 1\)"),
    (lambda: np.clip(w, 0, None), lambda v: np.clip(v, 0, None), r"numpy\.clip\(w, 0, None\)"),
    (lambda: np.clip(w, None, 1), lambda v: np.clip(v, None, 1), r"numpy\.clip\(w, None, 1\)"),
    (lambda: np.clip(w - 1, min=-1, max=1), lambda v: np.clip(v - 1, min=-1, max=1), r"numpy\.clip\(w - 1, min=-1"),
    (lambda: np.where(w > 0, w, 0), lambda v: np.where(v > 0, v, 0), r"numpy\.where\(w > 0, w, 0\)")])
def test_numpy_choices_of_a_symbol_name_the_function_and_the_sympy_spelling(make, numpy_call, called):
    with pytest.raises(UnsupportedOperationError, match=called) as raised:
        make()
    assert "truth value" not in str(raised.value)
    advice = sympy.sympify(_advice(make), locals={"sympy": sympy, "w": w})
    for point in POINTS:
        assert float(advice.subs(w, point)) == float(numpy_call(point))


def test_numpy_functions_of_sympy_numbers_are_numpy_s():
    assert np.clip(sympy.Float(2.0), 0, 1) == 1 and np.clip(sympy.Integer(-2), 0, 1) == 0
    assert np.shape(w) == () and np.ndim(w) == 0
