"""Numbers as Python literals in generated code: the nearest double of a constant, or a refusal where float64 has
none (the code would compute with ``inf``, or with 0 for a nonzero constant below the smallest subnormal)."""

from __future__ import annotations

import math

import numpy
import sympy

from .errors import UnsupportedOperationError

__all__ = ["LARGEST_FLOAT", "float_literal", "beyond_float64"]

#: The largest float64, as an int.
LARGEST_FLOAT = int(numpy.finfo(numpy.float64).max)


def beyond_float64(what: str) -> UnsupportedOperationError:
    """The refusal of a constant ``what`` (its text) beyond float64's range."""
    return UnsupportedOperationError(
        f"the constant {what} is beyond float64's range (about 1.8e308): the generated code computes in floats. "
        "Scale the cost so its constants fit")


def float_literal(number) -> str:
    """A real constant (``sqrt(2)``, ``log(250!)``, a Float) as the Python literal of its nearest double; one beyond
    float64's range (``exp(1000)``, ``1e200*1e200``) is refused: the generated code would compute with ``inf``; so is a
    nonzero one below its smallest subnormal, about 4.9e-324 (``Float("1e-400")``, ``exp(-800)``): the code would
    compute with 0, and ``1e-400*exp(w)`` at ``w = 1000`` would be ``0*inf = nan``, not 1.97e34."""
    value = float(number)
    if math.isinf(value):
        raise beyond_float64(f"{str(number)[:40]} (about {sympy.N(number, 3)})")
    if value == 0.0 and sympy.sympify(number).is_zero is False:
        raise UnsupportedOperationError(
            f"the constant {str(number)[:40]} (about {sympy.N(number, 3)}) is below float64's smallest number "
            "(about 4.9e-324): the generated code would compute with 0. Scale the cost so its constants fit")
    return repr(value)
