"""probe49 P49-6: ``grad`` of a cost holding SymPy's interval ``AccumBounds`` returned an interval-valued gradient
(``w*AccumBounds(2, 4)``) where ``compile`` refused the cost; both now refuse it, naming the interval."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w_p49_6", 0.5)


@pytest.mark.parametrize("cost", [w ** 2 * sympy.AccumBounds(1, 2), sympy.Max(w, sympy.AccumBounds(0, 1)),
                                  w ** 2 + sympy.sin(sympy.oo)])
@pytest.mark.parametrize("call", [lambda cost: symopt.grad(cost, w), lambda cost: symopt.compile(cost, w),
                                  lambda cost: symopt.evaluate(cost, {w: 1.0})])  # evaluate: final40a F40a-9
def test_an_interval_is_refused_naming_it(cost, call):
    with pytest.raises(UnsupportedOperationError) as error:
        call(cost)
    message = str(error.value)
    assert "SymPy's interval AccumBounds(" in message
    assert "Replace the interval with the number you mean" in message


def test_a_cost_without_an_interval_is_unchanged():
    assert symopt.grad(w ** 2 * 3, w) == 6 * w
