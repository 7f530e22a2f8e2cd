r"""How array printers print a matrix chain :math:`A_1 A_2 \cdots A_n`: grouped as
:func:`symopt.matrix_chains.chain_order` picks, a product right of ``@`` in parentheses (``X.T @ (X @ W)``; one on
the left needs none, ``@`` being left-associative: ``X @ W1 @ W2``), all-ones
factors as sums and broadcasts (:math:`\mathbf 1^\top A` → ``A.sum(axis=0, keepdims=True)``, no :math:`m \times m`
temporary).  :class:`ChainPrinting` is a mixin of :class:`symopt.matrix_printing.MatrixPrinting`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import sympy
from sympy import OneMatrix
from sympy.printing.precedence import PRECEDENCE

from .errors import UnsupportedOperationError
from .matrix_chains import OnesVector, chain_factors, chain_order
from .symbols import BATCH

__all__ = ["ChainPrinting", "TRANSPOSED_PRODUCT_ENTRIES", "is_one_operand", "CALLEE"]

#: Entries of :math:`A^T \Delta` (n × k, both known) from which a product over the batch's rows is printed
#: ``transposed_matmul(A, D)`` (:func:`symopt.runtime.transposed_matmul`); smaller ones stay ``A.T @ D``.
TRANSPOSED_PRODUCT_ENTRIES = 1 << 14


def _over_the_batch(left, right_shape: tuple) -> bool:
    r"""``left`` is :math:`A^\top` and the right factor :math:`\Delta` (of ``right_shape``), both of the batch's rows,
    with at least :data:`TRANSPOSED_PRODUCT_ENTRIES` entries in the product (a weight's gradient :math:`A^T \Delta`)."""
    if not isinstance(left, sympy.Transpose):
        return False
    a = left.arg
    n, k = sympy.sympify(a.shape[1]), sympy.sympify(right_shape[1])  # an explicit matrix's sizes are ints
    return a.shape[0] == BATCH and right_shape[0] == BATCH and n.is_Integer and k.is_Integer and \
        n * k >= TRANSPOSED_PRODUCT_ENTRIES


class _Printed(NamedTuple):
    """A printed part of a matrix chain: its text and shape, the text under a final ``broadcast_to`` (``bare``), the
    factor where it is one (a leaf), and whether its text is a product ``A @ B`` (parenthesized as an operand)."""

    text: str
    shape: tuple
    bare: str | None = None
    factor: object = None
    is_product: bool = False

    def operand(self) -> str:
        return f"({self.text})" if self.is_product else self.text


class ChainPrinting:
    """The printing of matrix chains (mixed into a SymPy code printer, through MatrixPrinting)."""

    #: True where a large product over the batch's rows, :math:`A^T \Delta`, is printed ``transposed_matmul(A, D)``,
    #: which picks the faster of two ways to hand it to the BLAS with the same bits (NumPy); False elsewhere.
    chooses_product_layouts = False

    def _fold_product(self, matrices: list) -> tuple[str, tuple]:
        text, shape, _ = self._fold(matrices)
        return text, shape

    def _fold(self, matrices: list) -> tuple[str, tuple, str | None]:
        r"""Print the chain ``A @ B @ ...`` grouped as :func:`symopt.matrix_chains.chain_order` picks, a right
        operand that is a product in parentheses (``X.T @ (X @ W)``, never the Gram matrix ``X.T @ X @ W``); all-ones
        factors become sums and broadcasts (neighbouring all-ones matrices merged first:
        :func:`symopt.matrix_chains.merged_ones`).

        Returns the text, the shape, and the text before a final ``broadcast_to`` (or None).
        """
        if len(matrices) == 1:  # a scaled matrix, 3*A
            alone = matrices[0]
            return self._print(alone) if isinstance(alone, OneMatrix) else \
                self.parenthesize(alone, PRECEDENCE["Mul"] + 1), alone.shape, None
        factors = chain_factors(matrices, self.substitutions)
        if all(isinstance(factor, OnesVector) for factor in factors):
            raise UnsupportedOperationError("product of all-ones matrices should have been merged")
        printed = self._grouped(factors, chain_order(factors))
        return printed.text, printed.shape, printed.bare

    def _grouped(self, factors: list, order) -> "_Printed":
        """The product of ``factors`` grouped by ``order`` (an index, or a pair of groupings)."""
        if isinstance(order, int):
            factor = factors[order]
            text = "" if isinstance(factor, OnesVector) else self.parenthesize(factor, PRECEDENCE["Mul"] + 1)
            return _Printed(text, factor.shape, factor=factor)
        left, right = (self._grouped(factors, part) for part in order)
        shape = (left.shape[0], right.shape[1])
        if isinstance(left.factor, OnesVector) and isinstance(right.factor, OnesVector):
            if left.factor.is_row:  # a row of ones times a column of ones is a number: merged before printing
                raise UnsupportedOperationError("product of all-ones matrices should have been merged")
            return _Printed(self._print(OneMatrix(*shape)), shape)  # a column of ones times a row of ones
        if isinstance(left.factor, OnesVector):  # a row of ones sums columns; a column of ones broadcasts a row
            return self._summed(right, 0, shape) if left.factor.is_row else self._broadcasted(right, shape)
        if isinstance(right.factor, OnesVector):
            return self._broadcasted(left, shape) if right.factor.is_row else self._summed(left, 1, shape)
        if self.chooses_product_layouts and _over_the_batch(left.factor, right.shape):
            return _Printed(f"transposed_matmul({self._print(left.factor.arg)}, {right.text})", shape)
        return _Printed(f"{left.text} @ {right.operand()}", shape, is_product=True)

    def _summed(self, printed: "_Printed", axis: int, shape: tuple) -> "_Printed":
        """``A.sum(axis=axis, keepdims=True)`` (``A`` itself where that axis has one entry)."""
        if printed.shape[axis] == 1:
            return _Printed(printed.text, shape, is_product=printed.is_product)
        atom = self.parenthesize(printed.factor, PRECEDENCE["Atom"], strict=True) if printed.factor is not None \
            else self.parenthesize_text(printed.text)
        return _Printed(f"{atom}.sum(axis={axis}, keepdims=True)", shape)

    def _broadcasted(self, printed: "_Printed", shape: tuple) -> "_Printed":
        return _Printed(self._broadcast(printed.text, *shape), shape, bare=printed.text)

    def parenthesize_text(self, text: str) -> str:
        """Parentheses unless ``text`` is one operand (:func:`is_one_operand`) other than a number (``(2.0).sum()``)."""
        return text if is_one_operand(text) and not re.match(r"[\d.]", text) else f"({text})"

    def _broadcast(self, text: str, rows, cols) -> str:
        return f"{self.matrix_module}.broadcast_to({text}, ({self._print(rows)}, {self._print(cols)}))"


#: The callee of a call printed as one operand (``numpy.exp(entry)``).
CALLEE = r"[A-Za-z_][\w.]*"


def is_one_operand(text: str) -> bool:
    """Whether printed ``text`` is one operand: a name or number, or a call / parenthesis whose first ``(`` closes
    at its end (a function printed as an expression, ``coth(q)`` as ``1/numpy.tanh(q)``, is not: probe33 P33-9's
    printing made ``(1/numpy.tanh(q)).sum()`` read ``1/numpy.tanh(q).sum()``)."""
    if re.fullmatch(r"[\w.]+", text):
        return True
    head = re.match(CALLEE + r"\(|\(", text)
    if head is None:
        return False
    depth = 0
    for position in range(head.end() - 1, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return position == len(text) - 1
    return False
