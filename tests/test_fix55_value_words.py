"""A value spelled as a constant's word (``--at w=nan``, ``--wrt w=inf``) is refused as a value, not as a badly chosen
name (probe55 P55-1); ``derive --wrt w=1`` (minimize's syntax) points to ``--at`` (probe55 P55-4)."""

from __future__ import annotations

import pytest

from symopt.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


FIX = "symopt derives and runs at finite real values: give one, e.g. {name}=1"


@pytest.mark.parametrize("argv, name, got, column", [
    (["derive", "w^2", "--wrt", "w", "--at", "w=nan"], "w", "'nan' (not a number)", 3),
    (["explain", "w^2", "--wrt", "w", "--at", "w=nan"], "w", "'nan' (not a number)", 3),
    (["minimize", "(w-3)^2", "--wrt", "w=-inf"], "w", "'inf' (infinity)", 4),
    (["minimize", "(w-a)^2", "--wrt", "w", "--data", "a = 2*oo"], "a", "'oo' (infinity)", 7),
    (["derive", "w^2", "--wrt", "w", "--at", "w=I"], "w", "'I' (the imaginary unit)", 3),
    (["minimize", "(w-a)^2", "--wrt", "w", "--data", "a=True"], "a", "'True' (Python's truth value, not a number)", 3),
])
def test_a_non_number_word_is_refused_as_a_value(capsys, argv, name, got, column):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == (f"symopt: expected a finite real number for {name!r}, got {got} at column {column}; "
                   f"{FIX.format(name=name)}\n")


def test_the_constants_pi_and_e_are_still_values(capsys):
    code, out, _ = run(capsys, "derive", "w^2", "--wrt", "w", "--at", "w=2*e")
    assert code == 0 and "dJ/dw = 2w = 10.8731" in out  # 4e = 10.87312731...


@pytest.mark.parametrize("command", ["derive", "explain"])
def test_a_starting_value_in_wrt_points_to_at(capsys, command):
    code, out, err = run(capsys, command, "w^2", "--wrt", "w=1", "--at", "w=1")
    assert (code, out) == (2, "")
    assert err == ("symopt: expected a name alone (derive and explain take no starting values), got 'w=1' at "
                   "column 1; give the point with --at: --wrt w --at w=1, with any other values of --at\n")


def test_the_item_with_a_value_is_named_where_it_is(capsys):
    code, _, err = run(capsys, "derive", "w*b", "--wrt", "w, b=max(1,2)")
    assert code == 2
    assert err.endswith("got 'b=max(1,2)' at column 4; give the point with --at: --wrt w,b --at b=max(1,2), with any "
                        "other values of --at\n")  # every name stays in --wrt (final41c F41c-11)
