"""45a-7: SymPy's logic functions of a symopt symbol (sympy.Not(w), sympy.Xor(w, a > 0), sympy.And(w, a > 0)), the
function spellings of the guarded operators, are refused where evaluate/compile read them; Not(w) at w = 0.5 gave
False.  Logic of conditions keeps its value.

Oracle: Python's own comparisons (not (1.0 > 0) is False; (1.0 > 0) != (0.5 > 0.25) is False)."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
a = sympy.Symbol("a")


@pytest.mark.parametrize("make, name", [(lambda: sympy.Not(w), "Not"), (lambda: sympy.Xor(w, a > 0), "Xor"),
                                        (lambda: sympy.And(w, a > 0), "And"), (lambda: sympy.Or(a > 0, w), "Or")])
def test_a_logic_function_of_a_symopt_symbol_is_refused(make, name):
    with pytest.raises(UnsupportedOperationError, match=f"SymPy's {name} takes truth values, and w is a symopt"):
        symopt.evaluate(make(), {w: 0.5, a: 1.0})


def test_logic_of_conditions_keeps_its_value():
    assert bool(symopt.evaluate(sympy.Not(a > 0), {a: 1.0})) is (not (1.0 > 0))
    assert bool(symopt.evaluate(sympy.Xor(a > 0, w > 0.25), {w: 0.5, a: 1.0})) is ((1.0 > 0) != (0.5 > 0.25))
