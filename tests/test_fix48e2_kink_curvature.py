"""48e-6: at a kink whose one-sided second derivatives agree, explain's d²J/dw² is theirs, not the masked formula's
value at the tie (relu(w)² + relu(-w)² is w²: step(0) = 0 gave 0; Max(0, w)² + Max(0, -w)²: both masks 1 gave 4).
Oracle: sympy.diff of each one-sided piece (w² on both sides: 2)."""

import sympy

import symopt
from symopt.functions import relu

w = sympy.Symbol("w", real=True)


def _one_sided_second_derivatives(cost):
    right = cost.subs(sympy.Max(0, w), w).subs(sympy.Max(0, -w), 0)
    left = cost.subs(sympy.Max(0, w), 0).subs(sympy.Max(0, -w), -w)
    return sympy.diff(right, w, 2).subs(w, 0), sympy.diff(left, w, 2).subs(w, 0)


def test_relu_pair_is_a_minimum_with_curvature_2():
    assert _one_sided_second_derivatives(sympy.Max(0, w)**2 + sympy.Max(0, -w)**2) == (2, 2)
    text = str(symopt.explain(relu(w)**2 + relu(-w)**2, [w], at={w: 0}))
    assert ("stationary point: dJ/dw = 2·step(w)·relu(w) - 2·step(-w)·relu(-w) is 0 at w = 0: J is flat along w "
            "here; d²J/dw² = 2 > 0: a minimum along w") in text


def test_max_pair_says_2_not_4():
    text = str(symopt.explain(sympy.Max(0, w)**2 + sympy.Max(0, -w)**2, [w], at={w: 0}))
    assert ("stationary point: dJ/dw = 2[w ≥ 0]·max(0, w) - 2[w ≤ 0]·max(0, -w) is 0 at w = 0: J is flat along w "
            "here; d²J/dw² = 2 > 0: a minimum along w") in text


def test_a_kink_with_different_sides_is_still_a_kink():
    """w² + relu(w)²: one-sided second derivatives 4 and 2 differ: no second derivative."""
    text = str(symopt.explain(w**2 + relu(w)**2, [w], at={w: 0}))
    assert "kink" in text and "d²J/dw² does not exist here" in text
