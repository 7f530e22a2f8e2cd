"""final35 F35-3, F35-11: ``explain`` at a kink beside a Float constant, and the wording of a condition's kink.

F35-3: the two sides of the point (± 10⁻²⁰) were lost in a Float constant's 15 digits (``w + 10⁻²⁰ - 0.5`` is 0 in
SymPy's Float arithmetic), so ``|w - 0.5|`` at 0.5, an L1 distance to a float target, was called a stationary point
where ``J`` is flat.  F35-11: a condition (``w ≤ 0`` in ``[w ≥ 0] - [w ≤ 0]``) was named as a non-differentiable
function."""

from __future__ import annotations

import sympy
import pytest

import symopt

w = sympy.Symbol("w", real=True)

NO_CURVATURE = ("d²J/dw² does not exist here, so it does not decide between a minimum, a maximum and neither "
                "along w")


def _gradient(cost, point: float) -> float:
    return float(symopt.compile(cost, [w])(w=point)[1][0])


def _one_sided_curvatures(cost, point: float, h: float = 1e-4) -> tuple:
    """Finite differences of the generated gradient on each side of ``point`` (the oracle for a kink)."""
    at = _gradient(cost, point)
    return (at - _gradient(cost, point - h)) / h, (_gradient(cost, point + h) - at) / h


@pytest.mark.parametrize("cost, point, shown, cause", [
    (sympy.Abs(w - 0.5), 0.5, "0.5",
     "dJ/dw = sign(w - 0.5) is 0 at w = 0.5, where sign(w - 0.5) is not differentiable (w - 0.5 = 0): "),
    (sympy.Abs(w - 0.1), 0.1, "0.1",
     "dJ/dw = sign(w - 0.1) is 0 at w = 0.1, where sign(w - 0.1) is not differentiable (w - 0.1 = 0): "),
    (sympy.Abs(w - 0.1), sympy.Rational(1, 10), "0.1",
     "dJ/dw = sign(w - 0.1) is 0 at w = 0.1, where sign(w - 0.1) is not differentiable (w - 0.1 = 0): "),
    (sympy.Max(0, w - 0.5) ** 2, 0.5, "0.5",
     "dJ/dw = 2[w - 0.5 ≥ 0]·max(0, w - 0.5) is 0 at w = 0.5, where max(0, w - 0.5) is not differentiable "
     "(0 = w - 0.5): "),
])
def test_a_kink_beside_a_float_constant_is_a_kink_not_a_flat_point(cost, point, shown, cause):
    assert _gradient(cost, float(point)) == 0.0  # the oracle: the generated code's slope at the kink
    left, right = _one_sided_curvatures(cost, float(point))
    slopes = _gradient(cost, float(point) - 1e-6), _gradient(cost, float(point) + 1e-6)
    assert slopes == (-1.0, 1.0) or (abs(left) < 1e-9 and abs(right - 2.0) < 1e-6)  # |.|: -1, 1; max(0, .)²: 0, 2
    explained = symopt.explain(cost, w, at={w: point})
    assert explained.text().splitlines()[0] == f"explain (w = {shown})"
    assert explained.finding(w).causes == (("kink", cause + NO_CURVATURE),)


def test_a_kink_beside_a_float_constant_smoothed_away_keeps_its_second_derivative():
    cost = sympy.Abs(w - 0.1) ** 3  # J'' = 6|w - 0.1| exists at 0.1 and is 0
    left, right = _one_sided_curvatures(cost, 0.1)
    assert abs(left) < 1e-3 and abs(right) < 1e-3
    assert symopt.explain(cost, w, at={w: 0.1}).finding(w).causes == (("stationary point", (
        "dJ/dw = (w - 0.1)²·sign(w - 0.1) + (2w - 0.2)·|w - 0.1| is 0 at w = 0.1: J is flat along w here; "
        "d²J/dw² = 0: it does not decide between a minimum, a maximum and neither along w")),)


def test_a_conditions_kink_says_the_condition_changes():
    cost = sympy.Max(0, -w) + sympy.Max(0, w)  # |w|: slopes -1 and 1 either side of 0
    assert (_gradient(cost, -1e-6), _gradient(cost, 0.0), _gradient(cost, 1e-6)) == (-1.0, 0.0, 1.0)
    assert symopt.explain(cost, w, at={w: 0}).finding(w).causes == (("kink", (
        "dJ/dw = [w ≥ 0] - [w ≤ 0] is 0 at w = 0, where the condition w ≤ 0 changes at w = 0: " + NO_CURVATURE)),)
