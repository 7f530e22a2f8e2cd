"""Review 45d-9: a math program's call and its standalone text fall back to NumPy on one tuple of exceptions
(``symopt.standalone.MATH_ERRORS``, the compiler's too), so the two cannot drift apart.  Oracle: the tuple
Python's float arithmetic raises from (math.log(0): ValueError, math.exp(1000): OverflowError, 1/0:
ZeroDivisionError), written down here."""

import re

import sympy

import symopt
import symopt.compiler
import symopt.standalone


def test_the_standalone_fallback_catches_the_compilers_math_errors():
    assert symopt.compiler.MATH_ERRORS is symopt.standalone.MATH_ERRORS
    assert set(symopt.standalone.MATH_ERRORS) == {OverflowError, ValueError, ZeroDivisionError}
    w = symopt.Variable("w", 1.0)
    text = symopt.compile(sympy.log(w), w).standalone_source
    caught = re.search(r"except \(([^)]*)\):", text).group(1)
    assert caught.split(", ") == [error.__name__ for error in symopt.standalone.MATH_ERRORS]
