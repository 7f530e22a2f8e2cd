"""A command-line ε (``1e-12``) stays the float typed, so the derivation shows ``1/(w + 1e-12)`` rather than SymPy's
cleared denominator ``1000000000000/(1000000000000w + 1)`` (probe6 P23); short decimals stay exact."""
from __future__ import annotations

import contextlib
import io

import pytest
import sympy

from symopt.cli import main
from symopt.parse import parse_expression


def derive_lines(*args: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["derive", *args]) == 0
    return out.getvalue().splitlines()


def test_a_small_literal_is_the_float_typed_and_a_short_decimal_is_exact():
    for text, value in [("1e-12", 1e-12), ("2.5e-300", 2.5e-300), ("0.0000001", 1e-7), ("1e30", 1e30)]:
        number = parse_expression(text)
        assert isinstance(number, sympy.Float) and float(number) == value
    assert parse_expression("1e-3") == sympy.Rational(1, 1000)
    assert parse_expression("0.000125") == sympy.Rational(1, 8000)


def test_the_derivation_shows_the_epsilon_as_typed_with_the_right_gradient():
    lines = derive_lines("log(w + 1e-12)", "--wrt", "w", "--at", "w=0.5")
    gradient = lines[lines.index("gradient") + 1]
    assert "1e-12" in gradient and "000000" not in "\n".join(lines)
    w = sympy.Symbol("w", real=True)
    expected = float(sympy.diff(sympy.log(w + sympy.Rational(1, 10**12)), w).subs(w, sympy.Rational(1, 2)))
    assert float(gradient.rsplit(" = ", 1)[1]) == pytest.approx(expected, rel=1e-6)
    lines = derive_lines("sqrt(w^2 + 1e-300)", "--wrt", "w", "--at", "w=1e-200")
    assert not any(len(token) > 20 for line in lines for token in line.split())  # no 301-digit integer
