"""A remark for a backward line that reads ``step`` of an undefined value (probe64 P64-2).

``step(NaN)`` is 0 in the code, as TF1's relu gradient: a line such as ``dJ/dv = step(v) = 0`` beside
``v = undefined`` is the number the code computes, and the remark says why it is not undefined.
"""

from __future__ import annotations

from ..functions import step
from .glyphs import format_number
from .remarks import remark

__all__ = ["zero_slopes_of_undefined"]


def _undefined(value) -> bool:
    """Shown as ``undefined``: NaN, or a value with no real number (``√-1``, ``log(-1)``: SymPy's ``1.0*I``)."""
    return value is not None and format_number(value) == "undefined"


def zero_slopes_of_undefined(backward, numbers: dict) -> tuple:
    """One remark per ``step(v)`` that the ``backward`` lines read where ``numbers`` holds an undefined ``v``."""
    calls = []
    for back in backward:
        calls += [call for call in back.value.atoms(step) if call not in calls and _undefined(numbers.get(call.args[0]))]
    return tuple(remark(call, " of an undefined ", call.args[0], " is 0, as in the code (TF1's relu and leaky_relu "
                        "gradients)") for call in calls)
