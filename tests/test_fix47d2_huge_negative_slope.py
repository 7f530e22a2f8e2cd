"""47d-10: beyond_float64 printed a huge negative number as "about 10^…" (log(|number|) drops the sign), so explain
said the slope of -exp(w²) at w = 1e10 was "about 10^4.34295e+19 exactly, computed as -∞"."""

import mpmath
import sympy

import symopt
from symopt.display.exact_numbers import beyond_float64


def test_a_huge_negative_number_keeps_its_sign():
    mpmath.mp.dps = 30
    exponent = mpmath.exp(100) / mpmath.log(10)  # log10(exp(exp(100))), by mpmath
    assert mpmath.nstr(exponent, 6) == "1.16743e+43"
    assert beyond_float64(-sympy.exp(sympy.exp(100))) == "about -10^1.16743e+43"
    assert beyond_float64(sympy.exp(sympy.exp(100))) == "about 10^1.16743e+43"
    assert beyond_float64(sympy.Integer(10) ** 400) == "1e+400"  # no trailing zeros, as 1e-400
    assert beyond_float64(-sympy.Integer(10) ** 400) == "-1e+400"


def test_explain_of_a_huge_negative_slope_says_it_is_negative():
    w = sympy.Symbol("w", real=True)
    W = symopt.Variable("w", 1e10)
    text = str(symopt.explain(-sympy.exp(w ** 2).subs(w, W), W))
    mpmath.mp.dps = 40
    slope = -2 * mpmath.mpf(10) ** 10 * mpmath.exp(mpmath.mpf(10) ** 20)  # d/dw -exp(w²) = -2w·exp(w²), by mpmath
    assert slope < 0
    digits = mpmath.nstr(mpmath.log10(-slope), 6)
    assert f"dJ/dw = about -10^{digits}, computed as -∞" in text
    assert "exactly, computed as -∞" not in text
