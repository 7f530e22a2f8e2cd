"""No library entry point parses a string cost (an independent probe's K26: graph, evaluate, hessian, hvp, jacobian
and explain passed it to SymPy's sympify, which runs it as Python).  The string here would set a flag if it ran."""

import builtins

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt.errors import ConfigurationError
from symopt.second_order import newton_update
from symopt.symbols import symbolic

x = sp.Symbol("x")
CODE = "__import__('builtins').__dict__.__setitem__('_symopt_string_ran', True) or x**2"


@pytest.mark.parametrize("run", [
    lambda: symopt.graph(CODE), lambda: symopt.evaluate(CODE, {}), lambda: symopt.hessian(CODE, x),
    lambda: symopt.hvp(CODE, x), lambda: symopt.jacobian([CODE], [x]), lambda: symopt.explain(CODE, x, at={x: 1.0}),
    lambda: symopt.grad(CODE, x), lambda: symopt.compile(CODE, x), lambda: symopt.derive(CODE, x),
    lambda: symopt.minimize(CODE, {x: 0.0}, steps=1), lambda: newton_update(CODE, x),
])
def test_a_string_cost_is_refused_before_anything_reads_it(run):
    with pytest.raises(ConfigurationError, match="expected an? .* built from SymPy or symopt symbols; given str"):
        run()
    assert not hasattr(builtins, "_symopt_string_ran")


def test_objects_sympy_would_read_through_their_text_are_refused_too():
    class Sneaky:
        def __str__(self):
            return CODE
    with pytest.raises(ConfigurationError, match="given Sneaky"):
        symbolic(Sneaky())
    with pytest.raises(ConfigurationError):
        symbolic(np.array(["x**2"]))
    assert not hasattr(builtins, "_symopt_string_ran")


def test_numbers_arrays_and_expressions_convert_as_before():
    assert symbolic(2) == 2 and symbolic(x + 1) == x + 1 and symbolic(None) is None
    assert symbolic([x, 2.5]) == [x, sp.Float(2.5)]
    assert symbolic(np.array([[1.0, 2.0]])).shape == (1, 2)
