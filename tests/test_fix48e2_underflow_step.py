"""48e-1: where a step underflows (0 in float64, nonzero exactly) and the exact slope is nonzero, explain names the
step as an underflow, never a stationary point whose d²J/dw² is 0 (oracle: mpmath's exact slope is nonzero)."""

import mpmath
import sympy

import symopt

w, x = sympy.symbols("w x", real=True)


def _oracle_slope(cost, at):
    """dJ/dw by sympy.diff evaluated at 30 digits (mpmath)."""
    return sympy.diff(cost, w).subs(at).evalf(30)


def test_underflowed_exp_times_huge_x_is_no_stationary_point():
    at = {w: -800, x: 1e300}
    cost = x * sympy.exp(w)
    assert symopt.compile(cost, [w])(w=-800.0, x=1e300)[1][0] == 0.0  # the code's slope is 0
    assert abs(_oracle_slope(cost, at) - sympy.Float("3.66787458417768740603637134267e-48")) < 1e-75
    assert abs(mpmath.exp(-800) - mpmath.mpf("3.66787e-348")) < mpmath.mpf("1e-352")
    text = str(symopt.explain(cost, [w], at=at))
    assert "stationary point" not in text and "d²J/dw²" not in text
    assert ("    underflow: u = exp(w) is 3.66787e-348 exactly at w = -800, nearer 0 than float64's smallest number "
            "(5e-324), so it is 0 in the computation and so is dJ/dw, although the exact dJ/dw is 3.66787e-48; "
            "J is not flat along w here\n    at u = exp(w)") in text


def test_underflowed_factor_with_subnormal_exact_slope():
    at = {w: -750}
    cost = w * sympy.exp(w)
    assert symopt.compile(cost, [w])(w=-750.0)[1][0] == 0.0
    assert _oracle_slope(cost, at) < 0  # -1.42436e-323: nonzero
    text = str(symopt.explain(cost, [w], at=at))
    assert "stationary point" not in text
    assert ("underflow: u = exp(w) is 1.90168e-326 exactly at w = -750, nearer 0 than float64's smallest number "
            "(5e-324), so it is 0 in the computation and so is dJ/dw, although the exact dJ/dw is -1.42436e-323; "
            "J is not flat along w here") in text


def test_a_true_stationary_point_is_still_one():
    text = str(symopt.explain((w - 5)**2, [w], at={w: 5}))
    assert "stationary point" in text and "d²J/dw² = 2 > 0: a minimum along w" in text
