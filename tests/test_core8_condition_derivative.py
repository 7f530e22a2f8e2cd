"""core8 1b: ``symopt.calculus.local_derivative(Eq(w, 1), w)`` (the rule every display's steps use) raised a bare
KeyError; a condition is refused with the typed error grad, compile and graph give, which says what to write."""

import pytest
import sympy

import symopt
from symopt.calculus import local_derivative
from symopt.errors import UnsupportedOperationError

w = sympy.Symbol("w")
CONDITIONS = [sympy.Eq(w, 1), w > 1, sympy.Ne(w, 1), sympy.And(w > 0, w < 1)]


@pytest.mark.parametrize("condition", CONDITIONS, ids=str)
def test_local_derivative_of_a_condition_is_refused_with_advice(condition):
    with pytest.raises(UnsupportedOperationError, match=r"given the condition .*Piecewise\(\(1, condition\)"):
        local_derivative(condition, w)


@pytest.mark.parametrize("entry", [symopt.grad, symopt.derive, lambda c, s: symopt.graph(c),
                                   lambda c, s: symopt.compile(c, s)])
def test_every_entry_gives_the_same_error(entry):
    with pytest.raises(UnsupportedOperationError, match="given the condition Eq"):
        entry(sympy.Eq(w, 1), w)


@pytest.mark.parametrize("cost", [w, symopt.Variable("v", 1.0)], ids=["Symbol", "Variable"])
def test_a_symbol_alone_is_a_cost_not_a_condition(cost):
    """SymPy's symbols are Booleans too: graph(w) was refused as 'the condition w'."""
    assert "J = " in str(symopt.graph(cost)) and symopt.grad(cost, cost) == 1
