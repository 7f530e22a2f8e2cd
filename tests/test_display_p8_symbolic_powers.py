"""probe8 R26: the derivative of w**c with a data exponent was shown as SymPy's w^c·c/w, 0/0 at w = 0: derive
printed "undefined", graph "dJ/dw = undefined" and explain "not finite", where the generated code's c·w^(c-1)
gives 1 (c = 1) or 0 (c = 2).  The displays now use the rule table's c·w^(c-1)."""

import math

import pytest
import sympy as sp

import symopt

w = symopt.Variable("w", 0.0)
c = sp.Symbol("c")

COSTS = {"w**c": (w ** c, 0.0), "(w - 1)**c": ((w - 1) ** c, 1.0), "w**(c + 1)": (w ** (c + 1), 0.0),
         "|w|**c": (sp.Abs(w) ** c, 0.0), "w**c + w": (w ** c + w, 0.0)}


@pytest.mark.parametrize("exponent", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("name", sorted(COSTS))
def test_displays_show_the_compiled_slope_where_the_base_is_zero(name, exponent):
    cost, point = COSTS[name]
    _, gradient = symopt.compile(cost, w)(w=point, c=exponent)
    assert math.isfinite(gradient)
    at = {w: point, c: exponent}
    derived = str(symopt.derive(cost, [w], at=at)).splitlines()[-1]
    assert float(derived.rsplit(" = ", 1)[-1]) == pytest.approx(gradient)
    drawn = next(node.lines for node in symopt.graph(cost, at=at).nodes() if node.id == "w")
    assert float(drawn[1].rsplit(" = ", 1)[-1]) == pytest.approx(gradient)
    finding = symopt.explain(cost, w, at={w: point}, data={c: exponent}).finding("w")
    assert finding.status == ("zero" if gradient == 0 else "fine")
