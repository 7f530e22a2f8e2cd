r"""Scalars read from constant matrices, folded to their numbers.

A gradient through an explicit or built-in constant matrix reaches a reduction of a constant: the adjoint of
``ops.sum(ImmutableMatrix([w**2, b]))`` gives :math:`b` the entry :math:`\mathbb{1}_{1,0}` of the all-ones column,
``ops.sum(w*Identity(2))`` gives :math:`w` the sum :math:`\sum_{ij} I_{ij}`, ``Trace(w*C)`` gives
:math:`\sum_{ij} I_{ij} C_{ij}`.  They are numbers (1, 2, :math:`\operatorname{tr} C`), and a gradient shows and
compiles them as numbers (probe57 P57-9: SymPy's ``float()`` of ``sum(I)`` raised, and ``grad`` showed ``1[1, 0]``).

An entry of a matrix written with explicit matrices alone is its scalar too, symbols and all: a second
differentiation of ``ops.sum(ops.square(Matrix([w - 1, w*b])))`` reads ``(2*Matrix([[1], [b]]))[1, 0]``, which is
``2*b`` (probe57 P57-11).  A matrix holding an inverse is never written out: SymPy's symbolic inverse divides by the
determinant, so the adjugate :math:`\det(M)\,M^{-1}` of a determinant's gradient would become :math:`0/0` wherever
:math:`M` is singular (final41d F41d-1); the generated code keeps it.

:data:`VALUE_RULES` holds, per reduction class, its value computed on the matrix written out entry by entry (None: left
as it is); a matrix of more than :data:`MOST_ENTRIES` entries is left as it is (the generated code reduces it at run
time).  A determinant is folded only for a matrix of exact numbers of at most :data:`MOST_DETERMINANT_ENTRIES`
entries: of floats, NumPy's LU at run time gives the digits the cost's value has (final41d F41d-7).
"""

from __future__ import annotations

from typing import Callable, Iterable

import sympy
from sympy import Determinant, ImmutableMatrix, Inverse, MatPow, Trace
from sympy.matrices.expressions.matexpr import MatrixElement

from .nodes import ElementSum
from .symbols import is_matrix
from .traversal import arguments, is_small, postorder

__all__ = ["VALUE_RULES", "MOST_ENTRIES", "MOST_DETERMINANT_ENTRIES", "MOST_NODES", "constant_reductions"]

#: The most entries a constant matrix is written out with to fold a reduction of it.
MOST_ENTRIES = 4096

#: The most entries of an exact matrix whose determinant is folded (Bareiss on rationals grows with the size).
MOST_DETERMINANT_ENTRIES = 256

#: The most nodes of a matrix holding symbols whose entry is written out (counted as a tree).
MOST_NODES = 64


#: The value of each reduction of a constant matrix, from the node and its matrix written out.
VALUE_RULES: dict[type, Callable[[sympy.Basic, ImmutableMatrix], sympy.Expr | None]] = {
    ElementSum: lambda node, entries: sympy.Add(*entries),
    MatrixElement: lambda node, entries: entries[int(node.i), int(node.j)],
    Trace: lambda node, entries: entries.trace(),
    Determinant: lambda node, entries: exact_determinant(entries),
}


def exact_determinant(entries: ImmutableMatrix) -> sympy.Expr | None:
    r""":math:`\det` of a matrix of rationals of at most :data:`MOST_DETERMINANT_ENTRIES` entries, else None."""
    if len(entries) > MOST_DETERMINANT_ENTRIES or not all(entry.is_Rational for entry in entries):
        return None
    return entries.det()


def constant_reductions(expressions: Iterable) -> dict:
    """``{reduction: its value}`` for each reduction of :data:`VALUE_RULES` in ``expressions`` that reads no symbol,
    and each entry of a matrix written with explicit matrices alone (``(2*Matrix([[1], [b]]))[1, 0]`` is ``2*b``:
    probe57 P57-11, a Hessian held such entries that ``float()`` could not read), its matrix of at most
    :data:`MOST_ENTRIES` entries; for :func:`~symopt.traversal.substitute`.  A reduction inside another is folded
    first; each node is visited once, each matrix written out once, and the folded values put into a matrix only
    where one lies below it (final41d F41d-9: copying them per node was quadratic)."""
    reads_symbol: dict[int, bool] = {}
    reads_matrix_symbol: dict[int, bool] = {}
    holds_folded: dict[int, bool] = {}
    written: dict = {}
    folded: dict = {}
    for node in postorder(expressions):
        below = arguments(node)
        reads_matrix_symbol[id(node)] = isinstance(node, sympy.MatrixSymbol) or any(
            reads_matrix_symbol[id(argument)] for argument in below)
        reads_symbol[id(node)] = reads_matrix_symbol[id(node)] or isinstance(node, sympy.Symbol) or any(
            reads_symbol[id(argument)] for argument in below)
        holds_folded[id(node)] = any(holds_folded[id(argument)] or argument in folded for argument in below)
        if is_matrix(node) or not _foldable(node):
            continue
        if reads_symbol[id(node)] and not _small_explicit_entry(node, reads_matrix_symbol):
            continue
        matrix = node.args[0]
        if holds_folded[id(matrix)] and not reads_symbol[id(node)]:
            matrix = matrix.xreplace(folded)  # a constant: small, a tree walk is fine
        if matrix not in written:
            written[matrix] = _written_out(matrix)
        value = None if written[matrix] is None else VALUE_RULES[type(node)](node, written[matrix])
        if value is not None:
            folded[node] = value
    return folded


def _written_out(matrix) -> ImmutableMatrix | None:
    """``matrix`` entry by entry, or None where one of its nodes has no entries to give (symopt's ``AsFloat``,
    ``Softmax``: computed as whole arrays only); such a reduction is left as it is."""
    try:
        return ImmutableMatrix(matrix.as_explicit())
    except (NotImplementedError, TypeError, ValueError, IndexError):
        return None


def _small_explicit_entry(node, reads_matrix_symbol: dict) -> bool:
    r"""An entry of a matrix of explicit matrices alone, of at most :data:`MOST_NODES` nodes, holding no inverse:
    written out, a deep product of symbolic matrices (an unrolled recurrence) would multiply its entries out, and
    :math:`M^{-1}` would divide by :math:`\det M` (final41d F41d-1)."""
    return (isinstance(node, MatrixElement) and not reads_matrix_symbol[id(node)]
            and is_small(node.args[0], MOST_NODES) and not _holds_inverse(node.args[0]))


def _holds_inverse(matrix) -> bool:
    """Whether ``matrix`` (a small tree) holds an ``Inverse`` or a negative ``MatPow``."""
    return any(isinstance(part, Inverse) or (isinstance(part, MatPow) and not sympy.sympify(part.exp).is_nonnegative)
               for part in sympy.preorder_traversal(matrix))


def _foldable(node) -> bool:
    """A reduction of :data:`VALUE_RULES` of a matrix of numeric shape and at most :data:`MOST_ENTRIES` entries."""
    if type(node) not in VALUE_RULES:
        return False
    matrix = node.args[0]
    rows, cols = (sympy.sympify(size) for size in matrix.shape)
    return rows.is_Integer and cols.is_Integer and rows * cols <= MOST_ENTRIES
