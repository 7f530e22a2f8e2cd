"""review2 F4, probe12 V9: the displays show the generated code's numbers at w = 0 and w = -0.0.

The code computes ``-w`` at w = 0.0 as IEEE's -0.0, and ``sqrt(-0.0)`` is -0.0, so ``1/sqrt(-w)`` is -∞ there and the
slope of ``√(-w)`` is +∞ (the one-sided limit is -∞); ``1/w`` at w = -0.0 is -∞.  derive and graph evaluated in
SymPy, whose numbers have no signed zero, and showed the opposite signs; a 0 times a pole in the chain rule showed 0
where the line's own formula (and the code) is ±∞ or NaN.  Each number is compared with symopt.compile's."""

import math

import pytest
import sympy

import symopt
from symopt.display.backward import adjoint_symbol

w = symopt.Variable("w", 1.0)
R = sympy.Rational
COSTS = {
    "sqrt(-w)": sympy.sqrt(-w),
    "signed sqrt": sympy.Piecewise((sympy.sqrt(w), w > 0), (-sympy.sqrt(-w), True)),
    "(-w)^(-1/2)": (-w) ** R(-1, 2),
    "1/(-w)": 1 / (-w),
    "1/(-2w)": 1 / (-2 * w),
    "log(-w)": sympy.log(-w),
    "1/w": 1 / w,
    "exp(-1/w)": sympy.exp(-1 / w),
    "log(1/sqrt(w))": sympy.log(1 / sympy.sqrt(w)),
    "sqrt(w)": sympy.sqrt(w),
    "w^-2": w ** -2,
    "(-w)^(1/3)": (-w) ** R(1, 3),
    "1/sin(-w)": 1 / sympy.sin(-w),
    "atan(1/sqrt(w))": sympy.atan(1 / sympy.sqrt(w)),
}


def _shown(number) -> float:
    value = complex(sympy.sympify(number))
    return value.real if value.imag == 0 else math.nan


def _same(shown, code) -> bool:
    return (math.isnan(shown) and math.isnan(code)) or shown == code


@pytest.mark.parametrize("point", [0.0, -0.0], ids=["+0", "-0"])
@pytest.mark.parametrize("name", sorted(COSTS))
def test_derive_and_graph_show_compiles_numbers_at_zero(name, point):
    cost = COSTS[name]
    value, gradient = (float(x) for x in symopt.compile(cost, w)(w=point))
    derivation = symopt.derive(cost, [w], at={w: point})
    assert _same(_shown(derivation.numbers[derivation.forward.output.symbol]), value), str(derivation)
    assert _same(_shown(derivation.numbers[adjoint_symbol(w)]), gradient), str(derivation)
    first = str(symopt.graph(cost, at={w: point})).splitlines()[0]
    shown = first.split("dJ/dw = ")[1]
    assert _same({"∞": math.inf, "-∞": -math.inf, "undefined": math.nan}.get(shown) or float(shown), gradient), first


def test_a_negative_zero_in_at_is_shown_and_used_as_the_code_uses_it():
    """probe12 V9: at={w: -0.0} was shown as w = 0 with the values of +0 (1/w = ∞, exp(-1/w) = 0)."""
    assert symopt.compile(1 / w, w)(w=-0.0) == (-math.inf, -math.inf)
    lines = str(symopt.derive(1 / w, [w], at={w: -0.0})).splitlines()
    assert lines[:2] == ["forward (w = -0)", "  J = 1/w = -∞"]
    assert str(symopt.graph(sympy.exp(-1 / w), at={w: -0.0})).splitlines()[:2] == ["w = -0, dJ/dw = ∞",
                                                                                 "J = exp(-1/w) = ∞  ← w"]


@pytest.mark.parametrize("make", [lambda a, b: a + symopt.relu(sympy.atan2(a, b)),
                                  lambda a, b: a + symopt.leaky_relu(sympy.atan2(a, b), 0.1),
                                  lambda a, b: a + sympy.Max(-1, sympy.atan2(a, b))], ids=["relu", "leaky", "max"])
def test_a_slope_undefined_on_the_way_is_undefined_as_in_the_code(make):
    """probe12 V7 (the rest): atan2 has no slope at the origin (the code's NaN); behind relu's 0 mask derive and
    graph showed dJ/da = 1, taking 0 times the undefined slope as 0."""
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
    cost = make(a, b)
    _, gradient = symopt.compile(cost, [a, b])(a=0.0, b=0.0)
    assert all(math.isnan(g) for g in gradient)
    derivation = symopt.derive(cost, [a, b], at={a: 0, b: 0})
    assert all(math.isnan(_shown(derivation.numbers[adjoint_symbol(s)])) for s in (a, b)), str(derivation)
    lines = str(symopt.graph(cost, at={a: 0, b: 0})).splitlines()
    assert lines[:2] == ["a = 0, dJ/da = undefined", "b = 0, dJ/db = undefined"]
