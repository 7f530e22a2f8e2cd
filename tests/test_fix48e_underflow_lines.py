"""P92-4: derive and graph carried a value below float64's smallest subnormal as a nonzero SymPy Float
(exp(2w) = 3.7e-348 at w = -400), so log of it read -800 where compile computes -∞, and σ(w)·log σ(w) at w = -800
read as a healthy J = 0 where compile's cost and gradient are NaN.  Now such a value is 0, as in the code.

Oracles: mpmath (the exact values are nonzero and below 4.9e-324, so float64 holds 0) and symopt.compile's numbers."""

import math
import warnings

import mpmath
import numpy as np
import sympy

import symopt
from symopt.display import derive, graph

w = sympy.Symbol("w")
SMALLEST_SUBNORMAL = float(np.finfo(np.float64).smallest_subnormal)


def _compiled(cost, point: float):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return symopt.compile(cost, w)(w=point)


def test_log_of_an_underflowed_exponential_is_minus_infinity_as_compiled():
    assert 0 < mpmath.exp(-800) < SMALLEST_SUBNORMAL  # u = exp(2w) at w = -400: 0 in float64
    cost = sympy.log(sympy.exp(w) ** 2)
    value, slope = _compiled(cost, -400.0)
    assert value == -math.inf and slope == 2.0
    assert str(derive(cost, w, at={w: -400})) == (
        "forward (w = -400)\n"
        "  u = exp(2w) = 0\n"
        "  J = log(u) = -∞\n"
        "backward\n"
        "  dJ/du = exp(-2w) = ∞\n"
        "  dJ/dw = dJ/du · du/dw = 2\n"
        "gradient\n"
        "  dJ/dw = 2")
    assert str(graph(cost, at={w: -400})) == "w = -400, dJ/dw = 2\nu = exp(2w) = 0, dJ/du = ∞  ← w\nJ = log(u) = -∞  ← u"


def test_the_entropy_term_at_an_underflowed_sigmoid_is_undefined_as_compiled():
    assert 0 < 1 / (1 + mpmath.exp(800)) < SMALLEST_SUBNORMAL  # σ(-800): 0 in float64
    cost = symopt.sigmoid(w) * sympy.log(symopt.sigmoid(w))
    value, slope = _compiled(cost, -800.0)
    assert math.isnan(value) and math.isnan(slope)
    assert str(derive(cost, w, at={w: -800})).splitlines()[:4] == [
        "forward (w = -800)", "  u = σ(w) = 0", "  v = log(u) = -∞", "  J = uv = undefined"]
    assert str(graph(cost, at={w: -800})) == (
        "w = -800, dJ/dw = undefined\n"
        "u = σ(w) = 0, dJ/du = -∞  ← w\n"
        "v = log(u) = -∞, dJ/dv = 0  ← u\n"
        "J = uv = undefined  ← v, u")


def test_an_underflowed_negative_value_keeps_its_sign():
    cost = -sympy.exp(w) ** 2
    value, _ = _compiled(cost, -400.0)
    assert value == 0 and math.copysign(1.0, value) < 0
    assert "  J = -u = -0" in str(derive(cost, w, at={w: -400})).splitlines()


def test_a_sigmoid_the_code_computes_as_0_is_0_in_the_lines():
    """σ(-740) is a subnormal (4.2e-322) exactly, but the code's 1/(1 + e^740) is 0 (e^740 is past float64's range):
    the lines follow the code, log σ = -∞ and the cost NaN, as compiled."""
    assert 0 < 1 / (1 + mpmath.exp(740)) < 1e-300
    with np.errstate(over="ignore"):
        assert math.isinf(np.exp(np.float64(740.0)))
    cost = symopt.sigmoid(w) * sympy.log(symopt.sigmoid(w))
    value, slope = _compiled(cost, -740.0)
    assert math.isnan(value) and math.isnan(slope)
    assert str(derive(cost, w, at={w: -740})).splitlines()[1:4] == [
        "  u = σ(w) = 0", "  v = log(u) = -∞", "  J = uv = undefined"]
