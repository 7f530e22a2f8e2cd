"""A Lambda or a Poly given as the cost is told how to get its expression (probe57 P57-4)."""

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 1.0)
t = sympy.Symbol("t")


@pytest.mark.parametrize("call", [symopt.grad, symopt.compile])
@pytest.mark.parametrize("cost, advice", [
    (sympy.Lambda(t, t ** 2), r"a function of \(t,\), not a value. Call it with a value .* of its variables \(t,\)"),
    (sympy.Lambda(t, w * t ** 2), r"a function of \(t,\), not a value. Call it with a value"),
    (sympy.Poly(w ** 2 + 1, w), r"polynomial object, not an expression. Pass its expression, p.as_expr\(\)"),
])
def test_holder_is_told_how_to_get_its_expression(call, cost, advice):
    with pytest.raises(ConfigurationError, match=advice):
        call(cost, w)


def test_the_advice_works():
    f = sympy.Lambda(t, t ** 2)
    assert symopt.compile(f(w), w)(w=2.0) == (4.0, 4.0)  # sympy.diff(w**2) = 2w
    assert symopt.grad(sympy.Poly(w ** 2 + 1, w).as_expr(), w) == sympy.diff(w ** 2 + 1, w)
