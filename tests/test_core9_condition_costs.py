"""review2 F7: symopt.grad(sympy.true, w) said "the cost True is a constant" (and explain drew "0 for every
value"), where derive of ``w > 1`` and graph of ``sympy.true`` refuse the condition itself."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 1.0)
CALLS = {"grad": lambda cost: symopt.grad(cost, w), "derive": lambda cost: symopt.derive(cost, [w]),
         "graph": lambda cost: symopt.graph(cost), "explain": lambda cost: symopt.explain(cost, w, at={w: 1.0}),
         "compile": lambda cost: symopt.compile(cost, w), "minimize": lambda cost: symopt.minimize(cost, w, steps=1)}


@pytest.mark.parametrize("cost", [sympy.true, sympy.false, w > 1], ids=["true", "false", "w > 1"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_condition_is_refused_as_a_condition(call, cost):
    with pytest.raises(UnsupportedOperationError, match=f"given the condition {cost}, which is True or False"):
        CALLS[call](cost)
