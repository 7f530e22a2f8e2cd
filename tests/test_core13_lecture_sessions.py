"""Lecture-style sessions (core13 item 5): a notebook user derives, explains and plots the course's costs.  Two
defects found: ``λ·ops.l2_penalty(W)`` (the docstring's own penalty, times a plain λ) crashed ``derive(..., at=)``
with AttributeError ('float' object has no attribute 'is_number'): the factor of ``λ W`` was λ itself, replaced by
the Python float; and ``explain`` at the lecture's minimum ``w = 5`` of ``w² - 10w + 25`` said only "dw is 0 here",
where a teacher says the slope ``2w - 10`` is 0 there: a stationary point, a minimum since ``d²J/dw² = 2 > 0``.
And ``J = (w - 5)²`` read ``u = w - 5``, ``dJ/du = 2w - 10``: SymPy had distributed the 2 over ``w - 5``, so the
step's symbol was not found in it; the course writes ``dJ/du = 2u``.  A teacher who writes the sigmoid out,
``a = 1/(1 + exp(-z))``, read ``dJ/da = (1 - y)/(1 - a) - y(1 + exp(-z))``: SymPy writes ``1/a`` as ``1 + exp(-z)``;
the course writes ``-y/a + (1 - y)/(1 - a)``.
Oracles: finite differences of a hand NumPy cost, ``sympy.diff``."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

LAMBDA = sympy.Symbol("lambda", positive=True)


def test_a_penalty_times_a_plain_lambda_gets_its_numbers():
    rng = np.random.default_rng(4)
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", rng.normal(size=(2, 1))), symopt.Variable("b", 0.5, shape=(1, 1))
    inputs, targets = rng.normal(size=(5, 2)), rng.normal(size=(5, 1))
    start = np.random.default_rng(4).normal(size=(2, 1))
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - y)) + LAMBDA * ops.l2_penalty(W)
    derivation = symopt.derive(cost, [W, b], at={X: inputs, y: targets, LAMBDA: 0.3})

    def by_hand(weights):
        return float(((inputs @ weights + 0.5 - targets) ** 2).mean() + 0.3 * 0.5 * (weights ** 2).sum())
    step = 1e-6
    slope = np.array([[(by_hand(start + step * e) - by_hand(start - step * e)) / (2 * step)]
                      for e in np.eye(2)[:, :, None]]).reshape(2, 1)
    line = derivation.gradient_line(W)
    assert "λ W" in str(derivation) and np.allclose(derivation.values[line.symbol], slope, atol=1e-7)
    assert f"J = (1/m) Σ L + λ·sum(W∘²)/2 = {by_hand(start):.5g}" in str(derivation)


w = symopt.Variable("w", 0.0)
x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize("cost, point, kind", [
    (w ** 2 - 10 * w + 25, {w: 5}, "a minimum along w"),           # the lecture's cost at its minimum
    (-(w - 5) ** 2, {w: 5}, "a maximum along w"),
    (sympy.sin(w), {w: sympy.pi / 2}, "a maximum along w"),
    (w ** 3, {w: 0}, "it does not decide"),
], ids=["lecture", "maximum", "sin", "inflection"])
def test_a_zero_slope_that_changes_with_w_is_a_stationary_point(cost, point, kind):
    explained = symopt.explain(cost, w, at=point)
    finding = explained.finding("w")
    slope = sympy.diff(cost, w)
    curvature = sympy.diff(cost, w, 2).subs(point)
    assert slope.subs(point) == 0 and finding.status == "zero"
    (cause_kind, message), = finding.causes
    assert cause_kind == "stationary point" and kind in message
    shown = re.search(r"d²J/dw² = (-?[\d.]+)", message).group(1)
    assert float(shown) == pytest.approx(float(curvature))
    assert (curvature > 0) == (" > 0: a minimum" in message) and (curvature < 0) == (" < 0: a maximum" in message)


def test_the_lecture_minimum_says_which_terms_cancel():
    message = symopt.explain(w ** 2 - 10 * w + 25, w, at={w: 5}).finding("w").causes[0][1]
    assert message.startswith("dJ/dw = 2w - 10 is 0 at w = 5 (its chain-rule terms 10, -10 cancel)")


def test_a_slope_that_is_0_whatever_w_is_no_stationary_point():
    """``J = w·x`` at ``x = 0``: the slope ``x`` does not change with w; the cause is the zero input, not a
    minimum or maximum."""
    finding = symopt.explain(w * x, w, at={w: 1, x: 0}).finding("w")
    assert finding.status == "zero" and all(kind != "stationary point" for kind, _ in finding.causes)


def test_a_backward_line_names_a_step_sympy_distributed_a_number_over():
    u = sympy.Symbol("u")
    derivation = symopt.derive((w - 5) ** 2, w, at={w: 0})
    lines = str(derivation).splitlines()
    assert "  u = w - 5 = -5" in lines and "  dJ/du = 2u = -10" in lines
    assert "  dJ/dw = dJ/du · du/dw = 2u = -10" in lines
    assert sympy.diff(u ** 2, u).subs(u, 0 - 5) == sympy.diff((w - 5) ** 2, w).subs(w, 0) == -10
    lecture = str(symopt.derive(w ** 2 - 10 * w + 25, w, at={w: 0}))  # no step to name: as the lecture writes it
    assert "  dJ/dw = dJ/du · du/dw + ∂J/∂w = 2w - 10 = -10" in lecture.splitlines()


def test_the_sigmoid_written_out_keeps_the_course_form_of_da():
    w1, w2, b, x1, x2, y = sympy.symbols("w1 w2 b x1 x2 y", real=True)
    z = w1 * x1 + w2 * x2 + b
    a = 1 / (1 + sympy.exp(-z))
    cost = -(y * sympy.log(a) + (1 - y) * sympy.log(1 - a))
    point = {w1: 0.5, w2: -1.0, b: 0.1, x1: 2.0, x2: 1.0, y: 1.0}
    lines = str(symopt.derive(cost, [w1, w2, b], names={z: "z", a: "a"}, at=point)).splitlines()
    line = next(line for line in lines if line.startswith("  dJ/da = "))
    assert line.startswith("  dJ/da = -y/a + (1 - y)/(1 - a) = ")
    s, t = sympy.symbols("s t", real=True)  # the loss of an output s and a label t, differentiated in s
    oracle = sympy.diff(-(t * sympy.log(s) + (1 - t) * sympy.log(1 - s)), s).subs({s: a.subs(point), t: 1.0})
    assert float(line.rsplit(" = ", 1)[1]) == pytest.approx(float(oracle), rel=1e-5)
