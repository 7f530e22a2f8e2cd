"""``explain`` of a scalar cost: a σ or tanh on the parameter's chain whose derivative is below
:data:`~symopt.display.explain.TINY` here (saturated: σ(100) rounds to 1, so σ(1 - σ) is 0 in float64), the cause
of a zero or vanishing gradient (the matrix form's "saturated" finding, for the lecture's scalar costs)."""

from __future__ import annotations

import math

import sympy

from ..functions import sigmoid
from .backward import adjoint_symbol
from .glyphs import format_number
from .notation import text as text_of
from .scalar_loss import fitted_output

__all__ = ["saturated_step"]


def _sigmoid_slope(v: float) -> float:
    small = math.exp(-abs(v))  # σ'(v) = σ(v)σ(-v), written so that neither factor rounds to 1 or 0
    return small / (1 + small) ** 2


def _tanh_slope(v: float) -> float:
    small = math.exp(-2 * abs(v))  # 1 - tanh(v)² = sech(v)²
    return 4 * small / (1 + small) ** 2


#: Each saturating function: its exact slope at a float, and how its derivative is written (``s``: its value).
SATURATING = {sigmoid: (_sigmoid_slope, "σ'({a}) = {s}(1 - {s})"),
              sympy.tanh: (_tanh_slope, "tanh'({a}) = 1 - {s}²")}


def saturated_step(derivation, symbol, tiny: float) -> tuple:
    """``([cause], line)`` for the first σ/tanh on the parameter's chain (output first) whose exact slope here is
    below ``tiny``; ``([], None)`` when there is none."""
    for forward in reversed(derivation.forward.steps):
        rule = SATURATING.get(type(forward.expression))
        if rule is None or symbol not in forward.source.free_symbols:
            continue
        argument = forward.expression.args[0]
        number = argument.xreplace(derivation.numbers)
        if not (number.is_number and number.is_extended_real):
            continue
        slope = rule[0](float(number))
        if slope >= tiny or sympy.sympify(derivation.numbers.get(adjoint_symbol(forward.symbol))).is_zero is True:
            continue  # dJ/dv = 0 (a factor 1 - y = 0 above it): a slope of 2e-9 makes no 0
        where = next((b for b in derivation.backward if any(t.consumer is forward for t in b.terms)), None)
        fitted = fitted_output(derivation, forward, where, tiny)
        if fitted is not None:  # σ(wx) ≈ y in the cross-entropy: du = v - y has no σ' (the matrix form's "fitted")
            return [fitted[0]], fitted[1]
        inputs = derivation.forward.in_inputs(argument)
        shown = text_of(argument) + (f" = {text_of(inputs)}" if inputs != argument else "")
        derivative = rule[1].format(a=text_of(argument), s=text_of(forward.symbol))
        message = (f"{shown} = {format_number(number)}, so {text_of(forward.symbol)} = "
                   f"{text_of(forward.expression)} saturates: its derivative {derivative} is {slope:.2g} < {tiny:g}; "
                   f"start where "
                   f"|{text_of(inputs)}| is smaller (smaller weights or inputs)")
        line = f"d{text_of(where.node)} = {text_of(where.shown)}" if where is not None else None
        return [("saturated", message)], line
    return [], None
