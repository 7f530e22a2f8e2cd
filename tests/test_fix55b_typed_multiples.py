"""Exact arithmetic on a typed constant keeps its typed digits in the formula (final41c F41c-3): 5·2.0000002 is the
float 10.000001000000001 (17 digits in repr) and must read ``10w - 10.000001``, not ``10w - 10``; a sum of typed
coefficients 0.2 + 0.0000001 reads 0.2000001."""

from __future__ import annotations

import pytest
import sympy

from symopt.cli import main

w = sympy.Symbol("w")


@pytest.mark.parametrize("multiplier", [5, 10, 20])
def test_a_multiple_of_a_typed_constant_keeps_its_digits(capsys, multiplier):
    slope = sympy.diff(multiplier * (w - sympy.Rational("1.0000001")) ** 2, w)  # the oracle, exact
    constant = -slope.subs(w, 0)
    assert constant == sympy.Rational(2 * multiplier * 10000001, 10000000)
    written = f"{float(constant):.8f}".rstrip("0")
    assert main(["derive", f"{multiplier}*(w - 1.0000001)^2", "--wrt", "w", "--at", "w=1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"  dJ/dw = {2 * multiplier}w - {written} = {float(slope.subs(w, 1)):g}"


def test_a_sum_of_typed_coefficients_keeps_its_digits(capsys):
    assert sympy.diff(sympy.Rational("0.2") * w + sympy.Rational("0.0000001") * w, w) == sympy.Rational("0.2000001")
    assert main(["derive", "0.1 + 0.2*w + 0.0000001*w", "--wrt", "w", "--at", "w=1"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "  J = 0.2000001w + 1/10 = 0.3"
