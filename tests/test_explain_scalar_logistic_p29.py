"""probe29 P29-4, P29-5: scalar ``explain`` of the blackboard's logistic loss, judged as the matrix form judges it.

P29-4: a fitted example (σ(wx) ≈ y = 1) was called "saturated ... start where |wx| is smaller", though the line it
pointed at, ``du = v - y``, has no σ' in it; and ``(1 - y)·σ(w)`` at y = 1, whose gradient is 0 because 1 - y = 0,
was blamed on σ' = 2.1e-9.  P29-5: at a logit of 40, where 1 - σ(40) rounds to 0, explain said only "dt is not finite
here", never the log of 0, the exact gradient, or the stable form."""

from __future__ import annotations

import math

import sympy

import symopt
from symopt.cli import main

w, b, x, y = sympy.symbols("w b x y", real=True)
sigmoid = symopt.sigmoid


def _logistic(z):
    return -(y * sympy.log(sigmoid(z)) + (1 - y) * sympy.log(1 - sigmoid(z)))


def test_a_fitted_example_is_fitted_not_saturated():
    cost = _logistic(w * x)
    point = {w: 10, x: 2, y: 1}
    exact = sympy.simplify(sympy.diff(cost.rewrite(sympy.exp), w))  # the oracle: x(σ(wx) - y), no σ' factor
    assert sympy.simplify(exact - x * (1 / (1 + sympy.exp(-w * x)) - y)) == 0
    assert math.isclose(float(exact.subs(point)), -4.12230724e-09, rel_tol=1e-6)
    finding = symopt.explain(cost, w, at=point).finding(w)
    assert finding.status == "vanishing"
    assert finding.causes == (("fitted", "du = v - y is -2.06115e-09 because v = σ(u) ≈ y = 1 (the loss is "
                               "2.06115e-09): the example is fitted, and σ' is not in du = v - y. σ reaches its target "
                               "only in the limit: on separable data the weights grow without bound as training goes "
                               "on and the cost has no minimum; add a penalty (+ λw²) for one"),)
    assert finding.line == "du = v - y"
    assert "saturated" not in symopt.explain(cost, w, at=point).text()


def test_an_example_that_is_far_off_is_still_saturated():
    finding = symopt.explain(sigmoid(w * x), w, at={w: 50, x: 2}).finding(w)
    assert finding.causes[0][0] == "saturated"
    assert finding.causes[0][1].endswith("start where |wx| is smaller (smaller weights or inputs)")


def test_a_gradient_that_is_0_through_a_factor_1_minus_y_is_not_blamed_on_sigma():
    cost = (1 - y) * sigmoid(w)
    assert sympy.diff(cost, w).subs({w: 20, y: 1}) == 0  # exactly 0, by the factor 1 - y
    assert symopt.compile(cost, [w])(w=20.0, y=1.0)[1][0] == 0.0
    finding = symopt.explain(cost, w, at={w: 20, y: 1}).finding(w)
    assert finding.status == "zero"
    assert finding.causes == (("zero", "dv is 0 here"),) and finding.line == "dv = u"


def test_the_log_of_0_at_a_logit_of_40_is_named_with_the_exact_gradient(capsys):
    cost = _logistic(w * x + b)
    point = {w: 20, b: 0, x: 2, y: 1}
    value, gradients = symopt.compile(cost, [w, b])(**{str(k): float(v) for k, v in point.items()})
    assert math.isnan(value) and all(math.isnan(g) for g in gradients)  # the generated code: 0·log 0
    exact_w = sympy.N(sympy.diff(cost, w).rewrite(sympy.exp).subs(point), 30)  # the oracle, at 30 digits
    exact_b = sympy.N(sympy.diff(cost, b).rewrite(sympy.exp).subs(point), 30)
    assert f"{float(exact_w):.6g}" == "-8.49671e-18" and f"{float(exact_b):.6g}" == "-4.24835e-18"
    assert main(["explain", "-(y*log(sigmoid(w*x+b)) + (1-y)*log(1-sigmoid(w*x+b)))", "--wrt", "w,b", "--at",
                 "w=20,b=0,x=2,y=1"]) == 0
    cause = ("    log of 0: t = 1 - σ(wx + b) = 0 here, so u₁ = log(t) = -∞ and the cost is NaN (0·log 0 where the "
             "log's factor is 0), although the exact gradient dJ/d{p} is {exact}; a stable form of the cost computes "
             "it (ops.sigmoid_cross_entropy(z, y) = softplus(z) - yz: docs/numerics.md)")
    assert capsys.readouterr().out.splitlines() == [
        "explain (b = 0, w = 20, x = 2, y = 1)",
        "  w: not finite: dJ/dw = -8.49671e-18 exactly, computed as NaN", cause.format(p="w", exact="-8.49671e-18"),
        "    at u₁ = log(t)",
        "  b: not finite: dJ/db = -4.24835e-18 exactly, computed as NaN", cause.format(p="b", exact="-4.24835e-18"),
        "    at u₁ = log(t)"]


def test_a_log_of_0_whose_slope_is_infinite_itself_keeps_pointing_at_the_slope():
    finding = symopt.explain(sympy.log(w) * b, [w, b], at={w: 0, b: 1}).finding(w)
    assert finding.line == "dw = b/w" and finding.causes[0][0] != "log of 0"
