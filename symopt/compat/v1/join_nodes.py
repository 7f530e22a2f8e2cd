r"""The node of ``tf.concat`` and ``tf.stack`` (:mod:`.concat_ops`): :class:`Joined`, matrices joined along the rows
(:math:`[A_1; A_2; \dots]`) or the columns (:math:`[A_1, A_2, \dots]`), printed as ``numpy.concatenate``; and
:data:`JOIN_RULES`, its gradient in TF1's gradients (:func:`.kernel_functions.tf1_rules`): TF1's ``ConcatV2``
gradient, each piece the matching slice of the result's, :math:`\bar A_i = \bar Y[o_i : o_i + n_i]`.

A join is a copy: an ``inf`` or ``NaN`` in one piece stays in its own entries (a sum of products with 0/1 placement
matrices made ``0 \cdot \infty = \mathrm{NaN}`` of its neighbours: ``[-inf, 1] ++ [2]`` was ``[-inf, nan, nan]``).
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

__all__ = ["Joined", "join_adjoint", "JOIN_RULES"]


class Joined(MatrixExpr):
    r"""``pieces`` joined along ``axis``: 0 stacks their rows (the column counts agree), 1 their columns."""

    def __new__(cls, axis: int, *pieces):
        return MatrixExpr.__new__(cls, sympy.Integer(axis), *pieces)

    @property
    def axis(self) -> int:
        return int(self.args[0])

    @property
    def pieces(self) -> tuple:
        return self.args[1:]

    @property
    def shape(self):
        first = self.pieces[0].shape
        total = sympy.Add(*(piece.shape[self.axis] for piece in self.pieces))
        return (total, first[1]) if self.axis == 0 else (first[0], total)

    def _symopt_code(self, printer) -> str:
        pieces = ", ".join(printer._print(piece) for piece in self.pieces)
        return f"numpy.concatenate(({pieces},), axis={self.axis})"

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return f"concat(({', '.join(printer._print(piece) for piece in self.pieces)}), axis={self.axis})"

    def _latex(self, printer) -> str:
        separator = r" \\ " if self.axis == 0 else " & "
        return r"\begin{bmatrix} %s \end{bmatrix}" % separator.join(printer._print(piece) for piece in self.pieces)


def join_adjoint(node: Joined, adjoint) -> list:
    r"""TF1's ``ConcatV2`` gradient: piece :math:`i` gets the slice of :math:`\bar Y` where it lies."""
    contributions, offset = [], 0
    for piece in node.pieces:
        size = piece.shape[node.axis]
        part = slice(offset, offset + size)
        contributions.append((piece, adjoint[part, :] if node.axis == 0 else adjoint[:, part]))
        offset += size
    return contributions


#: The join's gradient rule, for :func:`.kernel_functions.kernel_rules`.
JOIN_RULES = {Joined: join_adjoint}
