"""probe52 P52-5: derive / explain / hessian refused a set ``wrt`` with "expected symbols; given {w2, w1}" though
symbols were given; they now give grad's message (a set has no order: pass a list), from one function."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

a = sympy.Symbol("a")
w1, w2 = symopt.Variable("w1", 0.0), symopt.Variable("w2", 1.0)
J = (w1 * a + w2) ** 2


@pytest.mark.parametrize("function", [symopt.derive, symopt.explain, symopt.hessian, symopt.grad])
@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_wrt_is_told_to_be_a_list(function, kind):
    wrt = kind(J.free_symbols - {a})
    with pytest.raises(ConfigurationError) as caught:
        function(J, wrt)
    assert str(caught.value) == (
        "wrt: expected a symbol, a name, a list or tuple of them, or a dict {symbol: initial value}; given a "
        f"{kind.__name__} ({wrt}). Pass its entries as a list, e.g. wrt=list(...), in the order the gradients should "
        "come back.")


def test_a_list_still_works():
    assert symopt.hessian(J, [w1, w2]) == sympy.Matrix([[2 * a ** 2, 2 * a], [2 * a, 2]])  # by hand
    assert "dJ/dw₁" in str(symopt.derive(J, [w1, w2]))
