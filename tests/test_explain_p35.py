"""final35 F35-6, F35-7. F35-6: ``explain`` at a point where a max / min reads 1/0 died with a bare TypeError (SymPy's
``Max(w, zoo)`` cannot compare, in the stationary-point check); it gives up on a curvature there, as it does where
SymPy cannot evaluate elsewhere, and the finding stays "zero" / "not finite"."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy

import symopt
from symopt.functions import leaky_relu, sigmoid
from symopt.cli import main

w, v, x = sympy.symbols("w v x", real=True)


def test_max_of_w_and_1_over_0_on_the_command_line(capsys):
    value, (gradient,) = symopt.compile(sympy.Max(w, 1 / x), [w])(w=1.0, x=0.0)
    assert (value, gradient) == (math.inf, 0.0)  # the oracle: the generated code
    assert main(["explain", "max(w, 1/x)", "--wrt", "w", "--at", "w=1,x=0"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "explain (w = 1, x = 0)",
        "  w: zero: dJ/dw = 0",
        "    zero: dw is 0 here: 1/x = ∞ at x = 0",
        "    at dw = [w ≥ 1/x]"]


def test_max_of_v_over_0_and_w_in_python():
    _, gradients = symopt.compile(sympy.Max(v / x, w), [w, v])(w=1.0, v=2.0, x=0.0)
    assert [float(g) for g in gradients] == [0.0, math.inf]  # the oracle: the generated code
    explained = symopt.explain(sympy.Max(v / x, w), [w, v], at={w: 1, v: 2, x: 0})
    assert explained.text().splitlines() == [
        "explain (v = 2, w = 1, x = 0)",
        "  w: zero: dJ/dw = 0",
        "    zero: dw is 0 here",
        "    at dw = [u ≤ w]",
        "  v: not finite: dJ/dv = ∞",
        "    not finite: dv is not finite here: 1/x = ∞ at x = 0",
        "    at dv = du/x"]


# final35 F35-7: the stable cross-entropy softplus(z) - y·z, which explain itself recommends for the log form, got no
# cause where its example is fitted (w = 20: "vanishing", nothing more) or a stationary point with d²J/dw² = 0 (w = 50:
# the exact slope is σ(50) - 1 = -1.9e-22 and the curvature σ'(50) > 0, no stationary point).

y = sympy.Symbol("y", real=True)

IN_THE_LIMIT = ("σ reaches its target only in the limit: on separable data the weights grow without bound as training "
                "goes on and the cost has no minimum; add a penalty (+ λw²) for one")


def test_the_stable_cross_entropy_of_a_fitted_example_is_fitted():
    cost = symopt.ops.sigmoid_cross_entropy(w * x, y)
    sigma = sigmoid(w * x)
    log_form = -y * sympy.log(sigma) - (1 - y) * sympy.log(1 - sigma)
    exact = sympy.diff(log_form, w).subs({x: 1, y: 1})  # the oracle: SymPy's own derivative of the log form
    assert abs(sympy.N(exact.subs(w, 20), 30) + sympy.Float("2.06115361819020e-9", 30)) < 1e-22
    assert sympy.N(exact.subs(w, 50), 30) < 0 < sympy.N(sympy.diff(log_form, w, 2).subs({x: 1, y: 1, w: 50}), 30)
    _, (gradient,) = symopt.compile(cost, [w])(w=20.0, x=1.0, y=1.0)
    assert math.isclose(float(gradient), -2.06115e-09, rel_tol=1e-5)  # and the generated code's
    with mpmath.workdps(30):  # 45e-4: at w = 50 the code's slope and loss are 0, the exact ones σ(50) - 1 and softplus(-50)
        slope_50, loss_50 = mpmath.nstr(1 / (1 + mpmath.exp(-50)) - 1, 6), mpmath.nstr(mpmath.log1p(mpmath.exp(-50)), 6)
    for point, slope, loss in [(20, "-2.06115e-09", "2.06115e-09"),
                               (50, f"{slope_50} exactly, computed as 0", f"{loss_50} exactly, computed as 0")]:
        explained = symopt.explain(cost, w, at={w: point, x: 1, y: 1})
        assert explained.text().splitlines()[1:] == [
            f"  w: {'vanishing' if point == 20 else 'zero'}: dJ/dw = {slope}",
            f"    fitted: dJ/dw = x·σ(wx) - xy is {slope} because σ(v) ≈ y = 1 at v = wx = {point} (the loss is "
            f"{loss}): the example is fitted, and σ' is not in the loss's slope σ(v) - y along v. {IN_THE_LIMIT}",
            "    at dw = x·σ(v) - xy"]


def test_the_stable_cross_entropy_written_on_the_command_line_with_a_label_0(capsys):
    assert main(["explain", "softplus(w*x) - y*w*x", "--wrt", "w", "--at", "w=-20,x=1,y=0"]) == 0
    assert capsys.readouterr().out.splitlines()[2] == (
        "    fitted: dJ/dw = x·σ(wx) - xy is 2.06115e-09 because σ(v) ≈ y = 0 at v = wx = -20 (the loss is "
        f"2.06115e-09): the example is fitted, and σ' is not in the loss's slope σ(v) - y along v. {IN_THE_LIMIT}")


def test_the_stable_cross_entropy_away_from_its_label_is_not_fitted():
    explained = symopt.explain(symopt.ops.sigmoid_cross_entropy(w * x, y), w, at={w: 20, x: 0, y: 1})
    assert explained.finding(w).causes == (("zero", "dw is 0 here"),)  # x = 0: σ(0) = 1/2 is not y = 1


@pytest.mark.parametrize("label, point, slope, target, loss, along", [
    (1, 30, "dJ/dw = x·σ(wx) - x is -9.35918e-14", "σ(v) ≈ 1 at v = wx = 30", "9.23706e-14", "σ(v) - 1 along v"),
    (0, -30, "dJ/dw = x·σ(wx) is 9.35762e-14", "σ(u) ≈ 0 at u = wx = -30", "9.35762e-14", "σ(u) along u"),
])
def test_the_stable_cross_entropy_with_a_number_as_its_label_is_fitted(label, point, slope, target, loss, along):
    cost = symopt.ops.sigmoid_cross_entropy(w * x, label)  # a GAN's "all real" / "all fake" target
    exact = sympy.N(sympy.diff(sympy.log(1 + sympy.exp(w * x)) - label * w * x, w).subs({w: point, x: 1}), 30)
    assert float(exact) == pytest.approx(float(slope.split(" is ")[1]), rel=1e-5)  # the oracle: SymPy's diff
    assert symopt.explain(cost, w, at={w: point, x: 1}).finding(w).causes == (("fitted", (
        f"{slope} because {target} (the loss is {loss}): the example is fitted, and σ' is not in the loss's slope "
        f"{along}. {IN_THE_LIMIT}")),)


def test_an_overflow_check_that_sympy_cannot_compare_gives_up():
    # F35-6's kind in the overflow check (found by the review's fuzz, seed 1): leaky_relu(2/w) at w = 0 is compared
    # with zoo when SymPy is asked whether the step's exact value is finite
    w1, x1 = symopt.Variable("w", 1.0), symopt.Placeholder("x")
    cost = sigmoid(leaky_relu(2 / w1, sympy.Rational(1, 5)) * sympy.Min(0.5, x1 ** 2))
    _, (gradient,) = symopt.compile(cost, [w1])(w=0.0, x=1e-300)
    assert math.isnan(float(gradient))  # the oracle: the generated code's gradient is not finite
    assert symopt.explain(cost, [w1], at={w1: 0, x1: 1e-300}).text().splitlines()[1:] == [
        "  w: not finite: dJ/dw is NaN",
        "    not finite: dq is not finite here: u = leaky_relu(2/w, 1/5) = ∞ at w = 0",
        "    at dq = (1 - σ(q))·σ(q)"]  # x² = 1e-600 is 0 in float64, so q = 0·∞, as compiled (probe92 P92-4)
