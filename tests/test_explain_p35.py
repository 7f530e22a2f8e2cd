"""final35 F35-6: ``explain`` at a point where a max / min reads 1/0 died with a bare TypeError (SymPy's
``Max(w, zoo)`` cannot compare, in the stationary-point check); it gives up on a curvature there, as it does where
SymPy cannot evaluate elsewhere, and the finding stays "zero" / "not finite"."""

from __future__ import annotations

import math

import sympy

import symopt
from symopt.cli import main

w, v, x = sympy.symbols("w v x", real=True)


def test_max_of_w_and_1_over_0_on_the_command_line(capsys):
    value, (gradient,) = symopt.compile(sympy.Max(w, 1 / x), [w])(w=1.0, x=0.0)
    assert (value, gradient) == (math.inf, 0.0)  # the oracle: the generated code
    assert main(["explain", "max(w, 1/x)", "--wrt", "w", "--at", "w=1,x=0"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "explain (w = 1, x = 0)",
        "  w: 0 in every entry",
        "    zero: dw is 0 here: 1/x = ∞ at x = 0",
        "    at dw = [w ≥ 1/x]"]


def test_max_of_v_over_0_and_w_in_python():
    _, gradients = symopt.compile(sympy.Max(v / x, w), [w, v])(w=1.0, v=2.0, x=0.0)
    assert [float(g) for g in gradients] == [0.0, math.inf]  # the oracle: the generated code
    explained = symopt.explain(sympy.Max(v / x, w), [w, v], at={w: 1, v: 2, x: 0})
    assert explained.text().splitlines() == [
        "explain (w = 1, v = 2, x = 0)",
        "  w: 0 in every entry",
        "    zero: dw is 0 here",
        "    at dw = [u ≤ w]",
        "  v: not finite in 1 of 1 entries (NaN or ∞)",
        "    not finite: dv is not finite here: 1/x = ∞ at x = 0",
        "    at dv = du/x"]
