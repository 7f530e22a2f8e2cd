"""review4 Q8: the "declare it real" hint of a missing derivative rule fired for a symbol that IS real
(``arg(w)`` of a symopt.Variable, which SymPy keeps: 0 or π by the sign), and for ``besselj(0, re(x))`` it replaced
"no derivative rule for besselj" (declaring x real still leaves besselj, which symopt cannot differentiate)."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 1.0)
x = sympy.Symbol("x")


def _message(cost, wrt) -> str:
    with pytest.raises(UnsupportedOperationError) as error:
        symopt.grad(cost, wrt)
    return str(error.value)


def test_arg_of_a_real_symbol_gets_no_declare_real_advice():
    message = _message(sympy.arg(w) * w, w)
    assert "may be complex" not in message and "declare" not in message
    assert "no derivative rule for arg" in message and "Piecewise((0, x >= 0), (sympy.pi, True))" in message


def test_a_function_without_a_rule_keeps_its_name_and_the_list_beside_the_hint():
    message = _message(sympy.besselj(0, sympy.re(x)), x)
    assert "no derivative rule for besselj" in message and "differentiates and compiles only the functions" in message
    assert "x may be complex to SymPy" in message


def test_re_of_a_complex_symbol_gets_the_hint_alone():
    message = _message(sympy.re(x) ** 2, x)
    assert "x may be complex to SymPy" in message and "only the functions" not in message
