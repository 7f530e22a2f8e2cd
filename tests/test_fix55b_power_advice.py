"""The power advice writes a command-line power that reads as meant and only real values (final41c F41c-7):
``b^(731/2)``, since ``b^731/2`` is b^731 / 2 in the CLI language; no complex "value" for (-1.01)^365.5; the
typed base named in the parenthesis (0.5 is 1/2), not 1.01 for every base."""

from __future__ import annotations

import sympy

from symopt.cli import main
from symopt.parse import parse_expression

b = sympy.Symbol("b")


def refusal(capsys, cost: str) -> str:
    assert main(["derive", cost, "--wrt", "w"]) == 2
    return capsys.readouterr().err


def test_a_fractional_exponent_is_parenthesised(capsys):
    assert str(parse_expression("b^731/2")) == str(b ** 731 / 2) == "b**731/2"  # the oracle: why the parentheses are needed
    assert "(b^(731/2) with --at or --data b=1.01)" in refusal(capsys, "w*1.01^365.5")


def test_a_complex_power_is_not_offered_as_a_value(capsys):
    assert (sympy.Rational(-101, 100) ** sympy.Rational(731, 2)).is_real is False  # the oracle: no real value
    err = refusal(capsys, "(-1.01)^365.5*w")
    assert "write the power's value" not in err and "j)" not in err


def test_the_typed_base_is_named(capsys):
    assert "(symopt keeps decimals exact: 0.5 is 1/2)" in refusal(capsys, "w*0.5^2000")
