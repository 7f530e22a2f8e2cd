r"""Shapes of matrix expressions without recursion, and the short descriptions error messages give of them.

SymPy's ``shape`` asks every operand below for its shape, recursively and uncached: asking each layer of a
depth-:math:`d` network costs :math:`O(d^2)` and deep chains overflow the stack.  :func:`matrix_shape` finds each
node's shape once, from its :func:`shape_operands`, and keeps it on the node; :data:`ITERATIVE_SHAPE` installs it as
the ``shape`` of products, sums, elementwise maps and transposes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.str import StrPrinter

from .traversal import kept_bottom_up

__all__ = ["is_matrix", "shape_operands", "matrix_shape", "dimension", "ITERATIVE_SHAPE", "shape_text", "named",
           "short", "reshape_advice", "rank_one_declaration"]


def is_matrix(expr) -> bool:
    """True for SymPy matrix expressions (``MatrixExpr``) and explicit matrices."""
    return bool(getattr(expr, "is_Matrix", False))


def shape_text(matrix) -> str:
    """``(m, 3)``."""
    return "(" + ", ".join(str(d) for d in matrix.shape) + ")"


class _MessagePrinter(StrPrinter):
    """SymPy's text, with a matrix of ones, zeros or the identity named with its shape: ``ones(1, 3)*z``, the sum
    of ``z``'s entries, not ``1*z``, which reads as ``z`` itself (final39a F39a-13)."""

    def _print_OneMatrix(self, expr):
        return f"ones({self._print(expr.rows)}, {self._print(expr.cols)})"

    def _print_ZeroMatrix(self, expr):
        return f"zeros({self._print(expr.rows)}, {self._print(expr.cols)})"


def short(expr: Any, limit: int = 40) -> str:
    """``expr`` as text, cut to ``limit`` characters with ``...``."""
    text = _MessagePrinter().doprint(expr) if isinstance(expr, sympy.Basic) else str(expr)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def named(matrix) -> str:
    """``X*W (shape (m, 1))``, the expression cut to 40 characters."""
    return f"{short(matrix)} (shape {shape_text(matrix)})"


#: Nodes whose rows and columns are those of one operand: ``(class, index of that operand)``.
_SAME_SHAPE_AS = ((MatAdd, 0), (HadamardProduct, 0), (ElementwiseApplyFunction, 1))

#: Where a node's shape, once found, is kept (in the node's ``__dict__``; a shape is a function of structure).
_SHAPE_KEY = "_symopt_shape"


def shape_operands(node) -> tuple:
    """The operands whose shapes give ``node``'s: the first and last factor of a product, the operand of a
    transpose, the first operand of a sum or elementwise node; ``()`` where ``node.shape`` is its own
    (a leaf, or a class with its own shape rule)."""
    if getattr(type(node), "shape", None) is not ITERATIVE_SHAPE:
        return ()
    if isinstance(node, sympy.Transpose):
        return (node.arg,)
    if isinstance(node, MatMul):
        factors = [a for a in node.args if is_matrix(a)]
        return (factors[0], factors[-1])
    if isinstance(node, HadamardPower):  # A∘² and SymPy's elementwise 2**A (a scalar base): the matrix operand
        return (next(a for a in node.args if is_matrix(a)),)
    return (next(node.args[index] for cls, index in _SAME_SHAPE_AS if isinstance(node, cls)),)


def _shape_from(node, operand_shapes: tuple) -> tuple:
    if not operand_shapes:  # a leaf, or a node with its own shape rule
        return tuple(node.shape)
    if isinstance(node, sympy.Transpose):
        rows, cols = operand_shapes[0]
        return (cols, rows)
    if isinstance(node, MatMul):
        return (operand_shapes[0][0], operand_shapes[-1][1])
    return tuple(operand_shapes[0])


def matrix_shape(matrix) -> tuple:
    r"""``matrix.shape``, each node's shape found once from its operands' and kept on the node, without recursion.

    A node's shape is computed from the (kept) shapes of :func:`shape_operands`: asking a new layer
    visits only the nodes not asked before, :math:`O(1)` amortised per layer.
    """
    return kept_bottom_up(matrix, _SHAPE_KEY, shape_operands, _shape_from)


def dimension(matrix, axis: int):
    """``matrix.shape[axis]`` by :func:`matrix_shape` (no recursion, each node's shape found once)."""
    return matrix_shape(matrix)[axis]


#: ``shape`` of products, sums, elementwise maps and transposes by :func:`matrix_shape` (no recursion).
ITERATIVE_SHAPE = property(matrix_shape)


def _class_labels(values, classes) -> bool:
    """Whether ``values`` look like class indices ``0 .. classes - 1`` (what ``numpy.eye(classes)[labels]`` takes)."""
    if values is None or np.size(values) == 0:
        return False
    numbers = np.asarray(values, dtype=float)
    return bool(np.all(numbers == np.round(numbers)) and numbers.min() >= 0 and numbers.max() < classes)


def rank_one_declaration(name: str, kind: str, size) -> str:
    """How a rank-1 symbol ``name`` of ``size`` entries (``None``: the batch) is declared, ``kind`` ``"parameter"``
    or data: ``Variable('w', ..., shape=(3,))``, ``Placeholder('x', (3,))``."""
    vector = f"({'None' if size is None else size},)"
    return f"Variable('{name}', ..., shape={vector})" if kind == "parameter" else f"Placeholder('{name}', {vector})"


def reshape_advice(name: str, declared: tuple, given: tuple, declaration: str, values=None) -> str:
    """The fix, as a sentence starting with a space, for a value of shape ``given`` where ``declared`` (``None`` the
    batch) is expected, or ``""``: a vector for a column or row, a column or row for a vector, the transpose (the
    examples along the other axis), class indices for one-hot labels, one example as a vector, a number for a matrix.
    ``declaration`` is how a rank-1 symbol of that name would be declared (``Variable('w', ..., shape=(3,))``)."""
    rank = (len(declared), len(given))
    if rank == (2, 1):
        if declared[1] == 1 and declared[0] in (None, given[0]):  # a column of that length (P69-9: not [0.0])
            return f" Feed a column: value.reshape(-1, 1), or declare {declaration} for a vector."
        if declared[0] == 1 and declared[1] in (None, given[0]):
            return " Feed a row: value.reshape(1, -1)."
    if rank in ((2, 1), (2, 2)) and declared[0] is None and declared[1] is not None and declared[1] > 1 \
            and given[-1] in (given[0], 1) \
            and given[0] != declared[1] and _class_labels(values, declared[1]):
        return (f" {name} holds {declared[1]} columns, one per class (one-hot labels); given class indices, encode "
                f"them: numpy.eye({declared[1]})[labels.ravel().astype(int)].")
    if rank == (2, 1) and given[0] in declared:
        one = "value.reshape(1, -1)" if declared[1] == given[0] else "value.reshape(-1, 1)"
        return f" For one example given as a vector feed {one}."
    if rank == (2, 2) and all(d is None or d == g for d, g in zip(declared, given[::-1])):
        if None in declared:
            return (f" The examples go along axis {declared.index(None)} of {name} (its None axis); given them along "
                    "the other: pass value.T.")
        return " Transpose it: value.T."
    if rank[0] == 1 and rank[1] == 2 and 1 in given:
        return " Feed a vector: numpy.ravel(value) (a numpy.matrix stays 2-D under value.ravel())."
    if rank[1] == 0 and None not in declared:
        return f" For every entry the same number, give numpy.full({tuple(declared)}, value)."
    return ""
