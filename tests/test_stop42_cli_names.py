"""Names and values on the command line, one step beside the tokenizer's checks (final41c F41c-6, F41c-11):
a non-ASCII character in a ``--wrt`` or ``--at`` name is named as in an expression, also where an ASCII console's
Python holds it as surrogate escapes; the advice for ``--wrt "w, b=2"`` keeps ``w``; a list or an unclosed
parenthesis typed as a value is quoted whole, never split at its comma or dropped."""

from __future__ import annotations

import pytest

from symopt.cli import main


def as_ascii_console_argv(text: str) -> str:
    """``text`` as Python holds a command-line argument under an ASCII locale (Python's own codec is the oracle)."""
    return text.encode("utf-8").decode("ascii", "surrogateescape")


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert out == ""
    return code, err


@pytest.mark.parametrize("console", [str, as_ascii_console_argv], ids=["utf-8", "ascii"])
@pytest.mark.parametrize("option, typed, column", [("--wrt", "w\u00b2", 2), ("--at", "w=1,b\u00b2=2", 6)])
def test_a_non_ascii_name_is_named_with_its_character(capsys, console, option, typed, column):
    argv = ["derive", "w^2", "--wrt", "w", option, console(typed)]
    if option == "--wrt":
        argv = ["derive", "w^2", "--wrt", console(typed)]
    code, err = run(capsys, *argv)
    assert code == 2
    assert err == ("symopt: expected ASCII text, got non-ASCII character '\u00b2' (U+00B2 SUPERSCRIPT TWO) at column "
                   f"{column}; rename it with ASCII letters, digits and '_' (w2, nu)\n")


def test_the_advice_for_a_value_in_wrt_keeps_every_name(capsys):
    code, err = run(capsys, "derive", "w*b", "--wrt", "w, b=2", "--at", "w=1")
    assert code == 2
    assert err.endswith("give the point with --at: --wrt w,b --at b=2, with any other values of --at\n")
    assert main(["derive", "w*b", "--wrt", "w,b", "--at", "w=1,b=2"]) == 0  # the advice, with w=1 kept, runs
    assert capsys.readouterr().out.rstrip().endswith("dJ/db = w = 1")


@pytest.mark.parametrize("at, quoted", [("w=1, b=[1,2]", "'[1,2]'"), ("w=1, b=[1,2", "'[1,2'")])
def test_a_list_typed_as_a_value_is_quoted_whole(capsys, at, quoted):
    code, err = run(capsys, "derive", "w*b", "--wrt", "w,b", "--at", at)
    assert code == 2
    assert f"expected one number for 'b', got a list of values {quoted} at column 8" in err


def test_an_unclosed_parenthesis_in_a_value_is_named_not_dropped(capsys):
    code, err = run(capsys, "derive", "w*b", "--wrt", "w,b", "--at", "w=1,b=max(1,2")
    assert code == 2
    assert "in the value of 'b'" in err and "add the missing ')'" in err  # it said "missing b" before
