"""The scalar inputs an expression reads, as a scalar derivation keys its numbers: each symbol, and each matrix
entry ``x[1, 0]`` in place of its matrix (SymPy's ``free_symbols`` of ``x[1, 0]`` is ``{x}``, whose value is an
array, so a check that looks numbers up by it finds none: the course's placeholder coefficients
``x[0, 0]·w² + x[1, 0]·w + x[2, 0]``), and their values as a message names them (``w = 0, x = 0``)."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from .glyphs import format_number
from .notation import text as text_of

__all__ = ["scalar_inputs", "values_read"]


def scalar_inputs(expression) -> set:
    """The symbols and matrix entries ``expression`` reads; a matrix read only through entries is left out."""
    expression = sympy.sympify(expression)
    entries = expression.atoms(MatrixElement)
    stand_ins = {entry: sympy.Dummy() for entry in entries}  # tr(xᵀx)·x[0, 0] reads x whole as well
    return (expression.xreplace(stand_ins).free_symbols - set(stand_ins.values())) | entries


def values_read(expression, numbers) -> str:
    """``"w = 0, x = 0"``: the values in ``numbers`` of the scalar inputs ``expression`` reads, by name."""
    read = sorted((s for s in scalar_inputs(expression) if s in numbers), key=str)
    return ", ".join(f"{text_of(s)} = {format_number(numbers[s])}" for s in read)
