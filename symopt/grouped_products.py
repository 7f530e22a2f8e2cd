r"""A product the user grouped: the right operand of ``@`` that is itself a product, ``X @ (W @ v)``.

SymPy flattens products, so ``X @ (W @ v)`` and ``(X @ W) @ v`` were one chain, printed by the chain policy of
:mod:`symopt.matrix_chains` as ``X @ W @ v``: the :math:`m \times n` by :math:`n \times n` product the user avoided,
and NaN where ``X @ W`` overflows and ``W @ v`` does not (probe60 P60-5).  A right operand that is a product can only
have been parenthesized (or computed first, as TF1's ``tf.matmul(x, tf.matmul(W, v))``), so it joins the chain as
one :class:`GroupedProduct` factor, multiplied first as NumPy, JAX, TF1 and PyTorch do.  A left operand needs no
mark: ``(X @ W) @ v`` is the left fold Python reads.  The products symopt forms itself (gradients, adjoints) stay
flat and keep the chain policy.
"""

from __future__ import annotations

import sympy
from sympy import MatMul, MatrixSymbol

__all__ = ["GroupedProduct", "GroupedName", "grouped_operand", "temporary"]


class GroupedProduct(MatMul):
    r"""A matrix product kept as one factor of the chain it joins: :math:`X (W v)` multiplies :math:`W v` first.
    Everything else (shape, derivative, entries) is :class:`~sympy.MatMul`'s; ``doit`` (which SymPy's sums call)
    keeps the group (SymPy's ``flatten`` opens only products of its own class)."""

    def doit(self, **hints):
        done = MatMul(*self.args).doit(**hints)
        coefficient, grouped = grouped_operand(done)
        return grouped if coefficient == 1 else MatMul(coefficient, grouped)


def grouped_operand(operand):
    r"""``(coefficient, operand)`` for the right operand of ``@``: a product of two or more matrices as a
    :class:`GroupedProduct` (its number in front, :math:`X (2 W v) = 2 X (W v)`), and so is a transposed one,
    :math:`(W v)^\top` as :math:`v^\top W^\top`; anything else as it is."""
    if isinstance(operand, GroupedProduct):
        return sympy.S.One, operand
    coefficient, matrices = operand.as_coeff_matrices() if isinstance(operand, MatMul) else (sympy.S.One, [operand])
    if len(matrices) == 1 and isinstance(matrices[0], sympy.Transpose) and isinstance(matrices[0].arg, MatMul):
        inner, factors = matrices[0].arg.as_coeff_matrices()  # (W v)^T, TF1's transpose_b: v^T W^T (final43a F43a-2)
        coefficient, matrices = coefficient * inner, [factor.T for factor in reversed(factors)]
    if len(matrices) < 2:
        return sympy.S.One, operand
    return coefficient, sympy.Basic.__new__(GroupedProduct, *matrices)


class GroupedName(MatrixSymbol):
    """The temporary a program names a :class:`GroupedProduct` by (``t1 = W @ v``, shared by the cost and its
    gradient): printed as any name, and still known as a group to :func:`symopt.matrix_chains.chain_order`, which
    orders the chains around it (final43a F43a-1, F43a-7)."""


def temporary(node, name: str, rebuilt, matrix: bool = True):
    """The temporary called ``name`` that stands for ``node`` (``rebuilt`` of temporaries): a real symbol for a
    number, a :class:`GroupedName` for a group, a :class:`~sympy.MatrixSymbol` for any other matrix."""
    if not matrix:
        return sympy.Symbol(name, real=True)
    return (GroupedName if isinstance(node, GroupedProduct) else MatrixSymbol)(name, *rebuilt.shape)
