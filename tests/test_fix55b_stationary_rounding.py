"""A slope that is 0 in float64 only because the point rounds an irrational root (``(w - π)^2`` at the float64
nearest π: the exact slope is -2.4e-16, a normal float64 number) is a stationary point, not an underflow
(final41c F41c-1); only an exact slope nearer 0 than float64's smallest number (5e-324) is an underflow."""

from __future__ import annotations

import math

import pytest
import sympy

from symopt.cli import main

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("cost, at, slope, second", [
    ("(w - pi)^2", repr(math.pi), "2w - 2π", "2"),
    ("(w - sqrt(2))^2", repr(math.sqrt(2)), "2w - 2√2", "2"),
])
def test_an_irrational_root_rounded_to_float64_is_a_minimum(capsys, cost, at, slope, second):
    sympy_cost = sympy.sympify(cost.replace("^", "**"), locals={"w": w})
    exact = sympy.diff(sympy_cost, w).subs(w, sympy.Float(at, 17))
    assert exact != 0 and abs(exact) > 1e-300  # the oracle: not an underflow
    assert sympy.diff(sympy_cost, w, 2) == int(second)
    assert main(["explain", cost, "--wrt", "w", "--at", f"w={at}"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == (f"    stationary point: dJ/dw = {slope} is 0 at w = {float(at):.6g}: J is flat along w here; "
                        f"d²J/dw² = {second} > 0: a minimum along w")
