"""A Lambda is told to be called on its own variables, and evaluate refuses a Lambda or a Poly as grad does
(final41d F41d-12).

Oracle: SymPy's own Lambda variables and Poly.as_expr()."""

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 1.0)
t = sympy.Symbol("t")


def test_the_lambda_advice_names_its_own_variable():
    f = sympy.Lambda(t, w * t ** 2)
    with pytest.raises(ConfigurationError, match=r"each of its variables \(t,\)") as error:
        symopt.grad(f, w)
    assert "f(w)" not in str(error.value)


@pytest.mark.parametrize("holder, shown", [
    (sympy.Lambda(w, w ** 2), "a function of"),
    (sympy.Poly(w ** 2 + 1, w), r"p.as_expr\(\) \(here w\*\*2 \+ 1\)"),
])
def test_evaluate_refuses_a_holder_of_an_expression(holder, shown):
    with pytest.raises(ConfigurationError, match=shown):
        symopt.evaluate(holder, {w: 1.0})
    assert symopt.evaluate(sympy.Poly(w ** 2 + 1, w).as_expr(), {w: 1.0}) == 2.0  # the advised form: 1**2 + 1
