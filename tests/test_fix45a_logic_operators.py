"""final44e F44e-10: SymPy's logic operators with a symopt Variable or Placeholder as an operand are refused on
every path: ``(a > 0) ^ w`` and ``sympy.true ^ w`` (SymPy's Boolean operators, which the ``^`` guard on expressions
did not reach), and ``a & w``, ``a | w``, ``~w``, ``w >> a``, whose evaluation read the number as a truth value.

Oracle: SymPy's own logic evaluated on truth values (``Not(True)`` is False, ``Or(True, False)`` True): the number
``w = 0.5`` has no truth value, so any answer evaluate gave (``~w`` -> False, ``a | w`` -> 0.5) was wrong; and SymPy's
logic of plain symbols and conditions is built exactly as SymPy builds it (``sympy.Xor(p, q)``, ``sympy.And(...)``)."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.5)
x = symopt.Placeholder("x")
a, p, q = sympy.symbols("a p q")


@pytest.mark.parametrize("make, written", [
    (lambda: (a > 0) ^ w, r"\(a > 0\) \^ w"), (lambda: w ^ (a > 0), r"w \^ \(a > 0\)"),
    (lambda: sympy.true ^ w, r"True \^ w"), (lambda: (~a) ^ x, r"\(~a\) \^ x"),
    (lambda: a & w, "a & w"), (lambda: w | a, r"w \| a"), (lambda: ~w, "~w"), (lambda: (a > 0) & x, r"\(a > 0\) & x"),
    (lambda: w >> a, "w >> a"), (lambda: a << x, "a << x"), (lambda: sympy.true & w, "True & w")])
def test_logic_of_a_symopt_symbol_is_refused_naming_what_was_written(make, written):
    with pytest.raises(UnsupportedOperationError, match=written) as raised:
        make()
    assert raised.match("never a truth value") and raised.match(r"> 0\)")  # the fix: compare the number first
    assert "True**" not in str(raised.value)


def test_sympy_logic_of_symbols_and_conditions_is_kept():
    assert p ^ q == sympy.Xor(p, q) and (a > 0) ^ p == sympy.Xor(a > 0, p) and sympy.true ^ p == sympy.Not(p)
    assert (p & q, p | q, ~p, p >> q) == (sympy.And(p, q), sympy.Or(p, q), sympy.Not(p), sympy.Implies(p, q))
    assert ((w > 0) & (x > 1)) == sympy.And(w > 0, x > 1) and ~(w > 0) == sympy.Le(w, 0)  # conditions on numbers
    assert ((w > 0) ^ (a > 0)) == sympy.Xor(w > 0, a > 0)
