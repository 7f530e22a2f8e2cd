"""probe75 P75-7, P75-6: ``explain`` with data fed as placeholder entries ``x[i, 0]`` (the course's style) judged the
point by the matrix ``x`` (SymPy's free symbol of ``x[1, 0]``), not by its entries: a kink was called flat with
d²J/dw² = 0, a fitted example "saturated", the lecture's minimum only "dw is 0 here".  Each claim is checked
against an oracle on the scalar form of the cost (the entries replaced by their numbers): sympy.diff for the
second derivative, one-sided difference quotients for the kink, mpmath for the loss of the fitted example."""

import mpmath
import numpy as np
import sympy

import symopt

w = symopt.Variable("w", 0.0)


def scalar_form(cost, x, values):
    """The cost with each entry x[i, j] replaced by its number (the oracle's input)."""
    return cost.xreplace({x[i, j]: sympy.Float(values[i][j]) for i in range(len(values)) for j in range(1)})


def causes(cost, point):
    finding = symopt.explain(cost, w, at=point).finding("w")
    return dict(finding.causes)


def test_lecture_minimum_with_placeholder_coefficients_is_a_minimum():
    x = symopt.Placeholder("x", (3, 1))
    coefficients = [[1.0], [-10.0], [25.0]]
    cost = x[0, 0] * w**2 + x[1, 0] * w + x[2, 0]
    found = causes(cost, {x: np.array(coefficients), w: 5.0})
    scalar = scalar_form(cost, x, coefficients)
    assert sympy.diff(scalar, w).subs(w, 5) == 0  # oracle: a stationary point
    curvature = sympy.diff(scalar, w, 2).subs(w, 5)  # oracle: 2.0
    assert "stationary point" in found
    assert f"d²J/dw² = {float(curvature):g} > 0: a minimum along w" in found["stationary point"]


def test_maximum_with_placeholder_entries():
    x = symopt.Placeholder("x", (2, 1))
    values = [[3.0], [-1.0]]
    cost = (w - x[0, 0]) ** 2 * x[1, 0]
    found = causes(cost, {x: np.array(values), w: 3.0})
    curvature = sympy.diff(scalar_form(cost, x, values), w, 2).subs(w, 3)  # oracle: -2.0
    assert f"d²J/dw² = {float(curvature):g} < 0: a maximum along w" in found["stationary point"]


def test_kink_at_a_placeholder_entry_is_no_flat_point():
    x = symopt.Placeholder("x", (2, 1))
    values = [[2.0], [1.0]]
    cost = sympy.Abs(w - x[1, 0])
    scalar = sympy.lambdify(w, scalar_form(cost, x, values))
    h = 1e-6  # oracle: the one-sided slopes at w = 1 are -1 and +1, so J is a V there, with no d²J/dw²
    left, right = (scalar(1.0) - scalar(1.0 - h)) / h, (scalar(1.0 + h) - scalar(1.0)) / h
    assert abs(left + 1) < 1e-6 and abs(right - 1) < 1e-6
    found = causes(cost, {x: np.array(values), w: 1.0})
    assert list(found) == ["kink"] and "d²J/dw² does not exist here" in found["kink"]
    assert "flat" not in found["kink"]


def test_fitted_logistic_example_with_placeholder_entries_is_fitted_not_saturated():
    x = symopt.Placeholder("x", (2, 1))
    values = [[2.0], [1.0]]  # input 2, label 1
    cost = -(x[1, 0] * sympy.log(symopt.sigmoid(w * x[0, 0])))
    loss = mpmath.log1p(mpmath.exp(-20))  # oracle: -log σ(20), the example is fitted (σ(20) ≈ 1 = its label)
    assert loss < 1e-8
    found = causes(cost, {x: np.array(values), w: 10.0})
    assert list(found) == ["fitted"]
    assert f"(the loss is {float(loss):.6g})" in found["fitted"]
