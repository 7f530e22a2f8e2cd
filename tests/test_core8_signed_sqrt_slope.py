"""core8 1e (F2): the signed square root ``Piecewise((sqrt(w), w > 0), (-sqrt(-w), True))`` has slope +∞ at w = 0:
the derivative's limit is +∞ from each side (sympy.limit), so is the difference quotient.  derive showed
"undefined" (SymPy's ``√(-w)/(2w)`` is 0/0 there, and ``1/√0`` is SymPy's complex infinity) and graph 0·∞ = NaN; both
now show the code's number (review2 F4: the code's IEEE signs, not the limits, where they differ).  A power's pole
``0**e`` (e < 0) is the generated code's +∞ (IEEE's +0), not "undefined"."""

import pytest
import sympy

import symopt
from symopt.display.backward import adjoint_symbol

w = symopt.Variable("w", 0.0)
x = sympy.Symbol("x", real=True)
CASES = {  # cost in w, the same in x for sympy's limits, and the side of 0 where the cost is defined
    "signed sqrt": (sympy.Piecewise((sympy.sqrt(w), w > 0), (-sympy.sqrt(-w), True)),
                    sympy.Piecewise((sympy.sqrt(x), x > 0), (-sympy.sqrt(-x), True)), "+-"),
    "sqrt": (sympy.sqrt(w), sympy.sqrt(x), "+"),
    "sqrt of -w": (sympy.sqrt(-w), sympy.sqrt(-x), "-"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_slope_at_zero_is_the_codes(name):
    """The displays show the generated code's number (review2 F4): where the cost is defined on both sides of 0
    (the signed sqrt's +∞ from each side) or where the code evaluates inside the domain, that is the limit;
    at the boundary of ``√(-w)`` the code's IEEE ``-w = -0.0`` gives +∞, and the displays say so
    (tests/test_core9_signed_zero_displays.py compares more costs with compile)."""
    cost, same, sides = CASES[name]
    _, (code,) = symopt.compile(cost, [w])(w=0.0)
    derivation = symopt.derive(cost, [w], at={w: 0.0})
    assert derivation.numbers[adjoint_symbol(w)] == (sympy.oo if code > 0 else -sympy.oo)
    assert str(derivation).splitlines()[-1].endswith("= " + ("∞" if code > 0 else "-∞"))
    first = str(symopt.graph(cost, at={w: 0.0})).splitlines()[0]
    assert first == "w = 0, dJ/dw = " + ("∞" if code > 0 else "-∞")
    limits = {sympy.limit(sympy.diff(same, x), x, 0, side) for side in sides}
    assert ({float(limit) for limit in limits} == {code}) is (name == "sqrt")  # the code's IEEE sign of -w = -0.0 is not the limit here


def test_a_pole_shows_the_generated_codes_infinity():
    derivation = symopt.derive(1 / w, [w], at={w: 0.0})
    assert str(derivation).splitlines()[1] == "  J = 1/w = ∞"  # 1/0.0 = inf in NumPy
