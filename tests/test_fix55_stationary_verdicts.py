"""``explain``'s verdict at a zero slope follows the mathematics, not the sign bit of a zero or an underflow
(probe55 P55-9): ``-w^3`` at 0 (a curvature of IEEE -0.0) is no maximum, and ``w^3`` at ``-1e-200`` (a slope
3e-400 that float64 rounds to 0) is not flat at all."""

from __future__ import annotations

import pytest
import sympy

from symopt.cli import main

w = sympy.Symbol("w", real=True)
UNDECIDED = "it does not decide between a minimum, a maximum and neither along {w}"


def explained(capsys, *argv) -> list[str]:
    assert main(["explain", *argv]) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("cost, shown_slope", [(-w**3, "-3w²"), (-w**4, "-4w³"), (w**3, "3w²")])
def test_a_zero_curvature_decides_nothing_whatever_its_sign_bit(capsys, cost, shown_slope):
    assert sympy.diff(cost, w, 2).subs(w, 0) == 0  # the oracle
    lines = explained(capsys, str(cost), "--wrt", "w", "--at", "w=0")
    assert lines[2] == (f"    stationary point: dJ/dw = {shown_slope} is 0 at w = 0: J is flat along w here; "
                        f"d²J/dw² = 0: {UNDECIDED.format(w='w')}")


def test_each_parameter_of_two(capsys):
    lines = explained(capsys, "x^2 - y^3", "--wrt", "x,y", "--at", "x=0,y=0")
    assert lines[5] == ("    stationary point: dJ/dy = -3y² is 0 at y = 0: J is flat along y here; d²J/dy² = 0: "
                        + UNDECIDED.format(w="y"))


@pytest.mark.parametrize("cost, at, slope, exact", [
    ("w^3", "-1e-200", "3w²", "3e-400"),
    ("exp(-w)", "1000", "-exp(-w)", "-5.07596e-435"),
])
def test_a_slope_that_underflows_is_not_a_stationary_point(capsys, cost, at, slope, exact):
    oracle = sympy.diff(sympy.sympify(cost.replace("^", "**"), locals={"w": w}), w).subs(w, sympy.Rational(at))
    assert oracle != 0 and f"{sympy.N(oracle, 6)}".startswith(exact.split("e")[0])
    lines = explained(capsys, cost, "--wrt", "w", "--at", f"w={at}")
    assert lines[2] == (f"    underflow: dJ/dw = {slope} = {exact} at w = {at}, nearer 0 than float64's smallest "
                        "number (5e-324), so it is 0 in the computation; J is not flat along w here")
