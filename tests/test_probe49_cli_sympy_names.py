"""probe49 P49-1: the command line refused SymPy's printed names of its own functions (``Abs``, ``Max``, ``Min``,
``ceiling``, ``Heaviside``) with the hint "to multiply write Abs*(...)", and its echo of the cost was such text.
Now they read as the table's functions where called (``Heaviside`` keeps SymPy's value 1/2 at 0), the echo is in the
CLI's names, and ``Piecewise`` / comparisons are refused as not in the language.  Oracle: ``symopt.compile`` of the
same cost in Python, hand values."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.errors import ParseError
from symopt.parse import cli_text, parse_expression

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("text, expected", [
    ("Abs(w)", sympy.Abs(w)), ("Max(w, 1)", sympy.Max(w, 1)), ("Min(w, 2, 3*w)", sympy.Min(w, 2, 3 * w)),
    ("ceiling(w)*w", sympy.ceiling(w) * w), ("Heaviside(w)", sympy.Heaviside(w)),
    ("Heaviside(w, 1)", sympy.Heaviside(w, 1)),
])
def test_sympy_names_read_as_sympy_builds_them(text, expected):
    assert parse_expression(text) == expected


def test_heaviside_keeps_sympys_value_at_zero_and_step_its_own():
    assert parse_expression("Heaviside(w)").subs(w, 0) == sympy.Rational(1, 2)
    assert float(parse_expression("step(w)").subs(w, 0)) == 0.0


def test_the_names_stay_plain_names_where_not_called():
    assert parse_expression("Max*w") == sympy.Symbol("Max", real=True) * w


def test_the_echo_reads_back():
    cost = parse_expression("abs(w) + max(w, 1) + ceil(w) + min(w, 2) + Heaviside(w) + step(w)")
    assert cli_text(cost) == "step(w) + abs(w) + Heaviside(w) + ceil(w) + max(1, w) + min(2, w)"
    assert parse_expression(cli_text(cost)) == cost
    assert parse_expression(str(cost)) == cost


def test_minimize_reads_sympys_text_and_echoes_its_own(capsys):
    cost = sympy.Abs(w) ** sympy.Rational(1, 3) + sympy.Max(w, 1)
    value, slope = symopt.compile(cost, w)(w=0.7)
    assert main(["minimize", str(cost), "--wrt", "w=0.7", "--steps", "1", "--lr", "1"]) == 0
    out = capsys.readouterr().out
    assert "cost: abs(w)**(1/3) + max(1, w)" in out
    assert f"w = {0.7 - slope!r}" in out  # one step of lr 1 (float32 1.0 is exact)


@pytest.mark.parametrize("text, expected", [
    ("Sin(w)", "write sin(...)"),
    ("Piecewise(w)", "Piecewise and comparisons are not in the CLI language"),
    ("Piecewise((w**2, w > 0), (w, True))", "comparisons and Piecewise are not in the CLI language"),
    ("w == 1", "comparisons (==) are not in the CLI language"),
    ("w*Ne(w, 0)", "Piecewise and comparisons are not in the CLI language"),
    ("foo(w)", "to multiply write foo*(...)"),
    ("MAX(w, 1)", "write max(...)"),  # the table's spelling, not SymPy's Max (final40a F40a-9)
    ("ABS(w)", "write abs(...)"),
    ("w!", "factorials are not in the CLI language"),  # not the comparisons' hint
    ("3! * w**2", "factorials are not in the CLI language"),
    ("w != 1", "comparisons and Piecewise are not in the CLI language"),
])
def test_refusals_say_what_to_write(text, expected):
    with pytest.raises(ParseError) as error:
        parse_expression(text)
    assert expected in str(error.value)
    assert "remove that character" not in str(error.value)
