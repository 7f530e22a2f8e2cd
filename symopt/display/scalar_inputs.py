"""The scalar inputs an expression reads, as a scalar derivation keys its numbers: each symbol, and each matrix
entry ``x[1, 0]`` in place of its matrix (SymPy's ``free_symbols`` of ``x[1, 0]`` is ``{x}``, whose value is an
array, so a check that looks numbers up by it finds none: the course's placeholder coefficients
``x[0, 0]·w² + x[1, 0]·w + x[2, 0]``)."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

__all__ = ["scalar_inputs"]


def scalar_inputs(expression) -> set:
    """The symbols and matrix entries ``expression`` reads; a matrix read only through entries is left out."""
    expression = sympy.sympify(expression)
    entries = expression.atoms(MatrixElement)
    return (expression.free_symbols - {entry.parent for entry in entries}) | entries
