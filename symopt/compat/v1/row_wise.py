r"""Whether a tensor is computed entry by entry from a placeholder, so that broadcasting the placeholder's value
first gives what TF1 gives by computing first and broadcasting after: :math:`f(\mathrm{broadcast}(x)) =
\mathrm{broadcast}(f(x))` holds for entrywise :math:`f` (sums, products, functions of each entry, choices) and for
:math:`x W` along the rows, never for a sum over the rows, an entry picked, a softmax or the length :math:`m` used as a
number (``(x - tf.reduce_sum(x)) * c``: TF1 gives 0 for one fed value; computed at length 2 it is :math:`-x`).
"""

from __future__ import annotations

import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul, OneMatrix, ZeroMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ...nodes import postorder
from ...reductions import AsFloat, Equal
from ...stable import Select
from ...symbols import BATCH
from .gradient_masks import GradientMask

__all__ = ["mixing_node"]

ENTRYWISE = (MatAdd, HadamardProduct, HadamardPower, ElementwiseApplyFunction, Select, AsFloat, Equal, GradientMask)
HOLDS_A_LENGTH = (OneMatrix, ZeroMatrix, sympy.MatrixSymbol)  # m as a dimension, not as a number


def _row_by_row_product(node: MatMul, reads: dict, rows_only: bool) -> bool:
    """``a X W ...``: scalars ``a`` of no row, ``X`` the only matrix reading the placeholder and first, each ``W``
    free of the batch size (each row of the product is read from the same row of ``X``)."""
    matrices = [f for f in node.args if getattr(f, "is_Matrix", False)]
    if any(reads[f] for f in node.args if not getattr(f, "is_Matrix", False)):
        return False
    if len(matrices) == 1:
        return True
    return rows_only and reads[matrices[0]] and not any(
        reads[w] or BATCH in getattr(w, "free_symbols", ()) for w in matrices[1:])


def mixing_node(expr, source, axes) -> sympy.Basic | None:
    """The first node of ``expr`` (children first) that mixes the entries of ``source`` along ``axes`` (TF1 axes
    whose unknown length is made known) or reads the batch size :math:`m` as a number; ``None`` when ``expr`` is
    computed entry by entry (along the rows for ``axes == {0}``) from ``source``."""
    reads = {}
    rows_only = set(axes) == {0}
    for node in postorder(expr):
        children = [a for a in node.args if isinstance(a, sympy.Basic)]
        reads[node] = node == source or any(reads[a] for a in children)
        if node == source:
            continue
        if isinstance(node, sympy.MatrixSymbol) and BATCH in node.shape:
            return node  # another tensor of m rows (tf.range(tf.shape(x)[0])): its values follow the fed length
        if BATCH in children and not isinstance(node, HOLDS_A_LENGTH):
            return node  # m as a number (a mean's 1/m, tf.shape(x)[0])
        if not reads[node]:
            continue
        if isinstance(node, MatMul):
            if not _row_by_row_product(node, reads, rows_only):
                return node
        elif not isinstance(node, ENTRYWISE) or not all(getattr(a, "is_Matrix", False) for a in children if reads[a]):
            return node
    return None
