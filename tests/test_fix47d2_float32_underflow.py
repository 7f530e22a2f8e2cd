"""47d-11: in float32, explain called a slope that underflows float32 (but not float64) a stationary point and a
minimum (exp(-w) at w = 110: -1.68891e-48, below float32's smallest number 1.4e-45): it compared with float64's."""

import mpmath
import numpy as np
import sympy

import symopt


def test_a_slope_that_underflows_float32_is_an_underflow_not_a_minimum():
    w = sympy.Symbol("w", real=True)
    W = symopt.Variable("w", np.float32(110), dtype="float32")
    slope = -mpmath.exp(-110)  # d/dw exp(-w) at 110, by mpmath
    assert abs(slope) < np.finfo(np.float32).smallest_subnormal and np.float32(-np.exp(-110.0)) == 0
    text = str(symopt.explain(sympy.exp(-w).subs(w, W), W))
    shown = mpmath.nstr(slope, 6)
    assert f"dJ/dw = {shown} exactly, computed as 0" in text
    assert "underflow" in text and "nearer 0 than float32's smallest number (1.4e-45)" in text
    assert "stationary point" not in text and "minimum" not in text


def test_float64_keeps_its_message():
    w = sympy.Symbol("w", real=True)
    W = symopt.Variable("w", 800.0)
    text = str(symopt.explain(sympy.exp(-w).subs(w, W), W))
    assert f"dJ/dw = {mpmath.nstr(-mpmath.exp(-800), 6)} exactly, computed as 0" in text
    assert "nearer 0 than float64's smallest number (5e-324)" in text
