"""A constant typed beyond six decimal places (kept as the float typed) is printed in full inside the formulas, not
rounded to six digits (probe55 P55-11: ``u = w - 1 = -1e-07`` at ``w = 1``); values at a point keep six digits."""

from __future__ import annotations

import sympy

from symopt.cli import main


def output(capsys, *argv) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_the_formula_keeps_the_typed_constant(capsys):
    w = sympy.Symbol("w")
    oracle = sympy.diff((w - sympy.Rational("1.0000001")) ** 2, w)  # 2w - 20000002/10000000
    assert oracle == 2 * w - sympy.Rational("2.0000002")
    lines = output(capsys, "derive", "(w - 1.0000001)^2", "--wrt", "w", "--at", "w=1")
    assert lines[1] == "  u = w - 1.0000001 = -1e-07"
    assert lines[-1] == "  dJ/dw = 2w - 2.0000002 = -2e-07"  # -2.0000000233e-07 in float64: six digits


def test_a_coefficient_near_one_is_not_one(capsys):
    assert output(capsys, "derive", "1.0000001*w^2", "--wrt", "w")[-1] == "  dJ/dw = 2.0000002w"
    assert output(capsys, "derive", "exp(1.0000001*w)", "--wrt", "w", "--at", "w=1")[-1] == \
        "  dJ/dw = 1.0000001·exp(1.0000001w) = 2.71828"  # e^1.0000001 = 2.718282100...: six digits


def test_latex_too(capsys):
    lines = output(capsys, "derive", "(w - 1.0000001)^2", "--wrt", "w", "--format", "latex")
    assert lines[-2] == r"\frac{dJ}{dw} &= 2 w - 2.0000002"


def test_a_typed_epsilon_is_still_a_power_of_ten(capsys):
    lines = output(capsys, "derive", "log(w + 1e-12)", "--wrt", "w", "--format", "latex")
    assert lines[-2] == r"\frac{dJ}{dw} &= \frac{1}{w + 10^{-12}}"
