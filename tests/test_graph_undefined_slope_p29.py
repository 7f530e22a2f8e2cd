"""probe29 P29-12: ``graph "exp(acosh(w))" --at w=-1`` drew ``dJ/dw = -∞`` where the only edge into w carries
``dJ/du = undefined`` and the generated code's gradient is NaN.  The derivative's number read ``acosh(-1) = iπ``:
``exp(iπ)`` evaluated to about -1 and ``∞ · (-i/√2) · (-1)`` to -∞; a value without a real number is NaN in the code,
and an infinite one made from it is NaN too."""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt.cli import main

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("cost, point", [
    (sympy.exp(sympy.acosh(w)), -1),
    (sympy.log(1 + sympy.acosh(w)), -1),
    (sympy.log(1 + sympy.acosh(2 * w)), -0.5),
])
def test_the_slope_drawn_where_the_cost_has_no_real_value_is_the_codes_nan(cost, point):
    value, (gradient,) = symopt.compile(cost, [w])(w=float(point))
    assert math.isnan(value) and math.isnan(gradient)  # the oracle: the generated code
    assert sympy.acosh(sympy.Integer(-1)) == sympy.I * sympy.pi  # and SymPy: no real value
    drawn = str(symopt.graph(cost, at={w: point})).splitlines()
    assert drawn[0] == f"w = {point}, dJ/dw = undefined"
    assert "-∞" not in "\n".join(drawn)


def test_a_slope_the_code_computes_as_minus_infinity_is_still_drawn():
    cost = sympy.log(1 + sympy.asin(w))  # the cost is NaN (log of -0.57), the code's slope 1/(t0·√(1 - w²)) is -inf
    value, (gradient,) = symopt.compile(cost, [w])(w=-1.0)
    assert math.isnan(value) and gradient == -math.inf
    assert str(symopt.graph(cost, at={w: -1})).splitlines()[0] == "w = -1, dJ/dw = -∞"


def test_the_command_line_draws_undefined(capsys):
    assert main(["graph", "exp(acosh(w))", "--at", "w=-1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "w = -1, dJ/dw = undefined"
