"""Numbers inside the formulas of the displays: a constant of the cost as it was typed.

The parser keeps a decimal beyond six decimal places as the float typed (``1.0000001``, ``1e-12``) so that the
formulas stay faithful; :func:`~symopt.display.glyphs.format_number`'s six significant digits, right for a value at
a point, would print ``w - 1.0000001`` as ``w - 1`` beside its value ``-1e-07`` at ``w = 1`` (probe55 P55-11).  A
float in a formula is therefore printed at :data:`TYPED_DIGITS` significant digits where that text is shorter,
as a typed constant and what exact arithmetic makes of it have (``10.000001`` for ``10.000001000000001``, final41c
F41c-3); a computed float (``0.7310585786300049``, ``0.731058578630005`` at 15 digits) keeps six digits, and a float32 constant is written as float32
writes it (``np.float32(0.8)``: ``0.8``, not ``0.800000011920929``, final41c F41c-10).
"""

from __future__ import annotations

import math
import re

import numpy

from .glyphs import format_number, latex_of_printed

__all__ = ["TYPED_DIGITS", "formula_number", "latex_formula_number"]

#: float64 keeps 15 decimal digits: a float of a formula shorter than that at 15 digits is written in full.
TYPED_DIGITS = 15


def _significant_digits(text: str) -> int:
    """``'1.0000001'``: 8, ``'1e-12'``: 1, ``'0.30000000000000004'``: 17."""
    return len(re.sub(r"[^0-9]", "", text.lower().partition("e")[0]).strip("0"))


def formula_number(value) -> str:
    """A float of a formula: ``1.0000001`` in full, ``0.731059`` for ``0.7310585786300049`` (see the module)."""
    shown = format_number(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return shown
    if not math.isfinite(number):
        return shown
    if float(numpy.float32(number)) == number:  # a float32 constant (np.float32(0.8)): as float32 writes it, 0.8
        number = float(str(numpy.float32(number)))
        shown = format_number(number)
    if float(shown) == number:
        return shown
    full = f"{number:.{TYPED_DIGITS}g}"
    return full if _significant_digits(full) < TYPED_DIGITS else shown


def latex_formula_number(value) -> str:
    r""":func:`formula_number` in LaTeX: ``1.0000001``, ``10^{-12}``."""
    return latex_of_printed(formula_number(value))
