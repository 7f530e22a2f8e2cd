"""Numbers as Python literals in generated code: the nearest double of a constant, or a refusal where float64 has
none (the code would compute with ``inf``)."""

from __future__ import annotations

import math

import numpy
import sympy

from .errors import UnsupportedOperationError

__all__ = ["LARGEST_FLOAT", "float_literal", "beyond_float64", "elided", "printed_as_float"]

#: The largest float64, as an int.
LARGEST_FLOAT = int(numpy.finfo(numpy.float64).max)


def beyond_float64(what: str) -> UnsupportedOperationError:
    """The refusal of a constant ``what`` (its text) beyond float64's range."""
    return UnsupportedOperationError(
        f"the constant {what} is beyond float64's range (about 1.8e308): the generated code computes in floats. "
        "Scale the cost so its constants fit")


def elided(number) -> str:
    """``number`` as text, its first 12 characters and its length where it is longer than 40 (``100000000000...
    (401 digits)``): never a cut that reads as a smaller number."""
    text = str(number)
    if len(text) <= 40:
        return text
    length = f"{len(text.lstrip('-'))} digits" if isinstance(number, (int, sympy.Integer)) else f"{len(text)} characters"
    return f"{text[:12]}... ({length})"


def float_literal(number) -> str:
    """A real constant (``sqrt(2)``, ``log(250!)``, a Float) as the Python literal of its nearest double; one beyond
    float64's range (``exp(1000)``, ``1e200*1e200``) is refused: the generated code would compute with ``inf``.  A
    nonzero one below float64's smallest subnormal (about 4.9e-324: ``1/200!`` in a Taylor series, ``exp(-800)``) is
    ``0.0``, IEEE's underflow, which is the double nearest to it (refusing it would refuse valid costs)."""
    if number in (sympy.S.Infinity, sympy.S.NegativeInfinity):  # SymPy's oo, float("inf") in a cost
        raise UnsupportedOperationError(
            f"the constant {number} is infinite: the generated code computes with finite floats, and every number "
            "it would give is inf or nan. Write the finite constant you mean (a bound such as 1e300), or take the "
            "limit with sympy.limit before compiling")
    value = float(number)
    if math.isinf(value):
        raise beyond_float64(f"{elided(number)} (about {sympy.N(number, 3)})")
    return repr(value)


def printed_as_float(expr) -> bool:
    """Whether the code printers write ``expr`` as one float literal (:func:`float_literal`): a real number that is
    no atom (``exp(1/2)``, ``sqrt(2)``, ``log(250!)``); Floats and Rationals have printers of their own."""
    return isinstance(expr, sympy.Expr) and not expr.is_Atom and expr.is_number and expr.is_real
