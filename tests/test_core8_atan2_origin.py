"""probe12 V7: atan2(0, 0) is 0 in the generated code (numpy.arctan2, TF1's atan2) and SymPy's NaN in the displays:
derive printed "undefined", relu(atan2(a, b)) raised a raw TypeError (a NaN comparison) in derive, explain and graph,
and through Max derive printed a finite gradient the code does not give.  The displays now take atan2's value at the
origin as the code does; its slope there is undefined (the code's NaN)."""

import math

import pytest
import sympy

import symopt

a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
ORIGIN = {a: 0, b: 0}


def test_the_value_at_the_origin_is_the_codes():
    value, _ = symopt.compile(sympy.atan2(a, b), [a, b])(a=0.0, b=0.0)
    assert float(value) == 0.0
    assert str(symopt.derive(sympy.atan2(a, b), [a, b], at=ORIGIN)).splitlines()[1] == "  J = atan2(a, b) = 0"
    assert str(symopt.graph(sympy.atan2(a, b), at=ORIGIN)).splitlines()[-1].startswith("J = atan2(a, b) = 0")


@pytest.mark.parametrize("entry", [lambda c: str(symopt.derive(c, [a, b], at=ORIGIN)),
                                   lambda c: str(symopt.explain(c, [a, b], at=ORIGIN)),
                                   lambda c: symopt.graph(c, at=ORIGIN).text()], ids=["derive", "explain", "graph"])
def test_relu_of_atan2_at_the_origin_is_shown(entry):
    assert entry(a + symopt.relu(sympy.atan2(a, b)))  # raised TypeError: Invalid NaN comparison


def test_through_max_the_slope_is_undefined_as_in_the_code():
    cost = a + sympy.Max(-1, sympy.atan2(a, b))
    _, gradients = symopt.compile(cost, [a, b])(a=0.0, b=0.0)
    assert all(math.isnan(float(g)) for g in gradients)
    lines = str(symopt.derive(cost, [a, b], at=ORIGIN)).splitlines()
    assert lines[-2].endswith("= undefined") and lines[-1].endswith("= undefined")
    explanation = str(symopt.explain(cost, [a, b], at=ORIGIN))
    assert "exact gradient" not in explanation
