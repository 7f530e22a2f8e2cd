"""A value fed for a data symbol that SymPy simplified out of the cost under its promise is checked against that
promise (probe57 P57-3).

Oracle: the formula as written, with a real symbol (sympy subs): sin(pi/2) + 1 = 2 at k = 0.5, not the 1 that the
simplified cost gives; sqrt(s**2)/s at s = -1 is -1, not 1."""

import pytest
import sympy

import symopt
from symopt.errors import FeedError

w = symopt.Variable("w", 1.0)
k = sympy.Symbol("k", integer=True)
s = sympy.Symbol("s", positive=True)
kr, sr = sympy.symbols("k s", real=True)


def test_the_oracle_differs_from_the_simplified_cost():
    assert sympy.sin(sympy.pi * k) + w == w  # SymPy dropped k
    assert (sympy.sin(sympy.pi * kr) + 1).subs(kr, 0.5) == 2
    assert (sympy.sqrt(sr ** 2) / sr).subs(sr, -1) == -1


@pytest.mark.parametrize("cost, symbol, value, expected", [
    (sympy.sin(sympy.pi * k) + w, k, 0.5, "a whole number"),
    (w ** 2 * sympy.sqrt(s ** 2) / s, s, -1.0, "a positive number"),
])
def test_evaluate_warns_of_the_broken_promise(cost, symbol, value, expected):
    # a warning, not a refusal: the same dict may serve a cost that never read the symbol (final41d F41d-2)
    with pytest.warns(UserWarning, match=f"expected {expected}.*does not read {symbol}: if the cost you wrote"):
        symopt.evaluate(cost, {w: 1.0, symbol: value})


def test_minimize_data_warns_of_the_broken_promise():
    with pytest.warns(UserWarning, match="expected a whole number"):
        symopt.minimize(sympy.sin(sympy.pi * k) + w + w ** 2, w, data={k: 0.5}, steps=2)


def test_a_kept_promise_and_other_unread_data_still_pass():
    assert symopt.evaluate(sympy.sin(sympy.pi * k) + w, {w: 1.0, k: 3.0}) == 1.0
    x = symopt.Placeholder("x", (None, 1))
    assert symopt.evaluate(w, {w: 2.0, x: [[1.0], [2.0]]}) == 2.0


def test_compiled_function_names_the_vanished_symbol():
    function = symopt.compile(sympy.sin(sympy.pi * k) + w, w)
    with pytest.raises(FeedError, match="k is declared with integer=True, and SymPy may have simplified away"):
        function({w: 1.0, k: 1.0})
