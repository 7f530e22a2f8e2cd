r"""Nodes that copy entries, for the TF1 ops that move them without arithmetic: :class:`Joined` (``tf.concat``,
``tf.stack``, ``tf.pad``, ``tf.tile``: matrices joined along the rows, :math:`[A_1; A_2; \dots]`, or the columns,
:math:`[A_1, A_2, \dots]`, printed as ``numpy.concatenate``) and :class:`Taken` (``tf.reverse``, a slice with a
negative step: the rows or columns at given indices, printed as a NumPy slice or ``numpy.take``); and
:data:`COPY_RULES`, their gradients in TF1's gradients (:func:`.kernel_functions.tf1_rules`): a join's pieces get
the matching slices of the result's gradient (TF1's ``ConcatV2`` gradient), :math:`\bar A_i = \bar Y[o_i : o_i +
n_i]`; a take's matrix gets the gradient's rows put back where they came from, zeros elsewhere.

A copy keeps an ``inf`` or ``NaN`` in its own entries.  These ops were sums of products with constant 0/1
placement matrices, where :math:`0 \cdot \infty = \mathrm{NaN}` spread it to the neighbours: ``[-inf, 1] ++ [2]``
was ``[-inf, nan, nan]`` and ``tf.reverse([inf, 1])`` was ``[nan, nan]``.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

__all__ = ["Joined", "Taken", "join_adjoint", "take_adjoint", "COPY_RULES"]


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
        return f"numpy.concatenate(({pieces}), axis={self.axis})"  # two pieces or more

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return f"concat(({', '.join(printer._print(piece) for piece in self.pieces)}), axis={self.axis})"

    def _latex(self, printer) -> str:
        separator = r" \\ " if self.axis == 0 else " & "
        return r"\begin{bmatrix} %s \end{bmatrix}" % separator.join(printer._print(piece) for piece in self.pieces)


class Taken(MatrixExpr):
    r"""The rows (``axis`` 0) or columns (1) of ``matrix`` at ``indices``, in that order, each index at most once:
    :math:`Y_{a,:} = A_{i_a,:}`."""

    def __new__(cls, matrix, axis: int, indices):
        return MatrixExpr.__new__(cls, matrix, sympy.Integer(axis), sympy.Tuple(*(int(i) for i in indices)))

    @property
    def matrix(self):
        return self.args[0]

    @property
    def axis(self) -> int:
        return int(self.args[1])

    @property
    def indices(self) -> list[int]:
        return [int(i) for i in self.args[2]]

    @property
    def shape(self):
        rows, cols = self.matrix.shape
        return (sympy.Integer(len(self.args[2])), cols) if self.axis == 0 else (rows, sympy.Integer(len(self.args[2])))

    def _span(self) -> str | None:
        """The indices as a slice ``start:stop:step`` (``4::-1`` for 4, 3, 2, 1, 0), or None."""
        indices = self.indices
        step = indices[1] - indices[0] if len(indices) > 1 else 1
        if step == 0 or indices != list(range(indices[0], indices[-1] + step, step)):
            return None
        stop = indices[-1] + step
        return f"{indices[0]}:{'' if stop < 0 else stop}{'' if step == 1 else f':{step}'}"

    def _symopt_code(self, printer) -> str:
        matrix, span = printer._print(self.matrix), self._span()
        if span is None:
            return f"numpy.take({matrix}, numpy.asarray({self.indices}), axis={self.axis})"
        return f"({matrix})[{span}]" if self.axis == 0 else f"({matrix})[:, {span}]"

    _numpycode = _symopt_code

    def _index_text(self) -> str:
        """The index as Python writes it: ``4::-1`` or ``[0, 2, 1]``, after ``:, `` for columns."""
        picked = self._span() or str(self.indices)
        return picked if self.axis == 0 else f":, {picked}"

    def _sympystr(self, printer) -> str:
        return f"{printer._print(self.matrix)}[{self._index_text()}]"

    def _latex(self, printer) -> str:
        return r"\left(%s\right)_{%s}" % (printer._print(self.matrix), self._index_text().replace(":", r"\colon "))


def join_adjoint(node: Joined, adjoint) -> list:
    r"""TF1's ``ConcatV2`` gradient: piece :math:`i` gets the slice of :math:`\bar Y` where it lies."""
    contributions, offset = [], 0
    for piece in node.pieces:
        size = piece.shape[node.axis]
        part = slice(offset, offset + size)
        contributions.append((piece, adjoint[part, :] if node.axis == 0 else adjoint[:, part]))
        offset += size
    return contributions


def take_adjoint(node: Taken, adjoint) -> list:
    r""":math:`\bar A_{i_a} = \bar Y_a`, zero where no row was taken: the gradient's rows taken back (by the
    inverse order; from the gradient with one zero row joined after it where :math:`A` has rows not taken)."""
    size = int(node.matrix.shape[node.axis])
    position = dict.fromkeys(range(size), len(node.indices)) | {i: a for a, i in enumerate(node.indices)}
    source = adjoint
    if len(node.indices) < size:
        rows, cols = adjoint.shape
        zero = sympy.ZeroMatrix(1, cols) if node.axis == 0 else sympy.ZeroMatrix(rows, 1)
        source = Joined(node.axis, adjoint, zero)
    return [(node.matrix, Taken(source, node.axis, [position[i] for i in range(size)]))]


#: The gradient rules of the copying nodes, for :func:`.kernel_functions.kernel_rules`.
COPY_RULES = {Joined: join_adjoint, Taken: take_adjoint}
