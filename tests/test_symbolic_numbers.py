"""Python's number conversions and truth tests of symbolic scalars (``math.exp(w)``, ``float(w)``, ``max(w, 0)``,
``if w > 0:``) raise a symopt error naming what to write; numbers convert as before."""

import math

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w_num", 1.0)
x = sympy.Symbol("x_num")


@pytest.mark.parametrize("mistake, fix", [
    (lambda: math.exp(w), "sympy.exp"), (lambda: math.log(x ** 2 + 1), "sympy.exp"), (lambda: float(w), "symopt.evaluate"),
    (lambda: int(2 * w), "int()"), (lambda: round(w), "round()"), (lambda: max(w, 0), "sympy.Max(w, 0)"),
    (lambda: min(w, x), "sympy.Min"), (lambda: 1 if w > 0 else 0, "sympy.Piecewise"),
])
def test_a_symbolic_scalar_where_python_needs_a_number(mistake, fix):
    with pytest.raises(UnsupportedOperationError, match=fix.replace("(", r"\(").replace(")", r"\)")) as caught:
        mistake()
    assert isinstance(caught.value, TypeError)  # SymPy's own `except TypeError` paths still apply


def test_numbers_convert_as_before():
    assert float(sympy.Rational(3, 2)) == 1.5 and int(sympy.Rational(7, 2)) == 3
    assert round(sympy.pi, 2) == round(sympy.pi.evalf(), 2) and bool(sympy.Integer(2) > 1) is True
    with pytest.raises(TypeError, match="Cannot convert complex to float") as caught:  # SymPy's message stands
        float(sympy.I)
    assert not isinstance(caught.value, UnsupportedOperationError)


def test_sympy_still_decides_what_it_can():
    assert sympy.Max(w, 0).func is sympy.Max and sympy.Piecewise((w, w > 0), (0, True)).subs(w, 2) == 2
    assert sympy.solve(x ** 2 - 4, x) == [-2, 2]
