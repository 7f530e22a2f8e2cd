"""probe75 P75-1: ``explain`` of a scalar parameter spoke of entries ("fine (largest |entry| 4)", "0 in every
entry", "not finite in 1 of 1 entries") and dropped the gradient's sign, which tells a student the way gradient
descent moves.  Now a scalar's status is its signed slope; the oracle is sympy.diff (and sympy.limit at a pole)."""

import sympy

import symopt

w, x = sympy.symbols("w x")


def detail(cost, point):
    return symopt.explain(cost, w, at=point).finding("w").detail


def test_the_lecture_slope_is_shown_with_its_sign():
    cost = w**2 - 10 * w + 25
    slope = sympy.diff(cost, w)
    assert slope.subs(w, 3) == -4 and slope.subs(w, 5) == 0  # oracle
    assert detail(cost, {w: 3}) == "fine: dJ/dw = -4"
    assert detail(cost, {w: 5}) == "zero: dJ/dw = 0"


def test_a_vanishing_slope_keeps_its_sign():
    cost = symopt.sigmoid(w) * sympy.Float(1e-12)
    exact = float(sympy.diff(1 / (1 + sympy.exp(-w)), w).subs(w, 0)) * 1e-12  # oracle: σ'(0)·1e-12 = +2.5e-13
    assert detail(cost, {w: 0}) == f"vanishing: dJ/dw = {exact:.6g}"


def test_an_infinite_slope_is_named_not_counted_in_entries():
    assert sympy.limit(sympy.diff(sympy.sqrt(w) * x, w).subs(x, 1), w, 0, "+") == sympy.oo  # oracle: +∞
    assert detail(sympy.sqrt(w) * x, {w: 0, x: 1}) == "not finite: dJ/dw = ∞"
    assert sympy.limit(sympy.diff(w * sympy.log(w), w), w, 0, "+") == -sympy.oo  # oracle: -∞
    assert detail(w * sympy.log(w), {w: 0}) == "not finite: dJ/dw = -∞"


def test_a_zero_slope_reads_0_not_the_codes_negative_zero():
    b = sympy.Symbol("b")
    cost = sympy.Abs(w - b)  # SymPy writes the slope -sign(b - w): -0.0 in float arithmetic at w = b
    real_w, real_b = sympy.symbols("w b", real=True)
    assert sympy.diff(sympy.Abs(real_w - real_b), real_w).subs({real_w: 1, real_b: 1}) == 0  # oracle: sign(0) = 0
    assert detail(cost, {w: 1.0, b: 1.0}) == "zero: dJ/dw = 0"
