r"""The order in which a printed matrix chain :math:`A_1 A_2 \cdots A_n` is multiplied.

SymPy flattens products: the adjoint :math:`X^\top (X W)` of :math:`\tfrac12\lVert XW\rVert^2`, the forward pass
``(x @ W1) @ W2`` and a user's ``X @ (W @ v)`` all reach the printer as one chain, whose grouping is lost.  It is
rebuilt here (review final42a F42a-3, F42a-9; probe60 P60-1, P60-5, P60-9):

* a product the user grouped, ``X @ (W @ v)`` (:mod:`symopt.grouped_products`), is one factor of the chain,
  multiplied first as written (probe60 P60-5), and an adjoint chain (a transposed factor) holding one takes the
  cheapest Gram-free order around it (final43a F43a-1, F43a-7); the rules below order the other chains and each
  group's own;
* **the left fold** by default, as Python reads ``A @ B @ C`` and as main printed every chain: the written order
  of the forward pass's ``(x @ W1) @ W2`` (TF1's order: regrouping a linear two-layer model as ``x @ (W1 @ W2)``
  changed its digits and made NaN of an overflow TF1 avoids: review final42f F42f-1, F42f-2), of the appended
  :math:`(G W_2^\top) W_1^\top`, and of a user's ``(X.T @ Y) @ W``;
* **the formation order** (:func:`formation_order`) where the left fold would multiply a Gram product
  :math:`P^\top P` of a sub-chain :math:`P` (:func:`gram_products`: it squares the data's scale and condition
  number): the leading transposed factors, prepended by adjoint rules, applied right to left around the rest, as
  reverse mode and TF1 build it: :math:`X^\top X W` is ``X.T @ (X @ W)``, :math:`A^\top X^\top X A W` is
  ``A.T @ (X.T @ (X @ A @ W))``;
* **the cheapest Gram-free order** (:func:`cheapest_order`, the matrix-chain programme as
  ``numpy.linalg.multi_dot``, :math:`(a\times b)(b\times c)` costing :math:`abc`, a symbolic size at
  :data:`SYMBOLIC_SIZE`) where the formation order forms one too;
* a chain holding all-ones factors always takes the cheapest Gram-free order: an all-ones matrix
  :math:`\mathbf 1_{r \times c} = \mathbf 1_r \mathbf 1_c^\top` enters as its two all-ones vectors
  (:class:`OnesVector`), a product with a row of ones being a column sum, with a column of ones a row sum or a
  broadcast, so sums come first where cheaper (:math:`\mathbf 1^\top X W = (\mathbf 1^\top X) W`);
* a transposed product :math:`(X W)^\top` enters as :math:`W^\top X^\top`, so :math:`(XW)^\top r` is
  :math:`W^\top (X^\top r)`.

On equal costs the cheapest order is the left fold, as Python reads ``A @ B @ C``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import sympy
from sympy import OneMatrix

from .grouped_products import GroupedName, GroupedProduct

__all__ = ["OnesVector", "ChainOrder", "merged_ones", "chain_factors", "gram_products", "formation_order", "cheapest_order",
           "chain_order", "estimated_size", "SYMBOLIC_SIZE", "ORDERED_FACTORS"]

#: The size a symbolic dimension (the batch size :math:`m`) is costed at: large, so work that grows with the batch
#: is avoided first.
SYMBOLIC_SIZE = 10 ** 6

#: Chains longer than this keep their formation order (the programme's work grows as the cube of the length).
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


def merged_ones(matrices: Sequence) -> tuple:
    r"""``(n, matrices)`` with each neighbouring :math:`\mathbf 1_{r\times k} \mathbf 1_{k\times c}` merged into
    :math:`k\,\mathbf 1_{r\times c}`, ``n`` the product of the ``k`` (a SymPy-built ``MatMul`` keeps them apart)."""
    count, merged = sympy.S.One, []
    for matrix in matrices:
        if merged and isinstance(matrix, OneMatrix) and isinstance(merged[-1], OneMatrix):
            inner = matrix.shape[0]
            count *= inner
            merged[-1] = OneMatrix(merged[-1].shape[0], matrix.shape[1])
        else:
            merged.append(matrix)
    return count, merged


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
    """Whether a factor is a product whose own factors join the chain: coefficient 1, not grouped by the user
    (:class:`~symopt.grouped_products.GroupedProduct`: multiplied first, as written) and no all-ones factor (whose
    ones would meet the chain's: a row of ones times a column of ones is a number, merged when products are built)."""
    if not isinstance(matrix, sympy.MatMul) or isinstance(matrix, GroupedProduct):
        return False
    coefficient, matrices = matrix.as_coeff_matrices()
    return coefficient == 1 and not any(isinstance(factor, OneMatrix) for factor in matrices)


def gram_products(factors: Sequence) -> frozenset:
    r"""Spans ``(first, last)`` of ``factors`` whose halves are :math:`P^\top` and :math:`P` for a sub-chain
    :math:`P` (``factors[first + t] == factors[last - t].T``): multiplying the halves forms a Gram matrix.  None in
    a chain of fewer than three factors (there the Gram product is the whole product)."""
    count = len(factors)
    if count < 3:
        return frozenset()

    def mirrored(i: int, j: int) -> bool:
        left, right = factors[i], factors[j]
        return isinstance(left, sympy.MatrixExpr) and isinstance(right, sympy.MatrixExpr) and left == right.T

    spans = set()
    for centre in range(count - 1):  # grow each span outwards from its middle pair
        first, last = centre, centre + 1
        while first >= 0 and last < count and mirrored(first, last):
            spans.add((first, last))
            first, last = first - 1, last + 1
    return frozenset(spans)


def estimated_size(size) -> float:
    """A dimension as a number: itself where known, with every symbol at :data:`SYMBOLIC_SIZE` otherwise."""
    size = sympy.sympify(size)
    if size.is_Integer:
        return int(size)
    estimate = sympy.sympify(size.xreplace({symbol: sympy.Integer(SYMBOLIC_SIZE) for symbol in size.free_symbols}))
    return float(estimate) if estimate.is_Number else float(SYMBOLIC_SIZE)


def formation_order(factors: Sequence) -> ChainOrder:
    r"""The leading transposed factors applied right to left around the rest, folded left to right:
    :math:`A^\top (X^\top ((X A) W))` for :math:`A^\top X^\top X A W`."""
    count = len(factors)
    leading = 0
    while leading < count - 1 and isinstance(factors[leading], sympy.Transpose):
        leading += 1
    order: ChainOrder = leading
    for index in range(leading + 1, count):
        order = (order, index)
    for index in reversed(range(leading)):
        order = (index, order)
    return order


def order_cost(order: ChainOrder, shapes: Sequence[tuple], grams: frozenset) -> tuple:
    """``(Gram products formed, multiply-adds)`` of a grouping."""
    return _costed(order, shapes, grams)[:2]


def _costed(order: ChainOrder, shapes: Sequence[tuple], grams: frozenset) -> tuple:
    """``(Gram products, multiply-adds, first, last)`` of a grouping."""
    if isinstance(order, int):
        return 0, 0.0, order, order
    left_grams, left_flops, first, split = _costed(order[0], shapes, grams)
    right_grams, right_flops, _, last = _costed(order[1], shapes, grams)
    gram = (first, last) in grams  # the span P^T P computed whole, however it is grouped inside
    flops = left_flops + right_flops + shapes[first][0] * shapes[split][1] * shapes[last][1]
    return left_grams + right_grams + gram, flops, first, last


def cheapest_order(shapes: Sequence[tuple], grams: frozenset = frozenset()) -> ChainOrder:
    r"""The grouping of factors of ``shapes`` (estimated sizes) with the fewest Gram products of ``grams``
    (:func:`gram_products`), then the fewest multiply-adds; among equal costs the left fold."""
    count = len(shapes)
    rows = [shape[0] for shape in shapes]
    cols = [shape[1] for shape in shapes]
    best: dict = {(i, i): ((0, 0.0), i) for i in range(count)}
    for length in range(2, count + 1):
        for first in range(count - length + 1):
            last = first + length - 1
            chosen = None
            for split in range(last - 1, first - 1, -1):  # the left fold's split first: it wins ties
                (left_cost, left), (right_cost, right) = best[(first, split)], best[(split + 1, last)]
                gram = (first, last) in grams
                cost = (left_cost[0] + right_cost[0] + gram,
                        left_cost[1] + right_cost[1] + rows[first] * cols[split] * cols[last])
                if chosen is None or cost < chosen[0]:
                    chosen = (cost, (left, right))
            best[(first, last)] = chosen
    return best[(0, count - 1)][1]


def _grouped(factor) -> bool:
    grouped = (GroupedProduct, GroupedName)
    return isinstance(factor, grouped) or isinstance(factor, sympy.Transpose) and isinstance(factor.arg, grouped)


def chain_order(factors: Sequence) -> ChainOrder:
    r"""The grouping a chain of ``factors`` (from :func:`chain_factors`) is printed in: the left fold unless it forms
    a Gram product, then the formation order unless that forms one too, then the cheapest Gram-free order; a chain
    holding all-ones factors takes the cheapest Gram-free order (its sums first), and so does an adjoint chain (one
    with a transposed factor) holding a product the user grouped (one factor, formed as written): the gradient chains
    reverse mode forms around it, :math:`W^\top X^\top X (Wv)` as ``W.T @ (X.T @ (X @ t))``, not left-folded into
    :math:`m n^2` products whose overflow meets a 0 (final43a F43a-1, F43a-7); the user's own product around a group,
    ``X @ (W.T @ W) @ v``, keeps the left fold Python reads."""
    count = len(factors)
    left_fold: ChainOrder = 0
    for index in range(1, count):
        left_fold = (left_fold, index)
    if count > ORDERED_FACTORS:
        return left_fold
    shapes = [tuple(map(estimated_size, factor.shape)) for factor in factors]
    grams = gram_products(factors)
    if any(isinstance(factor, OnesVector) for factor in factors) or \
            any(map(_grouped, factors)) and any(isinstance(factor, sympy.Transpose) for factor in factors):
        return cheapest_order(shapes, grams)
    for order in (left_fold, formation_order(factors)):
        if order_cost(order, shapes, grams)[0] == 0:
            return order
    return cheapest_order(shapes, grams)
