r"""The adjugate in generated code: Jacobi's formula evaluated where the inverse does not exist.

The gradient of :math:`\det A` is :math:`\det(A)\,A^{-\top} = \operatorname{adj}(A)^\top`.  The derivation keeps the
textbook's left-hand form (:data:`symopt.calculus.ADJOINT_RULES`); the generated code evaluates the right-hand one,
which is a polynomial in the entries of :math:`A` and finite where :math:`A` is singular (``inv`` raises there, and
:math:`0 \cdot \infty` is NaN).  :func:`with_adjugates` rewrites every product
:math:`c \cdot \det(A)^k \cdots (A^{-1})^{(\top)}` (:math:`k \ge 1`) of the program's outputs into
:math:`c \cdot \det(A)^{k-1} \cdots \operatorname{adj}(A)^{(\top)}` before the program is built, so ``log det``'s
gradient :math:`A^{-\top}` (no determinant factor left: infinite at a singular :math:`A`, as it should be) is
printed as before.

:func:`symopt.runtime.adjugate` computes it from the SVD :math:`A = U \Sigma V^\top`:
:math:`\operatorname{adj}(A) = \det(U)\det(V)\; V \operatorname{diag}(\textstyle\prod_{j \ne i} \sigma_j)\, U^\top`.
"""

from __future__ import annotations

from typing import Sequence

import sympy
from sympy import Determinant, Inverse, MatMul, MatPow, MatrixExpr, Transpose

from .traversal import substitute, unique_nodes

__all__ = ["Adjugate", "with_adjugates"]


class Adjugate(MatrixExpr):
    r""":math:`\operatorname{adj}(A)`, the transposed cofactor matrix: :math:`A \operatorname{adj}(A) = \det(A) I`.
    Printed as ``adjugate(A)`` (:func:`symopt.runtime.adjugate`); it appears only in generated code."""

    def __new__(cls, matrix):
        return MatrixExpr.__new__(cls, matrix)

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer) -> str:
        return f"adjugate({printer._print(self.args[0])})"

    _numpycode = _symopt_code  # the name SymPy's NumPyPrinter instances look up (see symopt.reductions)

    def _sympystr(self, printer) -> str:
        return f"adj({printer._print(self.args[0])})"


def _inverted(factor):
    """``(A, transposed)`` when ``factor`` is :math:`A^{-1}` or :math:`(A^{-1})^\\top`; else ``None``."""
    transposed = isinstance(factor, Transpose)
    inner = factor.arg if transposed else factor
    if isinstance(inner, MatPow) and inner.exp == -1:
        return inner.base, transposed
    if isinstance(inner, Inverse):
        return inner.arg, transposed
    return None


def _rewritten(product: MatMul):
    """``product`` with one inverse :math:`A^{-1}` whose scalar coefficient holds :math:`\\det(A)` as a factor
    turned into :math:`\\operatorname{adj}(A)` (the coefficient divided by :math:`\\det A`); ``None`` if none."""
    coefficient = sympy.Mul(*(a for a in product.args if not getattr(a, "is_Matrix", False)))
    factors = sympy.Mul.make_args(coefficient)
    for index, factor in enumerate(product.args):
        found = _inverted(factor)
        if found is None:
            continue
        matrix, transposed = found
        determinant = Determinant(matrix)
        if not any(f == determinant or (isinstance(f, sympy.Pow) and f.base == determinant and f.exp.is_Integer
                                        and f.exp > 0) for f in factors):
            continue
        adjugate = Transpose(Adjugate(matrix)) if transposed else Adjugate(matrix)
        matrices = [adjugate if i == index else a for i, a in enumerate(product.args) if getattr(a, "is_Matrix", False)]
        rest = coefficient / determinant
        if rest == 1:
            return MatMul(*matrices) if len(matrices) > 1 else matrices[0]
        return MatMul(rest, *matrices)
    return None


def with_adjugates(outputs: Sequence[sympy.Basic]) -> list:
    """``outputs`` with :math:`\\det(A)^k \\cdots A^{-1}` products evaluated through the adjugate (see the module);
    the same objects when no output takes a determinant (one walk over the shared DAG)."""
    nodes = unique_nodes(outputs)
    if not any(isinstance(node, Determinant) for node in nodes):
        return list(outputs)
    mapping = {}
    for node in nodes:
        if isinstance(node, MatMul):
            new = _rewritten(node)
            if new is not None:
                mapping[node] = new
    return substitute(list(outputs), mapping)
