"""P92-5: explain blamed a dead ReLU at the strict minimum of w² + relu(w)², where the slope of the cost in relu's
value is 0 too (so relu's own slope is no cause); the same cost written with Max(0, w) got a kink diagnosis.

Oracle: SymPy's diff of the two smooth pieces either side of 0 (w² for w < 0, 2w² for w > 0)."""

import sympy

import symopt

w = sympy.Symbol("w")


def test_relu_under_a_zero_slope_gets_the_kink_diagnosis_of_max():
    left, right = w ** 2, 2 * w ** 2  # the cost on either side of 0
    assert sympy.diff(left, w).subs(w, 0) == 0 == sympy.diff(right, w).subs(w, 0)  # slope 0 from both sides
    assert sympy.diff(left, w, 2) == 2 and sympy.diff(right, w, 2) == 4  # no second derivative at 0
    assert str(symopt.explain(w ** 2 + symopt.relu(w) ** 2, w, at={w: 0})) == (
        "explain (w = 0)\n"
        "  w: zero: dJ/dw = 0\n"
        "    kink: dJ/dw = 2w + 2·step(w)·relu(w) is 0 at w = 0, where relu(w) is not differentiable (w = 0): d²J/dw² "
        "does not exist here, so it does not decide between a minimum, a maximum and neither along w\n"
        "    at dw = 2w + 2v·step(w)")
    written_with_max = str(symopt.explain(w ** 2 + sympy.Max(0, w) ** 2, w, at={w: 0}))
    assert "    kink: " in written_with_max and "dead ReLU" not in written_with_max


def test_a_relu_off_under_a_nonzero_slope_is_still_dead():
    cost = (symopt.relu(w) - 1) ** 2
    assert sympy.diff((sympy.Max(0, w) - 1) ** 2, w).subs(w, -1) == 0
    assert sympy.diff((w - 1) ** 2, w).subs(w, 0) == -2  # the slope in relu's value: nonzero
    assert str(symopt.explain(cost, w, at={w: -1})) == (
        "explain (w = -1)\n"
        "  w: zero: dJ/dw = 0\n"
        "    dead ReLU: w = -1 ≤ 0, so relu is off: u = relu(w) = 0 and its derivative step(w) = 0\n"
        "    at dw = step(w)·du")
