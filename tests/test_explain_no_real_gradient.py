"""p-probe P4: ``explain`` of ``w**x`` in ``x`` at ``w = -1`` said "0 in every entry" (it took the real part of
``d/dx = w^x log(w) = iπ``), where the generated gradient is NaN and ``derive`` shows it undefined."""

from __future__ import annotations

import math

import sympy

import symopt
from symopt.cli import main


def test_a_gradient_with_no_real_value_is_not_reported_as_zero():
    w, x = sympy.symbols("w x", real=True)
    _, (gradient_w, gradient_x) = symopt.compile(w ** x, [w, x])(w=-1.0, x=2.0)
    assert gradient_w == -2.0 and math.isnan(gradient_x)  # the oracle: the generated code, and sympy's iπ
    assert sympy.diff(w ** x, x).subs({w: -1, x: 2}) == sympy.I * sympy.pi
    explanation = symopt.explain(w ** x, [w, x], at={w: -1.0, x: 2.0})
    finding_w, finding_x = explanation.finding(w), explanation.finding(x)
    assert finding_w.status == "fine"
    assert finding_x.status == "no real value" and "0 in every entry" not in explanation.text()
    assert "no real value" in finding_x.detail and "NaN in the generated code" in finding_x.detail
    assert finding_x.line == "dx = w^x·log(w)"


def test_the_command_line_says_the_same(capsys):
    assert main(["explain", "w^x", "--wrt", "w,x", "--at", "w=-1,x=2"]) == 0
    out = capsys.readouterr().out
    assert "x: undefined: the gradient has no real value here" in out and "0 in every entry" not in out
