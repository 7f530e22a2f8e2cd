"""On an ASCII console the message about a non-ASCII character quotes what the user typed, as an escape (probe44
P44-7): ``PYTHONIOENCODING=ascii symopt derive "w²"`` said ``non-ASCII character '^2'``, quoting ASCII the user
never typed (and the fix, ``write ^2``, equal to the fault)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from symopt.ascii_output import quoted_escapes


def _stderr(expression: str, encoding: str) -> str:
    done = subprocess.run([sys.executable, "-m", "symopt", "derive", expression, "--wrt", "w"], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": encoding}, timeout=120)
    assert done.returncode == 2
    return done.stderr.decode(encoding)


@pytest.mark.parametrize("expression, typed, quoted, described", [
    ("w²", "²", r"'\xb2'", "U+00B2 SUPERSCRIPT TWO) at column 2; write ^2 for it"),
    ("σ(w)", "σ", r"'\u03c3'", "U+03C3 GREEK SMALL LETTER SIGMA) at column 1; write sigmoid(...) for the logistic "
                               "function, or a name such as sigma")])
def test_an_ascii_console_quotes_the_typed_character_as_an_escape(expression, typed, quoted, described):
    assert ascii(typed) == quoted  # the oracle: Python's own escape
    assert _stderr(expression, "ascii") == (f"symopt: expected ASCII text, got non-ASCII character {quoted} "
                                            f"({described}\n")


def test_a_console_that_has_the_character_quotes_it_as_typed():
    assert _stderr("w²", "cp1252") == ("symopt: expected ASCII text, got non-ASCII character '²' (U+00B2 SUPERSCRIPT "
                                       "TWO) at column 2; write ^2 for it\n")


def test_quoted_escapes_leaves_what_the_encoding_writes():
    assert quoted_escapes("got 'σ' and 'a', σ(w)", "ascii") == r"got '\u03c3' and 'a', σ(w)"
    assert quoted_escapes("got 'σ'", "utf-8") == "got 'σ'"
