"""probe73 P73-3: derive, graph and explain show a Piecewise branch taken only at a point (``Eq(w, 1)``, or the
default after ``(w > 0) | (w < 0)``) with the NaN partial grad has there, never a mask that reads 0 at the pinned
point.  Oracles: sympy.diff of the function the Piecewise patches (away from the point), and the documented NaN
of grad there (docs/functions.md: a branch taken only on a point set of a parameter); each printed formula is
transcribed by hand into SymPy and evaluated."""

import math
import warnings

import pytest
import sympy
from sympy import Eq, Piecewise, nan

import symopt

w, x = sympy.symbols("w x", real=True)
SUM = Piecewise((5, Eq(w, 1)), ((1 - w**5) / (1 - w), True))  # sum(w**i, i = 0..4), as SymPy's Sum.doit() writes it
PATCHED = Piecewise(((sympy.exp(w) - 1) / w, (w > 0) | (w < 0)), (1, True))  # simplify(integrate(exp(w t), (t, 0, 1)))


def shown(expr, wrt, at) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [line.strip() for line in str(symopt.derive(expr, wrt, at=at)).splitlines()]


def value(formula, point):
    number = complex(formula.subs(point).evalf())
    return number.real


def test_the_masked_slope_is_nan_at_the_pinned_point():
    lines = shown(SUM, w, {w: 1.0})
    assert "dJ/dq = {nan if w = 1; 1 otherwise} = undefined" in lines
    assert lines[-1] == "dJ/dw = (4w³ + 3w² + 2w + 1)·{nan if w = 1; 1 otherwise} = undefined"
    printed = (4 * w**3 + 3 * w**2 + 2 * w + 1) * Piecewise((nan, Eq(w, 1)), (1, True))  # the line, transcribed
    assert math.isnan(value(printed, {w: 1}))
    assert math.isnan(value(symopt.grad(SUM, w), {w: 1}))  # grad's documented NaN pin
    polynomial = sum(w**i for i in range(5))
    for point in (0.5, 2.0, -1.5):
        assert value(printed, {w: point}) == pytest.approx(float(sympy.diff(polynomial, w).subs(w, point)))


def test_a_pinned_branch_reached_through_a_product_is_not_a_silent_zero():
    cost = Piecewise((5, Eq(w, 1)), (x * w, True))  # grad: nan at w = 1 (main printed "= 0")
    lines = shown(cost, [w, x], {w: 1.0, x: 2.0})
    assert lines[-2:] == ["dJ/dw = x·{nan if w = 1; 1 otherwise} = undefined",
                          "dJ/dx = w·{nan if w = 1; 1 otherwise} = undefined"]
    for component in symopt.grad(cost, [w, x]):
        assert math.isnan(value(component, {w: 1, x: 2}))
    assert value(x * Piecewise((nan, Eq(w, 1)), (1, True)), {w: 3, x: 2}) == float(sympy.diff(x * w, w).subs(x, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        drawn = {node.id: node.lines[-1] for node in symopt.graph(cost, at={w: 1.0, x: 2.0}).nodes()
                 if node.kind == "input"}
        explained = str(symopt.explain(cost, [w], at={w: 1.0, x: 2.0}))
    assert drawn == {"w": "dJ/dw = undefined", "x": "dJ/dx = undefined"}
    assert "exact gradient is 0" not in explained and "not finite" in explained


def test_a_branch_of_data_alone_keeps_grads_zero():
    cost = Piecewise((5, Eq(w, 1)), (x, True))  # no branch value moves with w: grad 0, as for a step function
    assert shown(cost, [w, x], {w: 1.0, x: 2.0})[-2:] == ["dJ/dw = 0", "dJ/dx = {0 if w = 1; 1 otherwise} = 0"]
    assert symopt.grad(cost, [w, x])[0] == 0


def test_the_default_of_a_simplified_removable_singularity():
    lines = shown(PATCHED, w, {w: 0.0})
    assert "dJ/dp = {1 if (w > 0) | (w < 0); nan otherwise} = undefined" in lines
    printed = (1 + w * sympy.exp(w) - sympy.exp(w)) * Piecewise((1, (w > 0) | (w < 0)), (nan, True)) / w**2
    assert math.isnan(value(symopt.grad(PATCHED, w), {w: 0}))
    slope = sympy.diff((sympy.exp(w) - 1) / w, w)
    for point in (0.5, -2.0):
        assert value(printed, {w: point}) == pytest.approx(float(slope.subs(w, point)))
    assert shown(PATCHED, w, {w: 0.5})[-1] == "= 0.702557"
    assert float(slope.subs(w, 0.5)) == pytest.approx(0.702557, abs=5e-7)
