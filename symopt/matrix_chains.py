r"""The order in which a printed matrix chain :math:`A_1 A_2 \cdots A_n` is multiplied.

SymPy flattens products: the adjoint :math:`X^\top (X W)` of :math:`\tfrac12\lVert XW\rVert^2` and a user's
``X @ (W @ v)`` both reach the printer as one chain ``MatMul(X.T, X, W)`` / ``MatMul(X, W, v)``, whose grouping is
lost.  Folding it left to right, ``(X.T @ X) @ W``, forms the Gram matrix :math:`X^\top X` (squaring the data's
scale and condition number: float32 gradients O(1) wrong, inf where the true gradient is finite) and spends
:math:`m n^2` where :math:`2 m n k` suffice (probe60 P60-1, P60-5, P60-9).  So the association is chosen here:

* the cheapest order by the matrix-chain dynamic programme (as ``numpy.linalg.multi_dot``), the cost of
  :math:`(a \times b)(b \times c)` being :math:`abc` multiply-adds, with a symbolic size (the batch size
  :math:`m`) estimated at :data:`SYMBOLIC_SIZE`;
* inside a chain of three or more factors a neighbouring pair :math:`A^\top A` or :math:`A A^\top` is never
  multiplied first (:func:`gram_pairs`; only where no order avoids it, as in :math:`A^\top A A^\top A`): reverse
  mode, TF1 and JAX compute :math:`X^\top (X W)`;
* an all-ones matrix :math:`\mathbf 1_{r \times c} = \mathbf 1_r \mathbf 1_c^\top` enters as its two all-ones
  vectors (:class:`OnesVector`): a product with a row of ones is a column sum, with a column of ones a row sum or
  a broadcast, so sums come first where they are cheaper (:math:`\mathbf 1^\top X W = (\mathbf 1^\top X) W`);
* a transposed product :math:`(X W)^\top` enters as :math:`W^\top X^\top`, so :math:`(XW)^\top r` can be
  :math:`W^\top (X^\top r)`.

On equal costs the chain folds left to right, as Python reads ``A @ B @ C``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import sympy
from sympy import OneMatrix

__all__ = ["OnesVector", "ChainOrder", "chain_factors", "gram_pairs", "chain_order", "estimated_size",
           "SYMBOLIC_SIZE", "ORDERED_FACTORS"]

#: The size a symbolic dimension (the batch size :math:`m`) is costed at: large, so work that grows with the batch
#: is avoided first.
SYMBOLIC_SIZE = 10 ** 6

#: Chains longer than this fold left to right (the programme's work grows as the cube of the length); the
#: Gram rule still holds for them through :func:`chain_order`'s fallback.
ORDERED_FACTORS = 64


@dataclass(frozen=True)
class OnesVector:
    r"""A row :math:`\mathbf 1^\top` (shape ``(1, n)``) or column :math:`\mathbf 1` (``(n, 1)``) of ones, half of an
    all-ones matrix."""

    shape: tuple

    @property
    def is_row(self) -> bool:
        return self.shape[0] == 1


#: A chain's grouping: a factor's index, or the pair ``(left, right)`` of groupings multiplied.
ChainOrder = Union[int, tuple]


def chain_factors(matrices: Sequence, kept=()) -> list:
    r"""The factors of ``matrices`` the order is chosen over: nested products flattened, :math:`(AB)^\top` as
    :math:`B^\top A^\top`, :math:`\mathbf 1_{r\times c}` as :math:`\mathbf 1_r, \mathbf 1_c^\top` (a side of size 1
    dropped); a matrix in ``kept`` (a name printed for it) stays whole."""
    factors = []
    for matrix in matrices:
        if matrix in kept:
            factors.append(matrix)
        elif isinstance(matrix, OneMatrix):
            rows, cols = matrix.shape
            factors.extend(OnesVector(shape) for shape in ((rows, 1), (1, cols)) if shape != (1, 1))
        elif _opens(matrix):
            factors.extend(chain_factors(matrix.as_coeff_matrices()[1], kept))
        elif isinstance(matrix, sympy.Transpose) and _opens(matrix.arg):
            factors.extend(chain_factors([factor.T for factor in reversed(matrix.arg.as_coeff_matrices()[1])], kept))
        else:
            factors.append(matrix)
    return factors


def _opens(matrix) -> bool:
    """Whether a factor is a product whose own factors join the chain: coefficient 1 and no all-ones factor (whose
    ones would meet the chain's: a row of ones times a column of ones is a number, merged when products are built)."""
    if not isinstance(matrix, sympy.MatMul):
        return False
    coefficient, matrices = matrix.as_coeff_matrices()
    return coefficient == 1 and not any(isinstance(factor, OneMatrix) for factor in matrices)


def gram_pairs(factors: Sequence) -> frozenset:
    r"""Indices ``i`` where ``factors[i] factors[i+1]`` is :math:`A^\top A` or :math:`A A^\top`, in a chain of three
    or more factors (the pair is the whole product otherwise)."""
    if len(factors) < 3:
        return frozenset()
    return frozenset(i for i, (left, right) in enumerate(zip(factors, factors[1:]))
                     if isinstance(left, sympy.MatrixExpr) and isinstance(right, sympy.MatrixExpr)
                     and right == left.T)


def estimated_size(size) -> float:
    """A dimension as a number: itself where known, with every symbol at :data:`SYMBOLIC_SIZE` otherwise."""
    size = sympy.sympify(size)
    if size.is_Integer:
        return int(size)
    estimate = sympy.sympify(size.xreplace({symbol: sympy.Integer(SYMBOLIC_SIZE) for symbol in size.free_symbols}))
    return float(estimate) if estimate.is_Number else float(SYMBOLIC_SIZE)


def chain_order(shapes: Sequence[tuple], avoided: frozenset = frozenset()) -> ChainOrder:
    r"""The cheapest grouping of factors of ``shapes`` (estimated sizes), multiplying no pair ``(i, i+1)`` with
    ``i`` in ``avoided`` first unless every grouping does.

    Cost of a grouping: (pairs of ``avoided`` multiplied first, multiply-adds), compared in that order; among equal
    costs the left fold :math:`((A_1 A_2) A_3) \cdots` wins.
    """
    count = len(shapes)
    if count > ORDERED_FACTORS:
        return _left_fold(count, avoided)
    rows = [shape[0] for shape in shapes]
    cols = [shape[1] for shape in shapes]
    best: dict = {(i, i): ((0, 0.0), i) for i in range(count)}
    for length in range(2, count + 1):
        for first in range(count - length + 1):
            last = first + length - 1
            chosen = None
            for split in range(last - 1, first - 1, -1):  # the left fold's split first: it wins ties
                (left_cost, left), (right_cost, right) = best[(first, split)], best[(split + 1, last)]
                grams = left_cost[0] + right_cost[0] + (length == 2 and first in avoided)
                cost = (grams, left_cost[1] + right_cost[1] + rows[first] * cols[split] * cols[last])
                if chosen is None or cost < chosen[0]:
                    chosen = (cost, (left, right))
            best[(first, last)] = chosen
    return best[(0, count - 1)][1]


def _left_fold(count: int, avoided: frozenset) -> ChainOrder:
    r"""``((0, 1), 2) ...``: only the first pair is multiplied first, so a Gram pair there waits one factor,
    ``(0, (1, 2))`` for :math:`A^\top A W \cdots`."""
    order: ChainOrder = 0
    start = 1
    if 0 in avoided and count > 2:
        order, start = (0, (1, 2)), 3
    for index in range(start, count):
        order = (order, index)
    return order
