r"""Scalars read from constant matrices, folded to their numbers.

A gradient through an explicit or built-in constant matrix reaches a reduction of a constant: the adjoint of
``ops.sum(ImmutableMatrix([w**2, b]))`` gives :math:`b` the entry :math:`\mathbb{1}_{1,0}` of the all-ones column,
``ops.sum(w*Identity(2))`` gives :math:`w` the sum :math:`\sum_{ij} I_{ij}`, ``Trace(w*C)`` gives
:math:`\sum_{ij} I_{ij} C_{ij}`.  They are numbers (1, 2, :math:`\operatorname{tr} C`), and a gradient shows and
compiles them as numbers (probe57 P57-9: SymPy's ``float()`` of ``sum(I)`` raised, and ``grad`` showed ``1[1, 0]``).

:data:`VALUE_RULES` holds, per reduction class, its value computed on the matrix written out entry by entry; a
matrix of more than :data:`MOST_ENTRIES` entries is left as it is (the generated code reduces it at run time).
"""

from __future__ import annotations

from typing import Callable, Iterable

import sympy
from sympy import Determinant, ImmutableMatrix, Trace
from sympy.matrices.expressions.matexpr import MatrixElement

from .nodes import ElementSum
from .symbols import is_matrix
from .traversal import arguments, postorder

__all__ = ["VALUE_RULES", "MOST_ENTRIES", "constant_reductions"]

#: The most entries a constant matrix is written out with to fold a reduction of it.
MOST_ENTRIES = 4096


def _written_out(matrix) -> ImmutableMatrix:
    return ImmutableMatrix(matrix.as_explicit())


#: The value of each reduction of a constant matrix, from the matrix written out.
VALUE_RULES: dict[type, Callable[[sympy.Basic], sympy.Expr]] = {
    ElementSum: lambda node: sympy.Add(*_written_out(node.matrix)),
    MatrixElement: lambda node: _written_out(node.parent)[int(node.i), int(node.j)],
    Trace: lambda node: _written_out(node.arg).trace(),
    Determinant: lambda node: _written_out(node.arg).det(),
}


def constant_reductions(expressions: Iterable) -> dict:
    """``{reduction: its number}`` for each reduction of :data:`VALUE_RULES` in ``expressions`` that reads no symbol
    (its matrix of at most :data:`MOST_ENTRIES` entries), for :func:`~symopt.traversal.substitute`; a reduction inside
    another is folded first.  Each node is visited once."""
    reads_symbol: dict[int, bool] = {}
    folded: dict = {}
    for node in postorder(expressions):
        below = arguments(node)
        reads_symbol[id(node)] = isinstance(node, (sympy.Symbol, sympy.MatrixSymbol)) or any(
            reads_symbol[id(argument)] for argument in below)
        if reads_symbol[id(node)] or is_matrix(node) or not _foldable(node):
            continue
        inner = {found: value for found, value in folded.items() if found != node}
        folded[node] = VALUE_RULES[type(node)](node.xreplace(inner) if inner else node)
    return folded


def _foldable(node) -> bool:
    """A reduction of :data:`VALUE_RULES` of a matrix of numeric shape and at most :data:`MOST_ENTRIES` entries."""
    if type(node) not in VALUE_RULES:
        return False
    matrix = node.args[0]
    rows, cols = (sympy.sympify(size) for size in matrix.shape)
    return rows.is_Integer and cols.is_Integer and rows * cols <= MOST_ENTRIES
