"""final47d3 47d3-1: explain's exact slope of a cost whose slope is exactly 0 printed evalf's leftover rounding noise
as an exact number (``7.24218e-1357 exactly, computed as 0``); sympy.simplify of the slope is 0."""

import sympy

import symopt


def test_an_exactly_zero_slope_prints_no_noise_as_exact():
    w = sympy.Symbol("w")
    cost = sympy.log(sympy.exp(w)) - w + sympy.tanh(w) ** 2 + 1 / sympy.cosh(w) ** 2
    assert sympy.simplify(sympy.diff(cost, w)) == 0  # the oracle: the slope is 0 everywhere
    text = str(symopt.explain(cost, w, at={w: 0.3}))
    assert "e-1357" not in text and "e-125" not in text
