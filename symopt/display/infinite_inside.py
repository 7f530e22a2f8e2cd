"""Why a backward line of a scalar cost is not finite: the first value it computes with that is ±∞ while what
that value reads is finite, inside its formula (``log(x) = -∞`` in ``dw = x^w·log(x)`` at ``x = w = 0``) or a
forward step it reads (``u = log(w) = -∞`` in ``dw = u + 1`` of ``w·log(w)`` at ``w = 0``), with the inputs'
values."""

from __future__ import annotations

import numpy as np
import sympy

from .code_numbers import singular
from .glyphs import format_number
from .notation import text as text_of
from .scalar_inputs import scalar_inputs, values_read
from .values import node_values

__all__ = ["infinite_inside"]


def infinite_inside(step, derivation) -> str:
    """``": log(x) = -∞ at x = 0"`` for the first value inside the backward line ``step``'s formula that is ±∞
    while what it reads is finite; else, where the line's value is not finite itself, ``": u = log(w) = -∞ at w = 0"``
    for the forward step where the ∞ of a step the line reads starts (a line of 0 that reads an ∞, ``[w ≥ u]``,
    owes it nothing); else ``""``."""
    numbers = derivation.numbers
    read = scalar_inputs(step.value)
    if isinstance(step.value, sympy.MatrixBase) or not read <= set(numbers) or any(
            isinstance(numbers[s], (np.ndarray, np.generic, sympy.MatrixBase)) for s in read):
        return ""  # arrays (a scalar parameter with batch data): the line's entries say where
    values = node_values(step.value, numbers)
    for node, number in values.items():
        if node.args and singular([number]) and not singular([values[a] for a in node.args]):
            if node.has(sympy.zoo) or "zoo" in text_of(node):  # log(0) of 0^w prints as SymPy's zoo: no help
                return ""
            return f": {text_of(node)} = {format_number(number)}" + _at(node, numbers)
    origin = _infinite_origin(read, derivation) if singular([values[step.value]]) else None
    if origin is None:
        return ""
    shown = f"{text_of(origin.symbol)} = {text_of(origin.expression)}"
    return f": {shown} = {format_number(numbers[origin.symbol])}" + _at(origin.expression, numbers)


def _infinite_origin(read: set, derivation):
    """The first forward step whose value is ±∞ or NaN while every value it reads is finite, among the steps that
    the ±∞ steps in ``read`` come from; None where no step read is."""
    numbers, forward = derivation.numbers, derivation.forward
    wanted = {s for s in read if forward.step(s) is not None and singular([numbers[s]])}
    origin = None
    for earlier in reversed(forward.steps):
        if earlier.symbol not in wanted:
            continue
        inputs = {s for s in scalar_inputs(earlier.expression) if singular([numbers.get(s)])}
        if inputs:
            wanted |= inputs
        else:
            origin = earlier
    return origin


def _at(node, numbers: dict) -> str:
    """``" at w = 0, x = 0"``: the values of the inputs ``node`` reads, ``""`` where it reads none."""
    values = values_read(node, numbers)
    return f" at {values}" if values else ""
