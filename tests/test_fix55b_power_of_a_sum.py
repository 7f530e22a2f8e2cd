"""The digit bound counts the common number the displays take out of a sum before a power (final41c F41c-4):
``(2w + 2)^n`` is shown as ``2^n (w + 1)^n``, so it is refused like ``2^n`` before SymPy builds the number, while
a sum without such a number, ``(w/12 + 1)^360``, still builds none and is accepted."""

from __future__ import annotations

import math
import sys

import pytest
import sympy

from symopt.cli import main

w = sympy.Symbol("w")


@pytest.mark.parametrize("typed, shown, column, exponent, base", [
    ("(2*w + 2)^(10^12)", "(2*w + 2)**(1000000000000)", 10, 10**12, 2),
    ("(3*w + 3)^1000", "(3*w + 3)**(1000)", 10, 1000, 3),
    ("(0.5*w + 0.5)^(10^6)", "(w/2 + 1/2)**(1000000)", 14, 10**6, 2),
])
def test_a_power_of_a_sum_with_a_common_number_is_bounded(capsys, typed, shown, column, exponent, base):
    digits = exponent * math.log10(base)  # the oracle: the digits of base**exponent
    assert main(["derive", typed, "--wrt", "w"]) == 2
    assert capsys.readouterr().err == (f"symopt: expected numbers of at most 330 digits, got '^' at column {column}; "
                                       f"{shown} would have about {digits:.3g} digits; use smaller numbers\n")


def test_a_power_of_a_sum_without_a_common_number_builds_none(capsys):
    assert sympy.diff((w / 12 + 1) ** 360, w) == 30 * (w / 12 + 1) ** 359  # the oracle
    assert main(["derive", "(1 + w/12)^360", "--wrt", "w"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dw = 30·(w/12 + 1)³⁵⁹"


@pytest.mark.parametrize("command", ["derive", "explain"])
def test_a_coefficient_beyond_float64_is_shown_without_a_traceback(capsys, command):
    """2^1090 (329 digits) is within the bound but beyond a float: the display's sizes never convert it."""
    coefficient = sympy.diff((2 * w + 2) ** 1090, w).subs(w, 1)
    assert coefficient == 2180 * 4 ** 1089 and coefficient > sys.float_info.max  # the oracle: not a float64
    assert main([command, "(2*w + 2)^1090", "--wrt", "w", "--at", "w=1"]) == 0
    assert "Traceback" not in capsys.readouterr().err
