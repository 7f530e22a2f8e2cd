"""The step whose value underflows where the exact slope of the cost is nonzero but the code's is 0: ``u = exp(w)``
in ``x·exp(w)`` at ``w = -800``, ``x = 1e300`` is 3.7e-348 exactly, 0 in float64, so the code's ``dJ/dw`` is 0
although the exact one is 3.66787e-48: no stationary point (final48e 48e-1)."""

from __future__ import annotations

import numpy as np
import sympy

from .exact_numbers import beyond_float64
from .notation import text as text_of
from .scalar_inputs import scalar_inputs, values_read

__all__ = ["underflowed_step"]


def underflowed_step(derivation, symbol, exact_slope, dtype: str = "float64") -> tuple:
    """``([cause], line)`` for the first step on ``symbol``'s chain whose value is 0 in the computation but
    nonzero exactly, nearer 0 than ``dtype``'s smallest number, where ``exact_slope`` (the exact ``dJ/dw``, nonzero)
    says the cost is not flat; ``([], None)`` when no step underflows (``2w - 2π`` at the float64 nearest π is 0
    by rounding the point)."""
    numbers, forward = derivation.numbers, derivation.forward
    smallest = float(np.finfo(dtype).smallest_subnormal)
    for step in forward.steps:
        number = numbers.get(step.symbol)
        if symbol not in step.source.free_symbols or isinstance(number, np.ndarray) or sympy.sympify(number) != 0:
            continue
        leaves = {s: numbers[s] for s in scalar_inputs(step.source) if s in numbers}
        try:
            exact = step.source.xreplace(leaves).evalf(15)
            underflows = exact.is_number and exact.is_zero is False and bool(abs(exact) < smallest)
        except (TypeError, ValueError, ArithmeticError):  # a comparison SymPy cannot decide: no size to name
            continue
        if not underflows:
            continue
        w, cost = text_of(symbol), text_of(forward.output.symbol)
        shown = f"{text_of(step.symbol)} = {text_of(step.expression)}"
        message = (f"{shown} is {beyond_float64(exact)} exactly at {values_read(step.source, numbers)}, nearer 0 "
                   f"than {dtype}'s smallest number ({smallest:{'.0e' if dtype == 'float64' else '.2g'}}), so it is "
                   f"0 in the computation and so is d{cost}/d{w}, although the exact d{cost}/d{w} is "
                   f"{beyond_float64(exact_slope)}; {cost} is not flat along {w} here")
        return [("underflow", message)], shown
    return [], None
