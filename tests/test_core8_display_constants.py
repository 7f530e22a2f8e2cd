"""probe12 V5 (display half): a cost with a constant float64 cannot hold (Float("1e400"), exp(1000)) is refused by
compile, but derive and graph showed exact numbers for it (``dJ/dw = -∞·exp(-w) = -5.07596e-35``); they now refuse it
with compile's UnsupportedOperationError."""

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 1.0)
COSTS = {"Float 1e400": sympy.Float("1e400") * sympy.exp(-w), "exp(1000)": sympy.exp(1000) * sympy.exp(-w)}
ENTRIES = {"compile": lambda cost: symopt.compile(cost, w), "derive": lambda cost: symopt.derive(cost, w),
           "derive at": lambda cost: symopt.derive(cost, w, at={w: 1000}),
           "graph": lambda cost: symopt.graph(cost, at={w: 1000})}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("name", sorted(COSTS))
def test_a_constant_beyond_float64_is_refused_everywhere(name, entry):
    with pytest.raises(UnsupportedOperationError, match="beyond float64's range"):
        ENTRIES[entry](COSTS[name])


def test_constants_that_fit_are_shown():
    cost = 3 * (w + sympy.pi) ** 2 + sympy.sqrt(2) * w + sympy.Float("1e-300") * w
    assert str(symopt.derive(cost, w, at={w: 1})).splitlines()[-1].startswith("  dJ/dw = ")
    assert "J = " in str(symopt.graph(cost, at={w: 1}))
